import pytest
from django.core.management import CommandError, call_command

from reports import services
from reports.models import Report
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db


def test_render_report_writes_the_saved_report(tmp_path, drafted, staff_user):
    services.report_save_section(
        report=drafted, section="next_steps", text="Meet again in Dakar.", base_version=drafted.version, user=staff_user
    )
    output = tmp_path / "r.pdf"

    call_command("render_report", "dakar-montreal-2017", "--output", str(output))

    text = pdf_text(output.read_bytes())
    assert "DAKAR-MONTRÉAL CITY EXCHANGE: SUMMARY REPORT" in text
    assert "Meet again in Dakar." in text


def test_render_report_in_another_language_drafts_in_memory(tmp_path, drafted):
    output = tmp_path / "r.pdf"

    call_command("render_report", "dakar-montreal-2017", "--lang", "fr", "--output", str(output))

    assert output.read_bytes().startswith(b"%PDF")
    assert "octobre 2017" in pdf_text(output.read_bytes())
    assert Report.objects.get().language == "en"


def test_render_report_unknown_exchange_is_an_error(tmp_path, db):
    with pytest.raises(CommandError, match="No exchange"):
        call_command("render_report", "nowhere", "--output", str(tmp_path / "r.pdf"))
