"""What came after the Dakar–Montréal exchange in the demo (issue 19): the CPRLV concept-note action with two dated
updates, Dakar's adoption of the CPRLV's frontline awareness training, and the Dakar–Montréal partnership, whose
page both cities chose to make public.

The updates and the adoption's date are illustrative: the published report tells of the commitment, not of what
followed it. Each text is in English and French (``FOLLOW_UP_FRENCH``, merged into ``exchanges.demo.french.FRENCH``).
"""

from datetime import UTC, date, datetime

from cities.models import City, Initiative, Organisation, Theme
from exchanges.models import Exchange, NextStep, NextStepUpdate, Partnership, PartnershipCity, PracticeAdoption

CONCEPT_NOTE = "The CPRLV sends round a first concept note for this training."
CONCEPT_NOTE_SESSION = "Frontline awareness training workshop at the CPRLV"

# (posted at, status it set, text)
CONCEPT_NOTE_UPDATES = [
    (
        datetime(2017, 11, 20, 14, 0, tzinfo=UTC),
        NextStep.Status.IN_PROGRESS,
        "The CPRLV shared an outline of the concept note with Dakar's Volunteer Programme and the SCN for comments.",
    ),
    (
        datetime(2018, 1, 22, 10, 30, tzinfo=UTC),
        "",
        "Dakar's comments are in. The CPRLV is adapting the training modules to the Senegalese context before it "
        "circulates the full note.",
    ),
]

TRAINING = {
    "slug": "cprlv-frontline-awareness-training",
    "name": "CPRLV frontline awareness training",
    "summary": "The CPRLV's training and awareness-raising tools for frontline workers who meet radicalisation.",
}

ADOPTION = (
    date(2018, 3, 1),
    "Dakar adapted the CPRLV's frontline awareness training to the Senegalese context to train the volunteers of "
    "its Volunteer Programme, after the 2017 exchange.",
)

FOLLOW_UP_FRENCH = {
    CONCEPT_NOTE_UPDATES[0][2]: (
        "Le CPRLV a transmis un plan de la note conceptuelle au Programme des volontaires de Dakar et au SCN pour "
        "commentaires."
    ),
    CONCEPT_NOTE_UPDATES[1][2]: (
        "Les commentaires de Dakar sont arrivés. Le CPRLV adapte les modules de formation au contexte sénégalais "
        "avant de diffuser la note complète."
    ),
    TRAINING["name"]: "Formation de sensibilisation du CPRLV pour les intervenants de première ligne",
    TRAINING["summary"]: (
        "Les outils de formation et de sensibilisation du CPRLV pour les intervenants de première ligne confrontés "
        "à la radicalisation."
    ),
    ADOPTION[1]: (
        "Dakar a adapté au contexte sénégalais la formation de sensibilisation du CPRLV pour former les volontaires "
        "de son Programme des volontaires, après l'échange de 2017."
    ),
}


def _both(field: str, english: str) -> dict[str, str]:
    return {f"{field}_en": english, f"{field}_fr": FOLLOW_UP_FRENCH[english]}


def load_follow_up(
    exchange: Exchange, cities: dict[str, City], orgs: dict[str, Organisation], themes: dict[str, Theme]
):
    """Create or refresh the demo's follow-up; idempotent like the rest of the demo."""
    step = exchange.next_steps.get(text_en=CONCEPT_NOTE)
    step.sessions.set(exchange.sessions.filter(title_en=CONCEPT_NOTE_SESSION))
    for posted_at, status, text in CONCEPT_NOTE_UPDATES:
        update = step.updates.filter(text_en=text).first()
        if update is None:
            update = NextStepUpdate.objects.create(next_step=step, new_status=status, **_both("text", text))
        if update.created_at != posted_at:
            NextStepUpdate.objects.filter(pk=update.pk).update(created_at=posted_at)
        if status and step.status != status:
            NextStep.objects.filter(pk=step.pk).update(status=status)

    training, _created = Initiative.objects.update_or_create(
        slug=TRAINING["slug"],
        defaults={
            **_both("name", TRAINING["name"]),
            **_both("summary", TRAINING["summary"]),
            "city": cities["montreal"],
            "lead_organisation": orgs["cprlv"],
        },
    )
    training.themes.set([themes["training"], themes["pcve"]])
    adopted_on, text = ADOPTION
    PracticeAdoption.objects.update_or_create(
        city=cities["dakar"],
        initiative=training,
        defaults={"exchange": exchange, "adopted_on": adopted_on, **_both("text", text)},
    )

    partnership, _created = Partnership.objects.update_or_create(
        slug="dakar-montreal", defaults={"since": exchange.start_date}
    )
    for city in (cities["dakar"], cities["montreal"]):
        PartnershipCity.objects.update_or_create(partnership=partnership, city=city, defaults={"publishes": True})
    return partnership
