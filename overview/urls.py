from django.urls import path

from overview.views import cities, people

app_name = "overview"

urlpatterns = [
    path("people/<int:pk>/anonymise/", people.person_anonymise, name="person_anonymise"),
    path("my/data/", people.my_data, name="my_data"),
    path("my/data.json", people.my_data_download, name="my_data_download"),
]

# Mounted in the ``cities`` namespace by exchange_portal/urls.py: the names predate the move.
city_pages = [
    path("cities/", cities.city_list, name="city_list"),
    path("cities/<slug:slug>/", cities.city_detail, name="city_detail"),
    path("initiatives/<slug:slug>/", cities.initiative_detail, name="initiative_detail"),
]
