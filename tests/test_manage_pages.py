"""The pages where staff and coordinators build exchanges: access, forms, the agenda builder."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from cities.models import Organisation
from exchanges.agenda import host_zone
from exchanges.models import AgendaChange, Delegation, Exchange, Membership, Objective, Session, Venue
from exchanges.wording import ChangeWording
from participants.models import Person
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    ObjectiveFactory,
    PersonFactory,
    SessionFactory,
    VenueFactory,
    host_time,
)

pytestmark = pytest.mark.django_db
SLUG = "dakar-montreal-2017"


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def _heading(response) -> str:
    """The text of the page's first <h1>, white space collapsed ("" when it has none)."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""


def _manage_urls(exchange):
    session = exchange.sessions.first()
    objective = exchange.objectives.first()
    delegation = exchange.delegations.get(city__slug="dakar")
    membership = delegation.memberships.first()
    venue = Venue.objects.first()
    kw = {"slug": exchange.slug}
    return [
        reverse("exchanges:exchange_edit", kwargs=kw),
        reverse("exchanges:builder", kwargs=kw),
        reverse("exchanges:checks", kwargs=kw),
        reverse("exchanges:session_add", kwargs=kw),
        reverse("exchanges:session_edit", kwargs={**kw, "pk": session.pk}),
        reverse("exchanges:session_delete", kwargs={**kw, "pk": session.pk}),
        reverse("exchanges:session_move", kwargs={**kw, "pk": session.pk}),
        reverse("exchanges:exchange_copy", kwargs=kw),
        reverse("exchanges:objective_list", kwargs=kw),
        reverse("exchanges:objective_edit", kwargs={**kw, "pk": objective.pk}),
        reverse("exchanges:objective_delete", kwargs={**kw, "pk": objective.pk}),
        reverse("exchanges:delegation_list", kwargs=kw),
        reverse("exchanges:delegation_detail", kwargs={**kw, "pk": delegation.pk}),
        reverse("exchanges:member_remove", kwargs={**kw, "pk": delegation.pk, "membership_pk": membership.pk}),
        reverse("exchanges:venue_edit", kwargs={"pk": venue.pk}),
    ]


def _post_urls(exchange):
    session = exchange.sessions.first()
    objective = exchange.objectives.first()
    delegation = exchange.delegations.get(city__slug="dakar")
    kw = {"slug": exchange.slug}
    return [
        reverse("exchanges:status_change", kwargs=kw),
        reverse("exchanges:session_duplicate", kwargs={**kw, "pk": session.pk}),
        reverse("exchanges:move_undo", kwargs=kw),
        reverse("exchanges:objective_move", kwargs={**kw, "pk": objective.pk}),
        reverse("exchanges:delegation_add", kwargs=kw),
        reverse("exchanges:member_add", kwargs={**kw, "pk": delegation.pk}),
    ]


def _directory_urls():
    person = Person.objects.first()
    return [
        reverse("exchanges:programme_list"),
        reverse("exchanges:programme_detail", kwargs={"slug": "scn-bilateral-city-exchanges-2017-2018"}),
        reverse("exchanges:programme_create"),
        reverse("exchanges:programme_edit", kwargs={"slug": "scn-bilateral-city-exchanges-2017-2018"}),
        reverse("exchanges:exchange_create"),
        reverse("exchanges:venue_list"),
        reverse("exchanges:venue_create"),
        reverse("exchanges:person_options") + "?q=seck&field=presenters",
        reverse("exchanges:organisation_options") + "?q=spvm&field=organisations",
        reverse("participants:person_list"),
        reverse("participants:person_create"),
        reverse("participants:person_detail", kwargs={"pk": person.pk}),
        reverse("participants:person_edit", kwargs={"pk": person.pk}),
        reverse("cities:organisation_list"),
        reverse("cities:organisation_create"),
        reverse("cities:organisation_edit", kwargs={"pk": Organisation.objects.first().pk}),
    ]


def test_every_management_page_is_404_for_an_outsider(client, demo, outsider):
    client.force_login(outsider)

    for url in _manage_urls(demo) + _directory_urls():
        assert client.get(url).status_code == 404, url
    for url in _post_urls(demo):
        assert client.post(url, {"direction": "up", "status": "draft"}).status_code == 404, url
    assert Session.objects.count() == 5


def test_every_management_page_is_404_for_the_delegate(client, demo):
    _login(client, "delegate@example.org")

    for url in _manage_urls(demo) + _directory_urls():
        assert client.get(url).status_code == 404, url
    for url in _post_urls(demo):
        assert client.post(url).status_code == 404, url


def test_management_pages_send_anonymous_visitors_to_log_in(client, demo):
    for url in _manage_urls(demo)[:3] + _directory_urls()[:3]:
        response = client.get(url)

        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_staff_open_every_management_page(client, demo):
    _login(client, "staff@example.org")

    for url in _manage_urls(demo) + _directory_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<html" in response.content.decode() or url.startswith("/pickers/"), url


def test_coordinator_edits_the_exchange_montreal_hosts(client, demo):
    _login(client, "coordinator@example.org")
    staff = Client()
    staff.force_login(get_user_model().objects.get(email="staff@example.org"))

    for url in _manage_urls(demo):
        response = client.get(url)
        assert response.status_code == 200, url
        # The page staff get (same heading), not an error or another page served with a 200.
        assert _heading(response) == _heading(staff.get(url)) != "", url


def test_coordinator_gets_404_on_an_exchange_hosted_elsewhere(client, demo):
    elsewhere = ExchangeFactory(slug="dakar-rabat", visiting_cities=[demo.host_city])
    _login(client, "coordinator@example.org")

    for name in ("exchange_edit", "builder", "checks", "session_add", "objective_list", "delegation_list"):
        assert client.get(reverse(f"exchanges:{name}", kwargs={"slug": elsewhere.slug})).status_code == 404, name


def test_coordinator_cannot_change_status(client, demo):
    _login(client, "coordinator@example.org")

    response = client.post(reverse("exchanges:status_change", kwargs={"slug": SLUG}), {"status": "under_way"})

    assert response.status_code == 404
    demo.refresh_from_db()
    assert demo.status == Exchange.Status.COMPLETED


def test_dakar_coordinator_manages_dakar_delegation_but_not_the_exchange(client, demo):
    dakar = demo.delegations.get(city__slug="dakar")
    coordinator = CoordinatorFactory(city=dakar.city).user
    client.force_login(coordinator)
    person = PersonFactory(name="Amadou Diop", city=dakar.city)

    page = client.get(reverse("exchanges:delegation_detail", kwargs={"slug": SLUG, "pk": dakar.pk}))
    response = client.post(
        reverse("exchanges:member_add", kwargs={"slug": SLUG, "pk": dakar.pk}), {"person": person.pk, "role": "member"}
    )

    assert "Maye Seck" in page.content.decode()
    assert response.status_code == 302
    assert dakar.memberships.filter(person=person, role="member").exists()
    assert client.get(reverse("exchanges:builder", kwargs={"slug": SLUG})).status_code == 404
    host = demo.delegations.get(city__slug="montreal")
    assert client.get(reverse("exchanges:delegation_detail", kwargs={"slug": SLUG, "pk": host.pk})).status_code == 404


def test_exchange_detail_links_to_the_builder_only_for_editors(client, demo):
    _login(client, "coordinator@example.org")
    editor_page = client.get(f"/exchanges/{SLUG}/").content.decode()
    _login(client, "delegate@example.org")
    delegate_page = client.get(f"/exchanges/{SLUG}/").content.decode()

    assert f'href="/exchanges/{SLUG}/builder/"' in editor_page
    assert "/builder/" not in delegate_page


# --- The agenda builder -------------------------------------------------------------------------


def _builder_exchange(count):
    exchange = ExchangeFactory(status=Exchange.Status.SCHEDULED)
    ObjectiveFactory(exchange=exchange)
    dakar = DelegationFactory(exchange=exchange)
    MembershipFactory(delegation=dakar, role=Membership.Role.HEAD)
    other = ExchangeFactory(host_city=exchange.host_city)
    MembershipFactory(delegation=DelegationFactory(exchange=other), person=PersonFactory())
    presenter = PersonFactory()
    venue = VenueFactory(city=exchange.host_city)
    for index in range(count):
        start = host_time(exchange, exchange.start_date, 8) + timedelta(minutes=20 * index)
        session = SessionFactory(exchange=exchange, start=start, end=start + timedelta(minutes=30), venue=venue)
        session.presenters.add(presenter)
        session.organisations.add(presenter.organisation)
        session.attending_delegations.add(dakar)
    return exchange


@pytest.mark.parametrize("count", [1, 40])
def test_builder_query_count_does_not_grow_with_sessions(client, staff_user, django_assert_num_queries, count):
    exchange = _builder_exchange(count)
    client.force_login(staff_user)
    url = reverse("exchanges:builder", kwargs={"slug": exchange.slug})

    with django_assert_num_queries(16):  # 15 + the move this user may undo
        response = client.get(url)

    page = response.content.decode()
    assert page.count('class="agenda__item') == count
    if count > 1:
        assert "in two sessions at once" in page and "is booked twice at once" in page


@pytest.mark.parametrize("count", [1, 20])
def test_checks_page_query_count_does_not_grow(client, staff_user, django_assert_num_queries, count):
    exchange = _builder_exchange(count)
    client.force_login(staff_user)

    with django_assert_num_queries(15):
        response = client.get(reverse("exchanges:checks", kwargs={"slug": exchange.slug}))

    assert "Checks" in response.content.decode()


def test_builder_shows_the_bissonnette_warning_next_to_both_sessions(client, demo):
    commander = Person.objects.get(name="Sylvain Bissonnette")
    spvm = demo.sessions.get(title__startswith="SPVM headquarters")
    spvm.start, spvm.end = host_time(demo, demo.start_date, 9), host_time(demo, demo.start_date, 10)
    spvm.save()
    spvm.presenters.add(commander)
    _login(client, "staff@example.org")

    page = client.get(reverse("exchanges:builder", kwargs={"slug": SLUG})).content.decode()

    warning = (
        "Commander Sylvain Bissonnette, Esteban Benavides, Jocelyne Lebrun, Maye Seck, Papa Alassane Seck "
        "are in two sessions at once: “Roundtables with the Ville de Montréal” "
        "(Mon 16 Oct 08:30–10:30) and “SPVM headquarters: Hate Crimes and Counterterrorism briefings” "
        "(Mon 16 Oct 09:00–10:00)."
    )
    assert page.count(warning) == 3  # next to each session and in the checks panel


def test_add_session_in_host_time_and_see_it_in_the_builder(client, demo):
    _login(client, "staff@example.org")
    venue = Venue.objects.get(name="Hôtel de Ville de Montréal")
    data = {
        "kind": "meal",
        "title": "Welcome dinner",
        "day": "2017-10-20",
        "start_time": "19:00",
        "end_time": "21:00",
        "venue": venue.pk,
    }

    response = client.post(reverse("exchanges:session_add", kwargs={"slug": SLUG}) + "?day=2017-10-16", data)

    session = demo.sessions.get(title="Welcome dinner")
    assert session.start == datetime(2017, 10, 20, 23, 0, tzinfo=UTC)
    assert response.status_code == 302 and response["Location"].endswith(f"#session-{session.pk}")
    page = client.get(response["Location"]).content.decode()
    assert "“Welcome dinner” (Fri 20 Oct 19:00–21:00) is outside the exchange’s days" in page
    assert "It has 1 warning" in page


@pytest.mark.parametrize("count", [1, 20])
def test_builder_save_runs_the_checks_once_in_a_fixed_number_of_queries(
    client, staff_user, django_assert_num_queries, count
):
    exchange = _builder_exchange(count)
    venue = exchange.sessions.first().venue
    client.force_login(staff_user)
    data = {
        "kind": "briefing",
        "title": "Late briefing",
        "day": (exchange.end_date + timedelta(days=1)).isoformat(),
        "start_time": "08:00",
        "end_time": "08:30",
        "venue": venue.pk,
    }

    # The save itself runs no check: the page it redirects to runs the only one.
    # (25 since the session form lists only the people the editor may see: one query for that scope; 26 since the
    # save grows the exchange's content version, exchanges.versions, so its cached agenda and feeds are rebuilt;
    # the form's pickers ask for the exchange's own cities (one query), and the form no longer reads the people's
    # queryset to test whether it was given one (one query less).)
    with django_assert_num_queries(26):
        response = client.post(reverse("exchanges:session_add", kwargs={"slug": exchange.slug}), data)
    with django_assert_num_queries(16):  # as any builder page: the one check of this save
        page = client.get(response["Location"]).content.decode()

    session = exchange.sessions.get(title="Late briefing")
    assert response["Location"].endswith(f"?saved={session.pk}#session-{session.pk}")
    assert 'class="message message--warning"' in page
    assert "Session “Late briefing” added. It has 1 warning: see below." in page
    assert "session-saved" not in page
    assert page.count("“Late briefing” (") == 2  # its warning next to it and in the checks panel


def test_add_session_form_errors_appear_next_to_fields(client, demo):
    _login(client, "staff@example.org")
    data = {"kind": "site_visit", "title": "", "day": "2017-10-16", "start_time": "10:00", "end_time": "09:00"}

    response = client.post(reverse("exchanges:session_add", kwargs={"slug": SLUG}), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_end_time_error"' in page and "The session must end after it starts." in page
    assert 'id="id_title_en_error"' in page
    assert demo.sessions.count() == 5


def test_add_session_with_garbage_input_never_errors(client, demo):
    _login(client, "staff@example.org")
    data = {"kind": "nonsense", "day": "2017-13-45", "start_time": "25:99", "venue": "abc", "presenters": ["x", "-1"]}

    response = client.post(reverse("exchanges:session_add", kwargs={"slug": SLUG}) + "?day=not-a-day", data)

    assert response.status_code == 200
    assert response.content.decode().count('class="errorlist') >= 4


@pytest.mark.parametrize(
    "changes, field, message",
    [
        # The last day Python knows: in Montréal's zone its evening is already out of range in UTC (was a 500).
        ({"day": "9999-12-31", "start_time": "20:00", "end_time": "21:00"}, "day", "between the years 1900 and 2999"),
        ({"day": "0001-01-01"}, "day", "between the years 1900 and 2999"),
        # Daily blocks up to a day years away would be thousands of sessions.
        ({"end_day": "2019-10-16"}, "end_day", "at most 31 days"),
    ],
)
def test_add_session_refuses_days_the_portal_cannot_schedule_next_to_the_field(client, demo, changes, field, message):
    _login(client, "staff@example.org")
    data = {"kind": "site_visit", "title_en": "Visit", "day": "2017-10-16", "start_time": "10:00", "end_time": "11:00"}

    response = client.post(reverse("exchanges:session_add", kwargs={"slug": SLUG}), data | changes)

    page = response.content.decode()
    assert response.status_code == 200
    error = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</', page, re.S)
    assert error and message in error.group(1), page[:0]
    assert demo.sessions.count() == 5


def test_add_session_in_place_with_htmx(client, demo):
    _login(client, "staff@example.org")
    url = reverse("exchanges:session_add", kwargs={"slug": SLUG}) + "?day=2017-10-17"
    venue = Venue.objects.get(name="Hôtel de Ville de Montréal")

    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    response = client.post(
        url,
        {
            "kind": "briefing",
            "title": "Debrief",
            "day": "2017-10-17",
            "start_time": "18:00",
            "end_time": "19:00",
            "venue": venue.pk,
        },
        headers={"HX-Request": "true"},
    )

    assert "<html" not in fragment and 'value="2017-10-17"' in fragment and 'hx-post="' in fragment
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(f"/exchanges/{SLUG}/builder/?saved=")
    assert demo.sessions.filter(title="Debrief").exists()


def test_a_boosted_htmx_request_gets_the_whole_page_and_a_plain_redirect(client, demo):
    _login(client, "staff@example.org")
    url = reverse("exchanges:session_add", kwargs={"slug": SLUG}) + "?day=2017-10-17"
    boosted = {"HX-Request": "true", "HX-Boosted": "true"}
    data = {"kind": "briefing", "title": "Boosted", "day": "2017-10-17", "start_time": "18:00", "end_time": "19:00"}

    page = client.get(url, headers=boosted).content.decode()
    response = client.post(url, data, headers=boosted)

    assert "<html" in page and 'value="2017-10-17"' in page
    assert response.status_code == 302 and "HX-Redirect" not in response
    assert response["Location"].startswith(f"/exchanges/{SLUG}/builder/?saved=")
    assert demo.sessions.filter(title="Boosted").exists()


@pytest.mark.templates
def test_edit_session_moves_it_and_records_the_change(client, demo):
    demo.status = Exchange.Status.SCHEDULED
    demo.save()
    _login(client, "staff@example.org")
    session = demo.sessions.get(title__startswith="Research and expertise")
    url = reverse("exchanges:session_edit", kwargs={"slug": SLUG, "pk": session.pk})
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        kind=session.kind,
        title=session.title,
        venue=session.venue_id,
        day="2017-10-17",
        start_time="08:00",
        end_time="09:00",
        organisations=[o.pk for o in session.organisations.all()],
        initiatives=[i.pk for i in session.initiatives.all()],
        description=session.description,
        notes=session.notes,
    )
    data.pop("end_day", None)

    response = client.post(url, data)

    assert response.status_code == 302
    change = AgendaChange.objects.get(session=session)
    assert [item["field"] for item in change.changes] == ["when"]
    lines = ChangeWording(change, host=host_zone(session.exchange), home=None).lines
    assert lines == ["Day and time: Mon 16 Oct, 16:00–18:00 → Tue 17 Oct, 08:00–09:00 Montréal time"]
    assert change.changed_by.email == "staff@example.org"


def test_duplicate_then_delete_a_session_with_confirmation(client, demo):
    _login(client, "staff@example.org")
    session = demo.sessions.get(title__startswith="Roundtables")

    response = client.post(reverse("exchanges:session_duplicate", kwargs={"slug": SLUG, "pk": session.pk}))
    copy = demo.sessions.get(title="Roundtables with the Ville de Montréal (copy)")
    delete_url = reverse("exchanges:session_delete", kwargs={"slug": SLUG, "pk": copy.pk})
    confirm = client.get(delete_url).content.decode()
    client.post(delete_url)

    assert response["Location"].endswith(f"/sessions/{copy.pk}/edit/")
    assert "Delete this session?" in confirm and "Roundtables with the Ville de Montréal (copy)" in confirm
    assert not demo.sessions.filter(pk=copy.pk).exists()
    assert demo.sessions.count() == 5


def test_staff_change_status_along_the_workflow(client, demo):
    exchange = ExchangeFactory(status=Exchange.Status.DRAFT)
    _login(client, "staff@example.org")
    url = reverse("exchanges:status_change", kwargs={"slug": exchange.slug})

    client.post(url, {"status": "scheduled"})
    exchange.refresh_from_db()
    assert exchange.status == Exchange.Status.SCHEDULED
    response = client.post(url, {"status": "completed"}, follow=True)

    exchange.refresh_from_db()
    assert exchange.status == Exchange.Status.SCHEDULED
    assert "Choose one of the statuses offered." in response.content.decode()


# --- Exchanges, objectives, delegations ---------------------------------------------------------


def test_staff_create_an_exchange_with_its_delegations(client, demo):
    _login(client, "staff@example.org")
    montreal, dakar = demo.host_city, demo.visiting_cities.get()
    data = {
        "programme": demo.programme.pk,
        "title": "Montréal–Dakar return visit",
        "host_city": dakar.pk,
        "visiting_cities": [montreal.pk],
        "start_date": "2018-05-07",
        "end_date": "2018-05-09",
        "transfer_buffer_minutes": 45,
    }

    response = client.post(reverse("exchanges:exchange_create"), data)

    exchange = Exchange.objects.get(title="Montréal–Dakar return visit")
    assert response["Location"] == reverse("exchanges:builder", kwargs={"slug": exchange.slug})
    assert exchange.status == Exchange.Status.DRAFT and exchange.transfer_buffer_minutes == 45
    assert sorted(exchange.delegations.values_list("city__name", "role")) == [
        ("Dakar", "host"),
        ("Montréal", "visiting"),
    ]


@pytest.mark.templates
@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"slug": "new"}, "slug", "reserved"),
        ({"slug": SLUG}, "slug", "already uses"),
        ({"visiting_cities": "host"}, "visiting_cities", "cannot also be a visiting city"),
        ({"end_date": "2018-05-01"}, "end_date", "on or after the first day"),
        ({"end_date": "9999-12-31"}, "end_date", "between the years 1900 and 2999"),
    ],
)
def test_exchange_form_errors_appear_next_to_fields(client, demo, changes, field, message):
    _login(client, "staff@example.org")
    data = {
        "programme": demo.programme.pk,
        "title": "Return visit",
        "host_city": demo.host_city.pk,
        "start_date": "2018-05-07",
        "end_date": "2018-05-09",
        "transfer_buffer_minutes": 30,
    }
    data.update({k: (demo.host_city.pk if v == "host" else v) for k, v in changes.items()})

    response = client.post(reverse("exchanges:exchange_create"), data)

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Exchange.objects.count() == 1


@pytest.mark.templates
def test_coordinator_can_only_host_in_their_city(client, demo):
    _login(client, "coordinator@example.org")
    data = {
        "programme": demo.programme.pk,
        "title": "Dakar hosts",
        "host_city": demo.visiting_cities.get().pk,
        "start_date": "2018-05-07",
        "end_date": "2018-05-09",
        "transfer_buffer_minutes": 30,
    }

    response = client.post(reverse("exchanges:exchange_create"), data)

    assert "host_city" in response.context["form"].errors
    assert not Exchange.objects.filter(title="Dakar hosts").exists()


def test_objectives_add_reorder_and_remove(client, demo):
    _login(client, "staff@example.org")
    url = reverse("exchanges:objective_list", kwargs={"slug": SLUG})

    client.post(url, {"lead": "Agreeing next steps", "detail": "for the training."})
    new = Objective.objects.get(lead="Agreeing next steps")
    client.post(reverse("exchanges:objective_move", kwargs={"slug": SLUG, "pk": new.pk}), {"direction": "up"})
    first = demo.objectives.first()
    client.post(reverse("exchanges:objective_delete", kwargs={"slug": SLUG, "pk": first.pk}))

    leads = list(demo.objectives.values_list("position", "lead"))
    assert leads[-2:] == [
        (4, "Agreeing next steps"),
        (5, "Building a long-term partnership between two SCN member cities"),
    ]
    assert len(leads) == 5
    assert "<strong>Sharing vital practical tools" not in client.get(url).content.decode()


def test_objective_without_lead_shows_the_error_next_to_it(client, demo):
    _login(client, "staff@example.org")

    response = client.post(reverse("exchanges:objective_list", kwargs={"slug": SLUG}), {"lead": "", "detail": "x"})

    assert 'id="id_lead_en_error"' in response.content.decode()
    assert demo.objectives.count() == 5


def test_the_builder_adds_an_objective_in_place_or_without_javascript_comes_back_to_the_builder(client, demo):
    _login(client, "staff@example.org")
    url = reverse("exchanges:objective_list", kwargs={"slug": SLUG})
    builder = reverse("exchanges:builder", kwargs={"slug": SLUG})
    assert 'name="objective-lead_en"' in client.get(builder).content.decode()

    fragment = client.post(
        url, {"from": "builder", "objective-lead_en": "Agreeing next steps"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    plain = client.post(url, {"from": "builder", "objective-lead_en": "Training the trainers"})
    refused = client.post(url, {"from": "builder", "objective-lead_en": ""}, HTTP_HX_REQUEST="true")

    assert fragment.startswith('<div id="builder-objectives">') and "Objective “Agreeing next steps” added." in fragment
    assert "6 objectives" in fragment and 'value="Agreeing next steps"' not in fragment  # a fresh form
    assert plain.status_code == 302 and plain["Location"] == builder
    assert 'id="id_objective-lead_en_error"' in refused.content.decode()
    assert list(demo.objectives.values_list("lead", flat=True))[-2:] == ["Agreeing next steps", "Training the trainers"]


def test_objective_move_with_an_unknown_direction_is_404(client, demo):
    _login(client, "staff@example.org")
    objective = demo.objectives.first()

    response = client.post(
        reverse("exchanges:objective_move", kwargs={"slug": SLUG, "pk": objective.pk}), {"direction": "sideways"}
    )

    assert response.status_code == 404


def test_delegations_add_a_city_and_members(client, demo):
    _login(client, "staff@example.org")
    paris = CityFactory(name="Paris", time_zone="Europe/Paris")
    person = PersonFactory(name="Anne Martin", city=paris)

    client.post(reverse("exchanges:delegation_add", kwargs={"slug": SLUG}), {"city": paris.pk, "role": "visiting"})
    delegation = Delegation.objects.get(exchange=demo, city=paris)
    url = reverse("exchanges:member_add", kwargs={"slug": SLUG, "pk": delegation.pk})
    client.post(url, {"person": person.pk, "role": "head"})
    duplicate = client.post(url, {"person": person.pk, "role": "member"})

    assert delegation.memberships.get().role == "head"
    assert 'id="id_person_error"' in duplicate.content.decode()
    assert "Anne Martin is already a member of this delegation." in duplicate.content.decode()
    assert delegation.memberships.count() == 1


def test_delegation_for_a_city_already_taking_part_is_refused(client, demo):
    _login(client, "staff@example.org")

    response = client.post(
        reverse("exchanges:delegation_add", kwargs={"slug": SLUG}), {"city": demo.host_city.pk, "role": "host"}
    )

    assert 'id="id_city_error"' in response.content.decode()
    assert demo.delegations.count() == 2


def test_remove_member_after_confirmation(client, demo):
    _login(client, "staff@example.org")
    dakar = demo.delegations.get(city__slug="dakar")
    membership = dakar.memberships.get(person__name="Papa Alassane Seck")
    url = reverse("exchanges:member_remove", kwargs={"slug": SLUG, "pk": dakar.pk, "membership_pk": membership.pk})

    confirm = client.get(url).content.decode()
    client.post(url)

    assert "Remove Papa Alassane Seck from the Dakar delegation?" in confirm
    assert not Membership.objects.filter(pk=membership.pk).exists()


# --- Pickers, programmes, venues ----------------------------------------------------------------


def test_person_picker_keeps_chosen_people_and_follows_the_search(client, demo):
    _login(client, "staff@example.org")
    commander = Person.objects.get(name="Sylvain Bissonnette")

    response = client.get(
        reverse("exchanges:person_options"), {"q": "seck", "field": "presenters", "presenters": [commander.pk]}
    )

    page = response.content.decode()
    assert f'<option value="{commander.pk}" selected>Commander Sylvain Bissonnette (SPVM)</option>' in page
    assert "Maye Seck" in page and "Papa Alassane Seck" in page
    assert "Jocelyne Lebrun" not in page


def test_organisation_picker_searches_acronyms(client, demo):
    _login(client, "staff@example.org")

    page = client.get(reverse("exchanges:organisation_options"), {"q": "CPRLV", "field": "organisations"})

    assert "Centre for the Prevention of Radicalization Leading to Violence (CPRLV)" in page.content.decode()
    assert "SPVM" not in page.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_programme_list_query_count(client, staff_user, django_assert_num_queries, count):
    from tests.factories import ProgrammeFactory

    ProgrammeFactory.create_batch(count)
    client.force_login(staff_user)

    with django_assert_num_queries(4):
        response = client.get(reverse("exchanges:programme_list"))

    assert response.content.decode().count('class="card"') == min(count, 25)


def test_venue_create_and_coordinator_limited_to_their_city(client, demo):
    _login(client, "coordinator@example.org")
    dakar = demo.visiting_cities.get()

    refused = client.post(
        reverse("exchanges:venue_create"), {"name": "Place de l'Indépendance", "kind": "site", "city": dakar.pk}
    )
    client.post(
        reverse("exchanges:venue_create"), {"name": "Maison du CPRLV", "kind": "venue", "city": demo.host_city.pk}
    )
    other = VenueFactory(city=dakar)

    assert 'id="id_city_error"' in refused.content.decode()
    assert Venue.objects.filter(name="Maison du CPRLV", city=demo.host_city).exists()
    assert client.get(reverse("exchanges:venue_edit", kwargs={"pk": other.pk})).status_code == 404


@pytest.mark.parametrize("count", [1, 30])
def test_venue_list_query_count(client, staff_user, django_assert_num_queries, count):
    VenueFactory.create_batch(count)
    client.force_login(staff_user)

    with django_assert_num_queries(5):
        response = client.get(reverse("exchanges:venue_list"))

    assert response.content.decode().count("<tr>") == min(count, 25) + 1


def test_edit_session_in_place_with_htmx_shows_errors_in_the_fragment(client, demo):
    _login(client, "staff@example.org")
    session = demo.sessions.get(title__startswith="Roundtables")
    url = reverse("exchanges:session_edit", kwargs={"slug": SLUG, "pk": session.pk})

    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    invalid = client.post(
        url,
        {"kind": "roundtable", "title": "Roundtables", "day": "2017-10-16", "start_time": "11:00", "end_time": "10:00"},
        headers={"HX-Request": "true"},
    ).content.decode()

    assert "<html" not in fragment and 'value="08:30"' in fragment and "autofocus" in fragment
    assert "<html" not in invalid and 'id="id_end_time_error"' in invalid
    session.refresh_from_db()
    assert session.local_start().strftime("%H:%M") == "08:30"


def test_member_picker_offers_a_blank_choice_for_a_single_select(client, demo):
    _login(client, "coordinator@example.org")

    page = client.get(reverse("exchanges:person_options"), {"q": "lebrun", "field": "person", "blank": "1"})

    assert page.content.decode().startswith('<option value="">---------</option><option value="')
    assert "Jocelyne Lebrun" in page.content.decode()


@pytest.mark.parametrize("form", ["session", "membership", "exchange"])
def test_a_form_given_no_readable_people_offers_none_rather_than_everyone(form, demo):
    from exchanges.forms import ExchangeForm, MembershipForm, SessionForm
    from participants.models import Person

    nobody = Person.objects.none()

    if form == "session":
        field = SessionForm(exchange=demo, people=nobody).fields["presenters"]
    elif form == "membership":
        field = MembershipForm(delegation=demo.delegations.first(), people=nobody).fields["person"]
    else:
        field = ExchangeForm(instance=demo, people=nobody).fields["host_contact"]

    assert Person.objects.exists()
    assert list(field.queryset) == []
