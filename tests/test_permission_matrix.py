# ruff: noqa: E501 - one line per URL keeps the matrix a table
"""Who gets what, for every URL of the portal.

``test_every_url_has_an_entry`` walks the URLconf: a named URL without an
entry in MATRIX (or a reason in SKIPPED) fails. Each entry says, for the six
identities below, what a GET answers on objects of exchange A (the demo's
Dakar–Montréal exchange): a page containing some text, a redirect to the
login page, or 403 / 404 / another status. Entries that accept writes also give
POST data: every identity whose GET is not a 200 page posts it, gets that same
answer, and the database must not change.

To add a URL: one line in MATRIX, e.g.

    "exchanges:agenda": row(A_SLUG, STAFF_COORD_DELEGATE_A, text="Agenda"),

or spell the six answers out with ``Row(kwargs, anonymous=..., delegate_a=..., ...)``.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Invitation
from accounts.services import token_hash
from cities.models import Coordinator
from exchanges.models import Exchange
from participants.models import Person
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)

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
    """A redirect to the URL named ``to`` (query string ignored)."""

    to: str


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


def row(kwargs, who: str, *, text: str, post=None, hides: tuple[str, ...] = ()) -> Row:
    """A row for the common shapes: ``who`` names the identities that get the page; the others
    get 404, except anonymous, who is sent to log in."""
    allowed = {
        "staff": {"staff"},
        "staff_coordinator_host": {"staff", "coordinator_host"},
        "members_of_a": {"staff", "coordinator_host", "delegate_a"},
        "logged_in": set(IDENTITIES) - {"anonymous"},
    }[who]
    answers = {name: Page(text, hides) if name in allowed else NOT_FOUND for name in IDENTITIES}
    answers["anonymous"] = LOGIN
    return Row(kwargs, post=post, **answers)


STAFF = "staff"
STAFF_COORDINATOR_HOST = "staff_coordinator_host"
LOGGED_IN = "logged_in"


def everyone(kwargs, answer) -> Row:
    return Row(kwargs, **dict.fromkeys(IDENTITIES, answer))


def A_SLUG(w):
    return {"slug": w.exchange_a.slug}


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
    # audit: History tabs
    "audit:exchange_history": row(A_SLUG, STAFF_COORDINATOR_HOST, text="History of Dakar–Montréal city exchange"),
    "audit:session_history": row(lambda w: {"slug": w.exchange_a.slug, "pk": w.session_a.pk}, STAFF_COORDINATOR_HOST, text="History of the session"),
    "audit:delegation_history": row(lambda w: {"slug": w.exchange_a.slug, "pk": w.delegation_a.pk}, STAFF_COORDINATOR_HOST, text="History of the Dakar delegation"),
    "audit:person_history": row(lambda w: {"pk": w.person_a.pk}, STAFF_COORDINATOR_HOST, text="History of Maye Seck"),
    # accounts: invitations, personal data, coordinators
    "accounts:person_invite": row(lambda w: {"pk": w.uninvited.pk}, STAFF, text="Invite Papa Alassane Seck", post=lambda w: {"email": "papa@example.org"}),
    "accounts:person_anonymise": row(lambda w: {"pk": w.person_a.pk}, STAFF, text="Anonymise Maye Seck", post=lambda w: {"confirm": "on"}),
    "accounts:invitation_accept": Row(
        lambda w: {"token": INVITATION_TOKEN},
        anonymous=Page("Open your account"),
        post=lambda w: {"password1": "a-long-new-password-1", "password2": "a-long-new-password-1"},
        **dict.fromkeys(IDENTITIES[1:], Page("Log out first", status=409)),
    ),
    "accounts:my_data": Row(
        None,
        anonymous=LOGIN,
        delegate_a=Page("Maye Seck"),
        delegate_b=Page("Person B", hides=("Maye Seck",)),
        coordinator_host=Page("Esteban Benavides", hides=("Maye Seck",)),
        coordinator_other=Page("What the portal holds about you", hides=("Maye Seck",)),
        staff=Page("staff@example.org", hides=("Maye Seck",)),
    ),
    "accounts:my_data_download": Row(
        None,
        anonymous=LOGIN,
        delegate_a=Page('"name": "Maye Seck"'),
        delegate_b=Page('"name": "Person B"', hides=("Maye Seck",)),
        coordinator_host=Page('"name": "Esteban Benavides"', hides=("Maye Seck",)),
        coordinator_other=Page('"person": null', hides=("Maye Seck",)),
        staff=Page('"email": "staff@example.org"', hides=("Maye Seck",)),
    ),
    "accounts:coordinator_list": row(None, STAFF, text="City coordinators", post=lambda w: {"email": "delegate@example.org", "city": w.exchange_a.host_city_id}),
    "accounts:coordinator_remove": row(lambda w: {"pk": w.coordinator_a.pk}, STAFF, text="Remove a coordinator", post=lambda w: {}),
    # The admin logs in through allauth; non-staff accounts are refused.
    "admin:index": Row(None, staff=Page("Site administration"), **dict.fromkeys(IDENTITIES[:-1], Redirect("admin:login"))),
    "admin:login": Row(None, anonymous=LOGIN, staff=Redirect("admin:index"), **dict.fromkeys(IDENTITIES[1:-1], FORBIDDEN)),
    # allauth pages whose answer is ours to decide.
    "account_login": Row(None, anonymous=Page("Accounts are created by invitation"), **dict.fromkeys(IDENTITIES[1:], Redirect("home"))),
    "account_signup": Row(None, anonymous=Page("Sign Up Closed"), **dict.fromkeys(IDENTITIES[1:], Redirect("home"))),
    "account_logout": Row(None, anonymous=Redirect("home"), **dict.fromkeys(IDENTITIES[1:], Page("Sign Out"))),
    "mfa_index": row(None, LOGGED_IN, text="Two-Factor Authentication"),
    # Set-up asks for the password again unless the login was a real one a moment ago (force_login is not).
    "mfa_activate_totp": Row(None, anonymous=LOGIN, **dict.fromkeys(IDENTITIES[1:], Redirect("account_reauthenticate"))),
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
    users: dict = field(default_factory=dict)


@pytest.fixture
def world(demo):
    User = get_user_model()
    exchange_a = demo
    exchange_b = ExchangeFactory(title="Exchange B", host_city=CityFactory(name="City B"))
    delegation_b = DelegationFactory(exchange=exchange_b)
    user_b = UserFactory(email="delegate-b@example.org")
    MembershipFactory(delegation=delegation_b, person=PersonFactory(name="Person B", user=user_b))
    SessionFactory(exchange=exchange_b, title="Session of exchange B")
    coordinator_other = CoordinatorFactory(city=exchange_b.host_city).user
    jocelyne = Person.objects.get(email="jocelyne.lebrun@example.org")
    Invitation.objects.create(
        person=jocelyne,
        email=jocelyne.email,
        token_hash=token_hash(INVITATION_TOKEN),
        expires_at=timezone.now() + timedelta(days=7),
    )
    return World(
        exchange_a=exchange_a,
        exchange_b=exchange_b,
        session_a=exchange_a.sessions.order_by("start").first(),
        delegation_a=exchange_a.delegations.get(city__slug="dakar"),
        person_a=Person.objects.get(email="maye.seck@example.org"),
        uninvited=Person.objects.get(email="papa.alassane.seck@example.org"),
        coordinator_a=Coordinator.objects.get(user__email="coordinator@example.org"),
        users={
            "anonymous": None,
            "delegate_a": User.objects.get(email="delegate@example.org"),
            "delegate_b": user_b,
            "coordinator_host": User.objects.get(email="coordinator@example.org"),
            "coordinator_other": coordinator_other,
            "staff": User.objects.get(email="staff@example.org"),
        },
    )


def _client_for(client, world, identity):
    client.logout()
    if world.users[identity] is not None:
        client.force_login(world.users[identity])
    return client


def _mismatch(response, expected) -> str | None:
    """None if the response is the expected answer, else what differs."""
    status = response.status_code
    if isinstance(expected, Redirect):
        location = response.get("Location", "")
        if status != 302 or location.split("?")[0] != reverse(expected.to):
            return f"expected a redirect to {reverse(expected.to)}, got {status} {location}"
        return None
    if isinstance(expected, Status):
        return None if status == expected.code else f"expected {expected.code}, got {status}"
    body = b"".join(response).decode() if response.streaming else response.content.decode()
    if status != expected.status:
        return f"expected a page ({expected.status}), got {status} {response.get('Location', '')}"
    if expected.text not in body:
        return f"page lacks {expected.text!r}"
    leaked = [text for text in expected.hides if text in body]
    return f"page shows {leaked!r}" if leaked else None


def _snapshot() -> dict:
    """Every row of every table the portal writes (logins and sessions aside)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_answers_by_identity(name, client, world):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    problems = []

    for identity in IDENTITIES:
        expected = getattr(entry, identity)
        response = _client_for(client, world, identity).get(url)
        problem = _mismatch(response, expected)
        if problem:
            problems.append(f"{identity}: GET {url}: {problem}")

    assert not problems, "\n".join(problems)


POSTING = sorted(name for name, entry in MATRIX.items() if entry.post is not None)


@pytest.mark.parametrize("name", POSTING)
def test_writes_by_the_wrong_identity_change_nothing(name, client, world):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    data = entry.post(world)
    wrong = [identity for identity in IDENTITIES if not _is_ok_page(getattr(entry, identity))]
    problems = []

    for identity in wrong:
        logged_in = _client_for(client, world, identity)
        before = _snapshot()
        response = logged_in.post(url, data)
        problem = _mismatch(response, getattr(entry, identity))
        if problem:
            problems.append(f"{identity}: POST {url}: {problem}")
        if _snapshot() != before:
            problems.append(f"{identity}: POST {url} changed the database")

    assert wrong, "a POST entry needs at least one identity that may not write"
    assert not problems, "\n".join(problems)


def _is_ok_page(expected) -> bool:
    return isinstance(expected, Page) and expected.status == 200


def test_the_right_identity_can_write_so_the_checks_above_can_fail(client, world):
    """The POST data of the matrix does change the database when staff send it."""
    client.force_login(world.users["staff"])
    entry = MATRIX["accounts:coordinator_remove"]

    client.post(reverse("accounts:coordinator_remove", kwargs=entry.kwargs(world)), entry.post(world))

    assert not Coordinator.objects.filter(pk=world.coordinator_a.pk).exists()
