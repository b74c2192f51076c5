from django.urls import path

from accounts import views, views_coordinators

app_name = "accounts"

urlpatterns = [
    path("people/<int:pk>/invite/", views.person_invite, name="person_invite"),
    path("people/<int:pk>/anonymise/", views.person_anonymise, name="person_anonymise"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("my/data/", views.my_data, name="my_data"),
    path("my/data.json", views.my_data_download, name="my_data_download"),
    path("coordinators/", views_coordinators.coordinator_list, name="coordinator_list"),
    path("coordinators/<int:pk>/remove/", views_coordinators.coordinator_remove, name="coordinator_remove"),
]
