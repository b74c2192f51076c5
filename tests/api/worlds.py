"""Small worlds for the API tests: ``size`` rows of what each route lists."""

from cities.models import Initiative
from exchanges.models import Delegation, Exchange, NextStepUpdate
from reports.models import Report
from reports.services import release_publish
from tests.factories import (
    CityFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    NextStepFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    SessionFactory,
    ThemeFactory,
    UserFactory,
)


def exchanges(size: int) -> Exchange:
    """``size`` public exchanges of one programme, each with two objectives, a visiting city and a theme."""
    programme = ProgrammeFactory()
    theme = ThemeFactory()
    first = None
    for _ in range(size):
        exchange = ExchangeFactory(programme=programme, is_public=True, visiting_cities=[CityFactory()])
        exchange.themes.set([theme])
        ObjectiveFactory(exchange=exchange)
        ObjectiveFactory(exchange=exchange)
        first = first or exchange
    return first


def programmes(size: int) -> Exchange:
    first = None
    for _ in range(size):
        exchange = ExchangeFactory(programme=ProgrammeFactory(), is_public=True)
        first = first or exchange
    return first


def sessions(size: int) -> Exchange:
    """One exchange with ``size`` sessions, each with two presenters, an organisation and a delegation."""
    exchange = ExchangeFactory(is_public=True)
    delegation = DelegationFactory(exchange=exchange)
    for _ in range(size):
        session = SessionFactory(exchange=exchange)
        session.presenters.set([PersonFactory(organisation=OrganisationFactory()), PersonFactory()])
        session.organisations.set([OrganisationFactory()])
        session.attending_delegations.set([delegation])
    return exchange


def delegations(size: int) -> Exchange:
    exchange = ExchangeFactory(is_public=True)
    for _ in range(size):
        delegation = DelegationFactory(exchange=exchange, role=Delegation.Role.VISITING)
        MembershipFactory(delegation=delegation, person=PersonFactory(organisation=OrganisationFactory()))
        MembershipFactory(delegation=delegation)
    return exchange


def next_steps(size: int) -> Exchange:
    exchange = ExchangeFactory(is_public=True)
    objective = ObjectiveFactory(exchange=exchange)
    author = UserFactory()
    PersonFactory(user=author)
    for _ in range(size):
        step = NextStepFactory(
            exchange=exchange,
            owner_organisation=OrganisationFactory(),
            owner_person=PersonFactory(),
            objective=objective,
        )
        NextStepUpdate.objects.create(next_step=step, author=author, text="Done a first part", new_status="in_progress")
        NextStepUpdate.objects.create(next_step=step, author=None, text="Started")
    return exchange


def reports(size: int) -> Exchange:
    first = None
    for index in range(size):
        exchange = ExchangeFactory(is_public=True)
        report = Report.objects.create(exchange=exchange, language="en", summary=f"Summary {index}", version=1)
        release_publish(report=report, by=None, without_sign_off_reason="A test world.")
        first = first or exchange
    return first


def people(size: int) -> None:
    city = CityFactory()
    for _ in range(size):
        PersonFactory(organisation=OrganisationFactory(city=city), city=city)


def organisations(size: int) -> None:
    parent = OrganisationFactory()
    for _ in range(size):
        OrganisationFactory(city=CityFactory(), parent=parent)


def cities(size: int) -> None:
    for _ in range(size):
        CityFactory()


def initiatives(size: int) -> None:
    theme = ThemeFactory()
    for index in range(size):
        city = CityFactory()
        initiative = Initiative.objects.create(
            name=f"Initiative {index}", slug=f"initiative-{index}", city=city, lead_organisation=OrganisationFactory()
        )
        initiative.themes.set([theme])


def exchange_reports(size: int) -> Exchange:
    """One exchange with a published report (release 1) in ``size`` languages (at most the portal's two)."""
    exchange = ExchangeFactory(is_public=True)
    for language in ["en", "fr"][: max(1, min(size, 2))]:
        report = Report.objects.create(exchange=exchange, language=language, version=1)
        release_publish(report=report, by=None, without_sign_off_reason="A test world.")
    return exchange
