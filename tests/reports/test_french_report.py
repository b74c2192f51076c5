"""Reports drafted in the report's language from content in that language (issue 13, item 5).

The French PDF of the demo reads entirely in French; where a text lacks French, the draft says so in a
placeholder and the report page lists it, instead of mixing English into French sentences.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from exchanges.models import Objective
from reports.drafting import draft
from reports.selectors import draft_data
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db

FUNCTION_WORDS = {"the", "and", "of", "with", "to", "for", "this", "that", "was", "were"}
# Proper names that stay English in a French text (the network and the programme's organiser).
ENGLISH_PROPER_NAMES = ("Institute for Strategic Dialogue", "Strong Cities Network")


def english_sentences(text: str) -> list[str]:
    """Sentences with two or more English function words, once the English proper names are set aside."""
    text = " ".join(text.split())  # a PDF breaks lines inside sentences
    for name in ENGLISH_PROPER_NAMES:
        text = re.sub(re.escape(name).replace(r"\ ", r"\s+"), " ", text, flags=re.IGNORECASE)
    sentences = re.split(r"(?<=[.!?;:»])\s+", text)
    return [
        sentence
        for sentence in sentences
        if sum(word in FUNCTION_WORDS for word in re.findall(r"[a-z]+", sentence.lower())) >= 2
    ]


def _french_objective_draft(demo):
    return draft(draft_data(demo), "fr")


def test_english_sentence_check_finds_english_in_french():
    mixed = "ISD a organisé l'échange les 16–18 octobre 2017 : building cooperation and shared learning to counter it."

    assert english_sentences(mixed) == ["building cooperation and shared learning to counter it."]
    assert english_sentences("L'Institute for Strategic Dialogue a réuni Dakar et Montréal.") == []


def test_render_report_in_french_writes_a_pdf_without_an_english_sentence(demo, tmp_path):
    output = tmp_path / "rapport.pdf"

    call_command("render_report", "dakar-montreal-2017", "--lang", "fr", "--output", str(output))

    text = pdf_text(output.read_bytes())
    assert "Tables rondes d'ouverture" in text
    assert "Le CPRLV diffuse une première note conceptuelle" in " ".join(text.split())
    assert len(text) > 6000
    assert english_sentences(text) == []


def test_demo_draft_in_french_lacks_no_text(demo):
    drafted = _french_objective_draft(demo)

    assert drafted.missing == []
    assert "Texte manquant" not in "".join(drafted.sections.values())
    assert "[Service de la diversité sociale et des sports]" not in drafted.sections["summary"]
    assert "(responsable : Ville de Dakar)" in drafted.sections["next_steps"]


def test_french_draft_shows_a_placeholder_for_an_objective_without_french(demo):
    Objective.objects.filter(exchange=demo, position=3).update(lead_fr="")

    drafted = _french_objective_draft(demo)

    aims = drafted.sections["aims"]
    assert "- **\\[Texte manquant en français : objectif 3 (intitulé)\\]** par les acteurs municipaux" in aims
    assert "Improving mutual understanding" not in aims
    assert [item.label for item in drafted.missing] == ["objectif 3 (intitulé)"]


def test_report_page_names_the_missing_french_text_with_a_link_to_fix_it(client, demo):
    objective = Objective.objects.get(exchange=demo, position=3)
    Objective.objects.filter(pk=objective.pk).update(lead_fr="")
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))

    page = client.get(reverse("reports:report", args=[demo.slug, "fr"]), HTTP_ACCEPT_LANGUAGE="en").content
    page = page.decode()

    assert "Texts not yet in French" in page
    edit_url = reverse("exchanges:objective_edit", args=[demo.slug, objective.pk])
    assert f'<a href="{edit_url}">objectif 3 (intitulé)</a>' in page


def test_report_page_lists_nothing_when_french_is_complete(client, demo):
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))

    page = client.get(reverse("reports:report", args=[demo.slug, "fr"])).content.decode()

    assert "Texts not yet in French" not in page
    assert "Textes pas encore en français" not in page


def test_report_page_links_to_a_fix_only_where_the_viewer_may_edit(client, demo):
    Objective.objects.filter(exchange=demo, position=3).update(lead_fr="")
    # Dakar's coordinator edits the report (a city of the exchange) but not Montréal's objectives.
    client.force_login(get_user_model().objects.get(email="coordinator.dakar@example.org"))

    page = client.get(reverse("reports:report", args=[demo.slug, "fr"]), HTTP_ACCEPT_LANGUAGE="en").content
    page = page.decode()

    assert "<li>objectif 3 (intitulé)</li>" in page


def test_english_draft_shows_a_placeholder_for_a_next_step_only_in_french(demo):
    step = demo.next_steps.get(position=5)
    type(step).objects.filter(pk=step.pk).update(text_en="")

    drafted = draft(draft_data(demo), "en")

    assert "\\[Text missing in English: next step 5 (commitment)\\]" in drafted.sections["next_steps"]
    assert "Le CPRLV" not in drafted.sections["next_steps"]
