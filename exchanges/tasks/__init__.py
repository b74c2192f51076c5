"""Background jobs of the exchanges app. Thin: take ids, call a service."""

from celery import shared_task

from exchanges import notices
from exchanges.tasks.check_ins import send_check_ins  # noqa: F401 - registered when Celery autodiscovers exchanges.tasks
from exchanges.tasks.reminders import send_next_step_reminders  # noqa: F401 - registered when Celery autodiscovers exchanges.tasks
from exchanges.tasks.surveys import send_surveys  # noqa: F401 - registered when Celery autodiscovers exchanges.tasks


@shared_task(ignore_result=True)
def send_agenda_digest(*, exchange_id: int) -> int:
    """Send the agenda change digest of one exchange, unless edits are still coming in."""
    return notices.agenda_digest_send(exchange_id=exchange_id)
