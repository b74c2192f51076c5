from django.urls import path

from exchanges.views import (
    agenda,
    builder,
    delegations,
    feeds,
    manage,
    objectives,
    pickers,
    programmes,
    public,
    venues,
)

app_name = "exchanges"

urlpatterns = [
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme_detail"),
    path("programmes/<slug:slug>/edit/", programmes.programme_edit, name="programme_edit"),
    # Before exchanges/<slug>/: "new" is reserved and refused as a slug.
    path("exchanges/new/", manage.exchange_create, name="exchange_create"),
    path("exchanges/<slug:slug>/", public.exchange_detail, name="detail"),
    path("exchanges/<slug:slug>/edit/", manage.exchange_edit, name="exchange_edit"),
    path("exchanges/<slug:slug>/status/", manage.status_change, name="status_change"),
    path("exchanges/<slug:slug>/builder/", builder.builder, name="builder"),
    path("exchanges/<slug:slug>/checks/", builder.checks, name="checks"),
    path("exchanges/<slug:slug>/sessions/new/", builder.session_add, name="session_add"),
    path("exchanges/<slug:slug>/sessions/<int:pk>/edit/", builder.session_edit, name="session_edit"),
    path("exchanges/<slug:slug>/sessions/<int:pk>/duplicate/", builder.session_duplicate, name="session_duplicate"),
    path("exchanges/<slug:slug>/sessions/<int:pk>/delete/", builder.session_delete, name="session_delete"),
    path("exchanges/<slug:slug>/objectives/", objectives.objective_list, name="objective_list"),
    path("exchanges/<slug:slug>/objectives/<int:pk>/edit/", objectives.objective_edit, name="objective_edit"),
    path("exchanges/<slug:slug>/objectives/<int:pk>/move/", objectives.objective_move, name="objective_move"),
    path("exchanges/<slug:slug>/objectives/<int:pk>/delete/", objectives.objective_delete, name="objective_delete"),
    path("exchanges/<slug:slug>/delegations/", delegations.delegation_list, name="delegation_list"),
    path("exchanges/<slug:slug>/delegations/new/", delegations.delegation_add, name="delegation_add"),
    path("exchanges/<slug:slug>/delegations/<int:pk>/", delegations.delegation_detail, name="delegation_detail"),
    path("exchanges/<slug:slug>/delegations/<int:pk>/members/new/", delegations.member_add, name="member_add"),
    path(
        "exchanges/<slug:slug>/delegations/<int:pk>/members/<int:membership_pk>/remove/",
        delegations.member_remove,
        name="member_remove",
    ),
    path("venues/", venues.venue_list, name="venue_list"),
    path("venues/new/", venues.venue_create, name="venue_create"),
    path("venues/<int:pk>/edit/", venues.venue_edit, name="venue_edit"),
    path("pickers/people/", pickers.person_options, name="person_options"),
    path("pickers/organisations/", pickers.organisation_options, name="organisation_options"),
    # Agendas and calendar feeds (issue 4).
    path("exchanges/<slug:slug>/agenda/", agenda.exchange_agenda, name="agenda"),
    path("exchanges/<slug:slug>/agenda.ics", feeds.exchange_feed, name="agenda_ics"),
    path("my/agenda/", agenda.my_agenda, name="my_agenda"),
    path("my/agenda/feed/regenerate/", agenda.feed_regenerate, name="feed_regenerate"),
    path("my/settings/", agenda.my_settings, name="my_settings"),
    path("feeds/<str:token>.ics", feeds.personal_feed, name="personal_feed"),
]
