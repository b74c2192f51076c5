"""The API, the exports, the calendar files and the JSON-LD obey each session's confidentiality
(exchanges.confidentiality, asked through api.selectors)."""

import csv
import io

import extruct
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from exchanges.models import Exchange, Session

pytestmark = pytest.mark.django_db

Level = Session.Confidentiality


@pytest.fixture
def levels(demo):
    """The demo made public, its first three sessions Chatham House, participants-only and restricted."""
    Exchange.objects.filter(pk=demo.pk).update(is_public=True)
    chatham, participants, restricted = demo.sessions.order_by("start", "pk")[:3]
    Session.objects.filter(pk=chatham.pk).update(confidentiality=Level.CHATHAM_HOUSE)
    Session.objects.filter(pk=participants.pk).update(confidentiality=Level.PARTICIPANTS)
    Session.objects.filter(pk=restricted.pk).update(confidentiality=Level.RESTRICTED)
    restricted.attending_delegations.set(
        [demo.delegations.get(city__slug="montreal")]
    )  # Dakar's delegates do not attend
    return {"chatham": chatham, "participants": participants, "restricted": restricted, "exchange": demo}


def _sessions(client, exchange) -> dict[int, dict]:
    rows = client.get(reverse("api:session_list", args=[exchange.slug])).json()["results"]
    return {row["id"]: row for row in rows}


def test_the_public_reads_public_sessions_and_chatham_house_ones_without_names(client, levels):
    rows = _sessions(client, levels["exchange"])

    assert levels["participants"].pk not in rows and levels["restricted"].pk not in rows
    chatham = rows[levels["chatham"].pk]
    assert chatham["confidentiality"] == "chatham_house"
    assert chatham["presenters"] == [] and chatham["organisations"] == []
    public = Session.objects.filter(pk__in=rows, confidentiality=Level.PUBLIC)
    assert all(len(rows[session.pk]["presenters"]) == session.presenters.count() for session in public)


def test_a_delegate_reads_participants_sessions_but_not_a_restricted_one_they_do_not_attend(client, levels):
    client.force_login(get_user_model().objects.get(email="delegate@example.org"))

    rows = _sessions(client, levels["exchange"])
    ics = client.get(reverse("open_data:session_ics", args=[levels["exchange"].slug, levels["restricted"].pk]))
    agenda = client.get(reverse("open_data:agenda_export", args=[levels["exchange"].slug, "csv"]))

    assert levels["participants"].pk in rows and levels["restricted"].pk not in rows
    assert rows[levels["chatham"].pk]["presenters"]  # insiders may name them
    assert ics.status_code == 404
    titles = [row["Title"] for row in csv.DictReader(io.StringIO(agenda.content.decode("utf-8-sig")))]
    assert levels["restricted"].title not in titles and levels["participants"].title in titles


def test_staff_read_every_session(client, levels):
    client.force_login(get_user_model().objects.get(email="staff@example.org"))

    rows = _sessions(client, levels["exchange"])

    assert len(rows) == levels["exchange"].sessions.count()


def test_the_json_ld_has_one_sub_event_per_public_session(client, levels):
    exchange = levels["exchange"]

    response = client.get(reverse("exchanges:detail", args=[exchange.slug]))

    [event] = extruct.extract(response.content.decode(), syntaxes=["json-ld"], uniform=True)["json-ld"]
    readable = exchange.sessions.filter(confidentiality__in=[Level.PUBLIC, Level.CHATHAM_HOUSE]).order_by("start", "pk")
    assert [sub["name"] for sub in event["subEvent"]] == [session.title for session in readable]
    chatham = next(sub for sub in event["subEvent"] if sub["name"] == levels["chatham"].title)
    assert "performer" not in chatham and "organizer" not in chatham
