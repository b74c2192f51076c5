from django.urls import path

from overview.views import cities, directory, partnerships, people

app_name = "overview"

urlpatterns = [
    path("people/<int:pk>/anonymise/", people.person_anonymise, name="person_anonymise"),
    path("my/data/", people.my_data, name="my_data"),
    path("my/data.json", people.my_data_download, name="my_data_download"),
    path("partnerships/", partnerships.partnership_index, name="partnership_list"),
    path("partnerships/<slug:slug>/", partnerships.partnership_detail, name="partnership_detail"),
    path("partnerships/<slug:slug>/publication/", partnerships.partnership_publication, name="partnership_publication"),
]

# Mounted in the ``cities`` namespace by exchange_portal/urls.py: the names predate the move.
city_pages = [
    path("cities/", cities.city_list, name="city_list"),
    path("cities/<slug:slug>/", cities.city_detail, name="city_detail"),
    path("initiatives/<slug:slug>/", cities.initiative_detail, name="initiative_detail"),
]

# Mounted in the ``participants`` namespace by exchange_portal/urls.py: the directory's pages read exchanges.
people_pages = [
    path("people/", directory.person_list, name="person_list"),
    path("people/<int:pk>/", directory.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", directory.person_edit, name="person_edit"),
]
