from django.core.management.base import BaseCommand, CommandError

from core.sending import SendingFailed
from exchanges.notices import agenda_digest_send_due


class Command(BaseCommand):
    help = (
        "Send the agenda change digests whose burst of edits has gone quiet. The Celery task does this on its "
        "own; run this from cron when no worker runs (the in-process set-up) or after a worker was down. "
        "Exits non-zero, after trying every exchange and person, if any e-mail failed."
    )

    def handle(self, *args, **options):
        try:
            sent = agenda_digest_send_due()
        except SendingFailed as exc:
            self.stdout.write(f"{exc.sent} agenda change e-mail(s) sent.")
            raise CommandError(f"{len(exc.failures)} e-mail(s) failed: " + "; ".join(exc.failures)) from exc
        self.stdout.write(self.style.SUCCESS(f"{sent} agenda change e-mail(s) sent."))
