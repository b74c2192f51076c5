"""Which rows the API and the exports may show a viewer. Every route asks these functions, and these
functions ask the apps' own access rules (one definition per question, never a copy).

Sessions go through ``visible_sessions`` (exchanges.confidentiality), people through ``directory_people``
(exchanges.access.visible_people), reports through ``api_published_reports`` (the viewer's current report
releases, reports.access.published_releases: never a draft): one place each for the API, the exports, the
iCalendar files and the JSON-LD.
"""

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from cities.access import is_manager, require_manager
from cities.models import City, Initiative, Organisation
from cities.selectors import visible_cities, visible_initiatives
from exchanges.access import can_edit_exchange, get_exchange_for_user_or_404, visible_exchanges, visible_people
from exchanges.confidentiality import PUBLIC, Audience, Shown, audience_for, shown_sessions
from exchanges.models import Delegation, Exchange, Membership, NextStep, NextStepUpdate, Programme, Session
from participants.models import Person
from reports.access import published_releases
from reports.models import RenderJob, ReportRelease

# Exchanges ---------------------------------------------------------------------------------------------------


def api_exchanges(user) -> QuerySet[Exchange]:
    """The exchanges the viewer may see (exchanges.access), with what an exchange's JSON shows."""
    return (
        visible_exchanges(user)
        .select_related("programme__organiser", "host_city")
        .prefetch_related("visiting_cities", "objectives", "themes")
    )


def api_exchange_or_404(user, slug: str) -> Exchange:
    """The exchange with this slug if the viewer may see it, else Http404 (exchanges.access)."""
    return get_exchange_for_user_or_404(user, slug)


def may_export_people(user, exchange: Exchange) -> bool:
    """The people list of an exchange (travel and badge lists) is for staff and those who edit the exchange."""
    return can_edit_exchange(user, exchange)


def api_programmes(user) -> QuerySet[Programme]:
    """Programmes: every manager reads them all (as the web's programme pages); others those of an exchange
    they may see."""
    programmes = Programme.objects.select_related("organiser")
    if is_manager(user):
        return programmes
    return programmes.filter(Q(pk__in=visible_exchanges(user).values("programme_id")))


# Sessions ----------------------------------------------------------------------------------------------------


def session_audience(user, exchange: Exchange) -> Audience:
    """Who looks at this exchange's sessions (exchanges.confidentiality): asked once per request."""
    return audience_for(user, exchange)


def visible_sessions(audience: Audience, exchange: Exchange) -> QuerySet[Session]:
    """The sessions of ``exchange`` (which the viewer may see) that ``audience`` may read in full or without names.

    confidentiality: the one rule is ``Audience.shown`` (exchanges.confidentiality); it is asked here for every
    session of the exchange from their levels alone (one query), so that the rows can still be paged in SQL.
    A restricted session that the viewer does not attend is left out (the web shows it as a busy block at most);
    a Chatham House session is read without its presenters and organisations (``names_speakers``).
    """
    levels = Session.objects.filter(exchange=exchange).values_list("pk", "confidentiality")
    readable = [
        pk
        for pk, level in levels
        if audience.shown(Session(pk=pk, confidentiality=level)) in (Shown.FULL, Shown.UNNAMED)
    ]
    return Session.objects.filter(pk__in=readable)


def names_speakers(audience: Audience, session: Session) -> bool:
    """Whether this session's presenters and organisations may be named to ``audience`` (Chatham House rule)."""
    return audience.shown(session) is Shown.FULL


def public_sessions(exchange: Exchange) -> QuerySet[Session]:
    """The sessions the public may read (JSON-LD of public pages)."""
    return with_session_details(visible_sessions(PUBLIC, exchange))


def with_session_details(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.select_related("exchange__host_city", "venue__city", "venue__host_organisation").prefetch_related(
        Prefetch("presenters", queryset=Person.objects.select_related("organisation").order_by("name", "pk")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name", "pk")),
        Prefetch("attending_delegations", queryset=Delegation.objects.select_related("city").order_by("pk")),
    )


def session_for_user_or_404(user, slug: str, pk: int) -> Session:
    """One session the viewer may read, as they may read it (without names under the Chatham House rule), its
    exchange visible to them, else Http404."""
    exchange = api_exchange_or_404(user, slug)
    audience = session_audience(user, exchange)
    session = get_object_or_404(with_session_details(visible_sessions(audience, exchange)), pk=pk)
    [shown] = shown_sessions(audience, [session])
    return shown


# Delegations and next steps --------------------------------------------------------------------------------


def exchange_delegations(exchange: Exchange) -> QuerySet[Delegation]:
    members = Membership.objects.select_related("person__organisation").order_by("role", "person__name", "pk")
    return (
        Delegation.objects.filter(exchange=exchange)
        .select_related("city")
        .prefetch_related(Prefetch("memberships", queryset=members))
        .order_by("role", "city__name", "pk")
    )


def exchange_next_steps(exchange: Exchange) -> QuerySet[NextStep]:
    updates = NextStepUpdate.objects.select_related("author__person").order_by("-created_at", "-pk")
    return (
        NextStep.objects.filter(exchange=exchange)
        .select_related("owner_organisation", "owner_person", "objective")
        .prefetch_related(Prefetch("updates", queryset=updates))
        .order_by("position", "pk")
    )


# Directories -------------------------------------------------------------------------------------------------


def require_directory(user) -> None:
    """Http404 unless the viewer may use the directories (people, organisations): as the web's pages.

    private directories: the directories' existence stays a manager's business; what they list narrows below.
    """
    require_manager(user)


def directory_people(user) -> QuerySet[Person]:
    """The people whose details (e-mail address included) the viewer may read: ``exchanges.access.visible_people``
    (staff: everyone; a coordinator: the people of their cities and of the exchanges their cities take part in)."""
    return visible_people(user).select_related("organisation", "city")


def shows_contact_details(user) -> bool:
    """Whether the people exports carry e-mail addresses. They are for those who edit the exchange (staff and
    the host city's coordinators), who read every person of the exchange in ``visible_people``; the directory
    routes list only people of ``visible_people``, with their addresses."""
    return is_manager(user)


def directory_organisations(user) -> QuerySet[Organisation]:
    """Organisations the viewer may list: the web's organisations directory is for managers (all of them)."""
    if not is_manager(user):
        return Organisation.objects.none()
    return Organisation.objects.select_related("city", "parent")


def api_cities(user) -> QuerySet[City]:
    return visible_cities(user)


def api_initiatives(user) -> QuerySet[Initiative]:
    return visible_initiatives(user).select_related("city", "lead_organisation").prefetch_related("themes")


# Reports -----------------------------------------------------------------------------------------------------


def api_published_reports(user) -> QuerySet[ReportRelease]:
    """The current release of every report the viewer may read (reports.access.published_releases), with the id
    of the release's finished PDF if it was made (None while it is being made).

    releases: what leaves the portal is exactly what was released: the release's frozen title and sections, its
    number and date and its own PDF, never the live text of the report being edited. A withdrawn release gives
    way to the previous one that is not withdrawn, or to none.
    """
    release_pdf = RenderJob.objects.filter(
        release=OuterRef("pk"), kind=RenderJob.Kind.RELEASE, status=RenderJob.Status.DONE
    ).exclude(file="")
    return (
        published_releases(user)
        .select_related("report__exchange")
        .annotate(pdf_job_id=Subquery(release_pdf.order_by("-created_at", "-pk").values("pk")[:1]))
    )
