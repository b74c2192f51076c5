# Data migration: its own transaction, apart from the ALTER TABLEs (PostgreSQL refuses to alter a table
# with pending trigger events from updates made in the same transaction).

from django.db import migrations
from django.db.models import F

# Existing texts were written in English: copy each into its _en column (the _fr columns stay empty).
TRANSLATED = {'programme': ['name', 'description'], 'exchange': ['title', 'description', 'outcome'], 'objective': ['lead', 'detail'], 'venue': ['description'], 'session': ['title', 'description', 'notes'], 'nextstep': ['text'], 'nextstepupdate': ['text']}


def copy_to_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("exchanges", model_name)
        model._base_manager.update(**{f"{field}_en": F(field) for field in fields})


def copy_back(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("exchanges", model_name)
        # Only where an English text exists: the base columns are NOT NULL.
        for field in fields:
            model._base_manager.exclude(**{f"{field}_en": None}).update(**{field: F(f"{field}_en")})



class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0006_translated_texts"),
    ]

    operations = [
        migrations.RunPython(copy_to_english, copy_back),
    ]
