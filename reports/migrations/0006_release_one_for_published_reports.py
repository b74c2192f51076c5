"""Reports published before releases existed become release 1 of their text as it is, dated on their publication.

Readers read releases only; without this they would lose a report that was published.
"""

from django.db import migrations
from django.utils import timezone, translation
from django.utils.translation import gettext

from reports.drafting import date_range


def _texts(report):
    exchange = report.exchange
    visiting = [city.name for city in exchange.visiting_cities.all() if city.pk != exchange.host_city_id]
    with translation.override(report.language):
        title = gettext("%(cities)s city exchange: summary report") % {
            "cities": "-".join([*visiting, exchange.host_city.name])
        }
        subtitle = gettext("%(city)s, %(dates)s") % {
            "city": exchange.host_city.name,
            "dates": date_range(exchange.start_date, exchange.end_date),
        }
    return title, subtitle


def forwards(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    ReportRelease = apps.get_model("reports", "ReportRelease")
    published = Report.objects.filter(status="published", releases__isnull=True).select_related("exchange__host_city")
    for report in published:
        title, subtitle = _texts(report)
        ReportRelease.objects.create(
            report=report,
            number=1,
            report_version=report.version,
            language=report.language,
            title=title,
            subtitle=subtitle,
            include_annex=report.include_annex,
            introduction=report.introduction,
            aims=report.aims,
            summary=report.summary,
            next_steps=report.next_steps,
            released_at=report.published_at or report.edited_at or timezone.now(),
            released_by=report.updated_by,
            sign_off_waived_reason="Published before releases and sign-off existed.",
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_report_releases_and_sign_off")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
