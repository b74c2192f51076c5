from django.core.management.base import BaseCommand

from exchanges.notices import agenda_digest_send_due


class Command(BaseCommand):
    help = (
        "Send the agenda change digests whose burst of edits has gone quiet. The Celery task does this on its "
        "own; run this from cron when no worker runs (the in-process set-up) or after a worker was down."
    )

    def handle(self, *args, **options):
        sent = agenda_digest_send_due()
        self.stdout.write(self.style.SUCCESS(f"{sent} agenda change e-mail(s) sent."))
