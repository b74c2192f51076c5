"""The API (namespace ``api``, django-ninja's routes) and the open-data pages (namespace ``open_data``):
the API's documentation and tokens, and an exchange's exports."""

from django.urls import path, register_converter

from api.v1 import api
from api.views import docs, exports, tokens


class ExportFormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormatConverter, "export_format")

app_name = "open_data"

urlpatterns = [
    path("api/v1/docs/", docs.docs, name="docs"),
    path("api/tokens/", tokens.token_list, name="token_list"),
    path("api/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("exchanges/<slug:slug>/export/people.<export_format:fmt>", exports.people_export, name="people_export"),
    path("exchanges/<slug:slug>/export/agenda.<export_format:fmt>", exports.agenda_export, name="agenda_export"),
    path(
        "exchanges/<slug:slug>/export/next-steps.<export_format:fmt>",
        exports.next_steps_export,
        name="next_steps_export",
    ),
    path("exchanges/<slug:slug>/sessions/<int:pk>.ics", exports.session_ics, name="session_ics"),
]

api_urls = api.urls
