from django.urls import path

from cities.views import coordinators, create, initiatives, organisations, profiles

app_name = "cities"

urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    # Before the city pages' cities/<slug>/: "new" is reserved and refused as a slug.
    path("cities/new/", create.city_create, name="city_create"),
    path("cities/<slug:slug>/edit/", profiles.city_edit, name="city_edit"),
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/new/", initiatives.initiative_create, name="initiative_create"),
    path("initiatives/<slug:slug>/edit/", initiatives.initiative_edit, name="initiative_edit"),
    path("coordinators/", coordinators.coordinator_list, name="coordinator_list"),
    path("coordinators/<int:pk>/remove/", coordinators.coordinator_remove, name="coordinator_remove"),
]
