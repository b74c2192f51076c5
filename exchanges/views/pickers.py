"""Search endpoints of the pickers: <option> elements for a <select>, or JSON for the Tom Select pickers.

``format=json`` answers ``{"results": [{"value", "text", "search", "rank"}]}`` (``static/js/pickers.js``);
``exchange=<slug>`` of an exchange the user may see puts its own cities' people or organisations first
(rank 0). Both read only what the user may (``visible_people``).

The request carries the search (``q``) and the values already chosen in the
select (under the field's own name, ``field``), so the chosen options stay
chosen while the rest of the list follows the search. Without JavaScript the
select simply lists everyone.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render

from cities.access import require_manager
from cities.models import Organisation
from exchanges.access import exchange_city_ids, visible_exchanges, visible_people
from exchanges.forms.pickers import describe_organisation, describe_person, first_of_cities
from participants.forms import person_label

LIMIT = 30


# Larger ids exist in no table, and SQLite cannot even compare them (OverflowError): a 500 for a tampered URL.
MAX_ID = 2**63 - 1


def _ids(values) -> list[int]:
    # isascii: str.isdigit() also accepts digits such as "²" that int() refuses.
    return [int(value) for value in values if value.isascii() and value.isdigit() and int(value) <= MAX_ID][:200]


def _first_city_ids(request) -> set[int]:
    """The cities of the exchange named by ``exchange``, if the user may see it; else none."""
    slug = request.GET.get("exchange", "")
    exchange = visible_exchanges(request.user).filter(slug=slug).first() if slug else None
    return exchange_city_ids(exchange) if exchange is not None else set()


def _render(request, chosen, matches, label, describe=None):
    if request.GET.get("format") == "json":
        results = []
        for obj in matches:
            search, rank = describe(obj)
            results.append({"value": str(obj.pk), "text": label(obj), "search": search, "rank": rank})
        return JsonResponse({"results": results})
    field = request.GET.get("field", "")
    chosen_ids = {obj.pk for obj in chosen}
    options = [(obj.pk, label(obj), True) for obj in chosen]
    options += [(obj.pk, label(obj), False) for obj in matches if obj.pk not in chosen_ids]
    context = {"options": options, "blank": request.GET.get("blank") == "1", "field": field}
    return render(request, "exchanges/manage/includes/picker_options.html", context)


@login_required
def person_options(request):
    require_manager(request.user)
    query = request.GET.get("q", "").strip()
    people = first_of_cities(
        visible_people(request.user).select_related("organisation", "city"), _first_city_ids(request), "name"
    )
    chosen = list(people.filter(pk__in=_ids(request.GET.getlist(request.GET.get("field", "")))))
    if query:
        people = people.filter(
            Q(name__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(organisation__acronym__icontains=query)
            | Q(city__name__icontains=query)
        )
    return _render(request, chosen, people[:LIMIT], person_label, describe_person)


@login_required
def organisation_options(request):
    require_manager(request.user)
    query = request.GET.get("q", "").strip()
    organisations = first_of_cities(Organisation.objects.select_related("city"), _first_city_ids(request), "name")
    chosen = list(organisations.filter(pk__in=_ids(request.GET.getlist(request.GET.get("field", "")))))
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(acronym__icontains=query) | Q(city__name__icontains=query)
        )
    return _render(request, chosen, organisations[:LIMIT], str, describe_organisation)
