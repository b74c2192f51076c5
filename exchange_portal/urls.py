from django.contrib import admin
from django.urls import include, path

from core.views import healthz
from exchanges.views.public import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("exchanges.urls")),
    path("", include("participants.urls")),
    path("", include("cities.urls")),
    path("", include("reports.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
