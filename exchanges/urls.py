from django.urls import path

from exchanges.views import public

app_name = "exchanges"

urlpatterns = [
    path("exchanges/<slug:slug>/", public.exchange_detail, name="detail"),
]
