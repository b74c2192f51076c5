from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.sending import SendingFailed
from exchanges.services.next_steps import next_step_reminders_send


class Command(BaseCommand):
    help = (
        "Send the next-step reminders due today (what the beat schedule runs daily). Safe to run twice. "
        "Exits non-zero, after trying every reminder, if any failed."
    )

    def handle(self, *args, **options):
        try:
            sent = next_step_reminders_send(today=timezone.localdate())
        except SendingFailed as exc:
            self.stdout.write(f"{exc.sent} reminder(s) sent.")
            raise CommandError(f"{len(exc.failures)} reminder(s) failed: " + "; ".join(exc.failures)) from exc
        self.stdout.write(f"{sent} reminder(s) sent.")
