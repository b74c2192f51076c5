"""The shared demo world of conftest.py: loaded once per module, yet no test sees another's writes.

conftest.py runs this module's tests that do not share the world first (a stable sort), then the others in
the order written here.
"""

import threading

import pytest
from django.db import connection

from exchanges.models import Exchange, Session

pytestmark = pytest.mark.django_db
SLUG = "dakar-montreal-2017"


def test_a_test_without_the_demo_sees_no_demo():
    assert not Exchange.objects.filter(slug=SLUG).exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_gets_the_demo_committed_for_other_threads(demo):
    seen = []

    def look():
        try:
            seen.append(Exchange.objects.filter(slug=SLUG).exists())
        finally:
            connection.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()

    assert not connection.in_atomic_block
    assert seen == [True]


def test_a_test_may_change_the_shared_demo(demo):
    Session.objects.filter(exchange=demo).delete()
    demo.title = "Renamed by a test"
    demo.save()

    assert Exchange.objects.get(slug=SLUG).title == "Renamed by a test"


def test_the_next_test_sees_the_demo_as_loaded(demo):
    assert demo.title == "Dakar–Montréal city exchange"
    assert demo.sessions.count() == 5
    assert connection.in_atomic_block  # inside the world's transaction and this test's savepoint
