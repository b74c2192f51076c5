"""Writes the demo's facts (``directory``, ``agenda``) into the database, one step per kind of record.

Every text a person writes is stored in both languages: the English from ``directory`` and ``agenda``, the
French from ``french.FRENCH`` (``_both``), the session notes from ``notes.NOTES``. Every row is looked up by a
natural key and updated in place (``_set``), so a second run changes nothing.
"""

from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from cities.models import City, Coordinator, Initiative, Organisation, Theme
from exchanges.demo.agenda import NEXT_STEPS, SESSIONS
from exchanges.demo.directory import (
    CITIES,
    DEMO_PASSWORD,
    EXCHANGE,
    FORMER_VENUE_NAMES,
    INITIATIVES,
    OBJECTIVES,
    ORGANISATIONS,
    PEOPLE,
    PROGRAMME,
    THEMES,
    VENUES,
)
from exchanges.demo.followup import load_follow_up
from exchanges.demo.french import FRENCH
from exchanges.demo.notes import NOTES
from exchanges.demo.surveys import ANSWERED_AT, INVITED_AT, SURVEY_ANSWERS
from exchanges.models import (
    Delegation,
    Exchange,
    Membership,
    NextStep,
    Objective,
    Programme,
    Session,
    SurveyAnswer,
    SurveyResponse,
    Venue,
)
from exchanges.versions import exchange_touch
from participants.models import Person

DELEGATES = [
    ("montreal", "esteban.benavides@example.org", Membership.Role.HEAD),
    ("montreal", "jocelyne.lebrun@example.org", Membership.Role.MEMBER),
    ("dakar", "maye.seck@example.org", Membership.Role.HEAD),
    ("dakar", "papa.alassane.seck@example.org", Membership.Role.MEMBER),
]


@transaction.atomic
def load_demo() -> Exchange:
    """Create or refresh the Dakar–Montréal demo. Returns the exchange."""
    themes = {slug: _set(Theme, {"slug": slug}, _both(name=name)) for slug, name in THEMES.items()}
    cities = {slug: _set(City, {"slug": slug}, _city_values(values)) for slug, values in CITIES.items()}
    orgs = _organisations(cities)
    people = _people(cities, orgs)
    initiatives = _initiatives(cities, orgs, themes)
    exchange = _exchange(cities, orgs, people, themes)
    objectives = _objectives(exchange)
    _delegations(exchange, cities, people)
    _sessions(exchange, cities, orgs, people, initiatives)
    _next_steps(exchange, orgs, people, objectives)
    load_follow_up(exchange, cities, orgs, themes)
    _survey(exchange, people, objectives)
    _accounts(cities, people)
    exchange_touch(exchange.pk)  # a venue renamed by QuerySet.update above sends no signal
    return exchange


def _both(**texts: str) -> dict[str, str]:
    """``title="Roundtables…"`` → ``{"title_en": "Roundtables…", "title_fr": "Tables rondes…"}``.

    Raises KeyError for an English text without its French: the demo carries French for every text.
    """
    values = {}
    for field, english in texts.items():
        values[f"{field}_en"] = english
        values[f"{field}_fr"] = FRENCH[english] if english else english
    return values


def _set(model, lookup: dict, values: dict):
    """Get or create by ``lookup``; save only when a value differs, so a second run writes nothing."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
    return obj


def _city_values(values: dict) -> dict:
    translated = ("country", "region", "languages", "profile")
    return {
        **{name: value for name, value in values.items() if name not in translated},
        **_both(**{name: values[name] for name in translated}),
    }


def _organisations(cities: dict[str, City]) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for slug, (name, acronym, kind, city, parent, website) in ORGANISATIONS.items():
        orgs[slug] = _set(
            Organisation,
            {"slug": slug},
            {
                **_both(name=name, acronym=acronym),
                "kind": kind,
                "city": cities.get(city),
                "parent": orgs.get(parent),
                "website": website,
            },
        )
    return orgs


def _people(cities: dict[str, City], orgs: dict[str, Organisation]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for email, (name, honorific, job_title, org, city, languages, language) in PEOPLE.items():
        people[email] = _set(
            Person,
            {"email": email},
            {
                "name": name,
                **_both(honorific=honorific, job_title=job_title),
                "organisation": orgs[org],
                "city": cities[city],
                "languages": languages,
                "language": language,
            },
        )
    return people


def _initiatives(cities: dict[str, City], orgs: dict[str, Organisation], themes: dict[str, Theme]) -> dict:
    initiatives: dict[str, Initiative] = {}
    for slug, data in INITIATIVES.items():
        initiative = _set(
            Initiative,
            {"slug": slug},
            {
                **_both(
                    name=data["name"], acronym=data["acronym"], summary=data["summary"], description=data["description"]
                ),
                "city": cities[data["city"]],
                "lead_organisation": orgs[data["lead"]],
            },
        )
        initiative.themes.set([themes[t] for t in data["themes"]])
        initiatives[slug] = initiative
    return initiatives


def _exchange(cities, orgs, people, themes) -> Exchange:
    programme = _set(
        Programme,
        {"slug": "scn-bilateral-city-exchanges-2017-2018"},
        {
            **_both(name=PROGRAMME["name"], description=PROGRAMME["description"]),
            "organiser": orgs["isd"],
            "start_date": date(2017, 10, 1),
            "end_date": date(2018, 12, 31),
            "planned_exchanges": 3,
        },
    )
    exchange = _set(
        Exchange,
        {"slug": "dakar-montreal-2017"},
        {
            **_both(title=EXCHANGE["title"], description=EXCHANGE["description"], outcome=EXCHANGE["outcome"]),
            "programme": programme,
            "host_city": cities["montreal"],
            "start_date": date(2017, 10, 16),
            "end_date": date(2017, 10, 18),
            "host_contact": people["esteban.benavides@example.org"],
            "status": Exchange.Status.COMPLETED,
            # The real report was published for everyone: a visitor of a fresh `make run` sees the exchange.
            "is_public": True,
            "transfer_buffer_minutes": 30,
        },
    )
    exchange.visiting_cities.set([cities["dakar"]])
    exchange.themes.set([themes["pcve"], themes["violence-prevention"], themes["community-policing"]])
    return exchange


def _objectives(exchange: Exchange) -> dict[int, Objective]:
    objectives = {
        position: _set(Objective, {"exchange": exchange, "position": position}, _both(lead=lead, detail=detail))
        for position, (lead, detail) in enumerate(OBJECTIVES, start=1)
    }
    exchange.objectives.filter(position__gt=len(OBJECTIVES)).delete()
    return objectives


def _delegations(exchange: Exchange, cities: dict[str, City], people: dict[str, Person]) -> None:
    delegations = {
        "montreal": _set(
            Delegation, {"exchange": exchange, "city": cities["montreal"]}, {"role": Delegation.Role.HOST}
        ),
        "dakar": _set(Delegation, {"exchange": exchange, "city": cities["dakar"]}, {"role": Delegation.Role.VISITING}),
    }
    for city, email, role in DELEGATES:
        _set(Membership, {"delegation": delegations[city], "person": people[email]}, {"role": role})


def _sessions(exchange: Exchange, cities, orgs, people, initiatives) -> None:
    for former, name in FORMER_VENUE_NAMES.items():
        if not Venue.objects.filter(name=name, city=cities["montreal"]).exists():
            Venue.objects.filter(name=former, city=cities["montreal"]).update(name=name)
    venues = {
        key: _set(
            Venue,
            {"name": name, "city": cities["montreal"]},
            {"kind": kind, "address": address, "district": district, "host_organisation": orgs[host_org]},
        )
        for key, (name, kind, address, district, host_org) in VENUES.items()
    }
    for spec in SESSIONS:
        notes_en, notes_fr = NOTES[spec.title]
        session = _set(
            Session,
            {"exchange": exchange, "title_en": spec.title},
            {
                **_both(title=spec.title, description=spec.description),
                "notes_en": notes_en,
                "notes_fr": notes_fr,
                "kind": spec.kind,
                "start": spec.start,
                "end": spec.end,
                "venue": venues[spec.venue],
            },
        )
        session.presenters.set([people[email] for email in spec.presenters])
        session.organisations.set([orgs[slug] for slug in spec.organisations])
        session.initiatives.set([initiatives[slug] for slug in spec.initiatives])
        session.attending_delegations.set([])


def _next_steps(exchange: Exchange, orgs, people, objectives: dict[int, Objective]) -> None:
    for position, (text, org, person, due, status, objective) in enumerate(NEXT_STEPS, start=1):
        _set(
            NextStep,
            {"exchange": exchange, "position": position},
            {
                **_both(text=text),
                "owner_organisation": orgs[org],
                "owner_person": people.get(person),
                "due_date": due,
                "status": status,
                "objective": objectives[objective],
            },
        )


def _survey(exchange: Exchange, people: dict[str, Person], objectives: dict[int, Objective]) -> None:
    """The illustrative feedback survey answers (``surveys.SURVEY_ANSWERS``), marked illustrative."""
    for email, (named, answers) in SURVEY_ANSWERS.items():
        response = _set(
            SurveyResponse,
            {"exchange": exchange, "person": people[email]},
            {
                "named": named,
                "illustrative": True,
                "invited_at": INVITED_AT,
                "before_at": ANSWERED_AT if answers else None,
                "submitted_at": ANSWERED_AT if answers else None,
            },
        )
        for position, (met, before, after, take_home) in enumerate(answers, start=1):
            _set(
                SurveyAnswer,
                {"response": response, "objective": objectives[position]},
                {"met": met, "before": before, "after": after, "take_home": take_home},
            )


def _accounts(cities: dict[str, City], people: dict[str, Person]) -> None:
    _account("staff@example.org", staff=True)
    coordinator = _account("coordinator@example.org")
    dakar_coordinator = _account("coordinator.dakar@example.org")
    delegate = _account("delegate@example.org")
    Coordinator.objects.get_or_create(user=coordinator, city=cities["montreal"])
    # Dakar's focal point has an account but no person record of the demo: the report names no such person.
    Coordinator.objects.get_or_create(user=dakar_coordinator, city=cities["dakar"])
    _link(people["esteban.benavides@example.org"], coordinator)
    _link(people["maye.seck@example.org"], delegate)


def _account(email: str, *, staff: bool = False):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"is_staff": staff, "is_superuser": staff})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _link(person: Person, user) -> None:
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
