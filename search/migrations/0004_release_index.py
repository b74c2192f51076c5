"""PostgreSQL only: the GIN index for the reports provider, which now searches releases (readers read releases,
never drafts). Fields frozen here, as in 0002 and 0003; the draft reports' index of 0003 stays unused."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIGS = ("portal_en", "portal_fr")
NAME = "search_release_fts"
FIELDS = ("introduction", "aims", "summary", "next_steps")


def _index():
    english, french = (SearchVector(*FIELDS, config=config) for config in CONFIGS)
    return GinIndex(english + french, name=NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("reports", "ReportRelease"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("reports", "ReportRelease"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_published_report_index"),
        ("reports", "0005_report_releases_and_sign_off"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
