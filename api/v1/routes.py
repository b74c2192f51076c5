"""The API's routes: each asks api.selectors (the apps' access rules) and pages its rows.

Every list answers with a fixed number of queries per page, whatever the number of rows
(tests/api/test_queries.py). Objects the viewer may not see are 404, as on the web.
"""

import json
from datetime import UTC, date
from functools import wraps
from typing import Literal

from django.db.models import Q
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import urlencode
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError
from pydantic import AwareDatetime, Field

from api import selectors
from api.v1 import schemas, serialize
from api.v1.auth import AUTH, RateLimitedError
from cities.models import City
from exchanges.access import exchanges_of_cities
from exchanges.models import Exchange, NextStep

api = NinjaAPI(
    title="Exchange Portal API",
    version="1",
    description=(
        "Read-only open data of the Exchange Portal: programmes, exchanges, agendas, delegations, people, "
        "cities, initiatives, next steps and published reports. Every route answers with what the viewer "
        "may see on the web pages; objects they may not see are 404. Authenticate with a personal token "
        "(`Authorization: Bearer ep_…`) or the browser session; without either, the public's view. "
        "Lists are paginated (`page`, `page_size`) and answer `ETag`; send `If-None-Match` to get 304."
    ),
    urls_namespace="api",
    auth=AUTH,
    docs_url=None,  # ninja's docs page loads Swagger UI from a CDN; ours is server-rendered (api.views.docs)
    openapi_url="/openapi.json",
)

MAX_PAGE = 100_000
MAX_ID = 2**63 - 1  # a database integer: a larger id is refused (422), never an overflow


def _utc(moment):
    """An aware datetime in UTC: any offset the caller gave (even -17:40) is resolved here, not by the database
    (PostgreSQL refuses offsets beyond ±15:59 with an error)."""
    return moment.astimezone(UTC)


def conditional_get(view):
    """ETag on every 200 answer, 304 for a matching If-None-Match. The body depends on who asks, so
    shared caches keep out (private) and the answer varies with the cookie and the token."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_vary_headers(response, ("Cookie", "Authorization"))
            response["Cache-Control"] = "private, no-cache"
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    return wrapper


api.add_decorator(conditional_get, mode="view")


@api.exception_handler(RateLimitedError)
def rate_limited(request, exc):
    response = api.create_response(request, {"detail": exc.message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    response = api.create_response(request, {"detail": exc.message or "Unauthorized"}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=100, description="Rows per page (at most 100).")


def _paginate(request, rows, page: PageQuery, serialize_row) -> dict:
    count = rows.count()
    offset = (page.page - 1) * page.page_size
    results = [serialize_row(row) for row in rows[offset : offset + page.page_size]]

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(request.path + "?" + urlencode(sorted(query.items())))

    return {
        "count": count,
        "page": page.page,
        "page_size": page.page_size,
        "next": link(page.page + 1) if offset + page.page_size < count else None,
        "previous": link(page.page - 1) if page.page > 1 and offset - page.page_size < count else None,
        "results": results,
    }


NOT_FOUND = {404: schemas.Error}

# Programmes and exchanges ------------------------------------------------------------------------------------


@api.get("/programmes/", response=schemas.Paginated[schemas.Programme], url_name="programme_list", tags=["exchanges"])
def programme_list(request, page: Query[PageQuery]):
    """Programmes: all of them for staff and city coordinators; for others those of an exchange they see."""
    rows = selectors.api_programmes(request.user).order_by("-start_date", "name", "pk")
    return _paginate(request, rows, page, serialize.programme)


class ExchangeFilters(Schema):
    status: Literal[tuple(Exchange.Status.values)] | None = Field(None, description="The exchange's status.")  # type: ignore[valid-type]
    city: str | None = Field(None, description="Slug of a city taking part (host, visiting or sending).")
    programme: str | None = Field(None, description="Slug of the programme.")
    starts_from: date | None = Field(None, description="First day on or after this date.")
    starts_until: date | None = Field(None, description="First day on or before this date.")
    updated_since: AwareDatetime | None = Field(None, description="Changed at or after this time (ISO 8601).")


@api.get("/exchanges/", response=schemas.Paginated[schemas.Exchange], url_name="exchange_list", tags=["exchanges"])
def exchange_list(request, page: Query[PageQuery], filters: Query[ExchangeFilters]):
    """Exchanges the viewer may see, with their objectives, newest first."""
    rows = selectors.api_exchanges(request.user)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.city:
        rows = rows.filter(exchanges_of_cities(City.objects.filter(slug=filters.city).values("pk")))
    if filters.programme:
        rows = rows.filter(programme__slug=filters.programme)
    if filters.starts_from:
        rows = rows.filter(start_date__gte=filters.starts_from)
    if filters.starts_until:
        rows = rows.filter(start_date__lte=filters.starts_until)
    if filters.updated_since:
        rows = rows.filter(updated_at__gte=_utc(filters.updated_since))
    rows = rows.order_by("-start_date", "title", "pk")
    return _paginate(request, rows, page, lambda row: serialize.exchange(request, row))


@api.get(
    "/exchanges/{slug}/",
    response={200: schemas.Exchange, **NOT_FOUND},
    url_name="exchange_detail",
    tags=["exchanges"],
)
def exchange_detail(request, slug: str):
    """One exchange with its objectives."""
    row = selectors.api_exchanges(request.user).filter(slug=slug).first()
    if row is None:
        raise Http404
    return serialize.exchange(request, row)


class SessionFilters(Schema):
    starts_from: AwareDatetime | None = Field(None, description="Starts at or after this time (ISO 8601).")
    starts_until: AwareDatetime | None = Field(None, description="Starts at or before this time (ISO 8601).")
    kind: str | None = Field(None, description="Kind of session, e.g. site_visit.")
    updated_since: AwareDatetime | None = Field(None, description="Changed at or after this time (ISO 8601).")


@api.get(
    "/exchanges/{slug}/sessions/",
    response={200: schemas.Paginated[schemas.Session], **NOT_FOUND},
    url_name="session_list",
    tags=["exchanges"],
)
def session_list(request, slug: str, page: Query[PageQuery], filters: Query[SessionFilters]):
    """The exchange's agenda: sessions with venue, presenters, organisations and attending delegations."""
    exchange = selectors.api_exchange_or_404(request.user, slug)
    audience = selectors.session_audience(request.user, exchange)
    rows = selectors.visible_sessions(audience, exchange)
    if filters.starts_from:
        rows = rows.filter(start__gte=filters.starts_from)
    if filters.starts_until:
        rows = rows.filter(start__lte=filters.starts_until)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.updated_since:
        rows = rows.filter(updated_at__gte=_utc(filters.updated_since))
    rows = selectors.with_session_details(rows).order_by("start", "end", "pk")
    return _paginate(request, rows, page, lambda row: serialize.session(request, row, audience))


@api.get(
    "/exchanges/{slug}/delegations/",
    response={200: schemas.Paginated[schemas.Delegation], **NOT_FOUND},
    url_name="delegation_list",
    tags=["exchanges"],
)
def delegation_list(request, slug: str, page: Query[PageQuery]):
    """The exchange's delegations and their members (names, roles, job titles: as the exchange page)."""
    exchange = selectors.api_exchange_or_404(request.user, slug)
    return _paginate(request, selectors.exchange_delegations(exchange), page, serialize.delegation)


class NextStepFilters(Schema):
    status: Literal[tuple(NextStep.Status.values)] | None = Field(None, description="The step's status.")  # type: ignore[valid-type]
    updated_since: AwareDatetime | None = Field(None, description="Changed at or after this time (ISO 8601).")


@api.get(
    "/exchanges/{slug}/next-steps/",
    response={200: schemas.Paginated[schemas.NextStep], **NOT_FOUND},
    url_name="next_step_list",
    tags=["exchanges"],
)
def next_step_list(request, slug: str, page: Query[PageQuery], filters: Query[NextStepFilters]):
    """The commitments made at the exchange, each with its trail of dated updates (newest first)."""
    exchange = selectors.api_exchange_or_404(request.user, slug)
    rows = selectors.exchange_next_steps(exchange)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.updated_since:
        rows = rows.filter(updated_at__gte=_utc(filters.updated_since))
    return _paginate(request, rows, page, serialize.next_step)


# Reports -----------------------------------------------------------------------------------------------------


class ReportFilters(Schema):
    language: str | None = Field(None, description="Language code, e.g. en or fr.")
    updated_since: AwareDatetime | None = Field(None, description="Released at or after this time (ISO 8601).")


def _reports(request, rows, page, filters):
    if filters.language:
        rows = rows.filter(language=filters.language)
    if filters.updated_since:
        rows = rows.filter(released_at__gte=_utc(filters.updated_since))
    rows = rows.order_by("-released_at", "report__exchange__slug", "language", "pk")
    return _paginate(request, rows, page, lambda row: serialize.report(request, row))


@api.get("/reports/", response=schemas.Paginated[schemas.Report], url_name="report_list", tags=["reports"])
def report_list(request, page: Query[PageQuery], filters: Query[ReportFilters]):
    """Published summary reports of the exchanges the viewer may see, as released: the current release of each
    language (its frozen text, number and date) and the release's PDF, never the draft being edited."""
    return _reports(request, selectors.api_published_reports(request.user), page, filters)


@api.get(
    "/exchanges/{slug}/reports/",
    response={200: schemas.Paginated[schemas.Report], **NOT_FOUND},
    url_name="exchange_report_list",
    tags=["reports"],
)
def exchange_report_list(request, slug: str, page: Query[PageQuery], filters: Query[ReportFilters]):
    """The exchange's published reports, one per language, each as its current release."""
    exchange = selectors.api_exchange_or_404(request.user, slug)
    rows = selectors.api_published_reports(request.user).filter(report__exchange=exchange)
    return _reports(request, rows, page, filters)


# Directories -------------------------------------------------------------------------------------------------


class PersonFilters(Schema):
    city: str | None = Field(None, description="Slug of the person's city.")
    q: str | None = Field(None, max_length=200, description="Part of the name, job title or organisation.")


@api.get(
    "/people/",
    response={200: schemas.Paginated[schemas.Person], **NOT_FOUND},
    url_name="person_list",
    tags=["directories"],
)
def person_list(request, page: Query[PageQuery], filters: Query[PersonFilters]):
    """The people directory (staff and city coordinators, as on the web); e-mail where the web shows it."""
    rows = selectors.directory_people(request.user)
    selectors.require_directory(request.user)
    if filters.city:
        rows = rows.filter(city__slug=filters.city)
    if filters.q:
        rows = rows.filter(
            Q(name__icontains=filters.q)
            | Q(job_title__icontains=filters.q)
            | Q(organisation__name__icontains=filters.q)
        )
    contact = selectors.shows_contact_details(request.user)
    rows = rows.order_by("name", "pk")
    return _paginate(request, rows, page, lambda row: serialize.person(row, contact=contact))


@api.get(
    "/people/{pk}/",
    response={200: schemas.Person, **NOT_FOUND},
    url_name="person_detail",
    tags=["directories"],
)
def person_detail(request, pk: int = Path(..., ge=1, le=MAX_ID, description="The person's id.")):  # noqa: B008
    """One person of the directory."""
    row = selectors.directory_people(request.user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return serialize.person(row, contact=selectors.shows_contact_details(request.user))


@api.get(
    "/organisations/",
    response={200: schemas.Paginated[schemas.Organisation], **NOT_FOUND},
    url_name="organisation_list",
    tags=["directories"],
)
def organisation_list(request, page: Query[PageQuery], city: str | None = None):
    """The organisations directory (staff and city coordinators, as on the web)."""
    rows = selectors.directory_organisations(request.user)
    selectors.require_directory(request.user)
    if city:
        rows = rows.filter(city__slug=city)
    return _paginate(request, rows.order_by("name", "pk"), page, serialize.organisation)


@api.get("/cities/", response=schemas.Paginated[schemas.City], url_name="city_list", tags=["cities"])
def city_list(request, page: Query[PageQuery]):
    """City profiles the viewer may see (public member cities; their own for coordinators; all for staff)."""
    rows = selectors.api_cities(request.user).order_by("name", "pk")
    return _paginate(request, rows, page, lambda row: serialize.city(request, row))


@api.get("/initiatives/", response=schemas.Paginated[schemas.Initiative], url_name="initiative_list", tags=["cities"])
def initiative_list(request, page: Query[PageQuery], city: str | None = None):
    """Initiatives of the cities the viewer may see."""
    rows = selectors.api_initiatives(request.user)
    if city:
        rows = rows.filter(city__slug=city)
    return _paginate(request, rows.order_by("name", "pk"), page, lambda row: serialize.initiative(request, row))


def _openapi_with_optional_auth(original):
    """Every route also answers without credentials (the public's view): say so in the description.

    The document depends only on the routes and the address it is served under, so it is built once per
    process and address (50–100 ms with pydantic) and each caller gets a fresh copy (about 2 ms)."""
    built = {}

    @wraps(original)
    def schema(*, path_prefix=None, path_params=None):
        if path_prefix is None:  # the API's address as this request reaches it (its script prefix)
            path_prefix = api.get_root_path(path_params or {})
        if path_prefix not in built:
            document = original(path_prefix=path_prefix)
            for operations in document.get("paths", {}).values():
                for operation in operations.values():
                    if "security" in operation and {} not in operation["security"]:
                        operation["security"].append({})
            built[path_prefix] = json.dumps(document)
        return json.loads(built[path_prefix])

    return schema


api.get_openapi_schema = _openapi_with_optional_auth(api.get_openapi_schema)
