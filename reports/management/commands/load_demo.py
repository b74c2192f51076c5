from django.core.management.base import BaseCommand

from exchanges.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
from reports.demo import publish_demo_release


class Command(BaseCommand):
    help = (
        "Create or refresh the Dakar–Montréal demo exchange and its demo accounts, and publish release 1 of its "
        "English and French reports (idempotent)."
    )

    def handle(self, *args, **options):
        exchange = load_demo()
        made = publish_demo_release(exchange)
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {exchange.title} ({exchange.slug})."))
        for release in made:
            self.stdout.write(f"Published release {release.number} of the {release.language} report.")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for email, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<26} {role}")
