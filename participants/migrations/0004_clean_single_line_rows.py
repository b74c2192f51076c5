"""Fold line breaks and control characters in people's names, honorifics, job titles and languages stored before the single-line rule (issue 15).

Each run of line breaks, control characters and spaces becomes one space, the ends are trimmed (as
core.text.one_line does; written out here so that this migration never changes with that module).
A row whose cleaned value would collide with a unique one is left as it is: the writers of feeds and
e-mails fold values themselves. Nothing to undo: the reverse keeps the cleaned values.
"""

import re

from django.db import IntegrityError, migrations, transaction

BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")
DIRTY = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
FIELDS = {'Person': ['name', 'honorific', 'job_title', 'languages']}


def clean_rows(apps, schema_editor):
    for model_name, names in FIELDS.items():
        model = apps.get_model("participants", model_name)
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
    dependencies = [("participants", "0003_single_line_fields")]

    operations = [migrations.RunPython(clean_rows, migrations.RunPython.noop)]
