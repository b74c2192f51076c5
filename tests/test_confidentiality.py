"""Session confidentiality (issue 14): each level across the agenda and exchange pages, the builder, the calendar
feeds, the drafted report and its PDF, the printable agenda, search, profiles, histories and agenda e-mails."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from cities.models import Initiative
from conftest import FAST_HASHERS
from exchanges import services
from exchanges.confidentiality import PUBLIC, Shown, audience_for
from exchanges.models import Exchange, Session
from exchanges.notices import agenda_digest_send
from reports.rendering import agenda_source
from reports.services import (
    report_draft,
    report_get_or_create,
    report_pdf_bytes,
    report_set_published,
    report_update_settings,
)
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
    host_time,
)
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db

OPEN = "Open roundtable on prevention"
MEMBERS = "Members-only working dinner"
CHATHAM = "Chatham briefing on hate crimes"
RESTRICTED = "Restricted counterterrorism briefing"
PRESENTER = "Ada Lovecraft"
PRESENTER_ORG = "Unit of Quiet Work"


@dataclass
class World:
    exchange: Exchange
    sessions: dict
    users: dict


@pytest.fixture(scope="module")
def _world_pks(django_db_setup, django_db_blocker):
    """The world, built once for the module inside a transaction rolled back at its end (as the permission
    matrix's): each test runs in its own savepoint (pytest-django's ``db``) and gets fresh instances."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            pks = _build_world()
        yield pks
        transaction.set_rollback(True)


@pytest.fixture
def world(_world_pks, db):
    exchange = Exchange.objects.get(pk=_world_pks["exchange"])
    users = {name: pk and get_user_model().objects.get(pk=pk) for name, pk in _world_pks["users"].items()}
    sessions = {session.confidentiality: session for session in exchange.sessions.all()}
    return World(exchange=exchange, sessions=sessions, users=users)


def _build_world() -> dict:
    host, visiting = CityFactory(name="Hostville"), CityFactory(name="Visitown")
    exchange = ExchangeFactory(title="Hostville–Visitown exchange", host_city=host, is_public=True)
    exchange.visiting_cities.set([visiting])
    host_delegation = DelegationFactory(exchange=exchange, city=host, role="host")
    visiting_delegation = DelegationFactory(exchange=exchange, city=visiting)
    users = {name: UserFactory(email=f"{name}@example.org") for name in ("attendee", "insider", "outsider")}
    MembershipFactory(delegation=visiting_delegation, person__user=users["attendee"])
    MembershipFactory(delegation=host_delegation, person__user=users["insider"], person__city=host)
    presenter = PersonFactory(name=PRESENTER, organisation=OrganisationFactory(name=PRESENTER_ORG, city=host))
    users["organiser"] = CoordinatorFactory(city=host).user
    users["visiting_coordinator"] = CoordinatorFactory(city=visiting).user
    users["staff"] = StaffFactory()
    users["anonymous"] = None
    initiative = Initiative.objects.create(name="Quiet Initiative", slug="quiet-initiative", city=host)
    sessions = {}
    for hour, (title, level) in enumerate(
        [
            (OPEN, Session.Confidentiality.PUBLIC),
            (MEMBERS, Session.Confidentiality.PARTICIPANTS),
            (CHATHAM, Session.Confidentiality.CHATHAM_HOUSE),
            (RESTRICTED, Session.Confidentiality.RESTRICTED),
        ],
        start=9,
    ):
        session = SessionFactory(
            exchange=exchange,
            title=title,
            confidentiality=level,
            start=host_time(exchange, exchange.start_date, hour),
            end=host_time(exchange, exchange.start_date, hour, 50),
            notes=f"Notes of the {title.lower()}.",
        )
        session.initiatives.set([initiative])
        sessions[level] = session
    chatham = sessions[Session.Confidentiality.CHATHAM_HOUSE]
    chatham.presenters.set([presenter])
    chatham.organisations.set([presenter.organisation])
    sessions[Session.Confidentiality.RESTRICTED].attending_delegations.set([visiting_delegation])
    return {
        "exchange": exchange.pk,
        "users": {name: user.pk if user else None for name, user in users.items()},
    }


def _get(client, world, identity, url, **params):
    client.logout()
    if world.users[identity] is not None:
        client.force_login(world.users[identity])
    return client.get(url, params)


def _page(client, world, identity, name, **params):
    response = _get(client, world, identity, reverse(name, kwargs={"slug": world.exchange.slug}), **params)
    assert response.status_code == 200
    return response.content.decode()


# The one rule ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identity", "expected"),
    [
        ("anonymous", ["full", "hidden", "unnamed", "hidden"]),
        ("outsider", ["full", "hidden", "unnamed", "hidden"]),
        ("insider", ["full", "full", "full", "busy"]),
        ("visiting_coordinator", ["full", "full", "full", "busy"]),
        ("attendee", ["full", "full", "full", "full"]),
        ("organiser", ["full", "full", "full", "full"]),
        ("staff", ["full", "full", "full", "full"]),
    ],
)
def test_audience_shows_each_level_as_the_rule_says(world, identity, expected):
    user = world.users[identity] or AnonymousUser()
    audience = audience_for(user, world.exchange)

    shown = [audience.shown(session).value for session in world.sessions.values()]

    assert shown == expected


def test_feeds_count_organisers_as_insiders_only(world):
    audience = audience_for(world.users["organiser"], world.exchange, feed=True)

    assert audience.shown(world.sessions[Session.Confidentiality.RESTRICTED]) is Shown.BUSY


# Agenda and exchange pages, builder ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["exchanges:agenda", "exchanges:detail"])
def test_public_pages_show_public_and_unnamed_chatham_sessions_only(client, world, page):
    for identity in ("anonymous", "outsider"):
        body = _page(client, world, identity, page)

        assert OPEN in body and CHATHAM in body
        assert MEMBERS not in body and RESTRICTED not in body and "Busy" not in body
        assert PRESENTER not in body and PRESENTER_ORG not in body


@pytest.mark.parametrize("page", ["exchanges:agenda", "exchanges:detail"])
def test_insiders_who_do_not_attend_see_a_busy_block_for_a_restricted_session(client, world, page):
    body = _page(client, world, "insider", page)

    assert MEMBERS in body and CHATHAM in body and PRESENTER in body
    assert "Busy" in body and "A session restricted to its attendees." in body
    assert RESTRICTED not in body and "Notes of the restricted" not in body


@pytest.mark.parametrize("identity", ["attendee", "organiser", "staff"])
def test_attendees_and_organisers_see_the_restricted_session(client, world, identity):
    body = _page(client, world, identity, "exchanges:agenda")

    assert RESTRICTED in body and "Restricted to its attendees" in body and "Busy" not in body


def test_builder_shows_the_level_of_each_session_and_the_form_edits_it(client, world):
    session = world.sessions[Session.Confidentiality.PUBLIC]
    client.force_login(world.users["organiser"])

    builder = client.get(reverse("exchanges:builder", kwargs={"slug": world.exchange.slug})).content.decode()
    response = client.post(
        reverse("exchanges:session_edit", kwargs={"slug": world.exchange.slug, "pk": session.pk}),
        {"kind": "presentation", "title": OPEN, "day": "2017-10-16", "start_time": "09:00", "end_time": "09:50",
         "venue": session.venue_id, "confidentiality": "restricted"},
    )  # fmt: skip

    for label in ("Public", "Participants only", "Chatham House rule", "Restricted to its attendees"):
        assert f">{label}</span>" in builder
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.confidentiality == Session.Confidentiality.RESTRICTED


# Calendar feeds ----------------------------------------------------------------------------------------------------


def _events(body: bytes) -> dict:
    return {str(event["summary"]): event for event in Calendar.from_ical(body).walk("VEVENT")}


def test_exchange_feed_for_the_public_has_no_restricted_or_participants_session(client, world):
    response = _get(client, world, "anonymous", reverse("exchanges:agenda_ics", kwargs={"slug": world.exchange.slug}))

    events = _events(response.content)

    assert set(events) == {OPEN, CHATHAM}
    assert PRESENTER not in str(events[CHATHAM]["description"])
    assert PRESENTER_ORG not in response.content.decode()


@pytest.mark.parametrize("identity", ["insider", "organiser"])
def test_exchange_feed_gives_a_non_attendee_a_confidential_busy_event(client, world, identity):
    restricted = world.sessions[Session.Confidentiality.RESTRICTED]
    response = _get(client, world, identity, reverse("exchanges:agenda_ics", kwargs={"slug": world.exchange.slug}))

    events = _events(response.content)

    assert set(events) == {OPEN, MEMBERS, CHATHAM, "Busy"}
    busy = events["Busy"]
    assert str(busy["class"]) == "CONFIDENTIAL" and "description" not in busy and "location" not in busy
    assert busy.decoded("dtstart") == restricted.start and busy.decoded("dtend") == restricted.end
    assert RESTRICTED not in response.content.decode()


def test_exchange_feed_gives_an_attendee_the_restricted_session(client, world):
    response = _get(client, world, "attendee", reverse("exchanges:agenda_ics", kwargs={"slug": world.exchange.slug}))

    events = _events(response.content)

    assert set(events) == {OPEN, MEMBERS, CHATHAM, RESTRICTED}
    assert str(events[RESTRICTED]["class"]) == "PRIVATE"


def test_personal_feeds_hold_a_restricted_session_for_its_attendees_only(client, world):
    attendee = world.users["attendee"].person
    insider = world.users["insider"].person

    mine = _events(client.get(reverse("exchanges:personal_feed", kwargs={"token": attendee.feed_token})).content)
    theirs = _events(client.get(reverse("exchanges:personal_feed", kwargs={"token": insider.feed_token})).content)

    assert RESTRICTED in mine
    assert RESTRICTED not in theirs and "Busy" not in theirs and set(theirs) == {OPEN, MEMBERS, CHATHAM}


# Report, PDF, printable agenda ------------------------------------------------------------------------------------


def _drafted(world):
    staff = world.users["staff"]
    report = report_draft(report=report_get_or_create(exchange=world.exchange, language="en"), user=staff)
    return report_update_settings(report=report, language="en", include_annex=True, user=staff)


def test_drafted_report_never_has_restricted_or_participants_sessions_nor_chatham_presenters(world):
    report = _drafted(world)

    text = " ".join([report.introduction, report.aims, report.summary, report.next_steps])

    assert "Notes of the open roundtable" in text and "Notes of the chatham briefing" in text
    assert "Notes of the members-only" not in text and "Notes of the restricted" not in text
    assert PRESENTER not in text and PRESENTER_ORG not in text


def test_report_pdf_with_its_annex_names_no_chatham_presenter_and_no_restricted_session(world):
    report = _drafted(world)

    text = " ".join(pdf_text(report_pdf_bytes(report)).split())

    assert "Notes of the chatham briefing" in text and OPEN in text  # the annex's agenda
    for hidden in (PRESENTER, PRESENTER_ORG, RESTRICTED, MEMBERS, "Busy"):
        assert hidden not in text


def test_printable_agenda_of_a_private_exchange_shows_a_busy_block_and_of_a_public_one_nothing(world):
    public_html = agenda_source(world.exchange, "en").html
    world.exchange.is_public = False
    world.exchange.save(update_fields=["is_public"])
    private_html = agenda_source(world.exchange, "en").html

    assert RESTRICTED not in public_html and "Busy" not in public_html and MEMBERS not in public_html
    assert PRESENTER not in public_html
    assert RESTRICTED not in private_html and "Busy" in private_html and MEMBERS in private_html


# Search, profiles ------------------------------------------------------------------------------------------------


def test_search_finds_the_published_report_but_never_a_chatham_presenter_or_a_restricted_session(client, world):
    report = _drafted(world)
    report_set_published(report=report, published=True, user=world.users["staff"])
    client.force_login(world.users["outsider"])

    found = client.get(reverse("search"), {"q": "chatham briefing"}).content.decode()
    presenter = client.get(reverse("search"), {"q": PRESENTER}).content.decode()
    restricted = client.get(reverse("search"), {"q": "counterterrorism"}).content.decode()

    assert "Summary report: Hostville–Visitown exchange" in found
    assert f"Nothing found for “{PRESENTER}”" in presenter
    assert "Nothing found for “counterterrorism”" in restricted


def test_initiative_page_lists_public_and_chatham_sessions_only(client, world):
    for identity in ("anonymous", "insider"):
        body = _get(client, world, identity, reverse("cities:initiative_detail", kwargs={"slug": "quiet-initiative"}))

        text = body.content.decode()
        assert OPEN in text and CHATHAM in text
        assert MEMBERS not in text and RESTRICTED not in text


def test_city_profile_names_the_public_exchange_but_no_session_detail(client, world):
    body = _get(client, world, "anonymous", world.exchange.host_city.get_absolute_url()).content.decode()

    assert "Hostville–Visitown exchange" in body
    assert RESTRICTED not in body and PRESENTER not in body


# Histories and agenda e-mails -------------------------------------------------------------------------------------


def test_restricted_session_history_is_404_to_an_insider_who_does_not_attend(client, world):
    restricted = world.sessions[Session.Confidentiality.RESTRICTED]
    url = reverse("audit:session_history", kwargs={"slug": world.exchange.slug, "pk": restricted.pk})
    exchange_url = reverse("audit:exchange_history", kwargs={"slug": world.exchange.slug})

    refused = _get(client, world, "visiting_coordinator", url)
    history = _get(client, world, "visiting_coordinator", exchange_url).content.decode()
    allowed = _get(client, world, "organiser", url).content.decode()

    assert refused.status_code == 404
    assert RESTRICTED not in history and OPEN in history
    assert RESTRICTED in allowed


def test_changes_to_a_restricted_session_are_mailed_to_its_attendees_only(settings, world):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 0
    restricted = world.sessions[Session.Confidentiality.RESTRICTED]
    services.session_update(session=restricted, title=RESTRICTED + " (moved)")

    sent = agenda_digest_send(exchange_id=world.exchange.pk)

    assert sent == 1
    assert mail.outbox[0].to == [world.users["attendee"].person.email]
    assert RESTRICTED in mail.outbox[0].body


def test_removing_a_restricted_session_tells_everyone_only_of_a_busy_slot(settings, world):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 0
    services.session_delete(session=world.sessions[Session.Confidentiality.RESTRICTED])

    agenda_digest_send(exchange_id=world.exchange.pk)

    assert len(mail.outbox) == 2
    assert all(RESTRICTED not in message.body and "Busy" in message.body for message in mail.outbox)


def test_public_audience_is_what_the_drafting_uses(world):
    assert [PUBLIC.shown(session) for session in world.sessions.values()] == [
        Shown.FULL,
        Shown.HIDDEN,
        Shown.UNNAMED,
        Shown.HIDDEN,
    ]
