"""Text matching: PostgreSQL full-text search, or a plain fallback on SQLite.

On PostgreSQL the migrations of this app add the ``unaccent`` extension and two
text search configurations, ``portal_en`` and ``portal_fr``: the English and
French stemmers after ``unaccent``, so that "Montreal" matches "Montréal",
"resal" matches "RÉSAL" and "initiatives" matches "initiative". A text stored in
both languages has two columns (``title_en``, ``title_fr``): the English one is
parsed with the English configuration, the French one with the French one, and
a text that is not translated (a name, an e-mail address) with both. Each searched
table has a GIN index on exactly the expression ``document()`` builds; change
the fields of a provider and you need a migration that rebuilds its index.

On SQLite every word of the query must occur in the folded (lower-cased,
accent-free) text of the fields, in either language: no stemming, but still
accent-insensitive.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, CharField, F, Func, IntegerField, QuerySet, Value, When
from django.db.models.functions import Coalesce

CONFIGS = ("portal_en", "portal_fr")
# The configuration that parses a column of each language (modeltranslation's ``<field>_<language>``).
LANGUAGE_CONFIGS = {"en": "portal_en", "fr": "portal_fr"}
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


def both_languages(*names: str) -> tuple[str, ...]:
    """``("title", "notes")`` → ``("title_en", "title_fr", "notes_en", "notes_fr")``."""
    return tuple(f"{name}_{language}" for name in names for language in LANGUAGE_CONFIGS)


def _language(field: str) -> str | None:
    suffix = field.rsplit("_", 1)[-1] if "_" in field else ""
    return suffix if suffix in LANGUAGE_CONFIGS else None


def document(fields) -> SearchVector:
    """The indexed document: each language's columns parsed with its stemmer, the other fields with each."""
    vectors = []
    for language, config in LANGUAGE_CONFIGS.items():
        parsed = [field for field in fields if _language(field) in (language, None)]
        if parsed:
            vectors.append(SearchVector(*parsed, config=config))
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


class _Joined(Func):
    """SQLite: the fields joined by spaces in one flat expression (nested CONCAT pairs overflow its parser once
    every text has two columns)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = CharField()


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
    return in_order(filter_matching(queryset, fields, text), text, title=title, ordering=ordering)


def in_order(queryset: QuerySet, text: str, *, title: str, ordering=()) -> QuerySet:
    """Rows whose title starts with ``text`` first, then by ``ordering``."""
    return queryset.order_by(_title_first(title, text[:MAX_QUERY_LENGTH]), *ordering, "pk")


def filter_matching(queryset: QuerySet, fields, text: str) -> QuerySet:
    """Rows of ``queryset`` whose ``fields`` match ``text``, in no particular order."""
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
        haystack = _Joined(*(Coalesce(F(field), Value("")) for field in fields))
        queryset = queryset.alias(_search_haystack=_folded(haystack))
        for token in tokens:
            queryset = queryset.filter(_search_haystack__contains=token)
    return queryset
