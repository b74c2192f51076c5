from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from core.i18n import set_language
from core.views import healthz, ping
from exchanges.views.public import home

# The admin logs in through allauth, so staff pass the same rate limits and TOTP step.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", home, name="home"),
    path("", include("exchanges.urls")),
    path("", include("participants.urls")),
    path("", include("cities.urls")),
    path("", include("overview.urls")),
    path("", include("audit.urls")),
    path("", include("search.urls")),
    path("", include("reports.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("ping/", ping, name="ping"),
]
