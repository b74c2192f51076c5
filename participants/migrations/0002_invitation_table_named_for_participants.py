# Invitations moved from accounts to participants (issue 12): the squashed 0001 holds the table under
# its old name (existing databases have it); here it takes participants' name, keeping every row.
from django.db import migrations

from core.content_types import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('participants', '0001_squashed_0001_people'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='invitation',
            table=None,
        ),
        move_content_types('accounts', 'participants', ['invitation']),
    ]
