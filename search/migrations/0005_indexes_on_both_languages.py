"""PostgreSQL only: the GIN indexes of 0002 rebuilt on the English and French columns, and one for sessions.

Texts are stored per language (``title_en``, ``title_fr``): each language's columns are parsed with its own
configuration and untranslated fields (names, e-mail addresses) with both, as search.text.document() does.
The fields are frozen here on purpose; they must equal each provider's ``fields`` in search/providers.py
(tests/test_search.py checks that PostgreSQL uses the indexes).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

LANGUAGE_CONFIGS = {"en": "portal_en", "fr": "portal_fr"}
OLD = {
    "search_city_fts": ("cities", "City", ("name", "country", "region", "languages", "profile")),
    "search_initiative_fts": ("cities", "Initiative", ("name", "acronym", "summary", "description")),
    "search_organisation_fts": ("cities", "Organisation", ("name", "acronym", "description")),
    "search_person_fts": ("participants", "Person", ("name", "job_title", "email")),
    "search_exchange_fts": ("exchanges", "Exchange", ("title", "description")),
}


def _both(*names):
    return tuple(f"{name}_{language}" for name in names for language in LANGUAGE_CONFIGS)


NEW = {
    "search_city_fts": ("cities", "City", ("name", *_both("country", "region", "languages", "profile"))),
    "search_initiative_fts": ("cities", "Initiative", _both("name", "acronym", "summary", "description")),
    "search_organisation_fts": ("cities", "Organisation", _both("name", "acronym", "description")),
    "search_person_fts": ("participants", "Person", ("name", *_both("job_title"), "email")),
    "search_exchange_fts": ("exchanges", "Exchange", _both("title", "description")),
    "search_session_fts": ("exchanges", "Session", _both("title", "description", "notes")),
}


def _language(field):
    suffix = field.rsplit("_", 1)[-1] if "_" in field else ""
    return suffix if suffix in LANGUAGE_CONFIGS else None


def _old_index(name, fields):
    english, french = (SearchVector(*fields, config=config) for config in LANGUAGE_CONFIGS.values())
    return GinIndex(english + french, name=name)


def _new_index(name, fields):
    vectors = [
        SearchVector(*[field for field in fields if _language(field) in (language, None)], config=config)
        for language, config in LANGUAGE_CONFIGS.items()
    ]
    return GinIndex(vectors[0] + vectors[1], name=name)


def _swap(apps, schema_editor, remove, add):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (app_label, model_name, fields) in remove[0].items():
        schema_editor.remove_index(apps.get_model(app_label, model_name), remove[1](name, fields))
    for name, (app_label, model_name, fields) in add[0].items():
        schema_editor.add_index(apps.get_model(app_label, model_name), add[1](name, fields))


def forwards(apps, schema_editor):
    _swap(apps, schema_editor, (OLD, _old_index), (NEW, _new_index))


def backwards(apps, schema_editor):
    _swap(apps, schema_editor, (NEW, _new_index), (OLD, _old_index))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_release_index"),
        ("cities", "0003_translated_texts_in_english"),
        ("participants", "0004_translated_texts_in_english"),
        ("exchanges", "0008_translated_texts_in_english"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
