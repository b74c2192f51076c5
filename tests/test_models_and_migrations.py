"""The models and the migrations describe the same schema.

On SQLite the test databases are made from the models (conftest.py), so the suite runs on the migrations'
schema only while this holds; it is also what every change must keep (`makemigrations --check`)."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_need_no_new_migration():
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit:
        pytest.fail("the models differ from the migrations: run makemigrations")
