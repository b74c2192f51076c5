"""One field template for every form (FORM_RENDERER): label, help text and errors next to the input, tied to it."""

import re

import pytest
from django.urls import reverse

from exchanges.forms import SessionForm
from tests.factories import CityFactory, ExchangeFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_a_refused_field_shows_its_error_next_to_it_and_tells_assistive_technology(client):
    client.force_login(StaffFactory())
    city = CityFactory(name="Dakar")

    page = client.post(
        reverse("cities:coordinator_list"), {"email": "nobody@example.org", "city": city.pk}
    ).content.decode()

    assert '<div class="field field--error">' in page
    assert '<label for="id_email">' in page
    assert re.search(
        r'<ul class="errorlist" id="id_email_error"><li>No active account uses this address\. '
        r"Invite the person first\.</li></ul>\s*"
        r'<input type="email" name="email" value="nobody@example.org"[^>]* '
        r'aria-invalid="true" aria-describedby="[^"]*id_email_error"',
        page,
    )
    assert 'id="id_city_error"' not in page and re.search(r'<div class="field">\s*<label for="id_city">', page)


def test_every_field_of_the_session_form_is_one_field_group_with_its_help_text_tied_to_it():
    exchange = ExchangeFactory()
    form = SessionForm(exchange=exchange)

    groups = [form[name].as_field_group() for name in form.fields]

    assert all(group.startswith('<div class="field">') and group.count('class="field') == 1 for group in groups)
    for name, group in zip(form.fields, groups, strict=True):
        if form.fields[name].help_text:
            assert f'id="id_{name}_helptext"' in group and f'aria-describedby="id_{name}_helptext"' in group
