"""Text matching: PostgreSQL full-text search, or a plain fallback on SQLite.

On PostgreSQL the migrations of this app add the ``unaccent`` extension and two
text search configurations, ``portal_en`` and ``portal_fr``: the English and
French stemmers after ``unaccent``, so that "Montreal" matches "Montréal",
"resal" matches "RÉSAL" and "initiatives" matches "initiative". Each searched
table has a GIN index on exactly the expression ``document()`` builds; change
the fields of a provider and you need a migration that rebuilds its index.

On SQLite every word of the query must occur in the folded (lower-cased,
accent-free) text of the fields: no stemming, but still accent-insensitive.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, CharField, F, Func, IntegerField, QuerySet, Value, When
from django.db.models.functions import Concat

CONFIGS = ("portal_en", "portal_fr")
MAX_QUERY_LENGTH = 200
PREFIX_MIN_LENGTH = 3
WORD = re.compile(r"[^\W_]+")


def fold(text: str | None) -> str:
    """Lower case without accents: "RÉSAL" -> "resal"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_fold", 1, fold, deterministic=True)


def document(fields) -> SearchVector:
    """The indexed document: the fields, parsed once with each language's stemmer."""
    vectors = [SearchVector(*fields, config=config) for config in CONFIGS]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def words(text: str) -> list[str]:
    """Letters and digits only: nothing the user types reaches tsquery syntax."""
    return WORD.findall(text)


def search_query(text: str) -> SearchQuery | None:
    """Every word must match; the last one may be the start of a word, as the user is typing it."""
    tokens = words(text)
    if not tokens:
        return None
    last = f"{tokens[-1]}:*" if len(tokens[-1]) >= PREFIX_MIN_LENGTH else tokens[-1]
    raw = " & ".join([*tokens[:-1], last])
    queries = [SearchQuery(raw, config=config, search_type="raw") for config in CONFIGS]
    combined = queries[0]
    for query in queries[1:]:
        combined = combined | query
    return combined


def _folded(expression):
    """SQLite: the expression lower-cased without accents."""
    return Func(expression, function="portal_fold", output_field=CharField())


def _title_first(title: str, text: str):
    """0 when the title starts with the words as typed (any case), else 1.

    Cheap on purpose: ts_rank would parse every matching document again, which
    takes seconds when a common word matches thousands of rows.
    """
    typed = " ".join(words(text))
    return Case(When(**{f"{title}__istartswith": typed}, then=Value(0)), default=Value(1), output_field=IntegerField())


def matching(queryset: QuerySet, fields, text: str, *, title: str, ordering=()) -> QuerySet:
    """Rows of ``queryset`` whose ``fields`` match ``text``: titles that match first, then by ``ordering``."""
    text = text[:MAX_QUERY_LENGTH]
    if connection.vendor == "postgresql":
        query = search_query(text)
        if query is None:
            return queryset.none()
        queryset = queryset.alias(_search_document=document(fields)).filter(_search_document=query)
    else:
        tokens = words(fold(text))
        if not tokens:
            return queryset.none()
        parts = []
        for field in fields:
            parts += [F(field), Value(" ")]
        queryset = queryset.alias(_search_haystack=_folded(Concat(*parts, output_field=CharField())))
        for token in tokens:
            queryset = queryset.filter(_search_haystack__contains=token)
    return queryset.order_by(_title_first(title, text), *ordering, "pk")
