from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from exchanges.conflicts import (
    AttendanceIndex,
    Slot,
    delegations_without_head,
    exchange_checks,
    missing_objectives,
    other_exchanges,
    outside_dates,
    person_in_two_places,
    run_rules,
    transfer_buffer,
    venue_booked_twice,
)
from exchanges.models import Exchange, Membership
from tests.factories import (
    CityFactory,
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
DAY = date(2017, 10, 16)


@pytest.fixture
def exchange():
    exchange = ExchangeFactory(title="Dakar–Montréal", host_city=CityFactory(name="Montréal"))
    ObjectiveFactory(exchange=exchange)
    return exchange


def _session(exchange, title, start, end, **kwargs):
    kwargs.setdefault("venue", VenueFactory(city=exchange.host_city))
    return SessionFactory(
        exchange=exchange,
        title=title,
        start=host_time(exchange, DAY, *start),
        end=host_time(exchange, DAY, *end),
        **kwargs,
    )


def _warnings(exchange, code):
    return [w for w in exchange_checks(exchange) if w.code == code]


def test_presenter_in_two_overlapping_sessions_is_warned_naming_both(exchange):
    commander = PersonFactory(name="Sylvain Bissonnette", honorific="Commander")
    first = _session(exchange, "Roundtables", (9,), (10,))
    second = _session(exchange, "SPVM briefing", (9, 30), (10, 30))
    first.presenters.add(commander)
    second.presenters.add(commander)

    warnings = _warnings(exchange, "person_clash")

    assert len(warnings) == 1
    message = warnings[0].message
    assert "Commander Sylvain Bissonnette" in message
    assert "“Roundtables” (Mon 16 Oct 09:00–10:00)" in message
    assert "“SPVM briefing” (Mon 16 Oct 09:30–10:30)" in message
    assert set(warnings[0].session_ids) == {first.pk, second.pk}


def test_presenter_in_back_to_back_sessions_is_not_warned(exchange):
    commander = PersonFactory()
    venue = VenueFactory(city=exchange.host_city)
    _session(exchange, "A", (9,), (10,), venue=venue).presenters.add(commander)
    _session(exchange, "B", (10,), (11,), venue=venue).presenters.add(commander)

    assert _warnings(exchange, "person_clash") == []


def test_delegation_member_attending_two_sessions_at_once_is_warned(exchange):
    dakar = DelegationFactory(exchange=exchange)
    member = MembershipFactory(delegation=dakar, role=Membership.Role.HEAD).person
    only_dakar = _session(exchange, "Workshop", (9,), (11,))
    only_dakar.attending_delegations.add(dakar)
    _session(exchange, "Everyone's lunch", (10,), (12,))  # no delegations listed: everyone attends

    warnings = _warnings(exchange, "person_clash")

    assert len(warnings) == 1
    assert member.name in warnings[0].message and "Workshop" in warnings[0].message


def test_parallel_sessions_for_different_delegations_are_not_warned(exchange):
    dakar, montreal = DelegationFactory(exchange=exchange), DelegationFactory(exchange=exchange)
    MembershipFactory(delegation=dakar, role=Membership.Role.HEAD)
    MembershipFactory(delegation=montreal, role=Membership.Role.HEAD)
    _session(exchange, "Dakar track", (9,), (11,)).attending_delegations.add(dakar)
    _session(exchange, "Montréal track", (9,), (11,)).attending_delegations.add(montreal)

    assert _warnings(exchange, "person_clash") == []


def test_presenter_booked_in_another_exchange_at_the_same_time_is_warned(exchange):
    commander = PersonFactory(name="Sylvain Bissonnette")
    other = ExchangeFactory(title="Montréal–Paris", host_city=exchange.host_city)
    mine = _session(exchange, "Roundtables", (9,), (10,))
    mine.presenters.add(commander)
    _session(other, "Paris briefing", (9, 30), (11,)).presenters.add(commander)

    warnings = _warnings(exchange, "person_clash")

    assert len(warnings) == 1
    assert "“Paris briefing” (Montréal–Paris, Mon 16 Oct 09:30–11:00)" in warnings[0].message
    assert warnings[0].session_ids == (mine.pk,)


def test_delegate_attending_another_exchange_at_the_same_time_is_warned(exchange):
    person = PersonFactory(name="Maye Seck")
    other = ExchangeFactory(title="Dakar–Rabat", host_city=exchange.host_city)
    MembershipFactory(person=person, delegation=DelegationFactory(exchange=other))
    _session(exchange, "Roundtables", (9,), (10,)).presenters.add(person)
    _session(other, "Rabat opening", (9,), (10,))  # attended by all of other's delegations

    assert len(_warnings(exchange, "person_clash")) == 1


def test_other_exchange_session_for_another_delegation_is_not_warned(exchange):
    person = PersonFactory()
    other = ExchangeFactory(host_city=exchange.host_city)
    MembershipFactory(person=person, delegation=DelegationFactory(exchange=other))
    _session(exchange, "Roundtables", (9,), (10,)).presenters.add(person)
    _session(other, "Side meeting", (9,), (10,)).attending_delegations.add(DelegationFactory(exchange=other))

    assert _warnings(exchange, "person_clash") == []


def test_venue_used_twice_at_once_is_warned_in_and_across_exchanges(exchange):
    hall = VenueFactory(name="Hôtel de Ville", city=exchange.host_city)
    _session(exchange, "A", (9,), (10,), venue=hall)
    _session(exchange, "B", (9, 30), (10, 30), venue=hall)
    _session(ExchangeFactory(title="Other", host_city=exchange.host_city), "C", (9, 45), (11,), venue=hall)

    messages = [w.message for w in _warnings(exchange, "venue_clash")]

    assert len(messages) == 3
    assert all("Hôtel de Ville is booked twice at once" in m for m in messages)
    assert any("“A”" in m and "“B”" in m for m in messages)
    assert any("“C” (Other," in m for m in messages)


def test_different_venues_at_the_same_time_are_not_warned(exchange):
    _session(exchange, "A", (9,), (10,))
    _session(exchange, "B", (9,), (10,))

    assert _warnings(exchange, "venue_clash") == []


def test_session_on_20_october_is_outside_the_exchange(exchange):
    inside = _session(exchange, "Inside", (9,), (10,))
    outside = SessionFactory(
        exchange=exchange,
        title="Late visit",
        start=host_time(exchange, date(2017, 10, 20), 9),
        end=host_time(exchange, date(2017, 10, 20), 10),
    )

    warnings = _warnings(exchange, "outside_dates")

    assert [w.session_ids for w in warnings] == [(outside.pk,)]
    assert "“Late visit” (Fri 20 Oct 09:00–10:00) is outside the exchange’s days" in warnings[0].message
    assert inside.pk not in exchange_checks(exchange).by_session


def test_short_transfer_between_venues_is_warned(exchange):
    person = PersonFactory(name="Jocelyne Lebrun")
    _session(exchange, "City hall", (9,), (10,)).presenters.add(person)
    _session(exchange, "Lachine", (10, 15), (11,)).presenters.add(person)

    warnings = _warnings(exchange, "transfer_buffer")

    assert len(warnings) == 1
    assert "Only 15 minutes" in warnings[0].message and "Jocelyne Lebrun" in warnings[0].message
    assert "“City hall”" in warnings[0].message and "“Lachine”" in warnings[0].message


@pytest.mark.parametrize(
    "buffer, second_start, same_venue", [(30, (10, 30), False), (10, (10, 15), False), (30, (10, 0), True)]
)
def test_transfer_buffer_respected_or_same_venue_is_not_warned(exchange, buffer, second_start, same_venue):
    exchange.transfer_buffer_minutes = buffer
    exchange.save()
    person = PersonFactory()
    first = _session(exchange, "A", (9,), (10,))
    second = _session(exchange, "B", second_start, (12,), **({"venue": first.venue} if same_venue else {}))
    first.presenters.add(person)
    second.presenters.add(person)

    assert _warnings(exchange, "transfer_buffer") == []


def test_delegation_without_head_is_warned(exchange):
    dakar = DelegationFactory(exchange=exchange, city__name="Dakar")
    MembershipFactory(delegation=dakar, role=Membership.Role.MEMBER)

    warnings = _warnings(exchange, "no_head")

    assert [w.message for w in warnings] == ["The Dakar delegation has no head of delegation."]


def test_delegation_with_head_is_not_warned(exchange):
    MembershipFactory(delegation=DelegationFactory(exchange=exchange), role=Membership.Role.HEAD)

    assert _warnings(exchange, "no_head") == []


def test_exchange_without_objectives_is_warned():
    exchange = ExchangeFactory()

    assert [w.code for w in exchange_checks(exchange)] == ["no_objectives"]


def test_exchange_with_objectives_is_not_warned(exchange):
    assert _warnings(exchange, "no_objectives") == []


def test_demo_exchange_has_no_warnings(demo):
    assert list(exchange_checks(demo)) == []


def test_clashes_with_an_exchange_the_viewer_may_not_see_give_its_time_but_not_its_names(exchange):
    commander = PersonFactory(name="Sylvain Bissonnette")
    hall = VenueFactory(name="Hôtel de Ville", city=exchange.host_city)
    hidden = ExchangeFactory(title="Secret draft", host_city=CityFactory())
    shown = ExchangeFactory(title="Montréal–Paris", host_city=exchange.host_city)
    _session(exchange, "Roundtables", (9,), (10,), venue=hall).presenters.add(commander)
    _session(hidden, "Unannounced briefing", (9, 30), (11,), venue=hall).presenters.add(commander)
    _session(shown, "Paris briefing", (9, 15), (9, 45)).presenters.add(commander)

    checks = exchange_checks(exchange, visible_exchanges=Exchange.objects.exclude(pk=hidden.pk))
    everything = exchange_checks(exchange)

    messages = sorted(w.message for w in checks)
    assert len(messages) == 3
    assert not any("Secret draft" in m or "Unannounced briefing" in m for m in messages)
    roundtables = "“Roundtables” (Mon 16 Oct 09:00–10:00)"
    assert f"Sylvain Bissonnette is in two sessions at once: {roundtables} and Mon 16 Oct 09:30–11:00." in messages
    assert f"Hôtel de Ville is booked twice at once: {roundtables} and Mon 16 Oct 09:30–11:00." in messages
    assert any("“Paris briefing” (Montréal–Paris, Mon 16 Oct 09:15–09:45)" in m for m in messages)
    assert sum("“Unannounced briefing” (Secret draft, " in w.message for w in everything) == 2


# Each rule alone, on an index written by hand: no database, no other rule.

TZ = ZoneInfo("America/Toronto")


def _at(hour, minute=0, day=16):
    return datetime(2017, 10, day, hour, minute, tzinfo=TZ)


def _slot(pk, title, start, end, venue=1, **kwargs):
    return Slot(pk, title, _at(*start), _at(*end), venue, **kwargs)


def _index(*slots, **kwargs):
    kwargs.setdefault("objective_count", 1)
    return AttendanceIndex(
        tz=TZ,
        bounds=(_at(0), _at(0, day=19)),
        days=(date(2017, 10, 16), date(2017, 10, 18)),
        slots={slot.id: slot for slot in slots},
        venue_names={1: "Hôtel de Ville", 2: "Lachine"},
        people={1: "Maye Seck", 2: "Jocelyne Lebrun", 3: "Papa Alassane Seck"},
        **kwargs,
    )


def test_rule_missing_objectives_warns_only_without_objectives():
    assert [w.code for w in missing_objectives(_index(objective_count=0))] == ["no_objectives"]
    assert missing_objectives(_index(objective_count=3)) == []


def test_rule_delegations_without_head_names_each_delegation():
    warnings = delegations_without_head(_index(headless_delegations=("Dakar delegation", "Rabat delegation")))

    assert [w.message for w in warnings] == [
        "The Dakar delegation has no head of delegation.",
        "The Rabat delegation has no head of delegation.",
    ]


def test_rule_outside_dates_warns_only_sessions_past_the_last_day():
    inside = _slot(1, "Roundtables", (9,), (10,))
    late = _slot(2, "Late visit", (9, 0, 20), (10, 0, 20))
    overnight = _slot(3, "Night train", (23, 0, 18), (1, 0, 19))

    warnings = outside_dates(_index(inside, late, overnight))

    assert [w.session_ids for w in warnings] == [(2,), (3,)]
    assert warnings[0].message == (
        "“Late visit” (Fri 20 Oct 09:00–10:00) is outside the exchange’s days (16 Oct 2017 – 18 Oct 2017)."
    )


def test_rule_person_in_two_places_gives_one_warning_per_pair_with_everyone_in_both():
    a, b = _slot(1, "Roundtables", (9,), (10,)), _slot(2, "Briefing", (9, 30), (11,), venue=2)
    later = _slot(3, "Lunch", (12,), (13,))
    index = _index(a, b, later, attendance={1: {1, 2, 3}, 2: {1, 2}, 3: {1, 3}})

    warnings = person_in_two_places(index)

    assert [(w.code, w.session_ids) for w in warnings] == [("person_clash", (1, 2))]
    assert warnings[0].message == (
        "Jocelyne Lebrun, Maye Seck are in two sessions at once: "
        "“Roundtables” (Mon 16 Oct 09:00–10:00) and “Briefing” (Mon 16 Oct 09:30–11:00)."
    )


def test_rule_person_in_two_places_ignores_back_to_back_sessions():
    index = _index(_slot(1, "A", (9,), (10,)), _slot(2, "B", (10,), (11,)), attendance={1: {1, 2}})

    assert person_in_two_places(index) == []


@pytest.mark.parametrize(
    "second, venue, warned",
    [((10, 15), 2, True), ((10, 30), 2, False), ((10, 15), 1, False), ((9, 30), 2, False), ((10, 15), None, False)],
)
def test_rule_transfer_buffer_warns_a_short_move_between_two_venues(second, venue, warned):
    first = _slot(1, "City hall", (9,), (10,))
    index = _index(first, _slot(2, "Lachine", second, (12,), venue=venue), attendance={2: {1, 2}}, buffer_minutes=30)

    warnings = transfer_buffer(index)

    if warned:
        assert [w.session_ids for w in warnings] == [(1, 2)]
        assert warnings[0].message == (
            "Only 15 minutes to get from “City hall” (Mon 16 Oct 09:00–10:00) to “Lachine” (Mon 16 Oct 10:15–12:00) "
            "at another venue (the transfer buffer is 30 minutes) for Jocelyne Lebrun."
        )
    else:
        assert warnings == []


def test_rule_transfer_buffer_of_zero_never_warns():
    index = _index(_slot(1, "A", (9,), (10,)), _slot(2, "B", (10,), (11,), venue=2), attendance={1: {1, 2}})

    assert transfer_buffer(index) == []


def test_rule_venue_booked_twice_warns_overlaps_at_the_same_venue_only():
    index = _index(
        _slot(1, "A", (9,), (10,)),
        _slot(2, "B", (9, 30), (10, 30)),
        _slot(3, "C", (10, 30), (11,)),
        _slot(4, "D", (9,), (10,), venue=2),
        _slot(5, "E", (9,), (10,), venue=None),
        _slot(6, "F", (9,), (10,), venue=None),
    )

    warnings = venue_booked_twice(index)

    assert [(w.code, w.session_ids) for w in warnings] == [("venue_clash", (1, 2))]
    assert warnings[0].message.startswith("Hôtel de Ville is booked twice at once: “A” (Mon 16 Oct 09:00–10:00)")


def test_rule_other_exchanges_names_visible_sessions_and_only_the_time_of_hidden_ones():
    mine = _slot(1, "Roundtables", (9,), (10,))
    paris = _slot(10, "Paris briefing", (9, 30), (11,), venue=2, exchange_title="Montréal–Paris", exchange_id=7)
    secret = _slot(11, "Unannounced", (9, 45), (10, 15), exchange_title="Secret draft", exchange_id=8, hidden=True)
    elsewhere_later = _slot(12, "Evening", (18,), (19,), venue=2, exchange_title="Montréal–Paris", exchange_id=7)
    index = _index(
        mine,
        attendance={1: {1}, 2: {1}},
        other_slots={10: paris, 11: secret, 12: elsewhere_later},
        elsewhere={1: {10, 12}, 3: {10}},
        venue_others=[secret],
    )

    warnings = other_exchanges(index)

    assert [(w.code, w.session_ids) for w in warnings] == [("person_clash", (1,)), ("venue_clash", (1,))]
    assert warnings[0].message == (
        "Maye Seck is in two sessions at once: “Roundtables” (Mon 16 Oct 09:00–10:00) and "
        "“Paris briefing” (Montréal–Paris, Mon 16 Oct 09:30–11:00)."
    )
    assert warnings[1].message == (
        "Hôtel de Ville is booked twice at once: “Roundtables” (Mon 16 Oct 09:00–10:00) and Mon 16 Oct 09:45–10:15."
    )


def test_run_rules_keeps_the_order_of_the_rules_and_files_warnings_by_session():
    index = _index(
        _slot(1, "A", (9,), (10,)),
        _slot(2, "B", (9,), (10,)),
        _slot(3, "Late", (9, 0, 20), (10, 0, 20), venue=2),
        objective_count=0,
        attendance={1: {1, 2}},
    )

    checks = run_rules(index)

    assert checks.codes() == ["no_objectives", "outside_dates", "person_clash", "venue_clash"]
    assert [w.code for w in checks.by_session[1]] == ["person_clash", "venue_clash"]
    assert [w.code for w in checks.by_session[3]] == ["outside_dates"]


@pytest.mark.parametrize("count", [1, 12])
def test_exchange_checks_builds_the_index_in_a_fixed_number_of_queries(exchange, django_assert_num_queries, count):
    dakar = DelegationFactory(exchange=exchange)
    MembershipFactory(delegation=dakar, role=Membership.Role.HEAD)
    hall = VenueFactory(city=exchange.host_city)
    for index in range(count):
        _session(exchange, f"S{index}", (9,), (10,), venue=hall).presenters.add(PersonFactory())
    _session(ExchangeFactory(host_city=exchange.host_city), "Elsewhere", (9,), (10,), venue=hall)

    with django_assert_num_queries(12):
        checks = exchange_checks(exchange)

    assert checks.codes().count("venue_clash") == count * (count - 1) // 2 + count
