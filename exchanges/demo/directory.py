"""The demo's directory: themes, cities, organisations, people, initiatives, objectives, venues, accounts.

Facts from the Dakar–Montréal summary report (see ``exchanges.demo``); no code runs here.
"""

from datetime import date
from zoneinfo import ZoneInfo

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
            "A multi-agency structure with no equivalent elsewhere: the Institut universitaire sur les jeunes en "
            "difficulté, the Ville de Montréal and the SPVM sit in it alongside many organisations active on the "
            "ground. It sets out to stop violence before it happens, above all among young people, and to respond "
            "when it does, after hearing every actor and stakeholder concerned on what the problems are and what "
            "could solve them. Its first pilot ran in the Saint-Pierre district of Lachine."
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
        description=("The Collège de Maisonneuve set it up after several of its students left for Syria and Iraq."),
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

PROGRAMME = {
    "name": "SCN bilateral city exchanges 2017–2018",
    "description": "Three direct exchanges between practitioners of SCN member cities, held over 2017 and 2018.",
}

EXCHANGE = {
    "title": "Dakar–Montréal city exchange",
    # The draft continues "ISD held the first … exchange on 16–18 October 2017, " with this text.
    "description": (
        "Helping the cities of Dakar and Montréal learn from each other and work together against violent "
        "extremism, by passing on, city to city, practical tools and initiatives that lower local risk, prevent "
        "violence and help communities hold together."
    ),
    "outcome": (
        "The exchange was a first step towards lasting bilateral cooperation between Montréal and Dakar within the "
        "SCN. What the two cities learned feeds the network's wider work: it shows how much cities gain by working "
        "together directly, and offers a way to share good practice between places whose contexts differ but whose "
        "goals are the same."
    ),
}

# key: (name, kind, address, district, host organisation slug)
# Venue names are not translated: each place goes by its own, French, name in Montréal (the CPRLV's premises by
# the centre's name), the name a French reader and an English one alike find on the map.
VENUES = {
    "city-hall": ("Hôtel de Ville de Montréal", "venue", "275 rue Notre-Dame Est", "Ville-Marie", "ville-de-montreal"),
    "saint-pierre": ("Quartier Saint-Pierre", "site", "", "Lachine", "montreal-social-diversity-sports"),
    "spvm-hq": ("Quartier général du SPVM", "site", "1441 rue Saint-Urbain", "Ville-Marie", "spvm"),
    "cprlv": ("Centre de prévention de la radicalisation menant à la violence", "venue", "", "", "cprlv"),
}

# English names the demo once gave these places: a demo loaded before renames its venues instead of adding new ones.
FORMER_VENUE_NAMES = {"Saint-Pierre district": "Quartier Saint-Pierre", "SPVM headquarters": "Quartier général du SPVM"}

DEMO_ACCOUNTS = [
    ("staff@example.org", "Network staff (all pages, the admin)"),
    ("coordinator@example.org", "Montréal coordinator (Esteban Benavides)"),
    ("coordinator.dakar@example.org", "Dakar coordinator"),
    ("delegate@example.org", "Dakar delegate (Maye Seck)"),
]
