"""The demo's agenda and next steps, as the Dakar–Montréal summary report tells them.

The report gives no session times: the times here are plausible, and each session's notes say so.
"""

from dataclasses import dataclass
from datetime import date, datetime

from exchanges.demo.directory import MONTREAL_TZ


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
