from django.urls import path

from overview.views import people

app_name = "overview"

urlpatterns = [
    path("people/<int:pk>/anonymise/", people.person_anonymise, name="person_anonymise"),
    path("my/data/", people.my_data, name="my_data"),
    path("my/data.json", people.my_data_download, name="my_data_download"),
]
