"""Worker threads for tests that run tasks on a real broker, stopped without waiting out the worker's poll."""

from contextlib import contextmanager


def stop_promptly(app) -> None:
    """Ask the worker thread to stop, then wake its event loop with control messages: a worker waiting on an
    empty queue looks at its stop flag only when a message arrives or after two idle seconds, and it waits
    once more (Celery's synloop drains again on its way out), hence a second message."""
    from celery.worker import state

    state.should_terminate = 0
    for _ in range(2):
        app.control.ping(timeout=0.5, limit=1)


@contextmanager
def worker_thread(app, **options):
    """``celery.contrib.testing.worker.start_worker`` with the solo pool, stopped promptly at the end."""
    from celery.contrib.testing.worker import start_worker

    options = {"perform_ping_check": False, "pool": "solo", "loglevel": "WARNING", "shutdown_timeout": 10, **options}
    with start_worker(app, **options) as worker:
        try:
            yield worker
        finally:
            stop_promptly(app)
