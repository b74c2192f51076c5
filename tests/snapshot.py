"""Every row of every table, read with one cursor: the fuzzing and the permission matrix compare the database
before and after a request that should have changed nothing.

Plain SQL, not ``Model.objects.values()``: a snapshot is taken around each of thousands of requests, and the
ORM spent most of that time compiling queries for tables of a few rows. Raw rows are also free of the active
language (a translated field's ``values()`` follow it) and include the many-to-many tables, which
``apps.get_models()`` leaves out.
"""

from django.apps import apps
from django.db import connection

# Tables whose rows change when someone merely logs in or browses: the login sessions themselves.
SKIPPED_TABLES = frozenset({"django_session"})


def _queries(ignore: dict[str, set[str]]) -> list[tuple[str, str]]:
    quote = connection.ops.quote_name
    queries, seen = [], set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen or meta.db_table in SKIPPED_TABLES:
            continue
        seen.add(meta.db_table)
        columns = [
            field.column for field in meta.local_concrete_fields if field.column not in ignore.get(meta.db_table, ())
        ]
        names = ", ".join(quote(column) for column in columns)
        sql = f"SELECT {names} FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}"  # noqa: S608 - quoted names
        queries.append((meta.db_table, sql))
    return queries


def database_rows(*, ignore: dict[str, set[str]] | None = None) -> dict[str, list[tuple]]:
    """Each table's rows in primary-key order; ``ignore`` names columns to leave out, by table."""
    rows = {}
    with connection.cursor() as cursor:
        for table, sql in _queries(ignore or {}):
            cursor.execute(sql)
            rows[table] = cursor.fetchall()
    return rows
