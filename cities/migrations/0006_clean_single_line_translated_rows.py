"""Fold line breaks and control characters in the English and French columns of the one-line texts (issues 13
and 15): the columns came with the translated texts, beside the single-line rule; rows copied into them before
the rule was checked may keep a break. The same folding as 0003_clean_single_line_rows."""

import re

from django.db import IntegrityError, migrations, transaction

BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")
DIRTY = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
FIELDS = {'City': ['country_en', 'country_fr', 'languages_en', 'languages_fr', 'region_en', 'region_fr'], 'Initiative': ['acronym_en', 'acronym_fr', 'name_en', 'name_fr', 'summary_en', 'summary_fr'], 'Organisation': ['acronym_en', 'acronym_fr', 'name_en', 'name_fr'], 'Theme': ['name_en', 'name_fr']}


def clean_rows(apps, schema_editor):
    for model_name, names in FIELDS.items():
        model = apps.get_model("cities", model_name)
        for row in model.objects.only("pk", *names).iterator():
            changed = [name for name in names if DIRTY.search(getattr(row, name) or "")]
            if not changed:
                continue
            for name in changed:
                setattr(row, name, BREAKS.sub(" ", getattr(row, name)).strip())
            try:
                with transaction.atomic():
                    row.save(update_fields=changed)
            except IntegrityError:
                pass


class Migration(migrations.Migration):
    dependencies = [("cities", "0005_single_line_translated_fields")]

    operations = [migrations.RunPython(clean_rows, migrations.RunPython.noop)]
