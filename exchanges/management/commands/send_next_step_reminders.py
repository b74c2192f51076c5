from django.core.management.base import BaseCommand
from django.utils import timezone

from exchanges.services.next_steps import next_step_reminders_send


class Command(BaseCommand):
    help = "Send the next-step reminders due today (what the beat schedule runs daily). Safe to run twice."

    def handle(self, *args, **options):
        sent = next_step_reminders_send(today=timezone.localdate())
        self.stdout.write(f"{sent} reminder(s) sent.")
