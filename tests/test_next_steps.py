import re
import threading
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from django.utils import translation

from conftest import require
from exchange_portal.celery import app as celery_app
from exchanges.models import Exchange, NextStep, NextStepUpdate
from exchanges.services.next_steps import next_step_reminders_send, next_step_update_post
from exchanges.tasks.reminders import send_next_step_reminders
from tests.factories import (
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    NextStepFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
LIST_URL = "/exchanges/dakar-montreal-2017/next-steps/"
CONCEPT_NOTE = "The CPRLV sends round a first concept note for this training."


def _user(email):
    return get_user_model().objects.get(email=email)


def _step(text_start):
    return NextStep.objects.get(text__startswith=text_start)


def _at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC), tick=False)


# Overdue logic


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        (NextStep.Status.OPEN, date(2024, 5, 9), True),
        (NextStep.Status.IN_PROGRESS, date(2024, 5, 9), True),
        (NextStep.Status.OPEN, date(2024, 5, 10), False),  # due today is not late yet
        (NextStep.Status.DONE, date(2024, 5, 9), False),
        (NextStep.Status.DROPPED, date(2024, 5, 9), False),
        (NextStep.Status.OPEN, None, False),
    ],
)
def test_next_step_overdue_logic(status, due, overdue):
    step = NextStep(status=status, due_date=due)

    assert step.is_overdue(date(2024, 5, 10)) is overdue


# Pages


def test_next_steps_page_shows_the_concept_note_with_its_owner_to_the_delegate(client, demo):
    client.force_login(_user("delegate@example.org"))

    page = client.get(LIST_URL).content.decode()

    assert CONCEPT_NOTE in page
    assert "Owner: CPRLV" in page
    assert "next-step--overdue" in page  # due 15 December 2017, still open
    assert "Papa Alassane Seck" in page


def test_next_steps_pages_are_404_for_outsiders_and_anonymous(client, private_demo, outsider):
    step = _step("The CPRLV sends round")
    urls = [
        LIST_URL,
        step.get_absolute_url(),
        reverse("exchanges:next_step_create", kwargs={"slug": private_demo.slug}),
        reverse("exchanges:next_step_edit", kwargs={"slug": private_demo.slug, "pk": step.pk}),
    ]
    update_url = reverse("exchanges:next_step_update", kwargs={"slug": private_demo.slug, "pk": step.pk})
    updates_before = NextStepUpdate.objects.count()
    client.force_login(outsider)

    responses = [client.get(url).status_code for url in urls]
    posted = client.post(update_url, {"text": "sneaky"})
    client.logout()
    anonymous = [client.get(url).status_code for url in urls[:2]]

    assert responses == [404, 404, 404, 404]
    assert posted.status_code == 404
    assert anonymous == [404, 404]
    assert NextStepUpdate.objects.count() == updates_before


def test_next_step_update_by_owner_shows_on_the_exchange_and_the_dashboard(client, demo, staff_user):
    step = _step("Dakar's participants report")  # owned by Maye Seck, the demo delegate
    client.force_login(_user("delegate@example.org"))

    response = client.post(
        reverse("exchanges:next_step_update", kwargs={"slug": demo.slug, "pk": step.pk}),
        {"text": "Training package drafted with the CPRLV.", "new_status": "in_progress"},
    )
    detail = client.get(response["Location"]).content.decode()
    listing = client.get(LIST_URL).content.decode()
    client.force_login(staff_user)
    dashboard = client.get(reverse("exchanges:dashboard")).content.decode()

    step.refresh_from_db()
    assert step.status == NextStep.Status.IN_PROGRESS
    update = step.updates.get()
    assert update.author == _user("delegate@example.org") and update.new_status == "in_progress"
    assert "Training package drafted with the CPRLV." in detail and "status set to In progress" in detail
    assert "Training package drafted with the CPRLV." in listing
    assert "Training package drafted with the CPRLV." in dashboard and "Maye Seck" in dashboard


def test_next_step_update_by_host_coordinator_is_allowed(client, demo):
    step = _step("The CPRLV sends round")
    client.force_login(_user("coordinator@example.org"))

    client.post(
        reverse("exchanges:next_step_update", kwargs={"slug": demo.slug, "pk": step.pk}),
        {"text": "Concept note sent to Dakar.", "new_status": "done"},
    )

    step.refresh_from_db()
    assert step.status == NextStep.Status.DONE
    assert step.updates.order_by("-created_at", "-pk").first().text == "Concept note sent to Dakar."


def test_next_step_update_by_a_delegate_who_does_not_own_it_is_refused(client, demo):
    step = _step("The CPRLV sends round")
    client.force_login(_user("delegate@example.org"))
    detail = client.get(step.get_absolute_url()).content.decode()

    response = client.post(
        reverse("exchanges:next_step_update", kwargs={"slug": demo.slug, "pk": step.pk}), {"text": "Not mine"}
    )

    assert response.status_code == 403
    assert "Post an update" not in detail
    assert not step.updates.filter(text="Not mine").exists()


def test_next_step_update_coordinator_of_a_visiting_city_may_post():
    exchange = ExchangeFactory()
    delegation = DelegationFactory(exchange=exchange)
    coordinator = CoordinatorFactory(city=delegation.city)
    step = NextStepFactory(exchange=exchange)

    from exchanges.access import can_post_next_step_update

    assert can_post_next_step_update(coordinator.user, step)
    assert not can_post_next_step_update(CoordinatorFactory().user, step)


def test_next_step_update_empty_text_shows_the_error_next_to_the_field(client, demo):
    step = _step("Dakar's participants report")
    client.force_login(_user("delegate@example.org"))

    response = client.post(
        reverse("exchanges:next_step_update", kwargs={"slug": demo.slug, "pk": step.pk}),
        {"text": "  ", "new_status": "finished"},
    )
    page = response.content.decode()

    assert response.status_code == 400
    assert 'class="field field--error"' in page
    assert "This field is required." in page
    assert "Select a valid choice." in page
    assert not step.updates.exists()


def test_next_step_update_service_rejects_an_unknown_status(demo):
    step = _step("The CPRLV sends round")

    with pytest.raises(ValueError):
        next_step_update_post(next_step=step, user=None, text="x", new_status="finished")

    assert not step.updates.filter(text="x").exists()


def test_next_step_create_by_host_coordinator_requires_an_owner(client, demo):
    client.force_login(_user("coordinator@example.org"))
    url = reverse("exchanges:next_step_create", kwargs={"slug": demo.slug})
    cprlv = OrganisationFactory._meta.model.objects.get(slug="cprlv")

    refused = client.post(url, {"text": "Ownerless", "status": "open", "position": 9}).content.decode()
    accepted = client.post(
        url,
        {
            "text": "ICPC to share its diagnostic guide.",
            "status": "open",
            "position": 9,
            "owner_organisation": cprlv.pk,
        },
    )

    assert "Name who owns this step" in refused and 'class="field field--error"' in refused
    step = NextStep.objects.get(text="ICPC to share its diagnostic guide.")
    assert accepted["Location"] == step.get_absolute_url()
    assert step.exchange == demo


def test_next_step_create_and_edit_are_forbidden_to_the_delegate(client, demo):
    step = _step("The CPRLV sends round")
    client.force_login(_user("delegate@example.org"))

    create = client.post(reverse("exchanges:next_step_create", kwargs={"slug": demo.slug}), {"text": "x"})
    edit = client.post(reverse("exchanges:next_step_edit", kwargs={"slug": demo.slug, "pk": step.pk}), {"text": "x"})

    assert create.status_code == 403 and edit.status_code == 403
    step.refresh_from_db()
    assert step.text == CONCEPT_NOTE


def test_next_step_of_another_exchange_is_404_under_this_exchange(client, demo, staff_user):
    other = NextStepFactory()
    client.force_login(staff_user)

    response = client.get(reverse("exchanges:next_step_detail", kwargs={"slug": demo.slug, "pk": other.pk}))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_next_steps_page_query_count_does_not_grow(client, staff_user, django_assert_num_queries, count):
    exchange = ExchangeFactory()
    for _ in range(count):
        step = NextStepFactory(
            exchange=exchange, owner_organisation=OrganisationFactory(), owner_person=PersonFactory()
        )
        NextStepUpdate.objects.create(next_step=step, author=staff_user, text="Progress")
    client.force_login(staff_user)

    # session, user, exchange, next steps, their updates (with authors)
    with django_assert_num_queries(5):
        page = client.get(reverse("exchanges:next_steps", kwargs={"slug": exchange.slug})).content.decode()

    assert page.count('<li class="next-step') == count


# Home page


def test_home_shows_my_next_steps_to_their_owner(client, demo):
    client.force_login(_user("delegate@example.org"))

    page = client.get("/").content.decode()

    assert "My next steps" in page
    assert "participants report regularly on how the training package" in page
    assert "The CPRLV sends round" not in page


def test_home_my_next_steps_empty_for_an_outsider_and_absent_for_anonymous(client, demo, outsider):
    client.force_login(outsider)
    outsider_page = client.get("/").content.decode()
    client.logout()
    anonymous_page = client.get("/").content.decode()

    assert "You own no open next steps" in outsider_page
    assert "My next steps" not in anonymous_page


def test_home_my_next_steps_hides_steps_of_exchanges_no_longer_visible(client):
    user = UserFactory()
    person = PersonFactory(user=user)
    NextStepFactory(owner_person=person, exchange__status=Exchange.Status.DRAFT, text="Draft commitment")
    client.force_login(user)

    page = client.get("/").content.decode()

    assert "Draft commitment" not in page


# Dashboard


def test_dashboard_counts_statuses_and_next_steps(client, demo, staff_user):
    ExchangeFactory(status=Exchange.Status.DRAFT)
    client.force_login(staff_user)

    with _at(date(2018, 1, 10)):
        page = client.get(reverse("exchanges:dashboard")).content.decode()

    assert re.search(r'stat__number">1</span> <span class="badge badge--draft"', page)
    assert re.search(r'stat__number">1</span> <span class="badge badge--completed"', page)
    # Demo on 10 January 2018: 5 steps, 5 open or in progress, 1 overdue (the concept note), none done.
    row = page.split("Dakar–Montréal city exchange</a>", 2)[1].split("</tr>", 1)[0]
    assert re.findall(r"<td>(?:<strong[^>]*>)?(\d+)", row)[:4] == ["5", "1", "0", "0"]
    assert '<svg class="chart__svg"' in page and 'class="chart__overdue"' in page
    assert "style=" not in page


def test_dashboard_is_404_for_everyone_but_staff(client, demo, outsider):
    for user in (outsider, _user("coordinator@example.org"), _user("delegate@example.org"), None):
        if user is None:
            client.logout()
        else:
            client.force_login(user)

        response = client.get(reverse("exchanges:dashboard"))

        assert response.status_code == 404


def test_dashboard_empty_says_what_to_do(client, staff_user):
    client.force_login(staff_user)

    page = client.get(reverse("exchanges:dashboard")).content.decode()

    assert "No exchange has next steps yet." in page
    assert "No updates posted yet." in page


@pytest.mark.parametrize("count", [1, 20])
def test_dashboard_query_count_does_not_grow(client, staff_user, django_assert_num_queries, count):
    for _ in range(count):
        step = NextStepFactory(due_date=date(2000, 1, 1))
        NextStepUpdate.objects.create(next_step=step, author=staff_user, text="Progress")
    client.force_login(staff_user)

    # session, user, status counts, count and page of exchanges, actions needing attention, latest updates, the
    # programmes' indicator links
    with django_assert_num_queries(8):
        page = client.get(reverse("exchanges:dashboard")).content.decode()

    assert page.count('class="chart__overdue"') == count


# Reminders


def _owned_step(*, due, language="en", status=NextStep.Status.OPEN):
    person = PersonFactory(language=language, email=f"owner-{language}-{due:%Y%m%d}@example.org")
    return NextStepFactory(owner_person=person, due_date=due, status=status, text="Circulate the concept note")


def test_reminder_a_week_before_is_sent_once(mailoutbox):
    step = _owned_step(due=date(2024, 3, 15))

    with _at(date(2024, 3, 7)):
        early = next_step_reminders_send(today=date(2024, 3, 7))
    with _at(date(2024, 3, 8)):
        first = send_next_step_reminders.delay().get()
        second = send_next_step_reminders.delay().get()
    with _at(date(2024, 3, 9)):
        next_day = next_step_reminders_send(today=date(2024, 3, 9))

    assert (early, first, second, next_day) == (0, 1, 0, 0)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [step.owner_person.email]
    assert message.subject == f"Due on 15 March 2024: your next step from {step.exchange.title}"
    assert "in 7 days" in message.body and "Circulate the concept note" in message.body
    assert f"{settings.SITE_URL}{step.get_absolute_url()}" in message.body
    step.refresh_from_db()
    assert step.reminder_week_sent_for == date(2024, 3, 15) and step.overdue_sent_for is None


def test_reminder_when_overdue_is_sent_once_after_the_week_reminder(mailoutbox):
    step = _owned_step(due=date(2024, 3, 15))

    next_step_reminders_send(today=date(2024, 3, 8))
    on_due_day = next_step_reminders_send(today=date(2024, 3, 15))
    overdue = next_step_reminders_send(today=date(2024, 3, 16))
    again = next_step_reminders_send(today=date(2024, 3, 20))

    assert (on_due_day, overdue, again) == (0, 1, 0)
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Due on 15 March 2024", "Overdue since 15 March 2024"]
    assert "1 day ago" in mailoutbox[1].body
    step.refresh_from_db()
    assert step.overdue_sent_for == date(2024, 3, 15)


def test_reminder_new_due_date_earns_new_reminders(mailoutbox):
    step = _owned_step(due=date(2024, 3, 15))
    next_step_reminders_send(today=date(2024, 3, 16))
    NextStep.objects.filter(pk=step.pk).update(due_date=date(2024, 4, 30))

    sent = next_step_reminders_send(today=date(2024, 4, 25))

    assert sent == 1
    assert mailoutbox[-1].subject.startswith("Due on 30 April 2024")


def test_reminder_not_sent_for_done_dropped_ownerless_or_undated_steps(mailoutbox):
    _owned_step(due=date(2024, 3, 10), status=NextStep.Status.DONE)
    _owned_step(due=date(2024, 3, 11), status=NextStep.Status.DROPPED)
    NextStepFactory(due_date=date(2024, 3, 12), owner_organisation=OrganisationFactory())
    NextStepFactory(owner_person=PersonFactory(), due_date=None)
    NextStepFactory(owner_person=PersonFactory(email=""), due_date=date(2024, 3, 12))

    sent = next_step_reminders_send(today=date(2024, 3, 14))

    assert sent == 0
    assert mailoutbox == []


def test_reminder_is_written_in_the_recipients_language(mailoutbox):
    _owned_step(due=date(2024, 12, 15), language="fr")
    _owned_step(due=date(2024, 12, 16), language="en")

    with translation.override("en"):
        next_step_reminders_send(today=date(2024, 12, 10))

    by_language = {message.extra_headers["Content-Language"]: message for message in mailoutbox}
    french, english = by_language["fr"], by_language["en"]
    # The subject and the date are both French.
    assert french.subject.startswith("Échéance le 15 décembre 2024") and french.to == ["owner-fr-20241215@example.org"]
    assert french.body.startswith("Bonjour ") and "15 décembre 2024, dans 5 jours" in french.body
    assert "Échange :" in french.body and "Dear" not in french.body and "Exchange:" not in french.body
    assert "16 December 2024" in english.subject and english.to == ["owner-en-20241216@example.org"]
    assert translation.get_language() == "en"  # the override did not leak


def test_reminder_demo_sends_one_overdue_email_once(demo, mailoutbox):
    first = next_step_reminders_send(today=date(2024, 1, 1))
    second = next_step_reminders_send(today=date(2024, 1, 1))

    assert (first, second) == (1, 0)
    assert mailoutbox[0].to == ["papa.alassane.seck@example.org"]
    assert "31 mars 2018" in mailoutbox[0].subject  # Papa Alassane Seck reads French


def test_reminder_beat_schedule_names_a_registered_task():
    celery_app.loader.import_default_modules()

    entry = settings.CELERY_BEAT_SCHEDULE["next-step-reminders"]

    assert entry["task"] in celery_app.tasks
    assert send_next_step_reminders.name == entry["task"]


@pytest.mark.django_db(transaction=True)
def test_reminder_concurrent_runs_send_once(mailoutbox):
    require(connection.vendor == "postgresql", "row locks of concurrent runs need PostgreSQL")
    _owned_step(due=date(2024, 3, 15))
    results, barrier = [], threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            results.append(next_step_reminders_send(today=date(2024, 3, 10)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 1]
    assert len(mailoutbox) == 1


def test_reminder_management_command_reports_the_count(demo, capsys):
    from django.core.management import call_command

    with _at(date(2024, 1, 1)):
        call_command("send_next_step_reminders")
        call_command("send_next_step_reminders")

    assert capsys.readouterr().out.splitlines() == ["1 reminder(s) sent.", "0 reminder(s) sent."]


def test_next_step_update_by_staff_does_not_show_their_email_to_delegates(client, demo):
    step = _step("Dakar's participants report")
    next_step_update_post(next_step=step, user=_user("staff@example.org"), text="Funding found.", new_status="")
    url = reverse("exchanges:next_step_detail", kwargs={"slug": demo.slug, "pk": step.pk})
    client.force_login(_user("delegate@example.org"))
    delegate_page = client.get(url).content.decode()
    client.force_login(_user("staff@example.org"))

    staff_page = client.get(url).content.decode()

    assert "Funding found." in delegate_page and "the organisers" in delegate_page
    assert "staff@example.org" not in delegate_page.split("Updates", 1)[-1]
    assert "staff@example.org" in staff_page.split("Updates", 1)[-1]
