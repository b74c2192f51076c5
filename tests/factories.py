"""factory_boy factories for every model. Build realistic defaults; override what a test is about."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cities.models import City, Coordinator, Initiative, Organisation, Theme
from exchanges.models import Delegation, Exchange, Membership, NextStep, Objective, Programme, Session, Venue
from participants.models import Person

PASSWORD = "correct-horse-battery"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "Canada"
    region = "North America"
    time_zone = "America/Toronto"
    languages = "French, English"


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.MUNICIPAL
    city = factory.SubFactory(CityFactory)
    website = factory.Sequence(lambda n: f"https://org{n}.example.org/")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    city = factory.SubFactory(CityFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Adviser"
    organisation = factory.SubFactory(OrganisationFactory)
    city = factory.SelfAttribute("organisation.city")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    organiser = factory.SubFactory(OrganisationFactory, city=None)
    start_date = date(2017, 1, 1)
    end_date = date(2018, 12, 31)
    planned_exchanges = 3


class ExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exchange
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Exchange {n}")
    slug = factory.Sequence(lambda n: f"exchange-{n}")
    host_city = factory.SubFactory(CityFactory)
    start_date = date(2017, 10, 16)
    end_date = date(2017, 10, 18)
    status = Exchange.Status.SCHEDULED

    @factory.post_generation
    def visiting_cities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.visiting_cities.set(extracted)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    exchange = factory.SubFactory(ExchangeFactory)
    position = factory.Sequence(int)
    lead = factory.Sequence(lambda n: f"Objective lead {n}")
    detail = "to reduce local risk;"


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    exchange = factory.SubFactory(ExchangeFactory)
    city = factory.SubFactory(CityFactory, time_zone="Africa/Dakar", country="Senegal")
    role = Delegation.Role.VISITING


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    delegation = factory.SubFactory(DelegationFactory)
    role = Membership.Role.MEMBER


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    address = factory.Sequence(lambda n: f"{n} rue Notre-Dame Est")
    district = "Ville-Marie"
    city = factory.SubFactory(CityFactory)


def host_time(exchange: Exchange, day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime at this wall-clock time in the exchange's host city."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(exchange.host_city.time_zone))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    exchange = factory.SubFactory(ExchangeFactory)
    kind = Session.Kind.PRESENTATION
    title = factory.Sequence(lambda n: f"Session {n}")
    start = factory.LazyAttribute(lambda o: host_time(o.exchange, o.exchange.start_date, 9))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=1))
    venue = factory.SubFactory(VenueFactory, city=factory.SelfAttribute("..exchange.host_city"))


class NextStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NextStep

    exchange = factory.SubFactory(ExchangeFactory)
    position = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Commitment {n}")


def end_yesterday(exchange: Exchange) -> Exchange:
    """Move an exchange so that it ended yesterday in its host city's calendar (its survey is then open).

    The host city's date, not the server's: from midnight UTC until midnight in Montréal, "yesterday" in UTC
    is still today in Montréal, and the exchange would not be over yet."""
    today = timezone.localdate(timezone=exchange.tzinfo)
    exchange.start_date, exchange.end_date = today - timedelta(days=3), today - timedelta(days=1)
    Exchange.objects.filter(pk=exchange.pk).update(start_date=exchange.start_date, end_date=exchange.end_date)
    return exchange
