from django.core.management.base import BaseCommand

from exchanges.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create or refresh the Dakar–Montréal demo exchange and its demo accounts (idempotent)."

    def handle(self, *args, **options):
        exchange = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {exchange.title} ({exchange.slug})."))
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for email, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<26} {role}")
