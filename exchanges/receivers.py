"""Signal receivers of the exchanges app, connected in ExchangesConfig.ready()."""

from django.conf import settings
from django.dispatch import receiver

from exchanges.signals import agenda_changed


@receiver(agenda_changed, dispatch_uid="exchanges.queue_agenda_digest")
def queue_agenda_digest(sender, *, exchange_id, change_ids, **kwargs):
    """Queue the change digest to run once the burst of edits has been quiet for the digest delay.

    The signal is sent after commit, so the task never sees uncommitted changes.
    """
    from exchanges.tasks import send_agenda_digest

    send_agenda_digest.apply_async(kwargs={"exchange_id": exchange_id}, countdown=settings.AGENDA_DIGEST_DELAY_SECONDS)
