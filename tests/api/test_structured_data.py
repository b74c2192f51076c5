"""schema.org JSON-LD on public exchange pages, read as a search engine would (extruct)."""

import extruct
import pytest
from django.urls import reverse

from exchanges.models import Exchange
from tests.api import worlds

QUERIES = 15  # the page for an anonymous visitor, its JSON-LD included

pytestmark = pytest.mark.django_db


def _json_ld(response) -> list[dict]:
    return extruct.extract(response.content.decode(), syntaxes=["json-ld"], uniform=True)["json-ld"]


def test_the_demo_exchange_page_parses_into_an_event_with_one_sub_event_per_public_session(client, demo):
    Exchange.objects.filter(pk=demo.pk).update(is_public=True)

    [event] = _json_ld(client.get(reverse("exchanges:detail", args=[demo.slug])))

    assert event["@type"] == "Event" and event["name"] == "Dakar–Montréal city exchange"
    assert event["startDate"] == "2017-10-16" and event["endDate"] == "2017-10-18"
    assert event["superEvent"]["@type"] == "EventSeries"
    assert event["organizer"]["@type"] == "Organization"
    assert event["organizer"]["name"] == "Institute for Strategic Dialogue"
    assert event["location"]["@type"] == "Place" and event["location"]["address"]["addressLocality"] == "Montréal"
    sessions = list(demo.sessions.order_by("start", "pk"))
    assert [sub["name"] for sub in event["subEvent"]] == [session.title for session in sessions]
    for sub, session in zip(event["subEvent"], sessions, strict=True):
        assert sub["@type"] == "Event" and sub["location"]["@type"] == "Place"
        assert sub["startDate"] == session.local_start().isoformat()


@pytest.mark.usefixtures("private_demo")  # the demo is public (issue 14): a private one here
def test_a_page_the_public_may_not_see_carries_no_json_ld(client, demo, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("exchanges:detail", args=[demo.slug]))

    assert "Dakar–Montréal city exchange" in response.content.decode()
    assert _json_ld(response) == []


def test_json_ld_cannot_close_its_script_element(client, demo):
    Exchange.objects.filter(pk=demo.pk).update(is_public=True, description="</script><script>alert(1)</script>")

    response = client.get(reverse("exchanges:detail", args=[demo.slug]))

    [event] = _json_ld(response)
    assert event["description"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.parametrize("size", [1, 20])
def test_a_public_exchange_page_with_its_json_ld_costs_the_same_queries_for_1_and_20_sessions(
    client, size, django_assert_num_queries
):
    exchange = worlds.sessions(size)

    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("exchanges:detail", args=[exchange.slug]))

    assert len(_json_ld(response)[0]["subEvent"]) == size
