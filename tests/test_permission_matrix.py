# ruff: noqa: E501 - one line per URL keeps the matrix a table
"""Who gets what, for every URL of the portal.

``test_every_url_has_an_entry`` walks the URLconf: a named URL without an
entry in MATRIX (or a reason in SKIPPED) fails. Each entry says, for the six
identities below, what a GET answers on objects of exchange A (the demo's
Dakar–Montréal exchange): a page containing some text, a redirect to the
login page, or 403 / 404 / another status. Entries that accept writes also give
POST data: every identity whose GET is not a 200 page posts it, gets that same
answer, and the database must not change; an identity allowed to write posts
it too, and the database must change (so the data is a real write).

To add a URL: one line in MATRIX, e.g.

    "exchanges:builder": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Agenda builder"),

or spell the six answers out with ``Row(kwargs, anonymous=..., delegate_a=..., ...)``.
Views that take only POST: ``post_only(...)``; views whose GET redirects to their
form: ``redirects_get(...)``; pages for those who see exchange A: ``readers_of_a(...)``.
A Row may also give ``query`` (a query string, e.g. for search) and ``prepare``
(a callable run first in each of the entry's tests, for a state in which the
allowed write really writes).

The world (demo exchange A with its summary report published and rendered to a
PDF, exchange B, a city only staff see, the six accounts) is built once per run
of this module; each test runs in a savepoint that is rolled back.

A seventh identity, the coordinator of a city that only sends a delegation to
exchange A, is checked on every URL too, by difference (SENDER at the end), and so
is an eighth, the coordinator of a city that takes part in no exchange (UNRELATED):
no page they or exchange B's delegate get shows anybody else's e-mail address.
"""

import copy
import re
from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from cities.models import City, Coordinator, Initiative, Organisation
from exchanges.demo import load_demo
from exchanges.imports.directory import OrganisationImport, PersonImport
from exchanges.imports.files import Table
from exchanges.imports.sessions import SessionImport
from exchanges.models import Exchange, NextStep, SessionMove
from participants.models import Invitation, Person
from participants.services import token_hash
from reports.models import RenderJob, Report, SignOffDecision
from reports.services import (
    release_request_approval,
    render_job_run,
    report_draft,
    report_get_or_create,
    report_save_section,
    report_set_published,
)
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    end_yesterday,
)
from tests.snapshot import database_rows

pytestmark = pytest.mark.django_db

IDENTITIES = ("anonymous", "delegate_a", "delegate_b", "coordinator_host", "coordinator_other", "staff")
INVITATION_TOKEN = "matrix-invitation-token"


# --- expected answers -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A page (200 unless told) that contains ``text`` and none of ``hides``."""

    text: str = ""
    hides: tuple[str, ...] = ()
    status: int = 200


@dataclass(frozen=True)
class Redirect:
    """A redirect to the URL named ``to`` (query string and fragment ignored)."""

    to: str
    kwargs: object = None  # callable(world) -> dict of URL kwargs, or None


@dataclass(frozen=True)
class Status:
    code: int


LOGIN = Redirect("account_login")
FORBIDDEN = Status(403)
NOT_FOUND = Status(404)


@dataclass(frozen=True)
class Row:
    kwargs: object = None  # callable(world) -> dict of URL kwargs, or None
    anonymous: object = NOT_FOUND
    delegate_a: object = NOT_FOUND
    delegate_b: object = NOT_FOUND
    coordinator_host: object = NOT_FOUND
    coordinator_other: object = NOT_FOUND
    staff: object = NOT_FOUND
    post: object = None  # callable(world) -> POST data; wrong identities post it and nothing changes
    # For views whose GET is not the page (POST-only views, views whose GET redirects): the identities
    # that may not write, with the answer their POST gets. Without it, those whose GET is not a page.
    post_refusals: dict | None = None
    query: dict | None = None  # a query string for the URL, e.g. {"q": "Dakar"}
    # callable(world), run first in each test of the entry: a state in which the allowed write does write.
    prepare: object = None


WHO = {
    "staff": {"staff"},
    "staff_coordinator_host": {"staff", "coordinator_host"},
    "members_of_a": {"staff", "coordinator_host", "delegate_a"},
    "managers": {"staff", "coordinator_host", "coordinator_other"},
    "logged_in": set(IDENTITIES) - {"anonymous"},
}


def refused(who: str) -> dict:
    """The identities outside ``who`` with the answer of a login-only page: anonymous log in, the others 404."""
    return {name: LOGIN if name == "anonymous" else NOT_FOUND for name in IDENTITIES if name not in WHO[who]}


def row(kwargs, who: str, *, text: str, post=None, hides: tuple[str, ...] = ()) -> Row:
    """A row for the common shapes: ``who`` names the identities that get the page; the others
    get 404, except anonymous, who is sent to log in."""
    answers = {name: Page(text, hides) for name in WHO[who]} | refused(who)
    return Row(kwargs, post=post, **answers)


def post_only(kwargs, who: str, *, post) -> Row:
    """A view that takes only POST: a GET answers 405 once logged in; ``who`` may write, the others get
    the answers of ``refused(who)`` to their POST."""
    return Row(
        kwargs, anonymous=LOGIN, **dict.fromkeys(IDENTITIES[1:], Status(405)), post=post, post_refusals=refused(who)
    )


def redirects_get(kwargs, who: str, *, to: Redirect, post) -> Row:
    """A view that takes its form by POST and sends a GET by ``who`` to the page that shows the form."""
    return Row(kwargs, **dict.fromkeys(WHO[who], to), **refused(who), post=post, post_refusals=refused(who))


STAFF = "staff"
STAFF_COORDINATOR_HOST = "staff_coordinator_host"
MANAGERS = "managers"  # staff and every city's coordinators: programmes, venues, people, organisations
LOGGED_IN = "logged_in"


def everyone(kwargs, answer) -> Row:
    return Row(kwargs, **dict.fromkeys(IDENTITIES, answer))


def readers_of_a(kwargs, answer, **answers) -> Row:
    """Those who see exchange A (its delegate, its host's coordinator, staff) get ``answer`` (or their own
    in ``answers``); the others 404, anonymous visitors included: exchange A is not public."""
    return Row(kwargs, **(dict.fromkeys(WHO["members_of_a"], answer) | answers))


def A_SLUG(w):
    return {"slug": w.exchange_a.slug}


def A_SESSION(w):
    return {"slug": w.exchange_a.slug, "pk": w.session_a.pk}


def A_OBJECTIVE(w):
    return {"slug": w.exchange_a.slug, "pk": w.exchange_a.objectives.order_by("position").first().pk}


def A_DELEGATION(w):
    return {"slug": w.exchange_a.slug, "pk": w.delegation_a.pk}


def A_MEMBERSHIP(w):
    return A_DELEGATION(w) | {"membership_pk": w.delegation_a.memberships.get(person=w.uninvited).pk}


def A_PROGRAMME(w):
    return {"slug": w.exchange_a.programme.slug}


def A_VENUE(w):
    return {"pk": w.session_a.venue_id}


def A_ORGANISATION(w):
    return {"pk": Organisation.objects.get(slug="spvm").pk}


def PERSON_A(w):
    return {"pk": w.person_a.pk}


def FEED_A(w):
    return {"token": w.person_a.feed_token}


def CITY_A(w):
    return {"slug": w.exchange_a.host_city.slug}


def INITIATIVE_A(w):
    return {"slug": "resal"}


def A_NEXT_STEP(w):
    return {"slug": w.exchange_a.slug, "pk": w.next_step_a.pk}


def A_SECTION(w):
    return {"slug": w.exchange_a.slug, "section": "summary"}


def A_VERSION(w):
    return {"slug": w.exchange_a.slug, "number": 1}


def A_REPORT_JOB(w):
    return {"job_id": w.report_job.pk}


def A_CHECK_IN(w):
    from exchanges.models import NextStepCheckIn
    from exchanges.services.check_ins import check_in_token

    check_in, _created = NextStepCheckIn.objects.get_or_create(
        next_step=w.next_step_a, months=3, defaults={"due_on": timezone.localdate()}
    )
    return {"token": check_in_token(check_in)}


def PARTNERSHIP_A(w):
    return {"slug": "dakar-montreal"}


def _partnership_private(w):
    """The demo's Dakar–Montréal partnership with neither city agreeing to a public page."""
    from exchanges.models import PartnershipCity

    PartnershipCity.objects.filter(partnership__slug="dakar-montreal").update(publishes=False)


# Exchange A and its programme as the API names them.
A_API = '"dakar-montreal-2017"'
A_PROGRAMME_SLUG = "scn-bilateral-city-exchanges-2017-2018"


def _staff_token(w):
    """A token of staff's, for the revocation page."""
    from api.services import token_create

    w.token = token_create(user=w.users["staff"], name="Token of the matrix")[0]


def STAFF_TOKEN(w):
    return {"pk": w.token.pk}


# Links into exchange A (its page, its report, its sessions): for those who may open it only.
A_LINKS = "/exchanges/dakar-montreal-2017/"
A_REPORT_LINK = 'href="/exchanges/dakar-montreal-2017/report/en/"'


# POST data that a permitted identity would save (test_the_right_identity_can_write... shows it does).


def _programme_data(w):
    programme = w.exchange_a.programme
    return {
        "name": "Programme renamed by the matrix",
        "slug": "matrix-programme",
        "organiser": programme.organiser_id,
        "start_date": "2019-01-01",
        "end_date": "2019-12-31",
        "planned_exchanges": 2,
    }


def _exchange_data(w):
    exchange = w.exchange_a
    return {
        "programme": exchange.programme_id,
        "title": "Exchange renamed by the matrix",
        "slug": "matrix-exchange",
        "host_city": exchange.host_city_id,
        "visiting_cities": [city.pk for city in exchange.visiting_cities.all()],
        "start_date": "2017-10-16",
        "end_date": "2017-10-18",
        "transfer_buffer_minutes": 45,
    }


def _session_data(w):
    return {
        "kind": "presentation",
        "title": "Session by the matrix",
        "day": "2017-10-17",
        "start_time": "11:00",
        "end_time": "12:00",
    }


def _move_data(w):
    return {"day": "2017-10-17", "start_time": "14:00"}


def _move_to_undo(w):
    session = w.session_a
    SessionMove.objects.update_or_create(
        user=w.users["staff"],
        exchange=w.exchange_a,
        defaults={"session": session, "old_start": session.start - timedelta(hours=1), "old_end": session.start},
    )


def _copy_data(w):
    return {"title_en": "Copy by the matrix", "title_fr": "Copie de la matrice", "start_date": "2019-05-06"}


def _objective_data(w):
    return {"lead": "Objective by the matrix", "detail": "to test access"}


def _venue_data(w):
    return {"name": "Venue by the matrix", "kind": "venue", "address": "1 rue Test", "city": w.exchange_a.host_city_id}


def _person_data(w):
    return {"name": "Person by the matrix", "job_title": "Tester", "email": "matrix@example.org", "language": "en"}


def _new_city_data(w):
    return {"name": "City by the matrix", "country_code": "NO", "time_zone": "Europe/Oslo", "region_en": "North"}


def _organisation_data(w):
    return {
        "name": "Organisation by the matrix",
        "slug": "matrix-organisation",
        "kind": "ngo",
        "city": w.exchange_a.host_city_id,
    }


def _import_payload(importer, columns, row):
    """The Import button's data of a preview of one row (``exchanges.imports``)."""
    return {"payload": importer.sign(Table(columns=columns, rows=[(2, row)]))}


def _session_import_data(w):
    row = {
        "title_en": "Session imported by the matrix",
        "day": "2017-10-17",
        "start_time": "11:00",
        "end_time": "12:00",
    }
    return _import_payload(SessionImport(user=None, exchange=w.exchange_a), list(row), row)


def _people_import_data(w):
    return _import_payload(PersonImport(user=None), ["name"], {"name": "Person imported by the matrix"})


def _organisation_import_data(w):
    return _import_payload(
        OrganisationImport(user=None), ["name_en"], {"name_en": "Organisation imported by the matrix"}
    )


def _city_data(w):
    # Staff also see the membership and visibility fields: sent, so a staff save keeps the city public.
    return {
        "region": "North America",
        "languages": "French",
        "profile": "Profile by the matrix",
        "is_member": "on",
        "is_public": "on",
    }


def _initiative_data(w):
    return {"name": "Initiative by the matrix", "city": w.exchange_a.host_city_id, "summary": "to test access"}


def _next_step_data(w):
    return {
        "text": "Next step by the matrix",
        "owner_organisation": Organisation.objects.get(slug="cprlv").pk,
        "status": "open",
        "position": 9,
    }


def _report_edited(w):
    """Exchange A's report edited after its PDF was made: asking for the PDF now queues a new job."""
    staff = w.users["staff"]
    w.report = report_save_section(
        report=w.report, section="summary", text="Edited by the matrix.", base_version=w.report.version, user=staff
    )


def _signed_off(w):
    """Exchange A's report asked for approval, and approved for both partner cities (Montréal and Dakar)."""
    sign_off = release_request_approval(report=w.report, by=w.users["staff"])
    for city in City.objects.filter(slug__in=["montreal", "dakar"]):
        SignOffDecision.objects.create(
            sign_off=sign_off,
            city=city,
            user=w.users["coordinator_host"],
            decision="approved",
            decided_at=timezone.now(),
        )


def _approval_asked(w):
    release_request_approval(report=w.report, by=w.users["staff"])


def _release_pdf_lost(w):
    """Release 1's PDF failed (or its file is gone): asking for it queues a new job."""
    RenderJob.objects.filter(pk=w.report_job.pk).update(status=RenderJob.Status.FAILED)


def A_RELEASE(w):
    return {"slug": w.exchange_a.slug, "lang": "en", "number": 1}


def _survey_open(w):
    """Exchange A ended yesterday: its feedback survey takes answers (the demo's closed in 2017)."""
    end_yesterday(w.exchange_a)


def A_SURVEY_LINK(w):
    """The one-click link of Maye Seck's survey of exchange A (the demo's illustrative answers)."""
    from exchanges.models import SurveyResponse
    from exchanges.services.surveys import survey_token

    return {"token": survey_token(SurveyResponse.objects.get(exchange=w.exchange_a, person=w.person_a))}


def _survey_data(w):
    return {f"met_{w.exchange_a.objectives.order_by('position').first().pk}": "2"}


# --- the matrix ------------------------------------------------------------------------------------------------

MATRIX = {
    "home": Row(
        None,
        anonymous=Page("Exchange Portal", hides=("Dakar–Montréal",)),
        delegate_a=Page("Dakar–Montréal city exchange"),
        delegate_b=Page("Exchange B", hides=("Dakar–Montréal",)),
        coordinator_host=Page("Dakar–Montréal city exchange"),
        coordinator_other=Page("Exchange B", hides=("Dakar–Montréal",)),
        staff=Page("Dakar–Montréal city exchange"),
    ),
    "healthz": everyone(None, Page('"status": "ok"')),
    "set_language": everyone(None, Status(405)),  # POST only
    "exchanges:detail": Row(
        A_SLUG,
        anonymous=NOT_FOUND,
        delegate_a=Page("Roundtables with the Ville de Montréal", hides=("History of changes",)),
        coordinator_host=Page("History of changes"),
        staff=Page("History of changes"),
    ),
    # exchanges: programmes, exchanges, the agenda builder (issue 3). Coordinators of any city manage
    # programmes, venues, people and organisations; an exchange's pages are for staff and its host's coordinators.
    # Exchanges are counted for those who may see them: none of exchange A's programme for coordinator_other.
    "exchanges:programme_list": Row(
        None,
        anonymous=LOGIN,
        coordinator_host=Page("1 of 3 planned exchanges"),
        coordinator_other=Page("0 of 3 planned exchanges"),
        staff=Page("SCN bilateral city exchanges 2017–2018"),
    ),
    "exchanges:programme_create": row(None, STAFF, text="New programme", post=_programme_data),
    "exchanges:programme_detail": Row(
        A_PROGRAMME,
        anonymous=LOGIN,
        coordinator_host=Page("Dakar–Montréal city exchange"),
        coordinator_other=Page("SCN bilateral city exchanges 2017–2018", hides=("Dakar–Montréal",)),
        staff=Page("Dakar–Montréal city exchange"),
    ),
    "exchanges:programme_edit": row(A_PROGRAMME, STAFF, text="Edit programme", post=_programme_data),
    "exchanges:exchange_create": row(None, MANAGERS, text="New exchange", post=_exchange_data),
    "exchanges:exchange_edit": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Edit Dakar–Montréal city exchange", post=_exchange_data),
    "exchanges:status_change": post_only(A_SLUG, STAFF, post=lambda w: {"status": Exchange.Status.UNDER_WAY}),
    "exchanges:builder": Row(
        A_SLUG,
        anonymous=LOGIN,
        coordinator_host=Page("Sylvain Bissonnette is in two sessions at once", hides=("Session of exchange B", "Exchange B")),
        staff=Page("“Session of exchange B” (Exchange B, "),
    ),
    "exchanges:checks": Row(
        A_SLUG,
        anonymous=LOGIN,
        coordinator_host=Page("Sylvain Bissonnette is in two sessions at once", hides=("Session of exchange B", "Exchange B")),
        staff=Page("“Session of exchange B” (Exchange B, "),
    ),
    "exchanges:translations": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Texts in English and French"),
    "exchanges:session_add": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Add a session", post=_session_data),
    "exchanges:session_edit": row(A_SESSION, STAFF_COORDINATOR_HOST, text="Edit “Roundtables with the Ville de Montréal”", post=_session_data),
    "exchanges:session_duplicate": post_only(A_SESSION, STAFF_COORDINATOR_HOST, post=lambda w: {}),
    "exchanges:session_delete": row(A_SESSION, STAFF_COORDINATOR_HOST, text="Delete this session?", post=lambda w: {}),
    # Moves in the builder (issue 17): the keyboard's "Move to…" page (drag and drop posts it too), and the undo
    # of the user's own last move (``prepare`` gives staff, the writer of the check, a move to undo).
    "exchanges:session_move": row(A_SESSION, STAFF_COORDINATOR_HOST, text="Move “Roundtables with the Ville de Montréal”", post=_move_data),
    "exchanges:move_undo": replace(post_only(A_SLUG, STAFF_COORDINATOR_HOST, post=lambda w: {}), prepare=_move_to_undo),
    "exchanges:exchange_copy": row(A_SLUG, STAFF_COORDINATOR_HOST, text="New exchange from “Dakar–Montréal city exchange”", post=_copy_data),
    "exchanges:objective_list": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Aims and objectives", post=_objective_data),
    "exchanges:objective_edit": row(A_OBJECTIVE, STAFF_COORDINATOR_HOST, text="Edit objective", post=_objective_data),
    "exchanges:objective_move": post_only(A_OBJECTIVE, STAFF_COORDINATOR_HOST, post=lambda w: {"direction": "down"}),
    "exchanges:objective_delete": row(A_OBJECTIVE, STAFF_COORDINATOR_HOST, text="Remove this objective?", post=lambda w: {}),
    # Delegations: the host's coordinators and staff add them; a delegation's own city's coordinators
    # manage its members too (no identity here coordinates Dakar: tests/test_manage_pages.py has that case).
    "exchanges:delegation_list": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Delegations: Dakar–Montréal city exchange"),
    "exchanges:delegation_add": redirects_get(A_SLUG, STAFF_COORDINATOR_HOST, to=Redirect("exchanges:delegation_list", A_SLUG), post=lambda w: {"city": City.objects.get(name="City B").pk, "role": "visiting"}),
    "exchanges:delegation_detail": row(A_DELEGATION, STAFF_COORDINATOR_HOST, text="Papa Alassane Seck"),
    "exchanges:member_add": redirects_get(A_DELEGATION, STAFF_COORDINATOR_HOST, to=Redirect("exchanges:delegation_detail", A_DELEGATION), post=lambda w: {"person": Person.objects.get(email="jocelyne.lebrun@example.org").pk, "role": "member"}),
    "exchanges:member_remove": row(A_MEMBERSHIP, STAFF_COORDINATOR_HOST, text="Remove Papa Alassane Seck from the", post=lambda w: {}),
    # Imports from files (issue 17): sessions for the exchange's editors, people and organisations for managers
    # (a coordinator's rows only for their own cities or none). The POST is a preview's Import button.
    "exchanges:session_import": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Import sessions", post=_session_import_data),
    "exchanges:session_import_example": row(lambda w: {**A_SLUG(w), "file_format": "csv"}, STAFF_COORDINATOR_HOST, text="kind,title_en,title_fr,day"),
    "exchanges:people_import": row(None, MANAGERS, text="Import people", post=_people_import_data),
    "exchanges:people_import_example": row(lambda w: {"file_format": "csv"}, MANAGERS, text="name,honorific_en"),
    "exchanges:organisation_import": row(None, MANAGERS, text="Import organisations", post=_organisation_import_data),
    "exchanges:organisation_import_example": row(lambda w: {"file_format": "xlsx"}, MANAGERS, text="PK"),
    "exchanges:venue_list": row(None, MANAGERS, text="Venues and sites"),
    "exchanges:venue_create": row(None, MANAGERS, text="Add a venue or site", post=_venue_data),
    "exchanges:venue_edit": row(A_VENUE, STAFF_COORDINATOR_HOST, text="Edit Hôtel de Ville de Montréal", post=_venue_data),
    # The people picker lists those a user may read (exchanges.access.visible_people): City B's coordinator sees
    # the people of exchange B (Commander Bissonnette presents there), not exchange A's delegates.
    "exchanges:person_options": Row(
        None,
        anonymous=LOGIN,
        coordinator_host=Page("Maye Seck"),
        coordinator_other=Page("Sylvain Bissonnette", hides=("Maye Seck",)),
        staff=Page("Maye Seck"),
    ),
    "exchanges:organisation_options": row(None, MANAGERS, text="Service de Police de la Ville de Montréal"),
    # exchanges: agendas and calendar feeds (issue 4). An exchange's agenda has the exchange's own access.
    "exchanges:agenda": Row(
        A_SLUG,
        anonymous=NOT_FOUND,
        delegate_a=Page("Agenda: Dakar–Montréal city exchange"),
        coordinator_host=Page("Agenda: Dakar–Montréal city exchange"),
        staff=Page("Agenda: Dakar–Montréal city exchange"),
    ),
    # One session's page (issue 16): the exchange's readers, as they may see the session.
    "exchanges:session_detail": readers_of_a(A_SESSION, Page("Back to the agenda")),
    "exchanges:agenda_ics": Row(A_SLUG, anonymous=NOT_FOUND, delegate_a=Page("BEGIN:VEVENT"), coordinator_host=Page("BEGIN:VEVENT"), staff=Page("BEGIN:VEVENT")),
    "exchanges:my_agenda": Row(
        None,
        anonymous=LOGIN,
        delegate_a=Page("Dakar–Montréal city exchange"),
        delegate_b=Page("Session of exchange B", hides=("Dakar–Montréal",)),
        coordinator_host=Page("Dakar–Montréal city exchange"),
        coordinator_other=Page("Your account is not linked", hides=("Dakar–Montréal",)),
        staff=Page("Your account is not linked", hides=("Dakar–Montréal",)),
    ),
    # My own feed address: for a user linked to a Person; it changes only that Person's token.
    "exchanges:feed_regenerate": Row(
        None,
        anonymous=LOGIN,
        delegate_a=Page("Get a new feed address?"),
        delegate_b=Page("Get a new feed address?"),
        coordinator_host=Page("Get a new feed address?"),
        post=lambda w: {},
    ),
    # Home time zone: anyone, kept in the session until one logs in.
    "exchanges:my_settings": everyone(None, Page("Agenda preferences")),
    # The personal feed opens by its secret token alone, for whoever holds it (see test_personal_feed_...).
    "exchanges:personal_feed": everyone(FEED_A, Page("BEGIN:VEVENT")),
    # participants: the people directory. A coordinator reads the people of their own city and of the exchanges
    # their city takes part in, and edits those of their own city; Maye Seck (a Dakar delegate of exchange A) is
    # nobody's business at City B.
    "participants:person_list": Row(
        None,
        anonymous=LOGIN,
        coordinator_host=Page("Maye Seck"),
        coordinator_other=Page("Person B", hides=("Maye Seck", "maye.seck@")),
        staff=Page("Maye Seck"),
    ),
    "participants:person_create": row(None, MANAGERS, text="Add a person", post=_person_data),
    # Which exchanges a person takes part in is for staff only: a coordinator must not learn of others' exchanges.
    "participants:person_detail": Row(
        PERSON_A,
        anonymous=LOGIN,
        coordinator_host=Page("maye.seck@example.org", hides=("Dakar–Montréal",)),
        staff=Page("Dakar–Montréal city exchange"),
    ),
    "participants:person_edit": row(PERSON_A, STAFF, text="Edit Maye Seck", post=_person_data),
    # cities: organisations; a coordinator edits those of their own city.
    "cities:organisation_list": row(None, MANAGERS, text="Service de Police de la Ville de Montréal"),
    "cities:organisation_create": row(None, MANAGERS, text="Add an organisation", post=_organisation_data),
    # cities: a new city (issue 17), also from the exchange form's "New city": staff only.
    "cities:city_create": row(None, STAFF, text="Add a city", post=_new_city_data),
    "cities:organisation_edit": row(A_ORGANISATION, STAFF_COORDINATOR_HOST, text="Edit Service de Police", post=_organisation_data),
    # cities: city profiles and initiatives (issue 7). Public for public member cities; coordinators edit their
    # own city's profile and initiatives, staff all. A profile names the public exchanges of its city that are no
    # longer drafts (title, dates) to everyone, and the others only to those who may open them (issue 14).
    "cities:city_list": Row(None, **dict.fromkeys(IDENTITIES[:-1], Page("Montréal", hides=("Unlisted City",))), staff=Page("Unlisted City")),
    "cities:city_detail": Row(
        CITY_A,
        anonymous=Page("<h1>Montréal</h1>", hides=(A_LINKS, "Dakar–Montréal")),
        delegate_a=Page(A_REPORT_LINK),
        delegate_b=Page("<h1>Montréal</h1>", hides=(A_LINKS, "Dakar–Montréal")),
        coordinator_host=Page(A_REPORT_LINK),
        coordinator_other=Page("<h1>Montréal</h1>", hides=(A_LINKS, "Dakar–Montréal")),
        staff=Page(A_REPORT_LINK),
    ),
    "cities:city_edit": row(CITY_A, STAFF_COORDINATOR_HOST, text="Edit the profile of Montréal", post=_city_data),
    "cities:initiative_list": Row(None, **dict.fromkeys(IDENTITIES[:-1], Page("RÉSAL", hides=("Unlisted initiative",))), staff=Page("Unlisted initiative")),
    # RÉSAL was presented in two sessions of exchange A: named to those who may open it.
    "cities:initiative_detail": Row(
        INITIATIVE_A,
        anonymous=Page("RÉSAL", hides=(A_LINKS, "Dakar–Montréal", "Site visit: RÉSAL in Saint-Pierre")),
        delegate_a=Page("Site visit: RÉSAL in Saint-Pierre"),
        delegate_b=Page("RÉSAL", hides=(A_LINKS, "Dakar–Montréal", "Site visit: RÉSAL in Saint-Pierre")),
        coordinator_host=Page("Site visit: RÉSAL in Saint-Pierre"),
        coordinator_other=Page("RÉSAL", hides=(A_LINKS, "Dakar–Montréal", "Site visit: RÉSAL in Saint-Pierre")),
        staff=Page("Site visit: RÉSAL in Saint-Pierre"),
    ),
    # Every coordinator may add initiatives, for their own city only: City B's coordinator posting one for
    # Montréal is told so next to the field, and nothing is saved.
    "cities:initiative_create": Row(
        None,
        anonymous=LOGIN,
        coordinator_host=Page("New initiative"),
        coordinator_other=Page("New initiative"),
        staff=Page("New initiative"),
        post=_initiative_data,
        post_refusals=refused(MANAGERS) | {"coordinator_other": Page("Select a valid choice")},
    ),
    "cities:initiative_edit": row(INITIATIVE_A, STAFF_COORDINATOR_HOST, text="Edit RÉSAL", post=_initiative_data),
    # exchanges: next steps (issue 7): seen by those who see the exchange; added and edited by those who edit it
    # (its delegate gets 403); updates posted by the step's owner person, the exchange's cities' coordinators and
    # staff (a delegate who does not own the step gets 403; tests/test_next_steps.py has the owner posting).
    "exchanges:next_steps": readers_of_a(A_SLUG, Page("The CPRLV sends round a first concept note")),
    "exchanges:next_step_detail": readers_of_a(A_NEXT_STEP, Page("The CPRLV sends round a first concept note")),
    "exchanges:next_step_create": Row(A_SLUG, anonymous=LOGIN, delegate_a=FORBIDDEN, coordinator_host=Page("Add a next step"), staff=Page("Add a next step"), post=_next_step_data),
    "exchanges:next_step_edit": Row(A_NEXT_STEP, anonymous=LOGIN, delegate_a=FORBIDDEN, coordinator_host=Page("Edit next step"), staff=Page("Edit next step"), post=_next_step_data),
    "exchanges:next_step_update": Row(
        A_NEXT_STEP,
        anonymous=LOGIN,
        **dict.fromkeys(IDENTITIES[1:], Status(405)),
        post=lambda w: {"text": "Update by the matrix", "new_status": "in_progress"},
        post_refusals=refused(STAFF_COORDINATOR_HOST) | {"delegate_a": FORBIDDEN},
    ),
    "exchanges:dashboard": Row(None, staff=Page("Programme dashboard")),  # staff only; 404 for all others
    # Feedback surveys (issue 19): the signed link is the key, whoever opens it; logged in, exchange A's delegates.
    "exchanges:survey_answer": Row(A_SURVEY_LINK, **dict.fromkeys(IDENTITIES, Page("How far did this exchange meet this objective?")), prepare=_survey_open),
    # The host coordinator of the demo is also a member of the Montréal delegation: a delegate too.
    "exchanges:my_survey": Row(A_SLUG, anonymous=LOGIN, delegate_a=Page("How far did this exchange meet this objective?"), coordinator_host=Page("How far did this exchange meet this objective?"), post=_survey_data, prepare=_survey_open),
    "exchanges:programme_indicators": row(A_PROGRAMME, STAFF, text="Programme indicators"),
    "exchanges:programme_indicators_csv": row(A_PROGRAMME, STAFF, text="Response rate (%)"),
    "reports:programme_pdf": post_only(A_PROGRAMME, STAFF, post=lambda w: {"year": "2017"}),
    # reports (issue 5): staff and the coordinators of the exchange's cities edit and make PDFs; a published
    # report is read and downloaded by everyone who sees the exchange; everyone else gets 404 on the report,
    # its jobs and its files. The world's report is published (a draft report: tests/reports/test_access.py).
    "reports:report_list": Row(
        None,
        anonymous=Page("Summary reports", hides=(A_LINKS,)),
        delegate_a=Page(A_REPORT_LINK),
        delegate_b=Page("Summary reports", hides=(A_LINKS,)),
        coordinator_host=Page(A_REPORT_LINK),
        coordinator_other=Page("Summary reports", hides=(A_LINKS,)),
        staff=Page(A_REPORT_LINK),
    ),
    "reports:report": readers_of_a(
        A_SLUG,
        Page("Version history"),
        delegate_a=Page("Opening roundtables.", hides=("Version history", "Edit Summary")),
    ),
    "reports:draft": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Draft the report from the exchange?", post=lambda w: {"replace": "1"}),
    "reports:section_edit": row(A_SECTION, STAFF_COORDINATOR_HOST, text="Edit Summary", post=lambda w: {"text": "Summary by the matrix", "base_version": w.report.version}),
    "reports:settings": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Language and annex", post=lambda w: {"language": "fr", "include_annex": "on"}),
    # Publishing needs both partner cities' approval: the entry's state has it, so that every editor may publish.
    "reports:publish": Row(A_SLUG, post=lambda w: {}, prepare=_signed_off, **(dict.fromkeys(WHO[STAFF_COORDINATOR_HOST], Page("Publish this version as a release?")) | refused(STAFF_COORDINATOR_HOST))),
    "reports:request_approval": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Ask the partner cities to approve this version?", post=lambda w: {}),
    # Only the coordinators of the host and visiting cities answer a request (not staff, not a city that only sent a delegation).
    "reports:review": Row(A_SLUG, anonymous=LOGIN, coordinator_host=Page("Approve this version"), prepare=_approval_asked, post=lambda w: {"decision": "approve"}),
    # Releases are read by those who read the report; readers see the PDF of the current release only.
    "reports:releases": readers_of_a(A_SLUG, Page("Release 1")),
    "reports:release": readers_of_a(A_RELEASE, Page("Release 1", hides=("Withdraw this release",)), **dict.fromkeys(WHO[STAFF_COORDINATOR_HOST], Page("Withdraw this release"))),
    "reports:release_pdf": Row(
        A_RELEASE,
        **dict.fromkeys(IDENTITIES, Status(405)),
        prepare=_release_pdf_lost,
        post=lambda w: {},
        post_refusals={name: NOT_FOUND for name in IDENTITIES if name not in WHO["members_of_a"]},
    ),
    "reports:withdraw": row(A_RELEASE, STAFF_COORDINATOR_HOST, text="Withdraw release 1?", post=lambda w: {"reason": "Withdrawn by the matrix"}),
    "reports:versions": row(A_SLUG, STAFF_COORDINATOR_HOST, text="Drafted from the exchange"),
    "reports:version": row(A_VERSION, STAFF_COORDINATOR_HOST, text="Version 1"),
    "reports:restore": row(A_VERSION, STAFF_COORDINATOR_HOST, text="Restore version 1?", post=lambda w: {}),
    "reports:copy": row(lambda w: {**A_SLUG(w), "lang": "en", "target": "fr"}, STAFF_COORDINATOR_HOST, text="made with this report's four sections", post=lambda w: {}),
    # POST only, for readers too ("Get the PDF"); the report is edited first so that a new job is queued.
    "reports:generate": Row(
        A_SLUG,
        **dict.fromkeys(IDENTITIES, Status(405)),
        prepare=_report_edited,
        post=lambda w: {},
        post_refusals={name: NOT_FOUND for name in IDENTITIES if name not in WHO["members_of_a"]},
    ),
    "reports:agenda_pdf": Row(
        A_SLUG,
        **dict.fromkeys(IDENTITIES, Status(405)),
        post=lambda w: {},
        post_refusals={name: NOT_FOUND for name in IDENTITIES if name not in WHO["members_of_a"]},
    ),
    "reports:job": readers_of_a(A_REPORT_JOB, Page("Summary report PDF")),
    "reports:download": readers_of_a(A_REPORT_JOB, Page("%PDF-")),
    # search: one box for everyone; results (and their counts) never go beyond what the searcher may see.
    # Searching exchange A's title finds it and its published report, or nothing at all.
    "search": Row(
        None,
        query={"q": "Dakar–Montréal city exchange"},
        **dict.fromkeys(["anonymous", "delegate_b", "coordinator_other"], Page("Nothing found for “Dakar–Montréal city exchange”", hides=(A_LINKS,))),
        **dict.fromkeys(WHO["members_of_a"], Page(A_REPORT_LINK)),
    ),
    "ping": everyone(None, Page("ok")),
    # audit: History tabs
    "audit:exchange_history": row(A_SLUG, STAFF_COORDINATOR_HOST, text="History of Dakar–Montréal city exchange"),
    "audit:session_history": row(lambda w: {"slug": w.exchange_a.slug, "pk": w.session_a.pk}, STAFF_COORDINATOR_HOST, text="History of the session"),
    "audit:delegation_history": row(lambda w: {"slug": w.exchange_a.slug, "pk": w.delegation_a.pk}, STAFF_COORDINATOR_HOST, text="History of the Dakar delegation"),
    "audit:person_history": row(lambda w: {"pk": w.person_a.pk}, STAFF_COORDINATOR_HOST, text="History of Maye Seck"),
    # invitations (participants), personal data and anonymising (overview), coordinators (cities)
    "participants:person_invite": row(lambda w: {"pk": w.uninvited.pk}, STAFF, text="Invite Papa Alassane Seck", post=lambda w: {"email": "papa@example.org"}),
    "overview:person_anonymise": row(lambda w: {"pk": w.person_a.pk}, STAFF, text="Anonymise Maye Seck", post=lambda w: {"confirm": "on"}),
    "participants:invitation_accept": Row(
        lambda w: {"token": INVITATION_TOKEN},
        anonymous=Page("Open your account"),
        post=lambda w: {"password1": "a-long-new-password-1", "password2": "a-long-new-password-1"},
        **dict.fromkeys(IDENTITIES[1:], Page("Log out first", status=409)),
    ),
    "overview:my_data": Row(
        None,
        anonymous=LOGIN,
        delegate_a=Page("Maye Seck"),
        delegate_b=Page("Person B", hides=("Maye Seck",)),
        coordinator_host=Page("Esteban Benavides", hides=("Maye Seck",)),
        coordinator_other=Page("What the portal holds about you", hides=("Maye Seck",)),
        staff=Page("staff@example.org", hides=("Maye Seck",)),
    ),
    "overview:my_data_download": Row(
        None,
        anonymous=LOGIN,
        delegate_a=Page('"name": "Maye Seck"'),
        delegate_b=Page('"name": "Person B"', hides=("Maye Seck",)),
        coordinator_host=Page('"name": "Esteban Benavides"', hides=("Maye Seck",)),
        coordinator_other=Page('"person": null', hides=("Maye Seck",)),
        staff=Page('"email": "staff@example.org"', hides=("Maye Seck",)),
    ),
    "cities:coordinator_list": row(None, STAFF, text="City coordinators", post=lambda w: {"email": "delegate@example.org", "city": w.exchange_a.host_city_id}),
    "cities:coordinator_remove": row(lambda w: {"pk": w.coordinator_a.pk}, STAFF, text="Remove a coordinator", post=lambda w: {}),
    # The admin logs in through allauth; non-staff accounts are refused.
    "admin:index": Row(None, staff=Page("Site administration"), **dict.fromkeys(IDENTITIES[:-1], Redirect("admin:login"))),
    "admin:login": Row(None, anonymous=LOGIN, staff=Redirect("admin:index"), **dict.fromkeys(IDENTITIES[1:-1], FORBIDDEN)),
    # allauth pages whose answer is ours to decide.
    # Logged in already: to one's start page, the dashboard for staff (accounts.adapters).
    "account_login": Row(
        None, anonymous=Page("Accounts are created by invitation"),
        **dict.fromkeys(IDENTITIES[1:-1], Redirect("home")), staff=Redirect("exchanges:dashboard"),
    ),
    "account_signup": Row(
        None, anonymous=Page("Sign Up Closed"),
        **dict.fromkeys(IDENTITIES[1:-1], Redirect("home")), staff=Redirect("exchanges:dashboard"),
    ),
    "account_logout": Row(None, anonymous=Redirect("home"), **dict.fromkeys(IDENTITIES[1:], Page("Sign Out"))),
    "mfa_index": row(None, LOGGED_IN, text="Two-Factor Authentication"),
    # Set-up asks for the password again unless the login was a real one a moment ago (force_login is not).
    "mfa_activate_totp": Row(None, anonymous=LOGIN, **dict.fromkeys(IDENTITIES[1:], Redirect("account_reauthenticate"))),
    # Open data (issue 18): the read-only API answers with the web's own access rules, 404 for what the viewer may
    # not see (never a login redirect: scripts do not log in). Exchange A is not public: the public lists are empty.
    "api:api-root": everyone(None, NOT_FOUND),
    "api:openapi-json": everyone(None, Page('"openapi": "3.1.0"')),
    "api:programme_list": Row(None, anonymous=Page('"count": 0'), delegate_a=Page(A_PROGRAMME_SLUG), delegate_b=Page('"count": 1', hides=(A_PROGRAMME_SLUG,)), **dict.fromkeys(WHO[MANAGERS], Page(A_PROGRAMME_SLUG))),
    "api:exchange_list": Row(None, anonymous=Page('"count": 0'), delegate_b=Page("Exchange B", hides=(A_API,)), coordinator_other=Page("Exchange B", hides=(A_API,)), **dict.fromkeys(WHO["members_of_a"], Page(A_API))),
    "api:exchange_detail": readers_of_a(A_SLUG, Page('"title": "Dakar\\u2013Montr\\u00e9al city exchange"')),
    "api:session_list": readers_of_a(A_SLUG, Page("Roundtables with the Ville de Montr")),
    "api:delegation_list": readers_of_a(A_SLUG, Page("Maye Seck")),
    "api:next_step_list": readers_of_a(A_SLUG, Page("The CPRLV sends round a first concept note")),
    "api:report_list": Row(None, **dict.fromkeys(["anonymous", "delegate_b", "coordinator_other"], Page('"count": 0')), **dict.fromkeys(WHO["members_of_a"], Page(f'"exchange": {A_API}'))),
    "api:exchange_report_list": readers_of_a(A_SLUG, Page('"language": "en"')),
    # The directories (people with e-mail, organisations) are the managers', as on the web.
    # People as the web's directory (exchanges.access.visible_people): City B's coordinator reads exchange B's.
    "api:person_list": Row(None, coordinator_host=Page("maye.seck@example.org"), coordinator_other=Page("Person B", hides=("Maye Seck", "maye.seck@")), staff=Page("maye.seck@example.org")),
    "api:person_detail": Row(PERSON_A, coordinator_host=Page('"email": "maye.seck@example.org"'), staff=Page('"email": "maye.seck@example.org"')),
    "api:organisation_list": Row(None, **dict.fromkeys(WHO[MANAGERS], Page('"slug": "spvm"'))),
    "api:city_list": Row(None, staff=Page("Unlisted City"), **{name: Page('"slug": "montreal"', hides=("Unlisted City",)) for name in IDENTITIES[:-1]}),
    "api:initiative_list": Row(None, staff=Page("Unlisted initiative"), **{name: Page('"slug": "resal"', hides=("Unlisted initiative",)) for name in IDENTITIES[:-1]}),
    "open_data:docs": everyone(None, Page("<code>GET /api/v1/exchanges/{slug}/sessions/</code>")),
    "open_data:token_list": row(None, MANAGERS, text="Make a token", post=lambda w: {"name": "Token by the matrix"}),
    # Only its owner revokes a token (staff's here); anyone else gets 404 and the token keeps working.
    "open_data:token_revoke": Row(STAFF_TOKEN, anonymous=LOGIN, staff=Page("Revoke a token"), prepare=_staff_token, post=lambda w: {}),
    # Exports: the people list for those who edit the exchange; its agenda, next steps and sessions for its readers.
    "open_data:people_export": Row(lambda w: {**A_SLUG(w), "fmt": "csv"}, **dict.fromkeys(WHO[STAFF_COORDINATOR_HOST], Page("maye.seck@example.org"))),
    "open_data:agenda_export": readers_of_a(lambda w: {**A_SLUG(w), "fmt": "xlsx"}, Page("PK")),
    "open_data:next_steps_export": readers_of_a(lambda w: {**A_SLUG(w), "fmt": "csv"}, Page("The CPRLV sends round a first concept note")),
    "open_data:session_ics": readers_of_a(A_SESSION, Page("BEGIN:VEVENT")),
    # Issue 19. Learning notes: those who take part in A (its delegate; the host coordinator is a Montréal delegate too);
    # staff and coordinators who do not take part write none (404).
    "exchanges:learning_notes": Row(A_SLUG, anonymous=LOGIN, delegate_a=Page("Learning notes"), coordinator_host=Page("Learning notes"), post=lambda w: {"session": w.session_a.pk, "text": "Matrix note", "visibility": "private"}),
    # The check-in link is the credential: whoever holds it gets the page, logged in or not.
    "exchanges:check_in": everyone(A_CHECK_IN, Page("How is this action going?")),
    # A partnership that is not public (one city has not agreed): staff and its cities' coordinators, 404 for others.
    # The list: public partnerships for everyone, all for staff, their cities' for coordinators; the private one is
    # hidden from the others.
    "overview:partnership_list": Row(
        None, prepare=_partnership_private,
        **{
            who: Page("Partnership Dakar–Montréal")
            if who in ("coordinator_host", "staff")
            else Page("Partnerships", hides=("Partnership Dakar–Montréal",))
            for who in IDENTITIES
        },
    ),
    "overview:partnership_detail": Row(PARTNERSHIP_A, coordinator_host=Page("Partnership Dakar–Montréal"), staff=Page("Partnership Dakar–Montréal"), prepare=_partnership_private),
    "overview:partnership_publication": Row(PARTNERSHIP_A, anonymous=LOGIN, **dict.fromkeys(IDENTITIES[1:], Status(405)), prepare=_partnership_private, post=lambda w: {"publishes": "yes"}, post_refusals=refused(STAFF_COORDINATOR_HOST)),
}  # fmt: skip

# allauth's own flows: reached only from its e-mails or from the pages above, gated by allauth and tested by it.
SKIPPED = {
    name: "allauth flow"
    for name in [
        "account_inactive",
        "account_reauthenticate",
        "account_email",
        "account_email_verification_sent",
        "account_change_password",
        "account_set_password",
        "account_reset_password",
        "account_confirm_login_code",
        "account_confirm_email",
        "account_reset_password_from_key_done",
        "account_reset_password_from_key",
        "account_reset_password_done",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
    ]
}


def url_names(patterns=None, namespace=None, prefix=""):
    """(name or None, route) of every pattern in the URLconf, admin's model pages left out."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_names(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            if route.startswith("admin/") and name not in {"admin:index", "admin:login"}:
                continue  # Django's admin: staff only, tested by Django
            yield name, route


def test_every_url_has_an_entry():
    found = list(url_names())

    unnamed = [route for name, route in found if not name]
    missing = sorted({name for name, _ in found if name} - set(MATRIX) - set(SKIPPED))
    stale = sorted(set(MATRIX) - {name for name, _ in found})

    assert not unnamed, f"Name these URL patterns so the matrix can check them: {unnamed}"
    assert not missing, f"Add these URLs to MATRIX in tests/test_permission_matrix.py: {missing}"
    assert not stale, f"These MATRIX entries name no URL any more: {stale}"


# --- the world: exchange A (demo), exchange B, six identities --------------------------------------------------


@dataclass
class World:
    exchange_a: Exchange
    exchange_b: Exchange
    session_a: object
    delegation_a: object
    person_a: Person
    uninvited: Person
    coordinator_a: Coordinator
    next_step_a: NextStep
    report: Report
    report_job: RenderJob
    users: dict = field(default_factory=dict)
    login_sessions: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def _world_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo and exchange B, built once for the module inside a transaction rolled back at its end.

    Every test still runs in its own savepoint (pytest-django's ``db``), so what one test writes is gone
    before the next; building the world for each of the ~120 tests would take most of the run time.
    The report's PDF is kept in a media folder of the module's own, which every test uses.
    """
    media_root = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), transaction.atomic():
        with (
            override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media_root
            ),
            translation.override("en"),
        ):
            rows = _build_world()
            rows["login_sessions"] = _logged_in_sessions(rows)
        with translation.override("en"):  # a login activates the person's language (French, for some)
            rows["world"] = _fetch_world(rows)
        yield rows | {"media_root": media_root}
        transaction.set_rollback(True)


def _build_world() -> dict:
    exchange_a = load_demo()
    # The demo is public (issue 14); the matrix asks who sees a private exchange, so A is made private here.
    Exchange.objects.filter(pk=exchange_a.pk).update(is_public=False)
    exchange_a.is_public = False
    exchange_b = ExchangeFactory(title="Exchange B", host_city=CityFactory(name="City B"))
    delegation_b = DelegationFactory(exchange=exchange_b)
    user_b = UserFactory(email="delegate-b@example.org")
    MembershipFactory(delegation=delegation_b, person=PersonFactory(name="Person B", user=user_b))
    # Commander Bissonnette presents in both exchanges at once: a clash that A's builder may report to
    # those who may see exchange B, and to the others without naming B or its session.
    bissonnette = Person.objects.get(email="sylvain.bissonnette@example.org")
    SessionFactory(exchange=exchange_b, title="Session of exchange B").presenters.set([bissonnette])
    coordinator_other = CoordinatorFactory(city=exchange_b.host_city).user
    jocelyne = Person.objects.get(email="jocelyne.lebrun@example.org")
    Invitation.objects.create(
        person=jocelyne,
        email=jocelyne.email,
        token_hash=token_hash(INVITATION_TOKEN),
        expires_at=timezone.now() + timedelta(days=7),
    )
    # A city (and its initiative) that only staff see: not public, coordinated by none of the six.
    unlisted = CityFactory(name="Unlisted City", is_public=False)
    Initiative.objects.create(name="Unlisted initiative", slug="unlisted-initiative", city=unlisted)
    # Exchange A's summary report, drafted, published, and rendered to a PDF (in-process: the on_commit
    # hook of the request never fires inside this transaction, so the job is run here).
    staff = get_user_model().objects.get(email="staff@example.org")
    report = report_draft(report=report_get_or_create(exchange=exchange_a), user=staff)
    # Published as release 1 (by set-up, without sign-off); readers read the release and download its PDF.
    report = report_set_published(report=report, published=True, user=staff)
    job = RenderJob.objects.get(kind=RenderJob.Kind.RELEASE, report=report)
    render_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE and job.file, job.error
    # A city that sends a delegation to exchange A without hosting or visiting it, and its coordinator
    # (the seventh identity, SENDER below).
    sending_city = CityFactory(name="Sending City")
    DelegationFactory(exchange=exchange_a, city=sending_city)
    coordinator_sender = CoordinatorFactory(city=sending_city).user
    # A city that takes part in no exchange, and its coordinator (the eighth identity, UNRELATED below).
    coordinator_unrelated = CoordinatorFactory(city=CityFactory(name="Unrelated City")).user
    return {
        "exchange_a": exchange_a.pk,
        "exchange_b": exchange_b.pk,
        "user_b": user_b.pk,
        "coordinator_other": coordinator_other.pk,
        "report_job": job.pk,
        "coordinator_sender": coordinator_sender.pk,
        "coordinator_unrelated": coordinator_unrelated.pk,
    }


def _users(rows) -> dict:
    User = get_user_model()
    return {
        "anonymous": None,
        "delegate_a": User.objects.get(email="delegate@example.org"),
        "delegate_b": User.objects.get(pk=rows["user_b"]),
        "coordinator_host": User.objects.get(email="coordinator@example.org"),
        "coordinator_other": User.objects.get(pk=rows["coordinator_other"]),
        "staff": User.objects.get(email="staff@example.org"),
        SENDER: User.objects.get(pk=rows["coordinator_sender"]),
        UNRELATED: User.objects.get(pk=rows["coordinator_unrelated"]),
    }


def _logged_in_sessions(rows) -> dict:
    """A login session per identity, made once for the module: logging in writes rows (the session, the user's
    last login), and the tests switch identity a few thousand times."""
    sessions = {}
    for identity, user in _users(rows).items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[identity] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return sessions


def _fetch_world(rows) -> World:
    exchange_a = Exchange.objects.get(pk=rows["exchange_a"])
    return World(
        exchange_a=exchange_a,
        exchange_b=Exchange.objects.get(pk=rows["exchange_b"]),
        session_a=exchange_a.sessions.order_by("start").first(),
        delegation_a=exchange_a.delegations.get(city__slug="dakar"),
        person_a=Person.objects.get(email="maye.seck@example.org"),
        uninvited=Person.objects.get(email="papa.alassane.seck@example.org"),
        coordinator_a=Coordinator.objects.get(user__email="coordinator@example.org"),
        # Owned by CPRLV, by no one of the six: exchange A's delegate sees it but may not post updates.
        next_step_a=exchange_a.next_steps.get(text__startswith="The CPRLV sends round"),
        report=Report.objects.get(exchange=exchange_a),
        report_job=RenderJob.objects.get(pk=rows["report_job"]),
        users=_users(rows),
        login_sessions=rows["login_sessions"],
    )


@pytest.fixture
def world(_world_rows, db, settings):
    """Fresh objects for each test (a test may change them in memory or in its savepoint): copies of the ones
    fetched once for the module, as a fetch in each test would give them (the module's rows do not change)."""
    settings.MEDIA_ROOT = _world_rows["media_root"]
    return copy.deepcopy(_world_rows["world"])


def _client_for(client, world, identity):
    """The client as ``identity``, with the login session made for it once (``_logged_in_sessions``)."""
    client.cookies.clear()
    if identity in world.login_sessions:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = world.login_sessions[identity]
    return client


def _mismatch(response, expected, world) -> str | None:
    """None if the response is the expected answer, else what differs."""
    status = response.status_code
    if isinstance(expected, Redirect):
        location = response.get("Location", "")
        target = reverse(expected.to, kwargs=expected.kwargs(world) if expected.kwargs else None)
        if status != 302 or location.split("#")[0].split("?")[0] != target:
            return f"expected a redirect to {target}, got {status} {location}"
        return None
    if isinstance(expected, Status):
        return None if status == expected.code else f"expected {expected.code}, got {status}"
    # A PDF download is bytes: its text markers (%PDF-) still read through the replacement characters.
    body = (b"".join(response) if response.streaming else response.content).decode(errors="replace")
    if status != expected.status:
        return f"expected a page ({expected.status}), got {status} {response.get('Location', '')}"
    if expected.text not in body:
        return f"page lacks {expected.text!r}"
    leaked = [text for text in expected.hides if text in body]
    return f"page shows {leaked!r}" if leaked else None


def _snapshot() -> dict:
    """Every row of every table the portal writes (logins and sessions aside: a user's last_login changes as
    each identity logs in)."""
    return database_rows(ignore={get_user_model()._meta.db_table: {"last_login"}})


def _prepared_url(name, entry, world) -> str:
    """The entry's URL, once its ``prepare`` (if any) has set the state the entry is checked in."""
    if entry.prepare is not None:
        entry.prepare(world)
    url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    return f"{url}?{urlencode(entry.query)}" if entry.query else url


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_answers_by_identity(name, client, world):
    entry = MATRIX[name]
    url = _prepared_url(name, entry, world)
    problems = []

    for identity in IDENTITIES:
        expected = getattr(entry, identity)
        response = _client_for(client, world, identity).get(url)
        problem = _mismatch(response, expected, world)
        if problem:
            problems.append(f"{identity}: GET {url}: {problem}")

    assert not problems, "\n".join(problems)


POSTING = sorted(name for name, entry in MATRIX.items() if entry.post is not None)


def _refusals(entry) -> dict:
    """The identities that may not write, with the answer their POST gets."""
    if entry.post_refusals is not None:
        return entry.post_refusals
    return {identity: getattr(entry, identity) for identity in IDENTITIES if not _is_ok_page(getattr(entry, identity))}


def _is_ok_page(expected) -> bool:
    return isinstance(expected, Page) and expected.status == 200


@pytest.mark.parametrize("name", POSTING)
def test_writes_by_the_wrong_identity_change_nothing(name, client, world):
    entry = MATRIX[name]
    url = _prepared_url(name, entry, world)
    data = entry.post(world)
    wrong = _refusals(entry)
    problems = []

    before = _snapshot()
    for identity, expected in wrong.items():
        response = _client_for(client, world, identity).post(url, data)
        problem = _mismatch(response, expected, world)
        if problem:
            problems.append(f"{identity}: POST {url}: {problem}")
        after = _snapshot()
        if after != before:
            problems.append(f"{identity}: POST {url} changed the database")
            before = after  # so that the next identity is judged by its own write

    assert wrong, "a POST entry needs at least one identity that may not write"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", POSTING)
def test_the_right_identity_can_write_so_the_checks_above_can_fail(name, client, world):
    """The POST data of each entry does change the database when an identity allowed to write sends it
    (staff, or the first other one allowed): a refused write that changes nothing shows the refusal."""
    entry = MATRIX[name]
    url = _prepared_url(name, entry, world)
    writers = [identity for identity in reversed(IDENTITIES) if identity not in _refusals(entry)]
    before = _snapshot()

    response = _client_for(client, world, writers[0]).post(url, entry.post(world))

    assert response.status_code in (200, 204, 302), response.status_code
    assert _snapshot() != before, f"{writers[0]}: POST {url} changed nothing: fix the entry's post data"


def test_writers_of_the_post_data_are_the_ones_intended(client, world):
    """Spot checks that the writes above are the real ones, not merely some change."""
    client.force_login(world.users["staff"])

    client.post(reverse("exchanges:exchange_edit", kwargs=A_SLUG(world)), _exchange_data(world))
    client.post(reverse("cities:coordinator_remove", kwargs={"pk": world.coordinator_a.pk}), {})

    world.exchange_a.refresh_from_db()
    assert world.exchange_a.title == "Exchange renamed by the matrix" and world.exchange_a.transfer_buffer_minutes == 45
    assert not Coordinator.objects.filter(pk=world.coordinator_a.pk).exists()


def test_a_draft_report_is_404_for_its_readers_on_the_report_its_job_and_its_file(client, world):
    """The matrix's report is published; unpublished, only its editors still reach it."""
    report_set_published(report=world.report, published=False, user=world.users["staff"])
    urls = [
        reverse("reports:report", kwargs=A_SLUG(world)),
        reverse("reports:job", kwargs=A_REPORT_JOB(world)),
        reverse("reports:download", kwargs=A_REPORT_JOB(world)),
    ]
    before = _snapshot()

    answers = {
        identity: [_client_for(client, world, identity).get(url).status_code for url in urls] for identity in IDENTITIES
    }
    generate = _client_for(client, world, "delegate_a").post(reverse("reports:generate", kwargs=A_SLUG(world)))

    editors = WHO[STAFF_COORDINATOR_HOST]
    assert answers == {identity: [200, 200, 200] if identity in editors else [404, 404, 404] for identity in IDENTITIES}
    assert generate.status_code == 404 and _snapshot() == before


@pytest.mark.parametrize("token", ["not-a-token", "replaced"])
def test_personal_feed_with_a_wrong_token_is_404_for_everyone(token, client, world):
    if token == "replaced":
        token = world.person_a.feed_token
        world.person_a.feed_token = "a-new-token"
        world.person_a.save(update_fields=["feed_token"])
    url = reverse("exchanges:personal_feed", kwargs={"token": token})

    answers = {identity: _client_for(client, world, identity).get(url).status_code for identity in IDENTITIES}

    assert answers == dict.fromkeys(IDENTITIES, 404)


# --- a seventh identity: the coordinator of a city that only sends a delegation to exchange A ---------------------
# Their city takes part in exchange A without hosting or visiting it. Taking part is what counts (DESIGN: a
# coordinator edits "the report of exchanges their city takes part in"; docs/development.md, "Who owns which access
# question"): they see exchange A and its history and edit its report, as the host's coordinators do, and post
# updates on its next steps; the exchange itself (details, agenda, delegations, next steps) stays the host's to
# edit. On the URLs below they get coordinator_host's answer, everywhere else coordinator_other's.
SENDER = "coordinator_sender"
SENDER_AS_HOST = {
    "home", "exchanges:detail", "exchanges:programme_list", "exchanges:programme_detail", "exchanges:agenda",
    "exchanges:session_detail",
    "exchanges:agenda_ics", "exchanges:next_steps", "exchanges:next_step_detail", "cities:city_detail",
    "cities:initiative_detail", "search", "reports:report_list", "reports:report", "reports:draft",
    "reports:section_edit", "reports:settings", "reports:publish", "reports:versions", "reports:version",
    "reports:request_approval", "reports:releases", "reports:release", "reports:withdraw",
    "reports:restore", "reports:copy", "reports:job", "reports:download", "audit:exchange_history",
    "audit:session_history", "audit:delegation_history", "audit:person_history", "api:exchange_list",
    "api:exchange_detail", "api:session_list", "api:delegation_list", "api:next_step_list", "api:report_list",
    "api:exchange_report_list", "open_data:agenda_export", "open_data:next_steps_export", "open_data:session_ics",
    # The people of the exchanges their city takes part in are theirs to read (exchanges.access.visible_people).
    "participants:person_list", "participants:person_detail", "exchanges:person_options",
    "api:person_list", "api:person_detail",
}  # fmt: skip
# Seeing exchange A without editing it, they are refused its next steps' forms as its delegate is.
SENDER_ANSWERS = {"exchanges:next_step_create": FORBIDDEN, "exchanges:next_step_edit": FORBIDDEN}
# Writes they may make beyond those open to coordinator_other (every city's coordinator: programmes, venues…).
SENDER_WRITES = {
    "reports:draft", "reports:section_edit", "reports:settings", "reports:publish", "reports:restore",
    "reports:request_approval", "reports:withdraw", "reports:release_pdf",
    "reports:copy", "reports:generate", "reports:agenda_pdf", "exchanges:next_step_update",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_answers_to_the_coordinator_of_a_city_that_only_sends_a_delegation(name, client, world):
    entry = MATRIX[name]
    url = _prepared_url(name, entry, world)
    expected = SENDER_ANSWERS.get(name, entry.coordinator_host if name in SENDER_AS_HOST else entry.coordinator_other)

    response = _client_for(client, world, SENDER).get(url)

    problem = _mismatch(response, expected, world)
    assert problem is None, f"{SENDER}: GET {url}: {problem}"


def _post_and_roll_back(client, world, identity, url, data):
    """The answer to ``identity`` posting ``data``, and whether it changed the database (then undone)."""
    before = _snapshot()
    with transaction.atomic():
        response = _client_for(client, world, identity).post(url, data)
        changed = _snapshot() != before
        transaction.set_rollback(True)
    return response, changed


@pytest.mark.parametrize("name", POSTING)
def test_writes_by_the_coordinator_of_a_city_that_only_sends_a_delegation(name, client, world):
    """They write where SENDER_WRITES says, and elsewhere exactly as far as coordinator_other does."""
    entry = MATRIX[name]
    url = _prepared_url(name, entry, world)
    refusal = SENDER_ANSWERS.get(name, _refusals(entry).get("coordinator_other"))

    other, other_wrote = _post_and_roll_back(client, world, "coordinator_other", url, entry.post(world))
    response, wrote = _post_and_roll_back(client, world, SENDER, url, entry.post(world))

    if name in SENDER_WRITES:
        assert wrote and not other_wrote, f"{SENDER}: POST {url} wrote {wrote}, coordinator_other {other_wrote}"
    else:
        problem = _mismatch(response, refusal, world) if refusal else None
        assert not problem and wrote == other_wrote, (
            f"{SENDER}: POST {url}: {problem or 'wrote unlike coordinator_other'}"
        )


# --- an eighth identity: the coordinator of a city that takes part in no exchange (issue 14) ----------------------
# A coordinator reads the people of their own city and of the exchanges their city takes part in
# (exchanges.access.visible_people): here, nobody. They get coordinator_other's answer everywhere, except where
# coordinator_other's names exchange B or its people.
UNRELATED = "coordinator_unrelated"
NOBODY = ("Maye Seck", "Person B", "Sylvain Bissonnette", "Papa Alassane Seck")
UNRELATED_ANSWERS = {
    "api:exchange_list": Page('"count": 0', hides=("Exchange B",)),
    "api:person_list": Page('"count": 0', hides=NOBODY),
    "home": Page("Exchange Portal", hides=("Dakar–Montréal", "Exchange B")),
    "participants:person_list": Page("You see the people of your city", hides=NOBODY),
    "exchanges:person_options": Page("Nobody matches", hides=NOBODY),
}
PERSON_URLS = (
    "participants:person_detail",
    "participants:person_edit",
    "participants:person_invite",
    "overview:person_anonymise",
    "audit:person_history",
)
# An e-mail address; calendar UIDs (<uuid>@host) are not addresses.
EMAIL_ADDRESS = re.compile(r"(?<![\w.+-])(?![0-9a-f]{8}-[0-9a-f]{4}-)[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_answers_to_the_coordinator_of_a_city_that_takes_part_in_no_exchange(name, client, world):
    entry = MATRIX[name]
    url = _prepared_url(name, entry, world)
    expected = UNRELATED_ANSWERS.get(name, entry.coordinator_other)

    response = _client_for(client, world, UNRELATED).get(url)

    problem = _mismatch(response, expected, world)
    assert problem is None, f"{UNRELATED}: GET {url}: {problem}"


@pytest.mark.parametrize("identity", [UNRELATED, "delegate_b"])
def test_every_person_is_404_to_an_unrelated_coordinator_and_to_a_delegate_of_another_exchange(identity, client, world):
    """Every person page of every person in the directory, and the people lists, tell them nothing."""
    client = _client_for(client, world, identity)
    own = Person.objects.filter(user=world.users[identity]).values_list("pk", flat=True)
    people = list(Person.objects.exclude(pk__in=own).values_list("pk", flat=True))

    answers = {
        (name, pk): client.get(reverse(name, kwargs={"pk": pk})).status_code for pk in people for name in PERSON_URLS
    }
    listed = client.get(reverse("participants:person_list"))
    picked = client.get(reverse("exchanges:person_options"), {"q": "a"})

    assert len(people) >= 5 and world.person_a.pk in people
    assert {answer for answer in answers.values()} == {404}
    if identity == UNRELATED:
        assert not re.search(r'href="/people/\d+/', listed.content.decode())
        assert "You see the people of your city" in listed.content.decode()
        assert '<option value="" disabled>' in picked.content.decode()
    else:
        assert listed.status_code == 404 and picked.status_code == 404


@pytest.mark.parametrize("identity", [UNRELATED, "delegate_b"])
def test_no_page_shows_them_an_email_address_but_their_own(identity, client, world):
    client = _client_for(client, world, identity)
    user = world.users[identity]
    own = {user.email, *Person.objects.filter(user=user).values_list("email", flat=True)}  # their own data
    found = {}

    for name, entry in MATRIX.items():
        response = client.get(_prepared_url(name, entry, world))
        if response.streaming or response.get("Content-Type", "").startswith("application/pdf"):
            continue
        addresses = set(EMAIL_ADDRESS.findall(response.content.decode(errors="replace"))) - own
        if addresses:
            found[name] = sorted(addresses)

    assert found == {}


def test_the_address_check_finds_the_addresses_that_a_host_coordinator_may_read(client, world):
    """The check above can fail: the host's coordinator reads Maye Seck's address on her page."""
    client = _client_for(client, world, "coordinator_host")

    body = client.get(reverse("participants:person_detail", kwargs=PERSON_A(world))).content.decode()

    assert "maye.seck@example.org" in EMAIL_ADDRESS.findall(body)
