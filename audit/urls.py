from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("exchanges/<slug:slug>/history/", views.exchange_history, name="exchange_history"),
    path("exchanges/<slug:slug>/sessions/<int:pk>/history/", views.session_history, name="session_history"),
    path("exchanges/<slug:slug>/delegations/<int:pk>/history/", views.delegation_history, name="delegation_history"),
    path("people/<int:pk>/history/", views.person_history, name="person_history"),
]
