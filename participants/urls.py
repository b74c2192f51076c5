from django.urls import path

from participants.views import invitations, people

app_name = "participants"

# The directory's reading pages (person_list, person_detail, person_edit) are in overview.urls.people_pages,
# mounted in this namespace by exchange_portal/urls.py.
urlpatterns = [
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/invite/", invitations.person_invite, name="person_invite"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
