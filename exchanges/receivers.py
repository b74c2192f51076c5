"""Signal receivers of the exchanges app, connected in ExchangesConfig.ready()."""

from django.conf import settings
from django.dispatch import receiver

from exchanges.signals import agenda_changed, delegate_added


@receiver(agenda_changed, dispatch_uid="exchanges.queue_agenda_digest")
def queue_agenda_digest(sender, *, exchange_id, change_ids, **kwargs):
    """Queue the change digest to run once the burst of edits has been quiet for the digest delay.

    The signal is sent after commit, so the task never sees uncommitted changes.
    """
    from exchanges.tasks import send_agenda_digest

    send_agenda_digest.apply_async(kwargs={"exchange_id": exchange_id}, countdown=settings.AGENDA_DIGEST_DELAY_SECONDS)


@receiver(delegate_added, dispatch_uid="exchanges.queue_before_survey")
def queue_before_survey(sender, *, membership_id, **kwargs):
    """Queue the new delegate's notice with the link to the survey's "before" questions (sent after commit)."""
    from exchanges.tasks.surveys import send_before_survey

    send_before_survey.delay(membership_id=membership_id)
