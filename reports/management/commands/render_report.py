from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from exchanges.models import Exchange
from reports import services
from reports.drafting import draft_sections
from reports.models import Report
from reports.selectors import draft_data


class Command(BaseCommand):
    help = (
        "Render an exchange's summary report to a PDF file through the same code as the portal's jobs. "
        "Uses the saved report in that language (default: the first one); without one, "
        "drafts one in memory (nothing saved)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The exchange's slug, e.g. dakar-montreal-2017.")
        parser.add_argument("--lang", choices=[code for code, _name in settings.LANGUAGES], default=None)
        parser.add_argument("--output", required=True, help="Where to write the PDF, e.g. report.pdf.")

    def handle(self, *args, slug, lang, output, **options):
        try:
            exchange = Exchange.objects.select_related("host_city").get(slug=slug)
        except Exchange.DoesNotExist as exc:
            raise CommandError(f"No exchange with the slug {slug!r}.") from exc
        reports = Report.objects.filter(exchange=exchange).order_by("pk")
        report = reports.filter(language=lang).first() if lang else reports.first()
        if report is None:
            report = Report(exchange=exchange, language=lang or "en")
            for name, text in draft_sections(draft_data(exchange), report.language).items():
                setattr(report, name, text)
            self.stderr.write(f"No saved {report.language} report: rendering a fresh draft (not saved).")
        pdf = services.report_pdf_bytes(report)
        Path(output).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(pdf) // 1024} KB)."))
