# ruff: noqa: E501 - one line per form keeps FORMS a table
"""Fuzzing every form of the portal (issue 9, item 5).

For each view that accepts POST (``test_every_posting_view_has_an_entry`` walks the URLconf: a view
that reads POST without an entry in FORMS, or a reason in NOT_FUZZED, fails), the test opens the page
that holds its form as the identity allowed to post, reads the form's fields, and posts values drawn
by Hypothesis: the field's own value or an option of a list, or hostile text (long strings, Unicode
with right-to-left text and emoji, HTML and script, SQL-looking text, NUL bytes, bad dates, times and
time zones, huge numbers). No answer may be a server error, and an answer that is not a redirect
(the form shown again with its errors, a 4xx) must leave every saved row as it was.

Each example runs in a transaction rolled back afterwards, so examples do not see each other's writes.
The number of examples comes from the Hypothesis profile (conftest.py: "dev", "ci").
"""

import functools
import inspect
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from cities.models import City, Coordinator, Initiative, Organisation
from exchanges.models import Exchange, NextStep, Programme, Venue
from participants.models import Invitation, Person
from participants.services import token_hash
from reports import services as report_services
from tests.factories import CityFactory
from tests.snapshot import database_rows

pytestmark = pytest.mark.django_db
INVITATION_TOKEN = "fuzz-invitation-token"

# --- what to post to ------------------------------------------------------------------------------------------

ANONYMOUS, STAFF, COORDINATOR, DELEGATE = None, "staff@example.org", "coordinator@example.org", "delegate@example.org"


@dataclass(frozen=True)
class Form:
    """A form to fuzz: URL kwargs (callable(world) or None), who posts, and where its form is shown
    (``page``: a URL name, with ``page_kwargs`` or else the same kwargs; None: the URL itself).
    ``page=NO_PAGE`` posts fuzzed ``extra`` fields to a view whose form no page shows to this identity."""

    kwargs: object = None
    who: str | None = STAFF
    page: str | None = None
    page_kwargs: object = None
    extra: tuple[str, ...] = ()


NO_PAGE = "-"


def A(w):
    return {"slug": w.exchange.slug}


def A_SESSION(w):
    return {"slug": w.exchange.slug, "pk": w.exchange.sessions.order_by("start").first().pk}


def A_DELEGATION(w):
    return {"slug": w.exchange.slug, "pk": w.exchange.delegations.get(city__slug="dakar").pk}


def A_OBJECTIVE(w):
    return {"slug": w.exchange.slug, "pk": w.exchange.objectives.order_by("position").first().pk}


def A_NEXT_STEP(w):
    return {"slug": w.exchange.slug, "pk": NextStep.objects.filter(exchange=w.exchange).order_by("pk").first().pk}


def A_MEMBER(w):
    delegation = w.exchange.delegations.get(city__slug="dakar")
    return {
        "slug": w.exchange.slug,
        "pk": delegation.pk,
        "membership_pk": delegation.memberships.order_by("pk").first().pk,
    }


def A_VERSION(w):
    return {"slug": w.exchange.slug, "number": 1}


def A_SECTION(w):
    return {"slug": w.exchange.slug, "section": "summary"}


def PERSON(w):
    return {"pk": Person.objects.get(email="maye.seck@example.org").pk}


def UNINVITED(w):
    return {"pk": Person.objects.get(email="papa.alassane.seck@example.org").pk}


def A_EN(w):
    """Report pages post to their language's address once a report exists."""
    return {**A(w), "lang": "en"}


def A_RELEASE(w):
    return {**A_EN(w), "number": 1}


def CITY(w):
    return {"slug": w.exchange.host_city.slug}


def PROGRAMME(w):
    return {"slug": w.exchange.programme.slug}


def VENUE(w):
    return {"pk": Venue.objects.order_by("pk").first().pk}


def ORGANISATION(w):
    return {"pk": Organisation.objects.order_by("pk").first().pk}


def INITIATIVE(w):
    return {"slug": Initiative.objects.order_by("pk").first().slug}


def COORDINATOR_ROW(w):
    return {"pk": Coordinator.objects.get(user__email=COORDINATOR).pk}


def TOKEN(w):
    return {"token": INVITATION_TOKEN}


def CHECK_IN(w):
    """A 3-month check-in of the concept-note action, as its e-mail links it."""
    from exchanges.models import NextStepCheckIn
    from exchanges.services.check_ins import check_in_token

    step = NextStep.objects.get(exchange=w.exchange, text__startswith="The CPRLV sends round")
    check_in, _created = NextStepCheckIn.objects.get_or_create(
        next_step=step, months=3, defaults={"due_on": timezone.localdate()}
    )
    return {"token": check_in_token(check_in)}


def PARTNERSHIP(w):
    return {"slug": "dakar-montreal"}


def _survey_exchange(w):
    """An exchange that ended yesterday, with the demo delegate (Maye Seck) in a delegation: its survey is open."""
    from tests.factories import DelegationFactory, ExchangeFactory, MembershipFactory, ObjectiveFactory, end_yesterday

    exchange = end_yesterday(ExchangeFactory())
    ObjectiveFactory(exchange=exchange)
    ObjectiveFactory(exchange=exchange)
    MembershipFactory(
        delegation=DelegationFactory(exchange=exchange), person=Person.objects.get(email="maye.seck@example.org")
    )
    return exchange


def SURVEY(w):
    return {"slug": _survey_exchange(w).slug}


def SURVEY_LINK(w):
    from exchanges.services.surveys import survey_response_get_or_create, survey_token

    person = Person.objects.get(email="maye.seck@example.org")
    return {"token": survey_token(survey_response_get_or_create(exchange=_survey_exchange(w), person=person))}


def STAFF_API_TOKEN(w):
    from api.services import token_create

    return {"pk": token_create(user=get_user_model().objects.get(email=STAFF), name="fuzzed")[0].pk}


FORMS = {
    "set_language": Form(None, ANONYMOUS, page="home"),
    "account_login": Form(None, ANONYMOUS),
    "account_logout": Form(None, DELEGATE),
    "account_reset_password": Form(None, ANONYMOUS),
    "account_change_password": Form(None, DELEGATE),
    "account_email": Form(None, DELEGATE),
    "participants:person_invite": Form(UNINVITED),
    "overview:person_anonymise": Form(PERSON),
    "participants:invitation_accept": Form(TOKEN, ANONYMOUS),
    "cities:coordinator_list": Form(None),
    "cities:coordinator_remove": Form(COORDINATOR_ROW),
    "cities:city_edit": Form(CITY, COORDINATOR),
    "cities:city_create": Form(None),
    "cities:initiative_create": Form(None, COORDINATOR),
    "cities:initiative_edit": Form(INITIATIVE),
    "cities:organisation_create": Form(None, COORDINATOR),
    "cities:organisation_edit": Form(ORGANISATION),
    "participants:person_create": Form(None, COORDINATOR),
    "participants:person_edit": Form(PERSON),
    "exchanges:programme_create": Form(None),
    "exchanges:programme_edit": Form(PROGRAMME),
    "exchanges:exchange_create": Form(None),
    "exchanges:exchange_edit": Form(A, COORDINATOR),
    "exchanges:status_change": Form(A, page="exchanges:builder"),
    "exchanges:session_add": Form(A, COORDINATOR),
    # Imports: the upload form, and a preview's Import button (payload: a signed table, fuzzed as text).
    "exchanges:session_import": Form(A, COORDINATOR, extra=("payload",)),
    "exchanges:people_import": Form(None, COORDINATOR, extra=("payload",)),
    "exchanges:organisation_import": Form(None, extra=("payload",)),
    "exchanges:session_edit": Form(A_SESSION),
    "exchanges:session_duplicate": Form(A_SESSION, page="exchanges:builder", page_kwargs=A),
    "exchanges:session_delete": Form(A_SESSION),
    "exchanges:session_move": Form(A_SESSION),
    # Its form shows only after a move of this user's.
    "exchanges:move_undo": Form(A, page=NO_PAGE),
    "exchanges:exchange_copy": Form(A),
    "exchanges:objective_list": Form(A),
    "exchanges:objective_edit": Form(A_OBJECTIVE),
    "exchanges:objective_move": Form(A_OBJECTIVE, page="exchanges:objective_list", page_kwargs=A),
    "exchanges:objective_delete": Form(A_OBJECTIVE),
    "exchanges:delegation_add": Form(A, page="exchanges:delegation_list"),
    "exchanges:member_add": Form(A_DELEGATION, page="exchanges:delegation_detail"),
    "exchanges:member_remove": Form(A_MEMBER),
    "exchanges:venue_create": Form(None, COORDINATOR),
    "exchanges:venue_edit": Form(VENUE),
    "exchanges:my_settings": Form(None, DELEGATE),
    "exchanges:feed_regenerate": Form(None, DELEGATE),
    "exchanges:next_step_create": Form(A, COORDINATOR),
    "exchanges:next_step_edit": Form(A_NEXT_STEP),
    "exchanges:next_step_update": Form(A_NEXT_STEP, COORDINATOR, page="exchanges:next_step_detail"),
    "reports:draft": Form(A_EN),
    "reports:section_edit": Form(A_SECTION, COORDINATOR),
    "reports:settings": Form(A),
    "reports:publish": Form(A),
    "reports:restore": Form(A_VERSION, COORDINATOR),
    "reports:copy": Form(lambda w: {**A_EN(w), "target": "fr"}, COORDINATOR),
    "reports:generate": Form(A_EN, COORDINATOR, page="reports:report"),
    "reports:request_approval": Form(A_EN),
    "reports:review": Form(A_EN, COORDINATOR),
    "reports:release_pdf": Form(A_RELEASE, DELEGATE, page="reports:release"),
    "reports:withdraw": Form(A_RELEASE, COORDINATOR),
    # Its form shows only after a failed agenda render.
    "reports:agenda_pdf": Form(A, DELEGATE, page=NO_PAGE, extra=("language", "next")),
    "exchanges:my_survey": Form(SURVEY, DELEGATE),
    "exchanges:survey_answer": Form(SURVEY_LINK, ANONYMOUS),
    "reports:programme_pdf": Form(PROGRAMME, STAFF, page="exchanges:programme_indicators"),
    "open_data:token_list": Form(None, COORDINATOR),
    "open_data:token_revoke": Form(STAFF_API_TOKEN),
    "exchanges:learning_notes": Form(A, DELEGATE),
    "exchanges:check_in": Form(CHECK_IN, ANONYMOUS),
    "overview:partnership_publication": Form(PARTNERSHIP, page="overview:partnership_detail"),
}  # fmt: skip

# Views that take POST but are not fuzzed here, and why.
NOT_FUZZED = {
    "admin": "Django's admin: staff only, Django's own forms",
    "account_signup": "sign-up is closed (invitation only): the form is never shown",
    "account_reauthenticate": "allauth flow: asks the password again before MFA changes",
    "account_set_password": "allauth flow: only for accounts without a password (none here)",
    "account_reset_password_from_key": "allauth flow: reached from its e-mail, gated by a signed key",
    "account_confirm_email": "allauth flow: reached from its e-mail, gated by a signed key",
    "account_confirm_login_code": "allauth flow: login by code is off",
    "mfa_activate_totp": "allauth flow: behind re-authentication",
    "mfa_deactivate_totp": "allauth flow: behind re-authentication",
    "mfa_generate_recovery_codes": "allauth flow: behind re-authentication",
    "mfa_authenticate": "allauth flow: only during a login with TOTP",
    "mfa_reauthenticate": "allauth flow: only during a login with TOTP",
}


# --- the walk: every view that takes POST has an entry --------------------------------------------------------


def _patterns(patterns=None, namespace=None, prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _patterns(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            yield (
                (pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)),
                route,
                pattern.callback,
            )


def _takes_post(view) -> bool:
    """A class-based view with a post method, or a function whose source (decorators included) names POST."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    if isinstance(view, functools.partial):  # django-ninja's OpenAPI views
        view = view.func
    return "POST" in inspect.getsource(inspect.unwrap(view))


def posting_views() -> set[str]:
    names = set()
    for name, route, view in _patterns():
        if route.startswith("admin/"):
            names.add("admin")
        elif _takes_post(view):
            names.add(name or route)
    return names


def test_every_posting_view_has_an_entry():
    posting = posting_views()

    missing = sorted(posting - set(FORMS) - set(NOT_FUZZED))
    stale = sorted((set(FORMS) | set(NOT_FUZZED)) - posting)

    assert not missing, f"Add these views to FORMS (or NOT_FUZZED, with a reason) in tests/test_fuzz.py: {missing}"
    assert not stale, f"These entries name no view that takes POST any more: {stale}"
    assert "exchanges:session_add" in posting and "exchanges:agenda" not in posting  # the walk tells them apart


# --- reading a form -------------------------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # an input's type, or "select", "select-multiple", "textarea"
    value: str = ""
    options: tuple[str, ...] = ()


class _FormParser(HTMLParser):
    """The POST forms of a page: {action: {field name: Field}}."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, dict[str, Field]] = {}
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = self.forms.setdefault(attrs.get("action") or "", {})
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "input" and attrs.get("type") not in {"submit", "button", "reset", "image"}:
            if attrs["name"] == "csrfmiddlewaretoken":
                return
            kind = attrs.get("type") or "text"
            field = self._form.setdefault(attrs["name"], Field(attrs["name"], kind, attrs.get("value") or ""))
            if kind in {"checkbox", "radio"}:
                field.options += (attrs.get("value") or "on",)
        elif tag == "button" and attrs.get("value"):
            field = self._form.setdefault(attrs["name"], Field(attrs["name"], "select"))
            field.options += (attrs["value"],)
        elif tag == "select":
            kind = "select-multiple" if "multiple" in attrs else "select"
            self._select = self._form.setdefault(attrs["name"], Field(attrs["name"], kind))
        elif tag == "textarea":
            self._textarea = self._form.setdefault(attrs["name"], Field(attrs["name"], "textarea"))
        if tag == "option" and self._select is not None:
            self._select.options += (attrs.get("value", ""),)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(html: str, action: str, page_path: str) -> dict[str, Field] | None:
    parser = _FormParser()
    parser.feed(html)
    for form_action, fields in parser.forms.items():
        if (form_action or page_path).split("?")[0].split("#")[0] == action:
            return fields
    return None


# --- what to post ---------------------------------------------------------------------------------------------

HOSTILE = (
    "",
    " ",
    "x" * 10_000,
    "é" * 3_000,
    "😀👩🏽‍🚀🇸🇳" * 300,
    "مدينة داكار \u202bالرياض\u202c",
    "\u202egnp.exe",
    "שלום עולם",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}{% debug %}",
    "javascript:alert(1)",
    "'; DROP TABLE exchanges_exchange; --",
    "' OR '1'='1",
    "1); SELECT pg_sleep(10); --",
    "%_\\",
    "\x00",
    "abc\x00def",
    "\r\n\r\n\t",
    "-1",
    "0",
    "9" * 60,
    str(2**63),
    str(-(2**63) - 1),
    "1e309",
    "NaN",
    "-Infinity",
    "2017-02-30",
    "2017-13-01",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "17/10/2017",
    "25:00",
    "23:60",
    "24:00",
    "-01:00",
    "12:00:00.9999999999",
    "Mars/Olympus_Mons",
    "America/Toronto\x00",
    "../../etc/passwd",
    "Etc/GMT+99",
    "UTC+25:00",
    "new",
)


def hostile():
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=300),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
    )


def plausible(field: Field):
    """Values the form would take, so that other fields' hostile values reach the code that saves."""
    if field.options:
        return st.sampled_from(field.options)
    return {
        "date": st.dates().map(lambda day: day.isoformat()),
        "time": st.times().map(lambda moment: moment.strftime("%H:%M")),
        "number": st.integers(min_value=-1000, max_value=1000).map(str),
        "email": st.emails(),
    }.get(field.kind, st.just(field.value))


def field_values(field: Field):
    one = st.one_of(plausible(field), hostile())
    if field.kind in {"select-multiple", "checkbox"}:
        return st.lists(one, max_size=3)
    return st.one_of(one, st.none())  # None: the field is left out of the POST


def post_data(fields: dict[str, Field], extra: tuple[str, ...]):
    strategies = {name: field_values(field) for name, field in fields.items()}
    strategies.update({name: st.one_of(hostile(), st.none()) for name in extra})
    return st.fixed_dictionaries(strategies).map(lambda data: {k: v for k, v in data.items() if v is not None})


# --- the world and the test -----------------------------------------------------------------------------------


@dataclass
class World:
    exchange: Exchange


@pytest.fixture(scope="module")
def _world_additions(_demo_world, django_db_blocker):
    """What the fuzzing adds to the demo, written once for the module into the demo world's transaction
    (conftest.py): each test's own writes are rolled back in its savepoint, these stay until the module ends.
    Answers the demo world's load count, so that ``world`` can tell if the demo was loaded again since."""
    assert _demo_world.is_open, "the first test asking for the world shares the demo world"
    with django_db_blocker.unblock(), translation.override("en"):
        _add_to_the_demo(Exchange.objects.get(pk=_demo_world.exchange_pk))
    return _demo_world.loads


def _add_to_the_demo(exchange: Exchange) -> None:
    staff = get_user_model().objects.get(email=STAFF)
    report = report_services.report_draft(report=report_services.report_get_or_create(exchange=exchange), user=staff)
    report_services.report_save_section(
        report=report, section="summary", text="Edited.", base_version=report.version, user=staff
    )
    # Release 1, then a pending request for approval: the review page shows its form to Montréal's coordinator.
    report_services.release_publish(report=report, by=staff, without_sign_off_reason="Fuzz world.")
    report_services.release_request_approval(report=report, by=staff)
    jocelyne = Person.objects.get(email="jocelyne.lebrun@example.org")
    Invitation.objects.create(
        person=jocelyne,
        email=jocelyne.email,
        token_hash=token_hash(INVITATION_TOKEN),
        expires_at=timezone.now() + timedelta(days=7),
    )
    CityFactory(name="Lagos")  # a city without a delegation, so that the exchange offers to add one


@pytest.fixture
def world(demo, _demo_world, _world_additions):
    assert _demo_world.loads == _world_additions, "the demo was loaded again after the fuzzing's additions"
    assert City.objects.filter(name="Lagos").exists() and Programme.objects.exists()
    return World(exchange=demo)


def snapshot() -> dict:
    """Every row of every table (login sessions aside)."""
    return database_rows()


def _client(who: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if who is not None:
        client.force_login(get_user_model().objects.get(email=who))
    return client


@pytest.mark.parametrize("name", sorted(FORMS))
def test_fuzzed_posts_never_fail_and_refused_ones_change_nothing(name, world):
    entry = FORMS[name]
    kwargs = entry.kwargs(world) if entry.kwargs else None
    url = reverse(name, kwargs=kwargs)
    client = _client(entry.who)
    fields = {}
    if entry.page != NO_PAGE:
        page_kwargs = entry.page_kwargs(world) if entry.page_kwargs else kwargs
        page_url = reverse(entry.page or name, kwargs=page_kwargs if entry.page != "home" else None)
        page = client.get(page_url)
        assert page.status_code == 200, f"{page_url} answers {page.status_code} to {entry.who}"
        fields = form_fields(page.content.decode(), url, page_url)
        assert fields is not None, f"no form posting to {url} on {page_url}: set page= in FORMS"

    # Every example starts from this state: each one's writes are rolled back below.
    before = snapshot()

    @given(data=post_data(fields, entry.extra))
    def post(data):
        with transaction.atomic():
            response = client.post(url, data)
            refused = response.status_code not in {301, 302, 303}
            changed = refused and snapshot() != before
            transaction.set_rollback(True)

        assert response.status_code < 500, f"POST {url} as {entry.who}: {response.status_code}"
        assert not changed, f"POST {url} as {entry.who}: refused ({response.status_code}) yet saved rows changed"

    post()


# --- regressions the fuzzing found ----------------------------------------------------------------------------


def test_exchange_edit_refuses_a_theme_id_beyond_the_integer_range(client, world):
    client.force_login(get_user_model().objects.get(email=STAFF))
    url = reverse("exchanges:exchange_edit", kwargs={"slug": world.exchange.slug})
    data = {"title": "Renamed", "slug": world.exchange.slug, "host_city": world.exchange.host_city_id}
    before = snapshot()

    response = client.post(url, {**data, "themes": ["9" * 40], "visiting_cities": [str(2**63)]})

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("is not one of the available choices.") == 2
    assert snapshot() == before


def test_session_add_refuses_a_presenter_id_beyond_the_integer_range(client, world):
    client.force_login(get_user_model().objects.get(email=STAFF))
    url = reverse("exchanges:session_add", kwargs={"slug": world.exchange.slug})

    response = client.post(url, {"kind": "roundtable", "title": "T", "presenters": ["-" + "9" * 30]})

    assert response.status_code == 200
    assert "is not one of the available choices." in response.content.decode()


def test_my_settings_ignores_a_next_that_is_not_a_path(client, world):
    client.force_login(get_user_model().objects.get(email=DELEGATE))

    word = client.post(reverse("exchanges:my_settings"), {"time_zone": "", "next": "home"})
    foreign = client.post(reverse("exchanges:my_settings"), {"time_zone": "", "next": "https://example.com/"})
    path = client.post(reverse("exchanges:my_settings"), {"time_zone": "", "next": "/cities/"})

    assert word.status_code == 302 and word["Location"] == reverse("exchanges:my_agenda")
    assert foreign["Location"] == reverse("exchanges:my_agenda")
    assert path["Location"] == "/cities/"


def test_next_step_edit_refuses_a_session_id_beyond_the_integer_range(client, world):
    client.force_login(get_user_model().objects.get(email=STAFF))
    step = world.exchange.next_steps.order_by("pk").first()
    url = reverse("exchanges:next_step_edit", kwargs={"slug": world.exchange.slug, "pk": step.pk})
    before = snapshot()

    response = client.post(url, {"text_en": "Changed.", "status": step.status, "sessions": ["9" * 40]})

    assert response.status_code == 200
    assert snapshot() == before
