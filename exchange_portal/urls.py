from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from cities import urls as cities_urls
from core.i18n import set_language
from core.views import ping
from exchange_portal.health import healthz
from exchanges.views.public import home
from overview import urls as overview_urls
from participants import urls as participants_urls

# The admin logs in through allauth, so staff pass the same rate limits and TOTP step.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", home, name="home"),
    path("", include("exchanges.urls")),
    # The participants namespace: its own pages, then the directory's pages, which read exchanges (overview).
    path("", include((participants_urls.urlpatterns + overview_urls.people_pages, "participants"))),
    # The cities namespace: cities' own pages, then the profile pages that also list exchanges
    # (overview, above exchanges). Cities' patterns come first: "initiatives/new/" is not a slug.
    path("", include((cities_urls.urlpatterns + overview_urls.city_pages, "cities"))),
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
