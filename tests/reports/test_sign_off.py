"""Sign-off by both cities (issue 14, item 2): with the programme's setting on, a release needs the approval of a
coordinator of the host city and of each visiting city for the version under review; each is asked by e-mail in
their language; one "request changes" sends the report back with its comment; reminders go once per period."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from cities.models import City, Coordinator
from participants.models import Person
from reports import services
from reports.models import Report, ReportRelease, SignOff
from tests.factories import CoordinatorFactory, DelegationFactory, PersonFactory

pytestmark = pytest.mark.django_db
BASE = "/exchanges/dakar-montreal-2017/report/"


@pytest.fixture
def dakar_coordinator(demo):
    """Dakar's demo coordinator (the visiting city), given a person record that reads French."""
    user = get_user_model().objects.get(email="coordinator.dakar@example.org")
    assert Coordinator.objects.filter(user=user, city__slug="dakar").exists()
    PersonFactory(user=user, name="Awa Diop", language="fr", email=user.email, city=City.objects.get(slug="dakar"))
    return user


@pytest.fixture
def montreal_coordinator(demo):
    """Montréal's demo coordinator, who reads English here (the demo has him read French)."""
    user = get_user_model().objects.get(email="coordinator@example.org")
    Person.objects.filter(user=user).update(language="en")
    return user


@pytest.fixture
def requested(login, drafted, dakar_coordinator, montreal_coordinator, django_capture_on_commit_callbacks):
    """Approval asked for by Montréal's coordinator through the page (the e-mails go at commit)."""
    client = login("coordinator@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}en/request-approval/")
    return drafted


def _answer(client, user, decision, comment="", *, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.post(f"{BASE}en/review/", {"decision": decision, "comment": comment})


def test_publishing_is_refused_until_both_cities_approved_and_each_was_asked_in_their_language(
    client, requested, dakar_coordinator, montreal_coordinator, django_capture_on_commit_callbacks
):
    by_address = {message.to[0]: message for message in mail.outbox}
    client.force_login(montreal_coordinator)
    before_any = client.post(f"{BASE}en/publish/", {})
    _answer(client, montreal_coordinator, "approve", capture=django_capture_on_commit_callbacks)
    client.force_login(montreal_coordinator)
    after_one = client.post(f"{BASE}en/publish/", {})
    _answer(client, dakar_coordinator, "approve", capture=django_capture_on_commit_callbacks)
    client.force_login(montreal_coordinator)

    published = client.post(f"{BASE}en/publish/", {})

    assert set(by_address) == {"coordinator.dakar@example.org", "coordinator@example.org"}
    french, english = by_address["coordinator.dakar@example.org"], by_address["coordinator@example.org"]
    assert french.subject == "Merci d’approuver le rapport de synthèse : Échange Dakar–Montréal"
    assert "Bonjour Awa Diop" in french.body and f"{BASE}en/review/" in french.body
    assert french.extra_headers["Content-Language"] == "fr"
    assert english.subject == "Please approve the summary report of Dakar–Montréal city exchange"
    assert f"{BASE}en/review/" in english.body
    assert before_any.status_code == 409 and "still waiting for the approval of Montréal, Dakar" in (
        before_any.content.decode()
    )
    assert after_one.status_code == 409 and "still waiting for the approval of Dakar." in after_one.content.decode()
    assert published.status_code == 302
    release = ReportRelease.objects.get()
    approvals = {(d.city.slug, d.user.email) for d in release.sign_off.decisions.all()}
    assert approvals == {("montreal", "coordinator@example.org"), ("dakar", "coordinator.dakar@example.org")}


def test_request_changes_sends_the_report_back_with_the_comment(
    client, login, requested, dakar_coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    _answer(
        client, dakar_coordinator, "changes", "Name the Dakar volunteers.", capture=django_capture_on_commit_callbacks
    )

    sign_off = SignOff.objects.get()
    assert sign_off.status == SignOff.Status.CHANGES_REQUESTED
    page = login("coordinator@example.org").get(BASE).content.decode()
    assert "Dakar asked for changes on" in page and "Name the Dakar volunteers." in page
    assert "Ask the partner cities to approve" in page
    [message] = mail.outbox
    assert message.to == ["coordinator@example.org"]
    assert message.subject == "Changes requested to the summary report of Dakar–Montréal city exchange"
    assert "Name the Dakar volunteers." in message.body and "Awa Diop (Dakar)" in message.body
    assert client.post(f"{BASE}en/publish/", {}).status_code == 409 and not ReportRelease.objects.exists()
    history = client.get(f"{BASE}en/releases/").content.decode()
    assert "Changes requested for Dakar" in history and "Approval asked for version 1" in history


def test_a_comment_is_needed_to_request_changes(
    client, requested, dakar_coordinator, django_capture_on_commit_callbacks
):
    response = _answer(client, dakar_coordinator, "changes", " ", capture=django_capture_on_commit_callbacks)

    assert "Say what should change before sending the report back." in response.content.decode()
    assert SignOff.objects.get().status == SignOff.Status.PENDING and not SignOff.objects.get().decisions.exists()


def test_an_edit_after_approval_invalidates_the_approvals(
    client, requested, dakar_coordinator, montreal_coordinator, django_capture_on_commit_callbacks
):
    for user in (montreal_coordinator, dakar_coordinator):
        _answer(client, user, "approve", capture=django_capture_on_commit_callbacks)
    report = Report.objects.get(pk=requested.pk)
    services.report_save_section(
        report=report,
        section="summary",
        text="Edited after approval.",
        base_version=report.version,
        user=dakar_coordinator,
    )
    client.force_login(montreal_coordinator)

    refused = client.post(f"{BASE}en/publish/", {})
    page = client.get(BASE).content.decode()

    assert refused.status_code == 409
    assert "the text changed after approval was asked for" in refused.content.decode()
    assert "approvals are for version 1, the draft is at version 2" in page
    assert not ReportRelease.objects.exists()
    with pytest.raises(services.SignOffClosed):
        services.release_decide(report=report, user=dakar_coordinator, approve=True)


def test_staff_publish_without_sign_off_only_with_a_recorded_reason(login, drafted):
    client = login("staff@example.org")

    without_reason = client.post(f"{BASE}publish/", {"reason": ""})
    with_reason = client.post(f"{BASE}publish/", {"reason": "Dakar approved by letter."})

    assert "This field is required." in without_reason.content.decode()
    assert with_reason.status_code == 302
    release = ReportRelease.objects.get()
    assert release.sign_off_waived_reason == "Dakar approved by letter."
    page = client.get(release.get_absolute_url()).content.decode()
    assert "Published without the partner cities’ sign-off: Dakar approved by letter." in page


def test_a_coordinator_cannot_waive_the_sign_off(login, drafted):
    response = login("coordinator@example.org").post(f"{BASE}publish/", {"reason": "Trust me."})

    assert response.status_code == 409 and not ReportRelease.objects.exists()


def test_only_coordinators_of_the_partner_cities_review(login, requested, outsider, client):
    sender = CoordinatorFactory(city=DelegationFactory(exchange=requested.exchange).city).user
    client.force_login(sender)

    assert client.get(f"{BASE}en/review/").status_code == 404  # a city that only sent a delegation
    assert login("delegate@example.org").get(f"{BASE}en/review/").status_code == 404
    assert login("staff@example.org").get(f"{BASE}en/review/").status_code == 404
    page = login("coordinator@example.org").get(f"{BASE}en/review/").content.decode()
    assert "Approve this version" in page and "Request changes" in page


def test_reminders_go_to_those_who_have_not_answered_once_per_period(
    client, requested, montreal_coordinator, django_capture_on_commit_callbacks
):
    _answer(client, montreal_coordinator, "approve", capture=django_capture_on_commit_callbacks)
    SignOff.objects.update(requested_at=timezone.now() - timedelta(days=3))
    mail.outbox.clear()
    today = timezone.localdate()

    early = services.release_reminders_send(today=today - timedelta(days=1))
    first = services.release_reminders_send(today=today)
    again = services.release_reminders_send(today=today)
    later = services.release_reminders_send(today=today + timedelta(days=3))

    assert (early, first, again, later) == (0, 1, 0, 1)
    assert [message.to for message in mail.outbox] == [["coordinator.dakar@example.org"]] * 2
    assert mail.outbox[0].subject.startswith("Rappel")


def test_the_demo_loader_can_publish_with_the_coordinators_approvals(drafted, dakar_coordinator, montreal_coordinator):
    dakar, montreal = City.objects.get(slug="dakar"), City.objects.get(slug="montreal")

    release = services.release_publish(
        report=drafted,
        by=montreal_coordinator,
        approvals=[(montreal_coordinator, montreal), (dakar_coordinator, dakar)],
    )

    assert release.number == 1 and release.sign_off_waived_reason == ""
    assert {d.city.slug for d in release.sign_off.decisions.all()} == {"dakar", "montreal"}
    with pytest.raises(services.SignOffMissing):
        services.release_publish(report=drafted, by=montreal_coordinator, approvals=[(montreal_coordinator, montreal)])
