"""PostgreSQL only: a GIN index per searched table on the document search.text.document() builds.

The fields are frozen here on purpose; they must equal each provider's ``fields``
in search/providers.py (tests/test_search.py checks that PostgreSQL uses the indexes).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIGS = ("portal_en", "portal_fr")
INDEXES = {
    "search_city_fts": ("cities", "City", ("name", "country", "region", "languages", "profile")),
    "search_initiative_fts": ("cities", "Initiative", ("name", "acronym", "summary", "description")),
    "search_organisation_fts": ("cities", "Organisation", ("name", "acronym", "description")),
    "search_person_fts": ("participants", "Person", ("name", "job_title", "email")),
    "search_exchange_fts": ("exchanges", "Exchange", ("title", "description")),
}


def _index(name, fields):
    english, french = (SearchVector(*fields, config=config) for config in CONFIGS)
    return GinIndex(english + french, name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (app_label, model_name, fields) in INDEXES.items():
        schema_editor.add_index(apps.get_model(app_label, model_name), _index(name, fields))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (app_label, model_name, fields) in INDEXES.items():
        schema_editor.remove_index(apps.get_model(app_label, model_name), _index(name, fields))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_unaccent_text_search_configurations"),
        ("cities", "0001_initial"),
        ("participants", "0001_squashed_0001_people"),
        ("exchanges", "0001_squashed_0004_exchange_date_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
