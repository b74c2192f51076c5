"""Issue 14, item 5: the demo's English and French reports published as release 1, approved by the two demo
coordinators, readable with their PDF by an anonymous visitor; loading the demo again publishes nothing new."""

import re
import unicodedata

import pytest
from django.core.management import call_command

from exchanges.demo.release import RELEASE_1
from reports.demo import RELEASE_DATE, publish_demo_release
from reports.models import RenderJob, Report, ReportRelease
from tests.reports.helpers import pdf_link_uris, pdf_text

pytestmark = pytest.mark.django_db

BASE = "/exchanges/dakar-montreal-2017/report/"

# The organisations' websites as the reference report links them, and those release 1 adds.
REFERENCE_LINKS = {
    "https://www.isdglobal.org/",
    "https://www.pgaction.org/",
    "https://info-radical.org/",
    "https://www.cmaisonneuve.qc.ca/",
}
FACTS = {
    "en": [
        # the programme, its organiser, the dates and both cities
        "Institute for Strategic Dialogue",
        "Strong Cities Network",
        "16 to 18 October 2017",
        "Dakar, Senegal",
        "Montréal, Canada",
        # hosts and visitors with their titles
        "Esteban Benavides, International Relations adviser",
        "Maye Seck, urban security adviser to the Mayor",
        "Papa Alassane Seck, supervisor of the Volunteer Programme",
        "Commander Sylvain Bissonnette",
        # Page 1 ends inside her title, and pypdf reads the aims' list of objectives before page 2.
        "Jocelyne Lebrun, Community",
        "Development Adviser at the Department of Social Diversity and Sports",
        # the organisations, in order of the sessions
        "Service de Police de la Ville de Montréal",
        "RÉSAL",
        "International Centre for the Prevention of Crime",
        "Hate Crimes",
        "Counterterrorism",
        "Montréal Institute for Genocide and Human Rights Studies",
        "Concordia University",
        "Parliamentarians for Global Action",
        "Collège de Maisonneuve",
        "Centre for the Prevention of Radicalization Leading to Violence",
        # the five objectives
        "Sharing vital practical tools and initiatives",
        "Building a long-term partnership between two SCN member cities",
        # the next steps
        "Training for Dakar's volunteers",
        "Regular updates from Dakar",
        "concept note",
    ],
    "fr": [
        "Institute for Strategic Dialogue",
        "Strong Cities Network",
        "16 au 18 octobre 2017",
        "Esteban Benavides, conseiller en relations internationales",
        "Maye Seck, conseiller du maire pour la sécurité urbaine",
        "Papa Alassane Seck, superviseur du Programme des volontaires",
        "commandant Sylvain Bissonnette",
        "Jocelyne Lebrun",
        "conseillère en développement communautaire au Service de la diversité sociale et des sports",
        "Service de police de la Ville de Montréal",
        "RÉSAL",
        "Centre international pour la prévention de la criminalité",
        "Collège de Maisonneuve",
        "Formation des volontaires de Dakar",
        "Points réguliers de Dakar",
        "note conceptuelle",
    ],
}


def _flat(text: str) -> str:
    """The text on one line, with typographic spaces and apostrophes plain (PDF text extraction varies there)."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return " ".join(text.split())


def _linked(language: str) -> set[str]:
    text = " ".join(RELEASE_1[language].values())
    return set(re.findall(r"\]\((https?://[^)\s]+)\)", text))


@pytest.fixture
def published(demo, django_capture_on_commit_callbacks):
    """The demo as ``load_demo`` leaves it: release 1 in both languages, their PDFs made at commit."""
    with django_capture_on_commit_callbacks(execute=True):
        made = publish_demo_release(demo)
    return made


def _release_pdf(client, language: str) -> bytes:
    page = client.get(f"{BASE}{language}/").content.decode()
    job = RenderJob.objects.get(kind=RenderJob.Kind.RELEASE, release__report__language=language)
    assert job.status == RenderJob.Status.DONE and job.release.number == 1
    assert f"/reports/files/{job.pk}/download/" in page
    response = client.get(f"/reports/files/{job.pk}/download/")
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_release_1_is_published_in_both_languages_approved_by_the_two_coordinators(published):
    releases = sorted(published, key=lambda r: r.language)

    assert [(r.language, r.number) for r in releases] == [("en", 1), ("fr", 1)]
    for release in ReportRelease.objects.filter(pk__in=[r.pk for r in releases]):
        decisions = release.sign_off.decisions.all()
        assert {(d.user.email, d.city.slug) for d in decisions} == {
            ("coordinator@example.org", "montreal"),
            ("coordinator.dakar@example.org", "dakar"),
        }
        assert release.released_at == RELEASE_DATE and release.released_by.email == "coordinator@example.org"
        assert release.sign_off_waived_reason == ""
        assert {name: getattr(release, name) for name in RELEASE_1[release.language]} == RELEASE_1[release.language]
    assert Report.objects.get(language="fr").translation_of == Report.objects.get(language="en")


def test_an_anonymous_visitor_sees_the_exchange_on_home_and_release_1_on_its_report_page(client, published):
    home = client.get("/").content.decode()
    english = client.get(f"{BASE}en/").content.decode()
    french = client.get(f"{BASE}fr/").content.decode()

    assert 'href="/exchanges/dakar-montreal-2017/"' in home
    assert "Release 1 of" in english and "Regular updates from Dakar" in english
    assert "Points réguliers de Dakar" in french


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pdf_of_release_1_carries_every_fact_and_links_every_organisation(client, published, language):
    data = _release_pdf(client, language)
    text = _flat(pdf_text(data))
    uris = pdf_link_uris(data)

    missing = [fact for fact in FACTS[language] if _flat(fact) not in text]
    assert missing == []
    assert _linked(language) >= REFERENCE_LINKS
    assert _linked(language) <= uris
    assert "https://spvm.qc.ca/" in uris and "https://www.concordia.ca/research/migs.html" in uris


def test_the_pdf_bears_the_release_date_not_the_day_it_was_rendered(client, published):
    text = _flat(pdf_text(_release_pdf(client, "en")))

    assert "1 November 2017" in text or "November 1, 2017" in text


def test_loading_the_demo_twice_leaves_exactly_one_release_per_language(db):
    null = open("/dev/null", "w")  # noqa: SIM115
    call_command("load_demo", stdout=null)
    first = list(ReportRelease.objects.order_by("pk").values_list("pk", "language", "number", "report_version"))

    call_command("load_demo", stdout=null)

    assert first == [(first[0][0], "en", 1, first[0][3]), (first[1][0], "fr", 1, first[1][3])]
    assert list(ReportRelease.objects.order_by("pk").values_list("pk", "language", "number", "report_version")) == first
    assert Report.objects.filter(status=Report.Status.PUBLISHED).count() == 2
