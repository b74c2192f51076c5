"""A report per language: the URL picks the viewer's language, a report is copied into the other language as the
start of its translation, the two versions link to each other, and a French report prints in French."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError

from exchanges.demo.directory import ILLUSTRATIVE
from reports import services
from reports.models import Report
from reports.rendering import html_to_pdf, report_source
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db
BASE = "/exchanges/dakar-montreal-2017/report/"
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def both(drafted):
    """The drafted English demo report and its French copy."""
    staff = get_user_model().objects.get(email="staff@example.org")
    return drafted, services.report_copy_into(report=drafted, language="fr", user=staff)


def test_copy_into_french_makes_a_linked_draft_with_its_own_history(login, drafted):
    drafted.include_annex = True
    drafted.save()
    services.report_set_published(report=drafted, published=True, user=drafted.updated_by)
    client = login("coordinator@example.org")
    page = client.get(f"{BASE}en/").content.decode()
    confirm = client.get(f"{BASE}en/copy-into/fr/").content.decode()

    response = client.post(f"{BASE}en/copy-into/fr/")

    assert "Copy into French as the start of its translation" in page
    assert f'action="{BASE}en/copy-into/fr/"' in page
    assert "Copy into French as the start of its translation" in confirm
    assert response["Location"] == f"{BASE}fr/"
    copy = Report.objects.get(exchange=drafted.exchange, language="fr")
    assert copy.translation_of == drafted
    assert copy.section_texts() == Report.objects.get(pk=drafted.pk).section_texts()
    assert copy.include_annex and copy.status == Report.Status.DRAFT and copy.version == 1
    assert list(copy.versions.values_list("number", "note")) == [(1, "Copied from the English version")]
    original = Report.objects.get(pk=drafted.pk)
    assert original.is_published and original.version == 1 and original.versions.count() == 1


def test_the_two_versions_link_to_each_other(login, both):
    english, french = both
    client = login("coordinator@example.org")

    english_page = client.get(f"{BASE}en/").content.decode()
    french_page = client.get(f"{BASE}fr/").content.decode()

    assert f'href="{BASE}fr/" hreflang="fr">Read this report in French</a>' in english_page
    assert f'href="{BASE}en/" hreflang="en">Read this report in English</a>' in french_page
    assert f'<a href="{BASE}en/">Started as a copy of the English version.</a>' in french_page
    assert "Copy into" not in english_page and "Copy into" not in french_page  # both languages exist
    # The French version's headings are French, whatever the language of the page around them.
    assert '<h2 id="heading-aims" lang="fr">Buts et objectifs' in french_page
    assert '<h2 id="heading-aims" lang="en">Aims and objectives' in english_page


def test_report_address_without_a_language_follows_the_viewer(login, both):
    client = login("coordinator@example.org")

    in_french = client.get(BASE, **FRENCH).content.decode()
    in_english = client.get(BASE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<h2 id="heading-summary" lang="fr">Résumé' in in_french
    assert "Lire ce rapport en anglais" in in_french
    assert '<h2 id="heading-summary" lang="en">Summary' in in_english


def test_report_address_falls_back_to_the_only_language(login, drafted):
    page = login("coordinator@example.org").get(BASE, **FRENCH).content.decode()

    assert '<h2 id="heading-summary" lang="en">Summary' in page
    assert "Copier en français comme point de départ de sa traduction" in page


def test_readers_see_only_the_published_versions(login, both):
    english, french = both
    services.report_set_published(report=english, published=True, user=english.updated_by)
    client = login("delegate@example.org")

    english_page = client.get(BASE, **FRENCH).content.decode()
    french_page = client.get(f"{BASE}fr/")
    services.report_set_published(report=french, published=True, user=english.updated_by)
    after = client.get(BASE, **FRENCH).content.decode()

    assert "Read this report in French" not in english_page and "Lire ce rapport" not in english_page
    assert '<h2 id="heading-summary" lang="en">Summary' in english_page
    assert french_page.status_code == 404
    assert '<h2 id="heading-summary" lang="fr">Résumé' in after


def test_editor_asking_for_a_missing_language_can_copy_or_draft_it(login, drafted):
    client = login("coordinator@example.org")

    page = client.get(f"{BASE}fr/").content.decode()
    client.post(f"{BASE}fr/draft/")

    assert "No summary report in French yet." in page
    assert f'action="{BASE}en/copy-into/fr/"' in page and f'action="{BASE}fr/draft/"' in page
    french = Report.objects.get(exchange=drafted.exchange, language="fr")
    assert french.translation_of is None and french.version == 1
    assert "L’échange a été accueilli à Montréal" in french.introduction


def test_copy_into_a_language_that_exists_creates_nothing(login, both):
    english, _french = both
    client = login("coordinator@example.org")

    response = client.post(f"{BASE}en/copy-into/fr/")
    same = client.post(f"{BASE}en/copy-into/en/")

    assert response["Location"] == f"{BASE}fr/"
    assert same.status_code == 404
    assert Report.objects.count() == 2
    with pytest.raises(services.ReportExists):
        services.report_copy_into(report=english, language="fr", user=english.updated_by)
    with pytest.raises(IntegrityError):
        Report.objects.create(exchange=english.exchange, language="fr")


def test_settings_refuse_a_language_that_already_has_a_report(login, both):
    response = login("coordinator@example.org").post(f"{BASE}en/settings/", {"language": "fr"})

    assert "This exchange already has a report in that language" in response.content.decode()
    assert sorted(Report.objects.values_list("language", flat=True)) == ["en", "fr"]


def test_versions_and_edits_of_one_language_leave_the_other_alone(login, both):
    english, french = both
    client = login("coordinator@example.org")

    client.post(f"{BASE}fr/sections/summary/", {"text": "Notre résumé.", "base_version": 1})
    versions = client.get(f"{BASE}fr/versions/").content.decode()

    assert Report.objects.get(pk=french.pk).summary == "Notre résumé."
    assert Report.objects.get(pk=english.pk).summary.startswith(f"{ILLUSTRATIVE}\n\n**Opening roundtables.**")
    assert "Copied from the English version" in versions and "Drafted from the exchange" not in versions


def test_report_changes_appear_in_the_exchange_history(login, both):
    _english, french = both
    client = login("coordinator@example.org")
    client.post(f"{BASE}fr/sections/summary/", {"text": "Notre résumé.", "base_version": 1})

    page = client.get("/exchanges/dakar-montreal-2017/history/").content.decode()

    assert "Summary report (French)" in page and "Notre résumé." in page


def test_french_report_pdf_has_french_headings_and_dates(login, demo):
    login("coordinator@example.org").post(f"{BASE}fr/draft/")
    report = Report.objects.get(exchange=demo, language="fr")

    text = pdf_text(html_to_pdf(report_source(report).html))

    for heading in ("Introduction", "Buts et objectifs", "Résumé", "Prochaines étapes"):
        assert heading.upper() in text.upper()
    assert "16–18 octobre 2017" in text
    assert "Aims and objectives" not in text and "Next steps" not in text and "October" not in text
