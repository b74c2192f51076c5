"""PostgreSQL only: the unaccent extension and the portal_en / portal_fr text search configurations.

Each configuration is the language's stock one with ``unaccent`` run before the
stemmer on words with non-ASCII letters (ASCII words need no unaccenting), so
"Montréal" and "Montreal" give the same lexeme. Nothing happens on SQLite.
"""

from django.db import migrations

CONFIGURATIONS = {"portal_en": ("english", "english_stem"), "portal_fr": ("french", "french_stem")}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (base, stemmer) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
    # The unaccent extension stays: other databases objects may use it.


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.RunPython(create, drop, elidable=False)]
