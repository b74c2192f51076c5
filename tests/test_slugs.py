"""Slugs from names in any script (issue 15).

``POST /organisations/new/`` with a name in Arabic or Chinese, or of symbols only, answered 500: Django's
slugify left an empty slug and the second such name collided (IntegrityError). These tests commit every
row (``transaction=True``), on PostgreSQL in CI, so that collisions between posts show, as the
per-example rollback of tests/test_fuzz.py never lets them.
"""

import threading
from datetime import date

import pytest
from django.db import IntegrityError, connection
from django.urls import reverse

from cities.models import Initiative, Organisation
from conftest import require
from core.text import save_with_unique_slug, slug_from
from exchanges.models import Exchange
from tests.factories import CityFactory, ProgrammeFactory, StaffFactory

NAMES = [
    "بلدية دكار",
    "مركز الوقاية من التطرف",
    "北京市公安局",
    "北京市公安局",  # the same name twice
    "上海",
    "!!!",
    "@@@ ###",
    "—",
    "★☆★",
    "…",
    "東京都",
    "서울특별시",
    "Москва",
    "Ελληνική Αστυνομία",
    "עיריית תל אביב",
    "मुंबई पुलिस",
    "ⓢⓟⓥⓜ",
    "🙂🙂",
    "Ville de Montréal",
    "Ville de Montréal",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("北京市", "bei-jing-shi"), ("بلدية دكار", "bldy-dkr"), ("Montréal — SPVM", "montreal-spvm"), ("!!!", "item")],
)
def test_slug_from_transliterates_any_script_and_is_never_empty(text, expected):
    assert slug_from(text) == expected


@pytest.mark.django_db(transaction=True)
def test_twenty_organisations_in_any_script_are_created_with_distinct_slugs(client):
    client.force_login(StaffFactory())

    answers = [
        client.post(reverse("cities:organisation_create"), {"name": name, "kind": "other"}).status_code
        for name in NAMES
    ]

    slugs = list(Organisation.objects.filter(name__in=NAMES).values_list("slug", flat=True))
    assert answers == [302] * len(NAMES)
    assert len(slugs) == len(NAMES) == len(set(slugs))
    assert all(slug and slug.isascii() for slug in slugs)
    assert {"bei-jing-shi-gong-an-ju", "bei-jing-shi-gong-an-ju-2", "organisation", "organisation-2"} <= set(slugs)


@pytest.mark.django_db(transaction=True)
def test_initiatives_and_exchanges_named_in_any_script_get_distinct_slugs(client):
    city, visiting = CityFactory(), CityFactory()
    programme = ProgrammeFactory()
    client.force_login(StaffFactory())

    for name in NAMES[:8]:
        initiative = client.post(reverse("cities:initiative_create"), {"name": name, "city": city.pk})
        exchange = client.post(
            reverse("exchanges:exchange_create"),
            {
                "programme": programme.pk,
                "title": name,
                "host_city": city.pk,
                "visiting_cities": [visiting.pk],
                "start_date": date(2030, 5, 1),
                "end_date": date(2030, 5, 3),
                "transfer_buffer_minutes": 30,
            },
        )
        assert (initiative.status_code, exchange.status_code) == (302, 302), name

    initiatives = list(Initiative.objects.values_list("slug", flat=True))
    exchanges = list(Exchange.objects.values_list("slug", flat=True))
    assert len(initiatives) == len(set(initiatives)) == 8
    assert len(exchanges) == len(set(exchanges)) == 8
    assert "new" not in exchanges  # a reserved path segment


@pytest.mark.django_db(transaction=True)
def test_two_requests_saving_the_same_name_at_once_both_succeed_with_distinct_slugs():
    require(connection.vendor == "postgresql", "concurrent inserts need PostgreSQL: set DATABASE_URL")
    # Both requests read the free slugs, then both insert: the second INSERT meets the unique constraint.
    both_chose = threading.Barrier(2, timeout=20)
    results, errors = [], []

    def request():
        organisation = Organisation(name="北京市")
        waited = []

        def save():
            if not waited:
                waited.append(True)
                both_chose.wait()
            organisation.save()

        try:
            save_with_unique_slug(organisation, text=organisation.name, fallback="organisation", save=save)
            results.append(organisation.slug)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    assert sorted(results) == ["bei-jing-shi", "bei-jing-shi-2"]
    assert sorted(Organisation.objects.values_list("slug", flat=True)) == ["bei-jing-shi", "bei-jing-shi-2"]


@pytest.mark.django_db(transaction=True)
def test_an_integrity_error_not_about_the_slug_is_raised():
    Organisation.objects.create(name="First", slug="first")

    def save_a_duplicate_primary_key():
        Organisation.objects.create(pk=Organisation.objects.get().pk, name="Second", slug="second-x")

    with pytest.raises(IntegrityError):
        save_with_unique_slug(Organisation(name="Second"), text="Second", save=save_a_duplicate_primary_key)
