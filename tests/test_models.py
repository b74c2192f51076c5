from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cities.models import City
from exchanges.forms import ExchangeAdminForm
from exchanges.models import Exchange, Session
from tests.factories import (
    CityFactory,
    ExchangeFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SessionFactory,
    VenueFactory,
    host_time,
)

pytestmark = pytest.mark.django_db


def test_city_unknown_time_zone_is_refused_next_to_the_field():
    city = CityFactory.build(time_zone="Mars/Olympus_Mons")

    with pytest.raises(ValidationError) as error:
        city.full_clean()

    assert "time_zone" in error.value.message_dict
    assert "not a known time zone" in error.value.message_dict["time_zone"][0]


def test_city_known_time_zone_is_accepted():
    city = CityFactory.build(time_zone="Africa/Dakar")

    city.full_clean()

    assert city.tzinfo.key == "Africa/Dakar"


def test_city_slug_is_unique():
    CityFactory(slug="dakar")

    with pytest.raises(ValidationError) as error:
        CityFactory.build(slug="dakar").full_clean()

    assert "slug" in error.value.message_dict


def test_city_duplicate_slug_is_refused_by_the_database():
    CityFactory(slug="dakar")

    with pytest.raises(IntegrityError):
        City.objects.create(name="Dakar 2", slug="dakar", country="Senegal", time_zone="Africa/Dakar")


def test_session_end_before_start_is_refused_next_to_end():
    session = SessionFactory()
    session.end = session.start - timedelta(minutes=5)

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.message_dict["end"] == ["The session must end after it starts."]


def test_session_end_before_start_is_refused_by_the_database():
    session = SessionFactory()

    with pytest.raises(IntegrityError):
        Session.objects.filter(pk=session.pk).update(end=session.start)


def test_site_visit_without_venue_is_refused_next_to_venue():
    session = SessionFactory.build(exchange=ExchangeFactory(), kind=Session.Kind.SITE_VISIT, venue=None)

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "venue" in error.value.message_dict


def test_site_visit_without_venue_is_refused_by_the_database():
    session = SessionFactory(kind=Session.Kind.SITE_VISIT)

    with pytest.raises(IntegrityError):
        Session.objects.filter(pk=session.pk).update(venue=None)


def test_site_visit_with_site_is_valid():
    exchange = ExchangeFactory()
    session = SessionFactory.build(
        exchange=exchange, kind=Session.Kind.SITE_VISIT, venue=VenueFactory(city=exchange.host_city)
    )

    session.full_clean()


def test_exchange_last_day_before_first_is_refused_next_to_end_date():
    exchange = ExchangeFactory.build(
        programme=ProgrammeFactory(),
        host_city=CityFactory(),
        start_date=date(2017, 10, 18),
        end_date=date(2017, 10, 16),
    )

    with pytest.raises(ValidationError) as error:
        exchange.full_clean()

    assert "end_date" in error.value.message_dict


def test_exchange_form_refuses_host_city_as_visiting_city():
    montreal = CityFactory(name="Montréal")
    exchange = ExchangeFactory(host_city=montreal)
    data = {
        "programme": exchange.programme.pk,
        "title": exchange.title,
        "slug": exchange.slug,
        "host_city": montreal.pk,
        "visiting_cities": [montreal.pk],
        "start_date": "2017-10-16",
        "end_date": "2017-10-18",
        "status": Exchange.Status.DRAFT,
        "transfer_buffer_minutes": 30,
    }

    form = ExchangeAdminForm(data=data, instance=exchange)

    assert not form.is_valid()
    assert "Montréal hosts this exchange" in form.errors["visiting_cities"][0]


def test_session_inside_dates_follows_the_host_city_calendar():
    # 23:30 in Montréal on the last day is 03:30 UTC the next day: still inside.
    exchange = ExchangeFactory(host_city=CityFactory(time_zone="America/Toronto"))
    late = SessionFactory(
        exchange=exchange,
        start=host_time(exchange, exchange.end_date, 22, 30),
        end=host_time(exchange, exchange.end_date, 23, 30),
    )
    next_day = SessionFactory(
        exchange=exchange,
        start=host_time(exchange, exchange.end_date + timedelta(days=2), 9),
        end=host_time(exchange, exchange.end_date + timedelta(days=2), 10),
    )

    assert late.end.utcoffset() is not None
    assert late.is_outside_exchange_dates is False
    assert next_day.is_outside_exchange_dates is True


def test_organisation_slug_is_unique():
    OrganisationFactory(slug="spvm")

    with pytest.raises(ValidationError) as error:
        OrganisationFactory.build(slug="spvm", city=None).full_clean()

    assert "slug" in error.value.message_dict
