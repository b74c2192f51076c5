"""Texts in English and French (issue 13, items 1-4): both languages in one form, honest fallback, status."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from core.translated import translated_html, translated_text
from exchanges.models import Exchange, Objective, Session
from exchanges.selectors.translations import translation_status
from participants.models import Person
from tests.factories import (
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    NextStepFactory,
    ObjectiveFactory,
    PersonFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
# The demo's texts, counted by hand from exchanges/demo: the exchange's title, purpose and outcome (3); five
# objectives' leads and details (10); five sessions' titles, descriptions and notes (15); the four venues used
# have no description (0); five people taking part: five job titles and one honorific (6); fourteen organisations
# involved: fourteen names and seven acronyms, no description (21); five next steps (5). 3+10+15+6+21+5 = 60.
# The demo is loaded in English only so far: no French yet.
DEMO_TEXTS = 60
DEMO_FRENCH = 60  # the demo carries French for every text (issue 13, item 9)


def _session_post(**texts):
    return {"kind": "roundtable", "day": "2017-10-16", "start_time": "09:00", "end_time": "10:00", **texts}


def test_session_form_saves_both_languages_at_once(client):
    session = SessionFactory(title="Old title")
    client.force_login(StaffFactory())
    url = reverse("exchanges:session_edit", kwargs={"slug": session.exchange.slug, "pk": session.pk})

    client.post(url, _session_post(title_en="Roundtable", title_fr="Table ronde", notes_fr="Notes en français"))

    session.refresh_from_db()
    assert (session.title_en, session.title_fr) == ("Roundtable", "Table ronde")
    assert session.notes_fr == "Notes en français"
    assert not session.notes_en


def test_session_form_shows_each_text_in_both_languages_with_language_labels(client):
    session = SessionFactory(title="Roundtable")
    client.force_login(StaffFactory())
    url = reverse("exchanges:session_edit", kwargs={"slug": session.exchange.slug, "pk": session.pk})

    english = client.get(url, **ENGLISH).content.decode()
    french = client.get(url, **FRENCH).content.decode()

    assert 'for="id_title_en">Title (English)' in english and 'for="id_title_fr">Title (French)' in english
    assert 'for="id_title_en">Titre (anglais)' in french and 'for="id_title_fr">Titre (français)' in french
    assert 'name="title_fr"' in english and 'lang="fr"' in english
    assert 'value="Roundtable"' in french  # the other language stays visible as reference


def test_a_title_is_required_in_one_language_only(client):
    exchange = ExchangeFactory()
    client.force_login(StaffFactory())
    url = reverse("exchanges:session_add", kwargs={"slug": exchange.slug})

    empty = client.post(url, _session_post(title_en="", title_fr=""))
    french_only = client.post(url, _session_post(title_en="", title_fr="Visite de terrain"))

    assert "Give the title in English or in French (or both)." in empty.content.decode()
    assert list(Session.objects.values_list("title_en", "title_fr")) == [(None, "Visite de terrain")]
    assert french_only.status_code == 302


def test_objective_form_saves_both_languages(client):
    objective = ObjectiveFactory(lead="Sharing tools")
    client.force_login(StaffFactory())
    url = reverse("exchanges:objective_edit", kwargs={"slug": objective.exchange.slug, "pk": objective.pk})

    client.post(url, {"lead_en": "Sharing tools", "lead_fr": "Partager des outils", "detail_fr": "pour réduire"})

    objective.refresh_from_db()
    assert (objective.lead_en, objective.lead_fr, objective.detail_fr) == (
        "Sharing tools",
        "Partager des outils",
        "pour réduire",
    )


def test_french_reader_sees_the_french_title(client):
    exchange = ExchangeFactory(is_public=True, title="Dakar–Montréal city exchange")
    Exchange.objects.filter(pk=exchange.pk).update(title_fr="Échange Dakar–Montréal")

    page = client.get(exchange.get_absolute_url(), **FRENCH).content.decode()

    assert "<h1>Échange Dakar–Montréal</h1>" in page
    assert "city exchange</" not in page


def test_french_reader_of_an_english_only_text_sees_it_marked_as_english(client):
    exchange = ExchangeFactory(is_public=True, title="Dakar–Montréal city exchange")
    ObjectiveFactory(exchange=exchange, lead="Sharing tools", detail="")

    page = client.get(exchange.get_absolute_url(), **FRENCH).content.decode()
    english_page = client.get(exchange.get_absolute_url(), **ENGLISH).content.decode()

    assert (
        '<h1><span lang="en" class="lang-fallback">Dakar–Montréal city exchange</span> '
        '<span class="lang-mark">(en anglais)</span></h1>'
    ) in page
    assert '<strong><span lang="en" class="lang-fallback">Sharing tools</span>' in page
    assert "<h1>Dakar–Montréal city exchange</h1>" in english_page and "lang-mark" not in english_page


def test_markdown_fallback_is_a_block_in_the_other_language_followed_by_its_mark():
    exchange = ExchangeFactory(outcome="A **first** step.")

    with translation.override("fr"):
        html = translated_html(exchange, "outcome", markdown=True)
        plain = translated_text(exchange, "outcome").with_marker()

    assert html == (
        '<div lang="en" class="lang-fallback"><p>A <strong>first</strong> step.</p>\n</div>'
        '<p class="lang-mark">(en anglais)</p>'
    )
    assert plain == "A **first** step. (en anglais)"


def test_english_reader_of_a_french_only_text_sees_it_marked_as_french():
    session = SessionFactory()
    Session.objects.filter(pk=session.pk).update(title_en="", title_fr="Visite du quartier")
    session.refresh_from_db()

    text = translated_text(session, "title", "en")

    assert (text.text, text.language, text.is_fallback) == ("Visite du quartier", "fr", True)
    assert str(translated_html(session, "title", language="en")).startswith('<span lang="fr" class="lang-fallback">')


def test_staff_edit_a_session_in_both_languages_then_each_delegate_feed_carries_its_language(client):
    exchange = ExchangeFactory()
    delegation = DelegationFactory(exchange=exchange)
    french = MembershipFactory(delegation=delegation, person=PersonFactory(language="fr")).person
    english = MembershipFactory(delegation=delegation, person=PersonFactory(language="en")).person
    session = SessionFactory(exchange=exchange, title="Draft title")
    client.force_login(StaffFactory())

    client.post(
        reverse("exchanges:session_edit", kwargs={"slug": exchange.slug, "pk": session.pk}),
        _session_post(title_en="Roundtable with the police", title_fr="Table ronde avec la police"),
    )
    client.logout()

    def summaries(person):
        body = client.get(reverse("exchanges:personal_feed", args=[person.feed_token])).content
        return [str(event["SUMMARY"]) for event in Calendar.from_ical(body).walk("VEVENT")]

    assert summaries(french) == ["Table ronde avec la police"]
    assert summaries(english) == ["Roundtable with the police"]


def test_feed_of_a_french_delegate_marks_an_english_only_title_with_its_language(client):
    exchange = ExchangeFactory()
    person = MembershipFactory(delegation=DelegationFactory(exchange=exchange), person=PersonFactory(language="fr"))
    SessionFactory(exchange=exchange, title="Site visit")

    body = client.get(reverse("exchanges:personal_feed", args=[person.person.feed_token])).content

    assert b"SUMMARY;LANGUAGE=en:Site visit" in body


def _status_world(sessions: int) -> Exchange:
    """Texts: exchange title (en, fr) and purpose (en); an objective's lead (en, fr) and detail (en); each
    session's title (en, fr); a member's job title (en) and their organisation's name (en); a next step (en)."""
    exchange = ExchangeFactory(title="Exchange", description="Purpose")
    Exchange.objects.filter(pk=exchange.pk).update(title_fr="Échange")
    objective = ObjectiveFactory(exchange=exchange, lead="Lead", detail="detail")
    Objective.objects.filter(pk=objective.pk).update(lead_fr="Idée")
    for number in range(sessions):
        session = SessionFactory(exchange=exchange, title=f"Session {number}")
        Session.objects.filter(pk=session.pk).update(title_fr=f"Séance {number}")
    MembershipFactory(delegation=DelegationFactory(exchange=exchange))
    NextStepFactory(exchange=exchange)
    exchange.refresh_from_db()
    return exchange


@pytest.mark.parametrize(("sessions", "total", "french"), [(1, 8, 3), (20, 27, 22)])
def test_translation_status_counts_with_a_fixed_number_of_queries(django_assert_num_queries, sessions, total, french):
    exchange = _status_world(sessions)

    with django_assert_num_queries(6):
        status = translation_status(exchange)

    assert (status.total, status.languages["fr"].present, status.languages["en"].present) == (total, french, total)
    missing = status.languages["fr"].missing
    assert [str(item.text_label) for item in missing] == ["Purpose", "Detail", "Job title", "Name", "Commitment"]
    assert missing[0].record == "The exchange" and missing[0].other == "Purpose"
    assert status.languages["en"].missing == []


def test_translation_status_of_the_demo_counts_each_text_and_follows_a_removed_french_text(demo):
    status = translation_status(demo)
    french_before = status.languages["fr"].present
    Objective.objects.filter(exchange=demo, position=1).update(lead_fr="")
    after_removal = translation_status(demo).languages["fr"].present
    Objective.objects.filter(exchange=demo, position=1).update(lead_fr="Partager des outils pratiques")
    restored = translation_status(demo).languages["fr"].present

    assert status.total == DEMO_TEXTS
    assert status.languages["en"].present == DEMO_TEXTS
    assert (french_before, after_removal, restored) == (DEMO_FRENCH, DEMO_FRENCH - 1, DEMO_FRENCH)


def test_exchange_page_shows_the_status_to_its_editors_only(client):
    exchange = _status_world(1)
    Exchange.objects.filter(pk=exchange.pk).update(is_public=True)
    coordinator = CoordinatorFactory(city=exchange.host_city).user

    client.force_login(coordinator)
    editor_page = client.get(exchange.get_absolute_url(), **ENGLISH).content.decode()
    client.force_login(UserFactory())
    reader_page = client.get(exchange.get_absolute_url(), **ENGLISH).content.decode()

    assert "French: 3 of 8 texts" in editor_page
    assert reverse("exchanges:translations", kwargs={"slug": exchange.slug}) in editor_page
    assert "French: " not in reader_page


def test_translations_page_lists_each_missing_text_with_a_link_to_its_form(client):
    exchange = _status_world(1)
    client.force_login(StaffFactory())

    page = client.get(reverse("exchanges:translations", kwargs={"slug": exchange.slug}), **FRENCH).content.decode()

    assert "Français : 3 sur 8 textes" in page
    assert reverse("exchanges:exchange_edit", kwargs={"slug": exchange.slug}) in page
    objective = exchange.objectives.get()
    assert reverse("exchanges:objective_edit", kwargs={"slug": exchange.slug, "pk": objective.pk}) in page
    person = Person.objects.get(memberships__delegation__exchange=exchange)
    assert reverse("participants:person_edit", kwargs={"pk": person.pk}) in page
    assert '<td lang="en">Purpose</td>' in page


def test_a_form_posted_with_the_base_name_fills_the_reader_language(client):
    # The alias of a base name (title=…) still fills the reader's language: older clients keep working.
    exchange = ExchangeFactory(start_date=date(2017, 10, 16))
    client.force_login(StaffFactory())

    client.post(
        reverse("exchanges:session_add", kwargs={"slug": exchange.slug}), _session_post(title="Roundtable"), **FRENCH
    )

    assert list(Session.objects.values_list("title_fr", flat=True)) == ["Roundtable"]
