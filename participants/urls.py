from django.urls import path

from participants.views import invitations, people

app_name = "participants"

urlpatterns = [
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/invite/", invitations.person_invite, name="person_invite"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
