from django.urls import path

from exchanges.views import dashboard, next_steps, public

app_name = "exchanges"

urlpatterns = [
    path("exchanges/<slug:slug>/", public.exchange_detail, name="detail"),
    path("exchanges/<slug:slug>/next-steps/", next_steps.next_steps, name="next_steps"),
    path("exchanges/<slug:slug>/next-steps/new/", next_steps.next_step_create, name="next_step_create"),
    path("exchanges/<slug:slug>/next-steps/<int:pk>/", next_steps.next_step_detail, name="next_step_detail"),
    path("exchanges/<slug:slug>/next-steps/<int:pk>/edit/", next_steps.next_step_edit, name="next_step_edit"),
    path("exchanges/<slug:slug>/next-steps/<int:pk>/update/", next_steps.next_step_update, name="next_step_update"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
