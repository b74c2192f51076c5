"""The Dakar–Montréal exchange of 16–18 October 2017, as its summary report tells it.

``load_demo()`` recreates it and is idempotent: every row is looked up by a
natural key and updated in place, so a second run changes nothing. The report
does not give session times or most addresses: times here are plausible and
each session's notes say they are illustrative; unknown addresses stay empty.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from cities.models import City, Coordinator, Initiative, Organisation, Theme
from exchanges.models import Delegation, Exchange, Membership, NextStep, Objective, Programme, Session, Venue
from participants.models import Person

DEMO_PASSWORD = "exchange-demo-2017"  # noqa: S105 - published demo credentials, created only by load_demo
MONTREAL_TZ = ZoneInfo("America/Toronto")
# An HTML comment: kept in the notes for staff who edit them, never shown on a page or in a report.
ILLUSTRATIVE = "<!-- Times are illustrative: the published report does not give them. -->"

THEMES = {
    "pcve": "Preventing and countering violent extremism (P/CVE)",
    "violence-prevention": "Violence prevention",
    "youth": "Youth",
    "community-policing": "Community policing",
    "social-cohesion": "Social cohesion",
    "training": "Frontline training",
}

CITIES = {
    "dakar": dict(
        name="Dakar",
        country="Senegal",
        region="West Africa",
        time_zone="Africa/Dakar",
        languages="French, Wolof",
        member_since=date(2015, 9, 29),
        profile=(
            "Dakar, the capital of Senegal, runs a city-wide Volunteer Programme that involves young people "
            "in urban safety and community life. Its urban security adviser to the Mayor leads the city's "
            "work on violence prevention."
        ),
    ),
    "montreal": dict(
        name="Montréal",
        country="Canada",
        region="North America",
        time_zone="America/Toronto",
        languages="French, English",
        member_since=date(2015, 9, 29),
        profile=(
            "Montréal combines municipal social development, community policing and a dedicated centre for the "
            "prevention of radicalisation leading to violence (CPRLV). Its multi-agency RÉSAL structure and "
            "Collège de Maisonneuve's “Travailleurs de corridor” are among its best-known practices."
        ),
    ),
}

# slug: (name, acronym, kind, city slug or None, parent slug or None, website)
ORGANISATIONS = {
    "isd": ("Institute for Strategic Dialogue", "ISD", "ngo", None, None, "https://www.isdglobal.org/"),
    "scn": ("Strong Cities Network", "SCN", "network", None, None, "https://strongcitiesnetwork.org/"),
    "ville-de-montreal": ("Ville de Montréal", "", "municipal", "montreal", None, "https://montreal.ca/"),
    "montreal-international-relations": (
        "International Relations, Ville de Montréal",
        "",
        "municipal",
        "montreal",
        "ville-de-montreal",
        "",
    ),
    "montreal-social-diversity-sports": (
        "Department of Social Diversity and Sports",
        "",
        "municipal",
        "montreal",
        "ville-de-montreal",
        "",
    ),
    "ville-de-dakar": ("Ville de Dakar", "", "municipal", "dakar", None, ""),
    "spvm": ("Service de Police de la Ville de Montréal", "SPVM", "police", "montreal", None, "https://spvm.qc.ca/"),
    "spvm-hate-crimes": ("SPVM Hate Crimes unit", "", "police", "montreal", "spvm", ""),
    "spvm-counterterrorism": ("SPVM Counterterrorism unit", "", "police", "montreal", "spvm", ""),
    "iujd": ("Institut universitaire sur les jeunes en difficulté", "IUJD", "academic", "montreal", None, ""),
    "icpc": (
        "International Centre for the Prevention of Crime",
        "ICPC",
        "international",
        "montreal",
        None,
        "https://cipc-icpc.org/",
    ),
    "migs": (
        "Montréal Institute for Genocide and Human Rights Studies",
        "MIGS",
        "academic",
        "montreal",
        None,
        "https://www.concordia.ca/research/migs.html",
    ),
    "pga": ("Parliamentarians for Global Action", "PGA", "network", None, None, "https://www.pgaction.org/"),
    "college-maisonneuve": (
        "Collège de Maisonneuve",
        "",
        "academic",
        "montreal",
        None,
        "https://www.cmaisonneuve.qc.ca/",
    ),
    "cprlv": (
        "Centre for the Prevention of Radicalization Leading to Violence",
        "CPRLV",
        "ngo",
        "montreal",
        None,
        "https://info-radical.org/",
    ),
}

# email: (name, honorific, job title, organisation slug, city slug, languages, preferred language)
PEOPLE = {
    "esteban.benavides@example.org": (
        "Esteban Benavides",
        "",
        "International Relations adviser",
        "montreal-international-relations",
        "montreal",
        "French, English, Spanish",
        "fr",
    ),
    "maye.seck@example.org": (
        "Maye Seck",
        "",
        "Urban security adviser to the Mayor",
        "ville-de-dakar",
        "dakar",
        "French, Wolof",
        "fr",
    ),
    "papa.alassane.seck@example.org": (
        "Papa Alassane Seck",
        "",
        "Supervisor of the Volunteer Programme",
        "ville-de-dakar",
        "dakar",
        "French, Wolof",
        "fr",
    ),
    "sylvain.bissonnette@example.org": (
        "Sylvain Bissonnette",
        "Commander",
        "Commander",
        "spvm",
        "montreal",
        "French, English",
        "fr",
    ),
    "jocelyne.lebrun@example.org": (
        "Jocelyne Lebrun",
        "",
        "Community Development Adviser",
        "montreal-social-diversity-sports",
        "montreal",
        "French, English",
        "fr",
    ),
}

INITIATIVES = {
    "resal": dict(
        name="RÉSAL (Réseau d’échange et de soutien aux actions locales)",
        acronym="RÉSAL",
        city="montreal",
        lead="montreal-social-diversity-sports",
        themes=["violence-prevention", "youth", "social-cohesion"],
        summary="A multi-agency structure that prevents and responds to violence, especially by young people.",
        description=(
            "A unique multi-agency structure involving the Institut universitaire sur les jeunes en difficulté, "
            "the Ville de Montréal, the SPVM and a range of organisations working in the field. Its primary focus "
            "is to prevent and respond to violence, especially violent behaviour of young people, and to consult "
            "with all actors and stakeholders to determine the problems and possible solutions. It was piloted in "
            "the Saint-Pierre district of Lachine."
        ),
    ),
    "dakar-volunteer-programme": dict(
        name="Dakar Volunteer Programme",
        acronym="",
        city="dakar",
        lead="ville-de-dakar",
        themes=["youth", "violence-prevention", "training"],
        summary="Dakar's innovative programme of city volunteers working for safety and cohesion.",
        description=(
            "Dakar's innovative Volunteer Programme, supervised by Papa Alassane Seck. After the 2017 exchange, "
            "the CPRLV's training and awareness-raising tools were adapted to the Senegalese context to train "
            "its volunteers on the frontline."
        ),
    ),
    "travailleurs-de-corridor": dict(
        name="Travailleurs de corridor",
        acronym="",
        city="montreal",
        lead="college-maisonneuve",
        themes=["pcve", "youth"],
        summary="Collège de Maisonneuve's corridor workers, a response to students leaving for Syria and Iraq.",
        description=(
            "Developed by the Collège de Maisonneuve as a response to a number of students leaving for Syria and Iraq."
        ),
    ),
}

OBJECTIVES = [
    (
        "Sharing vital practical tools and initiatives",
        "to reduce local risk, prevent violence and build cohesive communities;",
    ),
    (
        "Developing a mutual understanding of the strategic planning processes in each city",
        ", including how local action plans are developed, how risks are assessed and profiled, how partners and "
        "resources are allocated, what mitigation/prevention approaches are chosen, and how strategies are "
        "monitored and evaluated;",
    ),
    (
        "Improving mutual understanding of how P/CVE activities are being communicated",
        "by municipal actors at the same time as understanding the broader public perceptions of this work;",
    ),
    (
        "Seeing first-hand how the city is implementing key initiatives on the frontline",
        "through local site visits. Visits may include local welcome or information centres for refugees and new "
        "citizens, specialist centres of excellence on P/CVE and connected issues, youth centres and engagement "
        "programmes, community policing teams, or deradicalisation and disengagement specialist teams;",
    ),
    (
        "Building a long-term partnership between two SCN member cities",
        "to provide bilateral support to design, share and implement effective P/CVE policies and practices beyond "
        "the exchange.",
    ),
]

# key: (name, kind, address, district, host organisation slug)
VENUES = {
    "city-hall": ("Hôtel de Ville de Montréal", "venue", "275 rue Notre-Dame Est", "Ville-Marie", "ville-de-montreal"),
    "saint-pierre": ("Saint-Pierre district", "site", "", "Lachine", "montreal-social-diversity-sports"),
    "spvm-hq": ("SPVM headquarters", "site", "1441 rue Saint-Urbain", "Ville-Marie", "spvm"),
    "cprlv": ("Centre for the Prevention of Radicalization Leading to Violence", "venue", "", "", "cprlv"),
}


@dataclass(frozen=True)
class DemoSession:
    key: str
    kind: str
    title: str
    start: datetime
    end: datetime
    venue: str
    presenters: tuple[str, ...]
    organisations: tuple[str, ...]
    initiatives: tuple[str, ...]
    description: str
    notes: str


def _mtl(day, hour, minute=0):
    return datetime(2017, 10, day, hour, minute, tzinfo=MONTREAL_TZ)


SESSIONS = [
    DemoSession(
        key="roundtables",
        kind="roundtable",
        title="Roundtables with the Ville de Montréal",
        start=_mtl(16, 8, 30),
        end=_mtl(16, 10, 30),
        venue="city-hall",
        presenters=("sylvain.bissonnette@example.org", "jocelyne.lebrun@example.org"),
        organisations=("ville-de-montreal", "spvm", "montreal-social-diversity-sports", "iujd"),
        initiatives=("resal",),
        description="A series of roundtables with key representatives from the Ville de Montréal.",
        notes=(
            "The exchange began with a series of roundtables with key representatives from the Ville de Montréal. "
            "Commander Sylvain Bissonnette of the Service de Police de la Ville de Montréal (SPVM) gave a short "
            "overview of the police department’s core work on urban safety and resilience, reflecting on recent "
            "cooperation and support with local policing teams in Dakar and highlighting common challenges. "
            "Jocelyne Lebrun, Community Development Adviser, explained the work and approach of Montréal’s "
            "Department of Social Diversity and Sports, which focuses on creating an inclusive, cohesive and "
            "engaged city. The RÉSAL (Réseau d’échange et de soutien aux actions locales) project was emphasised "
            "in particular as a unique multi-agency structure, involving actors including l’Institute "
            "Universitaire sur les Jeunes en Difficulté, the Ville de Montréal, the SPVM, and a range of relevant "
            "organisations working in the field. The primary focus of RÉSAL is to prevent and respond to "
            "violence, especially violent behaviour of young people, and consult with all actors and "
            "stakeholders to determine the problems and possible solutions."
        ),
    ),
    DemoSession(
        key="lachine",
        kind="site_visit",
        title="Site visit: RÉSAL in Saint-Pierre, Lachine",
        start=_mtl(16, 11, 0),
        end=_mtl(16, 13, 30),
        venue="saint-pierre",
        presenters=(),
        organisations=("montreal-social-diversity-sports", "icpc"),
        initiatives=("resal",),
        description="Local social and community workers present the RÉSAL pilot and the local context of Lachine.",
        notes=(
            "The Dakar delegation later visited the district of Saint-Pierre in Lachine, Montréal, where the "
            "RÉSAL project was piloted. Local social and community workers presented the project and the local "
            "context of Lachine. After a spate of violent attacks and homicides tied to organised crime in the "
            "neighbourhood, rocking the local population of around 5,000, a citizen consultation was launched to "
            "build engagement and trust between community members and local services. In an effort coordinated "
            "by Montréal’s Department of Social Diversity and Sports, working alongside community outreach teams, "
            "the International Centre for the Prevention of Crime (ICPC) was brought on board to conduct a local "
            "risk and diagnostics assessment to analyse the underlying local causes of violence, which in turn "
            "enabled the coordinated partnership of the RÉNAL outreach and prevention project."
        ),
    ),
    DemoSession(
        key="spvm",
        kind="site_visit",
        title="SPVM headquarters: Hate Crimes and Counterterrorism briefings",
        start=_mtl(16, 14, 0),
        end=_mtl(16, 15, 30),
        venue="spvm-hq",
        presenters=(),
        organisations=("spvm", "spvm-hate-crimes", "spvm-counterterrorism"),
        initiatives=(),
        description="Briefings from officers of the Hate Crimes and Counterterrorism units.",
        notes=(
            "The delegation later had the opportunity to visit the headquarters of the SPVM, where they received "
            "briefings from officers from both the Hate Crimes and Counterterrorism units. The Counterterrorism "
            "unit introduced Montréal's emergency response procedures and highlighted the importance of "
            "identifying and building relationships with all possible partners to ensure that police remain "
            "engaged across the community. The Hate Crimes unit discussed the distinction between hate incidents "
            "as non-criminal acts, as opposed to hate crimes as criminal offences, as well as the need to raise "
            "awareness around this issue and the means by which both hate crimes and incidents can be reported "
            "to the police."
        ),
    ),
    DemoSession(
        key="institutions",
        kind="presentation",
        title="Research and expertise on P/CVE: presentations by Montréal institutions",
        start=_mtl(16, 16, 0),
        end=_mtl(16, 18, 0),
        venue="city-hall",
        presenters=(),
        organisations=("migs", "pga", "icpc", "college-maisonneuve"),
        initiatives=("travailleurs-de-corridor",),
        description="Several institutions present their research and expertise on P/CVE and related fields.",
        notes=(
            "During further meetings at the Ville de Montréal, several institutions presented their research and "
            "expertise on P/CVE and related fields, highlighting areas of work relevant to both cities. The "
            "Montréal Institute for Genocide and Human Rights Studies at Concordia University presented on their "
            "different streams of work, ranging from researching terrorists' use of social media to engaging the "
            "Parliamentarians for Global Action to design an action plan to counter violent extremism. The "
            "International Centre for the Prevention of Crime illustrated their international projects, including "
            "their pilot programme, which works with probation services and psychological assessment teams in the "
            "French cities of Nice, Grenoble and Lyon. Rounding off the session, the Collège de Maisonneuve showcased "
            'their "Travailleurs de corridor" project, developed as a response to a number of students leaving '
            "for Syria and Iraq."
        ),
    ),
    DemoSession(
        key="cprlv-workshop",
        kind="workshop",
        title="Frontline awareness training workshop at the CPRLV",
        start=_mtl(17, 9, 0),
        end=_mtl(18, 17, 0),
        venue="cprlv",
        presenters=(),
        organisations=("cprlv", "ville-de-dakar"),
        initiatives=("dakar-volunteer-programme",),
        description="A two-day workshop to design a frontline awareness training programme for Dakar's volunteers.",
        notes=(
            "Over the following two days, the Dakar officials attended an in-depth workshop at the Centre for the "
            "Prevention of Radicalization Leading to Violence (CPRLV) to design a frontline awareness training "
            "programme for use with the Dakar Volunteer Programme. The tools developed by the CPRLV for training "
            "and awareness-raising around radicalisation and violence were adapted to the Senegalese context, "
            "providing a tailored assessment, response and intervention approach that could be used in Dakar."
        ),
    ),
]

# (text, owner organisation slug, owner person email, due date, status, objective position)
NEXT_STEPS = [
    (
        "All parties to further develop the training for the volunteers of the Volunteer Programme in Dakar, with "
        "the CPRLV assessment tools serving as a basis for continued contextual adaptation by partners in Dakar.",
        "ville-de-dakar",
        "papa.alassane.seck@example.org",
        date(2018, 3, 31),
        "in_progress",
        1,
    ),
    (
        "The SCN to continue to support bilateral cooperation between Montréal and Dakar in addition to its "
        "individual cooperation with both cities.",
        "isd",
        None,
        None,
        "in_progress",
        5,
    ),
    (
        "The SCN to highlight the lessons of this exchange through online City Profiles, detailing best practice "
        "initiatives, and through future SCN training and events.",
        "isd",
        None,
        date(2018, 6, 30),
        "open",
        1,
    ),
    (
        "Dakar exchange participants to provide regular updates on the design of the training package for use in "
        "the Dakar Volunteer Programme and, pending funding opportunities, draw on the SCN, Montréal counterparts "
        "and expertise from the CPRLV to identify and deliver a sustained programme of training.",
        "ville-de-dakar",
        "maye.seck@example.org",
        None,
        "open",
        5,
    ),
    ("CPRLV to circulate an initial concept note to this end.", "cprlv", None, date(2017, 12, 15), "open", 5),
]

DEMO_ACCOUNTS = [
    ("staff@example.org", "Network staff (all pages, the admin)"),
    ("coordinator@example.org", "Montréal coordinator (Esteban Benavides)"),
    ("delegate@example.org", "Dakar delegate (Maye Seck)"),
]


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


def _account(email: str, *, staff: bool = False):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"is_staff": staff, "is_superuser": staff})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load_demo() -> Exchange:
    """Create or refresh the Dakar–Montréal demo. Returns the exchange."""
    themes = {slug: _set(Theme, {"slug": slug}, {"name": name}) for slug, name in THEMES.items()}
    cities = {slug: _set(City, {"slug": slug}, values) for slug, values in CITIES.items()}

    orgs: dict[str, Organisation] = {}
    for slug, (name, acronym, kind, city, parent, website) in ORGANISATIONS.items():
        orgs[slug] = _set(
            Organisation,
            {"slug": slug},
            {
                "name": name,
                "acronym": acronym,
                "kind": kind,
                "city": cities.get(city),
                "parent": orgs.get(parent),
                "website": website,
            },
        )

    people: dict[str, Person] = {}
    for email, (name, honorific, job_title, org, city, languages, language) in PEOPLE.items():
        people[email] = _set(
            Person,
            {"email": email},
            {
                "name": name,
                "honorific": honorific,
                "job_title": job_title,
                "organisation": orgs[org],
                "city": cities[city],
                "languages": languages,
                "language": language,
            },
        )

    initiatives: dict[str, Initiative] = {}
    for slug, data in INITIATIVES.items():
        initiative = _set(
            Initiative,
            {"slug": slug},
            {
                "name": data["name"],
                "acronym": data["acronym"],
                "city": cities[data["city"]],
                "lead_organisation": orgs[data["lead"]],
                "summary": data["summary"],
                "description": data["description"],
            },
        )
        initiative.themes.set([themes[t] for t in data["themes"]])
        initiatives[slug] = initiative

    programme = _set(
        Programme,
        {"slug": "scn-bilateral-city-exchanges-2017-2018"},
        {
            "name": "SCN bilateral city exchanges 2017–2018",
            "organiser": orgs["isd"],
            "start_date": date(2017, 10, 1),
            "end_date": date(2018, 12, 31),
            "planned_exchanges": 3,
            "description": (
                "The SCN will run three direct city-to-city practitioner exchanges between member cities in 2017 "
                "and 2018."
            ),
        },
    )

    exchange = _set(
        Exchange,
        {"slug": "dakar-montreal-2017"},
        {
            "programme": programme,
            "title": "Dakar–Montréal city exchange",
            "host_city": cities["montreal"],
            "start_date": date(2017, 10, 16),
            "end_date": date(2017, 10, 18),
            "host_contact": people["esteban.benavides@example.org"],
            "status": Exchange.Status.COMPLETED,
            "is_public": False,
            "transfer_buffer_minutes": 30,
            "description": (
                "Building cooperation and shared learning to counter violent extremism between the cities of "
                "Dakar and Montréal: to promote and share on a city-to-city basis vital practical tools and "
                "initiatives to reduce local risk, prevent violence and build cohesive communities."
            ),
            "outcome": (
                "This exchange represents the first step in building continued SCN cooperation between Montréal "
                "and Dakar on a bilateral basis. The important lessons of these exchanges feed into the broader "
                "work of the SCN, demonstrating the potential for increased city-to-city collaboration and serving "
                "as an instructive approach to sharing best practice across differing local contexts with shared "
                "goals."
            ),
        },
    )
    exchange.visiting_cities.set([cities["dakar"]])
    exchange.themes.set([themes["pcve"], themes["violence-prevention"], themes["community-policing"]])

    objectives = {}
    for position, (lead, detail) in enumerate(OBJECTIVES, start=1):
        objectives[position] = _set(
            Objective, {"exchange": exchange, "position": position}, {"lead": lead, "detail": detail}
        )
    exchange.objectives.filter(position__gt=len(OBJECTIVES)).delete()

    host = _set(Delegation, {"exchange": exchange, "city": cities["montreal"]}, {"role": Delegation.Role.HOST})
    visitors = _set(Delegation, {"exchange": exchange, "city": cities["dakar"]}, {"role": Delegation.Role.VISITING})
    for delegation, email, role in [
        (host, "esteban.benavides@example.org", Membership.Role.HEAD),
        (host, "jocelyne.lebrun@example.org", Membership.Role.MEMBER),
        (visitors, "maye.seck@example.org", Membership.Role.HEAD),
        (visitors, "papa.alassane.seck@example.org", Membership.Role.MEMBER),
    ]:
        _set(Membership, {"delegation": delegation, "person": people[email]}, {"role": role})

    venues = {}
    for key, (name, kind, address, district, host_org) in VENUES.items():
        venues[key] = _set(
            Venue,
            {"name": name, "city": cities["montreal"]},
            {"kind": kind, "address": address, "district": district, "host_organisation": orgs[host_org]},
        )

    for spec in SESSIONS:
        session = _set(
            Session,
            {"exchange": exchange, "title": spec.title},
            {
                "kind": spec.kind,
                "start": spec.start,
                "end": spec.end,
                "venue": venues[spec.venue],
                "description": spec.description,
                "notes": f"{spec.notes}\n\n{ILLUSTRATIVE}",
            },
        )
        session.presenters.set([people[email] for email in spec.presenters])
        session.organisations.set([orgs[slug] for slug in spec.organisations])
        session.initiatives.set([initiatives[slug] for slug in spec.initiatives])
        session.attending_delegations.set([])

    for position, (text, org, person, due, status, objective) in enumerate(NEXT_STEPS, start=1):
        _set(
            NextStep,
            {"exchange": exchange, "position": position},
            {
                "text": text,
                "owner_organisation": orgs[org],
                "owner_person": people.get(person),
                "due_date": due,
                "status": status,
                "objective": objectives[objective],
            },
        )

    staff = _account("staff@example.org", staff=True)
    coordinator = _account("coordinator@example.org")
    delegate = _account("delegate@example.org")
    del staff
    Coordinator.objects.get_or_create(user=coordinator, city=cities["montreal"])
    _link(people["esteban.benavides@example.org"], coordinator)
    _link(people["maye.seck@example.org"], delegate)
    return exchange


def _link(person: Person, user) -> None:
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
