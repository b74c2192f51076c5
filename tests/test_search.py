import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from conftest import require
from exchanges.models import Exchange, Session
from search.providers import PROVIDERS, provider_for
from search.text import filter_matching, fold, matching
from tests.factories import (
    CityFactory,
    ExchangeFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("search")


def _search(client, q, **params):
    return client.get(URL, {"q": q, **params}).content.decode()


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def _postgresql():
    require(connection.vendor == "postgresql", "full-text search with unaccent and stemming needs PostgreSQL")


def test_fold_drops_accents_and_case():
    assert fold("RÉSAL à Montréal") == "resal a montreal"


def test_search_without_accents_finds_montreal_and_resal(client, demo):
    montreal = _search(client, "Montreal")
    resal = _search(client, "resal")

    assert '<a href="/cities/montreal/">Montréal</a>' in montreal
    assert "Ville de Montréal" in montreal
    assert 'href="/initiatives/resal/">RÉSAL (Réseau' in resal


def test_search_groups_results_by_kind(client, demo, staff_user):
    client.force_login(staff_user)

    page = _search(client, "Montréal")

    for heading in ("Cities", "Initiatives", "Organisations", "Exchanges"):
        assert f'<h2 id="group-{heading.lower()}">{heading}' in page
    assert page.index('id="group-cities"') < page.index('id="group-exchanges"')


def test_search_shows_a_delegate_only_their_own_exchanges(client, demo):
    other = ExchangeFactory(title="Zanzibar–Oslo exchange", status=Exchange.Status.SCHEDULED)
    MembershipFactory(delegation__exchange=other)
    _login(client, "delegate@example.org")

    own = _search(client, "Dakar Montréal exchange")
    foreign = _search(client, "Zanzibar")

    assert "Dakar–Montréal city exchange" in own
    assert "Zanzibar–Oslo exchange" not in foreign
    assert "Nothing found" in foreign


def _private(exchange):
    """The demo is public (issue 14); these tests ask about a private exchange."""
    Exchange.objects.filter(pk=exchange.pk).update(is_public=False)


def test_search_hides_private_exchanges_from_an_outsider(client, demo, outsider):
    _private(demo)
    client.force_login(outsider)

    page = _search(client, "Dakar Montréal city exchange")

    assert 'id="group-exchanges"' not in page
    assert "/exchanges/dakar-montreal-2017/" not in page


def test_search_people_only_for_staff(client, demo, staff_user):
    _login(client, "coordinator@example.org")
    coordinator_page = _search(client, "Seck")
    client.force_login(staff_user)
    staff_page = _search(client, "Seck")

    assert "Maye Seck" not in coordinator_page
    assert '<option value="people"' not in coordinator_page
    assert "Maye Seck" in staff_page and "Papa Alassane Seck" in staff_page


def test_search_people_kind_is_ignored_for_anonymous(client, demo):
    page = _search(client, "Seck", kind="people")

    assert "Maye Seck" not in page


def test_search_hides_cities_that_are_not_public_and_their_initiatives(client):
    city = CityFactory(name="Atlantis", is_public=False)
    InitiativeFactory(city=city, name="Atlantis Lighthouse Project")
    OrganisationFactory(city=city, name="Atlantis Harbour Police")

    page = _search(client, "Atlantis")

    assert "Nothing found for “Atlantis”" in page


def test_search_empty_query_explains_what_to_search(client, demo):
    page = _search(client, "   ")

    assert "Accents and capitals do not matter" in page


def test_search_punctuation_only_or_odd_input_finds_nothing_without_failing(client, demo):
    # A NUL byte gets the 400 page before the search runs: tests/test_get_fuzz.py.
    for text in ("!!! & | :*", "'\"(", "x" * 500):
        page = _search(client, text)

        assert "Nothing found" in page or "results for" in page


def test_search_one_kind_paginates(client):
    city = CityFactory(name="Lisbon")
    for index in range(25):
        OrganisationFactory(city=city, name=f"Lisbon association {index:02d}")

    overview = _search(client, "Lisbon association")
    first = _search(client, "Lisbon association", kind="organisations")
    second = _search(client, "Lisbon association", kind="organisations", page=2)

    assert "All 25 results in Organisations" in overview
    assert overview.count('class="card search-hit"') == 5
    assert first.count('class="card search-hit"') == 20 and "Page 1 of 2" in first
    assert second.count('class="card search-hit"') == 5


@pytest.mark.parametrize("count", [1, 20])
def test_search_query_count_does_not_grow(client, staff_user, django_assert_num_queries, count):
    for index in range(count):
        city = CityFactory(name=f"Harbour city {index}")
        InitiativeFactory(city=city, name=f"Harbour initiative {index}")
        OrganisationFactory(city=city, name=f"Harbour organisation {index}")
        PersonFactory(name=f"Harbour person {index}", organisation__city=city)
        exchange = ExchangeFactory(title=f"Harbour exchange {index}", host_city=city)
        SessionFactory(exchange=exchange, title=f"Harbour session {index}")
    client.force_login(staff_user)

    # session, user, then a count and a page for each of the six kinds
    with django_assert_num_queries(15):
        page = _search(client, "harbour")

    assert page.count('class="card search-hit"') == 6 * min(count, 5)


# PostgreSQL: stemming, unaccent and the indexes


def test_search_postgresql_stems_english_and_french(client, demo):
    _postgresql()

    english = _search(client, "volunteers")
    french = _search(client, "réseaux")
    plural = _search(client, "travailleur")

    assert "Dakar Volunteer Programme" in english
    assert "RÉSAL (Réseau" in french
    assert "Travailleurs de corridor" in plural


def test_search_postgresql_is_accent_and_case_insensitive_both_ways(client, demo):
    _postgresql()
    CityFactory(name="Sao Paulo", slug="sao-paulo")

    accented_query = _search(client, "SÃO PAULO")
    unaccented_query = _search(client, "MONTREAL")

    assert "Sao Paulo" in accented_query
    assert "Montréal</a>" in unaccented_query


def test_search_postgresql_matches_the_start_of_the_last_word(client, demo):
    _postgresql()

    page = _search(client, "Montr")

    assert "Montréal</a>" in page


def test_search_postgresql_uses_the_full_text_indexes(demo, staff_user):
    _postgresql()
    indexes = {
        "cities": "search_city_fts",
        "initiatives": "search_initiative_fts",
        "organisations": "search_organisation_fts",
        "people": "search_person_fts",
        "exchanges": "search_exchange_fts",
        "sessions": "search_session_fts",
        "reports": "search_release_fts",
    }

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Tiny tables: without this the planner may walk the primary key instead of the GIN index.
        cursor.execute("SET LOCAL enable_indexscan = off")
        plans = {
            provider.kind: matching(
                provider.visible(staff_user).model.objects.all(), provider.fields, "montreal", title=provider.title
            ).explain()
            for provider in PROVIDERS
        }
        exchanges = provider_for("exchanges")
        sessions_plan = filter_matching(Session.objects.all(), exchanges.session_fields, "quartier").explain()

    assert set(plans) == set(indexes)  # a new provider needs its index (search/migrations)
    for kind, plan in plans.items():
        assert f"Bitmap Index Scan on {indexes[kind]}" in plan, kind
    assert "Bitmap Index Scan on search_session_fts" in sessions_plan


def test_search_columns_of_both_languages_are_searched():
    exchanges = provider_for("exchanges")

    assert exchanges.fields == ("title_en", "title_fr", "description_en", "description_fr")
    assert "notes_fr" in exchanges.session_fields and "notes_en" in exchanges.session_fields


# Both languages (issue 13): French and English columns, results in the reader's language

FRENCH_ONLY_WORD = "ébranlé"  # in the French notes of the Lachine site visit, in no English text


def test_search_finds_the_exchange_of_a_word_found_only_in_a_french_note(client, demo):
    session = demo.sessions.get(title_en="Site visit: RÉSAL in Saint-Pierre, Lachine")

    page = _search(client, FRENCH_ONLY_WORD)
    unaccented = _search(client, "EBRANLE")

    assert FRENCH_ONLY_WORD in session.notes_fr and FRENCH_ONLY_WORD not in session.notes_en
    assert '<h2 id="group-exchanges">' in page
    assert 'href="/exchanges/dakar-montreal-2017/"' in page
    assert 'href="/exchanges/dakar-montreal-2017/"' in unaccented


@pytest.mark.parametrize("level", [Session.Confidentiality.PARTICIPANTS, Session.Confidentiality.RESTRICTED])
def test_search_never_finds_an_exchange_by_the_notes_of_a_confidential_session(client, demo, level):
    Session.objects.filter(exchange=demo, title_en="Site visit: RÉSAL in Saint-Pierre, Lachine").update(
        confidentiality=level
    )
    _login(client, "coordinator@example.org")

    page = _search(client, FRENCH_ONLY_WORD)

    assert "/exchanges/dakar-montreal-2017/" not in page
    assert "Nothing found" in page


def test_search_finds_a_note_only_in_exchanges_the_viewer_sees(client, demo, outsider):
    _private(demo)
    client.force_login(outsider)

    page = _search(client, FRENCH_ONLY_WORD)

    assert "/exchanges/dakar-montreal-2017/" not in page


def test_search_shows_results_in_the_readers_language_with_fallback(client, demo):
    ExchangeFactory(title_en="Lisbon–Dakar harbour exchange", title_fr="", is_public=True)

    french = client.get(URL, {"q": "Dakar"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(URL, {"q": "Dakar"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Échange Dakar–Montréal" in french
    assert "Lisbon–Dakar harbour exchange" in french  # no French title: the English one
    assert "Dakar–Montréal city exchange" in english and "Échange Dakar–Montréal" not in english


def test_search_finds_a_french_title_from_an_english_page(client, demo):
    page = client.get(URL, {"q": "Tables rondes"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'href="/exchanges/dakar-montreal-2017/"' in page


def test_search_lists_titles_that_start_with_the_query_first(client):
    CityFactory(name="Aberdeen", profile="A harbour town with a youth council.")
    CityFactory(name="Youthville")

    page = _search(client, "youth", kind="cities")

    assert page.index("Youthville") < page.index("Aberdeen")


def _publish_demo_report(demo):
    from reports.services import report_draft, report_get_or_create, report_set_published

    report = report_draft(report=report_get_or_create(exchange=demo), user=_staff())
    return report_set_published(report=report, published=True, user=_staff())


def test_search_finds_a_published_report_for_those_who_see_the_exchange(client, demo):
    _publish_demo_report(demo)
    client.force_login(get_user_model().objects.get(email="delegate@example.org"))

    page = _search(client, "Lachine", kind="reports")

    assert "Summary report: Dakar–Montréal city exchange" in page


def test_search_never_shows_a_draft_report_or_another_exchanges_report(client, demo, outsider):
    from reports.services import report_draft, report_get_or_create

    _private(demo)
    report_draft(report=report_get_or_create(exchange=demo), user=_staff())
    client.force_login(get_user_model().objects.get(email="delegate@example.org"))
    draft_page = _search(client, "Lachine", kind="reports")
    _publish_demo_report(demo)
    client.force_login(outsider)

    outsider_page = _search(client, "Lachine", kind="reports")

    assert "Summary report:" not in draft_page
    assert "Summary report:" not in outsider_page


def _staff():
    return get_user_model().objects.get(email="staff@example.org")
