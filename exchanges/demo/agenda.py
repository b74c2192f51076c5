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
        description="Roundtables where senior people of the Ville de Montréal meet the Dakar delegation.",
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
        description=(
            "Montréal research centres and organisations share what they know and do about preventing violent "
            "extremism and in nearby fields."
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
        description=(
            "Two days of work at the CPRLV on an awareness course for the volunteers who serve on Dakar's frontline."
        ),
    ),
]

# (text, owner organisation slug, owner person email, due date, status, objective position)
NEXT_STEPS = [
    (
        "Keep building, together, the training of the volunteers of Dakar's Volunteer Programme, starting from the "
        "CPRLV's assessment tools, which Dakar's partners go on adapting to local conditions.",
        "ville-de-dakar",
        "papa.alassane.seck@example.org",
        date(2018, 3, 31),
        "in_progress",
        1,
    ),
    (
        "The SCN keeps supporting Montréal and Dakar in working as a pair, alongside its own work with each city.",
        "isd",
        None,
        None,
        "in_progress",
        5,
    ),
    (
        "The SCN passes on what this exchange taught through its online City Profiles, which describe good-practice "
        "initiatives, and at its coming training sessions and events.",
        "isd",
        None,
        date(2018, 6, 30),
        "open",
        1,
    ),
    (
        "Dakar's participants report regularly on how the training package for the Volunteer Programme takes "
        "shape and, once funding allows, call on the SCN, their Montréal counterparts and the CPRLV's expertise to "
        "set up and run training that lasts.",
        "ville-de-dakar",
        "maye.seck@example.org",
        None,
        "open",
        5,
    ),
    ("The CPRLV sends round a first concept note for this training.", "cprlv", None, date(2017, 12, 15), "open", 5),
]
