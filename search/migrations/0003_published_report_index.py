"""PostgreSQL only: the GIN index for the published-reports provider (fields frozen here, as in 0002)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIGS = ("portal_en", "portal_fr")
NAME = "search_report_fts"
FIELDS = ("introduction", "aims", "summary", "next_steps")


def _index():
    english, french = (SearchVector(*FIELDS, config=config) for config in CONFIGS)
    return GinIndex(english + french, name=NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("reports", "Report"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("reports", "Report"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_indexes"),
        ("reports", "0001_summary_reports_versions_and_render_jobs"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
