# Delegations and memberships moved from participants to exchanges (issue 12). Their tables keep
# the old names in the squashed 0001 (existing databases have them); here they take exchanges' names.
# A rename keeps every row, and foreign keys follow it (PostgreSQL and SQLite ≥ 3.26 alike).
from django.db import migrations

from core.content_types import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('exchanges', '0001_squashed_0004_exchange_date_indexes'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='delegation',
            table=None,
        ),
        migrations.AlterModelTable(
            name='membership',
            table=None,
        ),
        move_content_types('participants', 'exchanges', ['delegation', 'membership']),
    ]
