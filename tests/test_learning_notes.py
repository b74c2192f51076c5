"""Learning notes: a participant's notes per session, for themselves or their delegation, saved once per uid
(a note typed offline may arrive twice), offered to the report's editors when shared."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from exchanges.models import LearningNote, Session
from exchanges.services.notes import NoteConflict, learning_note_save
from participants.models import Person
from reports.drafting import shared_learning_notes
from reports.services import report_get_or_create
from tests.factories import (
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def _url(exchange):
    return reverse("exchanges:learning_notes", kwargs={"slug": exchange.slug})


def _person(email):
    return Person.objects.get(user__email=email)


def _session(exchange, title="Frontline awareness training workshop at the CPRLV"):
    return exchange.sessions.get(title_en=title)


def test_learning_note_sent_twice_with_its_uid_is_saved_once(client, demo):
    client.force_login(get_user_model().objects.get(email="delegate@example.org"))
    uid = str(uuid.uuid4())
    data = {"uid": uid, "session": _session(demo).pk, "text": "Adapt the modules to Dakar.", "visibility": "delegation"}

    first = client.post(_url(demo), data, **JSON)
    second = client.post(_url(demo), data, **JSON)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == {"uid": uid, "created": True} and second.json()["created"] is False
    note = LearningNote.objects.get()
    assert note.author == _person("delegate@example.org") and note.delegation.city.slug == "dakar"
    assert "Adapt the modules to Dakar." in client.get(_url(demo)).content.decode()


def test_learning_note_form_without_javascript_saves_and_redirects(client, demo):
    client.force_login(get_user_model().objects.get(email="delegate@example.org"))

    response = client.post(_url(demo), {"session": _session(demo).pk, "text": "Plain form.", "visibility": "private"})

    assert response.status_code == 302
    assert LearningNote.objects.get().text == "Plain form."


def test_learning_notes_shared_reach_the_delegation_only_and_private_ones_their_author_only():
    exchange = ExchangeFactory()
    session = SessionFactory(exchange=exchange)
    dakar, montreal = DelegationFactory(exchange=exchange), DelegationFactory(exchange=exchange)
    author, colleague, other = (
        MembershipFactory(delegation=d, person__user=UserFactory()) for d in (dakar, dakar, montreal)
    )
    learning_note_save(
        author=author.person, session=session, uid=uuid.uuid4(), text="Shared point", visibility="delegation"
    )
    learning_note_save(
        author=author.person, session=session, uid=uuid.uuid4(), text="Private point", visibility="private"
    )

    pages = {}
    for name, membership in (("author", author), ("colleague", colleague), ("other", other)):
        from django.test import Client

        client = Client()
        client.force_login(membership.person.user)
        pages[name] = client.get(_url(exchange)).content.decode()

    assert "Shared point" in pages["author"] and "Private point" in pages["author"]
    assert "Shared point" in pages["colleague"] and "Private point" not in pages["colleague"]
    assert "Shared point" not in pages["other"] and "Private point" not in pages["other"]


def test_learning_note_uid_of_someone_elses_note_is_refused(client):
    exchange = ExchangeFactory()
    session = SessionFactory(exchange=exchange)
    mine, theirs = (MembershipFactory(delegation__exchange=exchange, person__user=UserFactory()) for _ in range(2))
    uid = uuid.uuid4()
    learning_note_save(author=theirs.person, session=session, uid=uid, text="Theirs", visibility="private")
    client.force_login(mine.person.user)

    response = client.post(
        _url(exchange), {"uid": str(uid), "session": session.pk, "text": "Mine", "visibility": "private"}, **JSON
    )

    assert response.status_code == 400
    assert list(LearningNote.objects.values_list("text", flat=True)) == ["Theirs"]
    with pytest.raises(NoteConflict):
        learning_note_save(author=mine.person, session=session, uid=uid, text="Mine", visibility="private")


def test_learning_note_on_a_session_hidden_from_the_author_is_refused(client):
    exchange = ExchangeFactory()
    member = MembershipFactory(delegation__exchange=exchange, person__user=UserFactory())
    other_delegation = DelegationFactory(exchange=exchange)
    restricted = SessionFactory(exchange=exchange, confidentiality=Session.Confidentiality.RESTRICTED)
    restricted.attending_delegations.set([other_delegation])
    client.force_login(member.person.user)

    page = client.get(_url(exchange)).content.decode()
    response = client.post(_url(exchange), {"session": restricted.pk, "text": "x", "visibility": "private"}, **JSON)

    assert restricted.title not in page
    assert response.status_code == 400 and not LearningNote.objects.exists()


def test_learning_notes_page_is_404_for_those_who_do_not_take_part(client, demo):
    coordinator_elsewhere = CoordinatorFactory().user
    outsider = UserFactory()
    PersonFactory(user=outsider)
    answers = []
    for user in (outsider, coordinator_elsewhere):
        client.force_login(user)
        answers.append(client.get(_url(demo)).status_code)
        answers.append(
            client.post(_url(demo), {"session": _session(demo).pk, "text": "x", "visibility": "private"}).status_code
        )
    client.logout()
    anonymous = client.get(_url(demo))

    assert answers == [404, 404, 404, 404]
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not LearningNote.objects.exists()


def test_shared_learning_notes_are_material_for_the_report_editors_never_the_draft(client, demo):
    maye = _person("delegate@example.org")
    workshop = _session(demo)
    learning_note_save(
        author=maye, session=workshop, uid=uuid.uuid4(), text="Shared with Dakar", visibility="delegation"
    )
    learning_note_save(author=maye, session=workshop, uid=uuid.uuid4(), text="Kept for me", visibility="private")
    Session.objects.filter(pk=workshop.pk).update(confidentiality=Session.Confidentiality.PUBLIC)
    report = report_get_or_create(exchange=demo, language="en")
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))

    page = client.get(reverse("reports:section_edit", kwargs={"slug": demo.slug, "lang": "en", "section": "summary"}))

    text = page.content.decode()
    assert "Material: participants" in text and "Shared with Dakar" in text and "Kept for me" not in text
    report.refresh_from_db()
    assert "Shared with Dakar" not in report.summary
    Session.objects.filter(pk=workshop.pk).update(confidentiality=Session.Confidentiality.RESTRICTED)
    assert shared_learning_notes(demo) == []


@pytest.mark.parametrize("count", [1, 15])
def test_learning_notes_page_query_count_does_not_grow(client, django_assert_num_queries, count):
    exchange = ExchangeFactory()
    member = MembershipFactory(delegation__exchange=exchange, person__user=UserFactory())
    for _ in range(count):
        session = SessionFactory(exchange=exchange)
        learning_note_save(
            author=member.person, session=session, uid=uuid.uuid4(), text="Point", visibility="delegation"
        )
    client.force_login(member.person.user)

    with django_assert_num_queries(12):
        page = client.get(_url(exchange)).content.decode()

    assert page.count('class="card learning-note"') == count


def test_shared_note_on_a_session_the_colleague_may_not_see_stays_unseen(client):
    exchange = ExchangeFactory()
    dakar, montreal = DelegationFactory(exchange=exchange), DelegationFactory(exchange=exchange)
    author, colleague = (MembershipFactory(delegation=dakar, person__user=UserFactory()) for _ in range(2))
    restricted = SessionFactory(
        exchange=exchange, title="Closed briefing", confidentiality=Session.Confidentiality.RESTRICTED
    )
    restricted.attending_delegations.set([montreal])
    restricted.presenters.set([author.person])
    learning_note_save(
        author=author.person, session=restricted, uid=uuid.uuid4(), text="Briefing point", visibility="delegation"
    )
    client.force_login(colleague.person.user)

    page = client.get(_url(exchange)).content.decode()

    assert "Briefing point" not in page and "Closed briefing" not in page
