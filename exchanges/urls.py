from django.urls import path

from exchanges.views import agenda, feeds, public

app_name = "exchanges"

urlpatterns = [
    path("exchanges/<slug:slug>/", public.exchange_detail, name="detail"),
    # Agendas and calendar feeds (issue 4).
    path("exchanges/<slug:slug>/agenda/", agenda.exchange_agenda, name="agenda"),
    path("exchanges/<slug:slug>/agenda.ics", feeds.exchange_feed, name="agenda_ics"),
    path("my/agenda/", agenda.my_agenda, name="my_agenda"),
    path("my/agenda/feed/regenerate/", agenda.feed_regenerate, name="feed_regenerate"),
    path("my/settings/", agenda.my_settings, name="my_settings"),
    path("feeds/<str:token>.ics", feeds.personal_feed, name="personal_feed"),
]
