"""The pickers of the exchange forms: search words and order of each choice, and the "New …" links beside them.

Choices of the exchange's own cities come first (``first_of_cities``); each option carries the words a search
matches (organisation, acronym, city) for ``static/js/pickers.js`` (``core.pickers``).
"""

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse


def first_of_cities(queryset: QuerySet, city_ids, *order) -> QuerySet:
    """``queryset`` with the rows of ``city_ids`` first, then ``order``; ``picker_rank`` is 0 for those rows."""
    rank = Case(When(city_id__in=list(city_ids), then=Value(0)), default=Value(1), output_field=IntegerField())
    return queryset.annotate(picker_rank=rank).order_by("picker_rank", *order)


def _rank(obj) -> int:
    return getattr(obj, "picker_rank", 1)


def _words(*values) -> str:
    return " ".join(str(value) for value in values if value)


def describe_person(person):
    organisation, city = person.organisation, person.city
    words = [person.name, person.job_title]
    if organisation is not None:
        words += [organisation.name, organisation.acronym]
    if city is not None:
        words.append(city.name)
    return _words(*words), _rank(person)


def describe_organisation(organisation):
    city = organisation.city
    return _words(organisation.name, organisation.acronym, city.name if city else ""), _rank(organisation)


def describe_venue(venue):
    return _words(venue.name, venue.district, venue.address, venue.city.name), _rank(venue)


def describe_city(city):
    return _words(city.name, city.country), 1


def search_url(name: str, exchange=None) -> str:
    """The search endpoint ``exchanges:<name>``, asked for the exchange's own cities first."""
    url = reverse(f"exchanges:{name}")
    if exchange is not None and exchange.pk:
        url += f"?exchange={exchange.slug}"
    return url
