"""People directory and organisations: search, create, edit, access."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cities.models import Organisation
from participants.models import Person
from tests.factories import CityFactory, CoordinatorFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


@pytest.mark.parametrize(
    "query, found, absent",
    [("seck", "Maye Seck", "Jocelyne"), ("SPVM", "Bissonnette", "Maye"), ("Dakar", "Papa Alassane Seck", "Lebrun")],
)
def test_people_search_by_name_organisation_or_city(client, demo, query, found, absent):
    _login(client, "coordinator@example.org")

    page = client.get(reverse("participants:person_list"), {"q": query}).content.decode()

    assert found in page and absent not in page


def test_people_search_without_match_says_what_to_do(client, demo):
    _login(client, "staff@example.org")

    page = client.get(reverse("participants:person_list"), {"q": "zzz"}).content.decode()

    assert "Nobody matches this search" in page


@pytest.mark.parametrize("count", [1, 30])
def test_people_list_query_count(client, staff_user, django_assert_num_queries, count):
    PersonFactory.create_batch(count)
    client.force_login(staff_user)

    with django_assert_num_queries(5):
        response = client.get(reverse("participants:person_list"))

    assert response.content.decode().count("<tr>") == min(count, 25) + 1


def test_staff_add_a_person_and_errors_sit_next_to_fields(client, demo):
    _login(client, "staff@example.org")
    spvm = Organisation.objects.get(slug="spvm")

    bad = client.post(
        reverse("participants:person_create"), {"name": "", "email": "maye.seck@example.org", "language": "fr"}
    )
    response = client.post(
        reverse("participants:person_create"),
        {"honorific": "Inspector", "name": "Anne Leduc", "organisation": spvm.pk, "language": "fr"},
    )

    page = bad.content.decode()
    assert 'id="id_name_error"' in page and 'id="id_email_error"' in page
    assert "already has this e-mail address" in page
    person = Person.objects.get(name="Anne Leduc")
    assert response["Location"] == reverse("participants:person_detail", kwargs={"pk": person.pk})
    assert person.display_name == "Inspector Anne Leduc" and person.organisation == spvm


def test_person_detail_shows_delegations_to_staff_only(client, demo):
    maye = Person.objects.get(name="Maye Seck")
    url = reverse("participants:person_detail", kwargs={"pk": maye.pk})
    _login(client, "staff@example.org")
    staff_page = client.get(url).content.decode()
    _login(client, "coordinator@example.org")
    coordinator_page = client.get(url).content.decode()

    assert "Dakar–Montréal city exchange" in staff_page and "Head of delegation" in staff_page
    assert "Maye Seck" in coordinator_page and "Dakar–Montréal city exchange" not in coordinator_page


def test_coordinator_edits_people_of_their_city_only(client, demo):
    _login(client, "coordinator@example.org")
    lebrun = Person.objects.get(name="Jocelyne Lebrun")
    maye = Person.objects.get(name="Maye Seck")

    client.post(
        reverse("participants:person_edit", kwargs={"pk": lebrun.pk}),
        {
            "name": "Jocelyne Lebrun",
            "job_title": "Senior adviser",
            "city": lebrun.city_id,
            "language": "fr",
            "email": lebrun.email,
        },
    )

    lebrun.refresh_from_db()
    assert lebrun.job_title == "Senior adviser"
    assert client.get(reverse("participants:person_edit", kwargs={"pk": maye.pk})).status_code == 404


def test_people_pages_are_404_for_a_delegate_and_an_outsider(client, demo, outsider):
    person = Person.objects.first()
    urls = [
        reverse("participants:person_list"),
        reverse("participants:person_create"),
        reverse("participants:person_detail", kwargs={"pk": person.pk}),
        reverse("participants:person_edit", kwargs={"pk": person.pk}),
        reverse("cities:organisation_list"),
        reverse("cities:organisation_create"),
        reverse("cities:organisation_edit", kwargs={"pk": Organisation.objects.first().pk}),
    ]
    for user in (get_user_model().objects.get(email="delegate@example.org"), outsider):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(reverse("participants:person_create"), {"name": "X", "language": "en"}).status_code == 404
    assert not Person.objects.filter(name="X").exists()


def test_organisations_search_create_and_edit(client, demo):
    _login(client, "staff@example.org")

    found = client.get(reverse("cities:organisation_list"), {"q": "ICPC"}).content.decode()
    client.post(
        reverse("cities:organisation_create"),
        {"name": "Maison de la jeunesse", "kind": "ngo", "city": demo.host_city.pk, "website": "mdj.example.org"},
    )
    created = Organisation.objects.get(name="Maison de la jeunesse")
    response = client.post(
        reverse("cities:organisation_edit", kwargs={"pk": created.pk}),
        {"name": "Maison de la jeunesse", "kind": "ngo", "slug": "spvm", "parent": ""},
    )

    assert "International Centre for the Prevention of Crime" in found and "CPRLV" not in found
    assert created.slug == "maison-de-la-jeunesse" and created.website == "https://mdj.example.org"
    assert 'id="id_slug_error"' in response.content.decode()


def test_organisation_cannot_be_part_of_its_own_unit(client, demo):
    _login(client, "staff@example.org")
    spvm = Organisation.objects.get(slug="spvm")
    unit = Organisation.objects.get(slug="spvm-hate-crimes")

    response = client.post(
        reverse("cities:organisation_edit", kwargs={"pk": spvm.pk}),
        {"name": spvm.name, "slug": "spvm", "kind": "police", "parent": unit.pk},
    )

    assert 'id="id_parent_error"' in response.content.decode()
    spvm.refresh_from_db()
    assert spvm.parent is None


def test_coordinator_edits_organisations_of_their_city_only(client, demo):
    dakar_org = OrganisationFactory(city=CityFactory())
    coordinator = CoordinatorFactory(city=demo.host_city).user
    client.force_login(coordinator)

    assert client.get(reverse("cities:organisation_edit", kwargs={"pk": dakar_org.pk})).status_code == 404
    spvm = Organisation.objects.get(slug="spvm")
    assert "SPVM" in client.get(reverse("cities:organisation_edit", kwargs={"pk": spvm.pk})).content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_organisation_list_query_count(client, staff_user, django_assert_num_queries, count):
    OrganisationFactory.create_batch(count)
    client.force_login(staff_user)

    with django_assert_num_queries(4):
        response = client.get(reverse("cities:organisation_list"))

    assert response.content.decode().count("<tr>") == min(count, 25) + 1


def test_person_page_offers_staff_the_invitation_anonymisation_and_history(client, demo):
    from django.contrib.auth import get_user_model

    from participants.models import Person

    jocelyne = Person.objects.get(email="jocelyne.lebrun@example.org")
    client.force_login(get_user_model().objects.get(email="staff@example.org"))

    page = client.get(f"/people/{jocelyne.pk}/").content.decode()

    assert f"/people/{jocelyne.pk}/invite/" in page
    assert f"/people/{jocelyne.pk}/anonymise/" in page
    assert "History of changes" in page
