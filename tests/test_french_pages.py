"""Pages in French keep no English of ours: the 404 page, the change history's values, the builder's hidden labels."""

import pytest
from django.contrib.auth import get_user_model

from reports import services

pytestmark = pytest.mark.django_db
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def test_not_found_page_is_french(client, db):
    response = client.get("/exchanges/nowhere/", **FRENCH)

    page = response.content.decode()
    assert response.status_code == 404
    assert "Page introuvable" in page and "Aller à la page d’accueil" in page and "Not Found" not in page


def test_history_values_read_in_french(client, demo):
    staff = get_user_model().objects.get(email="staff@example.org")
    services.report_draft(report=services.report_get_or_create(exchange=demo, language="fr"), user=staff)
    client.force_login(staff)

    page = client.get("/exchanges/dakar-montreal-2017/history/", **FRENCH).content.decode()

    assert "Création (rapport de synthèse) : Rapport de synthèse (Français)" in page
    assert "<dd>Non</dd>" in page and "False" not in page
    assert "15 décembre 2017" in page and "2017-12-15" not in page  # a next step's due date


def test_builder_names_each_session_in_french_quotes(client, demo):
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))

    page = client.get("/exchanges/dakar-montreal-2017/builder/", **FRENCH).content.decode()

    assert '<span class="visually-hidden"> « Tables rondes avec la Ville de Montréal »</span>' in page
    assert "“Roundtables" not in page
