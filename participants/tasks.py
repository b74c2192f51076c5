from celery import shared_task

from participants.models import Invitation
from participants.services import invitation_send


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(*, invitation_id: int) -> None:
    """E-mail an invitation; quietly does nothing if it is gone or already accepted."""
    invitation = Invitation.objects.select_related("person").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None or invitation.is_expired:
        return
    invitation_send(invitation=invitation)
