"""A delegate on a phone with an unreliable connection: a learning note typed while the network is cut is kept in
the browser (localStorage), sent when the connection returns, and saved once, even when the browser sends it again
(the note's uid is made in the browser). The page passes the axe-core audit."""

import json

import pytest
from playwright.sync_api import expect

from exchanges.models import LearningNote
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
QUEUE = "exchange-portal.learning-notes.v1"
NOTE = "Train Dakar's volunteers with the CPRLV's tools, adapted to our districts."


def test_a_note_typed_offline_is_kept_sent_when_the_connection_returns_and_saved_once(page, demo):
    sign_in(page, "delegate@example.org")
    page.goto("/exchanges/dakar-montreal-2017/")
    page.get_by_role("link", name="Your learning notes").click()
    expect(page.get_by_role("heading", name="Learning notes", exact=True)).to_be_visible()
    assert_accessible(page, "learning-notes")

    page.context.set_offline(True)
    workshop = page.locator("select[name=session] option", has_text="Frontline awareness training workshop")
    page.get_by_label("Session").select_option(label=workshop.inner_text())
    page.get_by_label("Note:", exact=True).fill(NOTE)
    page.get_by_label("My delegation").check()
    page.get_by_role("button", name="Save the note").click()

    expect(page.locator("#learning-note-status")).to_contain_text("kept on this device")
    expect(page.locator("#learning-note-pending")).to_contain_text(NOTE)
    queued = json.loads(page.evaluate(f"() => localStorage.getItem('{QUEUE}')"))
    assert [item["fields"]["text"] for item in queued] == [NOTE]
    assert not LearningNote.objects.exists()

    page.context.set_offline(False)

    expect(page.locator("#learning-note-status")).to_contain_text("Your note is saved.")
    expect(page.locator("#learning-note-sent-list")).to_contain_text(NOTE)
    assert json.loads(page.evaluate(f"() => localStorage.getItem('{QUEUE}')")) == []
    # The answer was lost, say: the browser still has the note and sends it again on the next page load.
    page.evaluate(f"queue => localStorage.setItem('{QUEUE}', JSON.stringify(queue))", queued)
    page.reload()
    expect(page.locator("#learning-note-status")).to_contain_text("Your note is saved.")
    page.reload()
    expect(page.locator("#learning-notes")).to_contain_text(NOTE)
    assert page.locator("#learning-notes .learning-note").count() == 1
    note = LearningNote.objects.get()
    assert (note.text, str(note.uid), note.visibility) == (NOTE, queued[0]["uid"], "delegation")
    assert note.session.title_en == "Frontline awareness training workshop at the CPRLV"
    assert_accessible(page, "learning-notes-saved")
