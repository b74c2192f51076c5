"""Phone numbers of people: entered, validated, shown where the e-mail is, exported, erased."""

import json

import pytest
from django.urls import reverse

from overview.services import person_anonymise
from participants.forms import PersonForm
from participants.models import Person
from tests.factories import CoordinatorFactory, PersonFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form_data(**changes):
    data = {"name": "Awa Ndiaye", "language": "fr", "phone": "+221 33 889 12 34"}
    data.update(changes)
    return data


def test_person_form_stores_a_phone_number_in_international_form(client):
    client.force_login(StaffFactory())

    response = client.post(reverse("participants:person_create"), _form_data())

    person = Person.objects.get(name="Awa Ndiaye")
    assert response.status_code == 302
    assert str(person.phone) == "+221 33 889 12 34" and person.phone.as_e164 == "+221338891234"


@pytest.mark.parametrize("entered", ["12345", "+221 12", "not a number"])
def test_person_form_shows_the_phone_error_next_to_the_field(client, entered):
    client.force_login(StaffFactory())

    page = client.post(reverse("participants:person_create"), _form_data(phone=entered)).content.decode()

    field = page.split('<div class="field field--error">', 1)[1].split('<div class="field', 1)[0]
    assert not Person.objects.filter(name="Awa Ndiaye").exists()
    assert 'name="phone"' in field and 'aria-invalid="true"' in field
    assert "Enter a valid phone number" in field


def test_person_form_phone_is_optional():
    form = PersonForm(data=_form_data(phone=""))

    assert form.is_valid(), form.errors
    assert form.save().phone == ""


def test_person_form_phone_error_is_french_for_french_readers(client, settings):
    client.force_login(StaffFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    page = client.post(reverse("participants:person_create"), _form_data(phone="12345")).content.decode()

    assert "Saisissez un numéro de téléphone valide" in page


def test_person_page_shows_the_phone_beside_the_email_to_those_who_see_contact_details(client):
    person = PersonFactory(email="awa@example.org", phone="+221338891234")
    coordinator = CoordinatorFactory(city=person.city).user
    client.force_login(coordinator)

    page = client.get(reverse("participants:person_detail", args=[person.pk])).content.decode()

    assert '<a href="mailto:awa@example.org">awa@example.org</a>' in page
    assert '<a href="tel:+221-33-889-12-34">+221 33 889 12 34</a>' in page


def test_person_page_with_its_contact_details_is_hidden_from_outsiders(client):
    person = PersonFactory(phone="+221338891234")
    client.force_login(UserFactory())

    response = client.get(reverse("participants:person_detail", args=[person.pk]))

    assert response.status_code == 404 and b"889" not in response.content


def test_personal_data_includes_the_phone_number(client):
    user = UserFactory()
    PersonFactory(user=user, phone="+221338891234")
    client.force_login(user)

    page = client.get(reverse("overview:my_data")).content.decode()
    download = client.get(reverse("overview:my_data_download"))
    exported = json.loads(download.content if not download.streaming else b"".join(download.streaming_content))

    assert "<dt>Phone number</dt><dd>+221 33 889 12 34</dd>" in page
    assert exported["person"]["phone"] == "+221 33 889 12 34"


def test_anonymising_erases_the_phone_number_from_the_person_and_its_history():
    person = PersonFactory(phone="+221338891234")
    person.name = "Renamed"
    person.save()

    person_anonymise(person=person)

    person.refresh_from_db()
    assert person.phone == ""
    assert set(person.history.values_list("phone", flat=True)) == {""}
