"""Programme indicators (issue 19 item 5): the figures against a hand count of the demo, the CSV, the PDF."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from exchanges.models import NextStepCheckIn, SurveyResponse
from exchanges.services.check_ins import check_in_answer, next_step_check_ins_send
from reports.models import RenderJob
from reports.services import render_job_run
from tests.factories import ExchangeFactory, MembershipFactory
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db

PROGRAMME = "scn-bilateral-city-exchanges-2017-2018"


def _staff(client):
    client.force_login(get_user_model().objects.get(email="staff@example.org"))
    return client


@pytest.mark.templates
def test_programme_indicators_match_a_hand_count_of_the_demo(client, demo):
    # Counted by hand from exchanges/demo/ (surveys.py, agenda.py NEXT_STEPS, loader.py):
    # - held / planned: the programme plans 3 exchanges; Dakar–Montréal (16–18 Oct 2017, completed) is the only one.
    # - response rate: 4 delegates (loader.DELEGATES); Maye Seck, Papa Alassane Seck and Jocelyne Lebrun answered,
    #   Esteban Benavides did not: 3 / 4 = 75 %.
    # - met, over the 15 answers (3 people × 5 objectives): Maye 5,4,4,5,5 = 23; Papa 4,4,3,5,4 = 20;
    #   Jocelyne 4,3,4,4,5 = 20; 63 / 15 = 4.2.
    # - before: Maye 2,2,1,2,2 = 9; Papa 2,3,2,3,1 = 11; Jocelyne 3,3,3,3,2 = 14; 34 / 15 = 2.27 → 2.3.
    # - after: Maye 4,4,3,4,5 = 20; Papa 4,4,3,4,4 = 19; Jocelyne 4,4,4,4,4 = 20; 59 / 15 = 3.93 → 3.9.
    # - change: (59 − 34) / 15 = 1.67 → 1.7 (every answer has both).
    # - actions: 5 next steps, none done; overdue (open or in progress, due before today, today being after
    #   mid-2018): the Volunteer Programme training (31 Mar 2018), the City Profiles (30 Jun 2018) and the
    #   CPRLV concept note (15 Dec 2017) = 3; the other two have no due date.
    # - follow-ups: the demo loads no check-in (they go from the daily task, which the demo does not run): 0 / 0.
    response = _staff(client).get(f"/programmes/{PROGRAMME}/indicators/")

    figures = response.context["figures"]
    total = figures.total
    assert (figures.held, figures.planned) == (1, 3)
    assert (total.responded, total.delegates, total.rate_percent) == (3, 4, 75)
    assert (total.met, total.before, total.after, total.change) == (4.2, 2.3, 3.9, 1.7)
    assert (total.actions, total.actions_done, total.actions_overdue) == (5, 0, 3)
    assert (total.follow_ups_sent, total.follow_ups_answered) == (0, 0)
    page = response.content.decode()
    assert "1 / 3" in page and "75 %" in page and "+1.7" in page
    assert "not yet tracked" not in page


def _check_ins_sent_and_one_answered():
    # Counted by hand from exchanges/demo/agenda.py NEXT_STEPS: of the 5 actions, 2 have an owner person with an
    # e-mail address, both open or in progress: Papa Alassane Seck (Volunteer Programme training) and Maye Seck
    # (regular reports). The exchange ended on 18 Oct 2017, so on 20 Jan 2018 the 3-month check-in has come:
    # 2 sent. Papa answers his: 1 answered. On 1 Nov 2018 the 12-month one has come too (the 6-month one is
    # skipped, only the latest goes): 2 more sent, 4 in all, 1 answered.
    assert next_step_check_ins_send(today=date(2018, 1, 20)) == 2
    papa = NextStepCheckIn.objects.get(next_step__owner_person__email="papa.alassane.seck@example.org")
    check_in_answer(check_in=papa, text="The first training module is drafted.")
    assert next_step_check_ins_send(today=date(2018, 11, 1)) == 2


@pytest.mark.templates
def test_programme_indicators_count_follow_ups_sent_and_answered(client, demo):
    _check_ins_sent_and_one_answered()

    response = _staff(client).get(f"/programmes/{PROGRAMME}/indicators/?year=2017")
    csv_response = client.get(f"/programmes/{PROGRAMME}/indicators.csv?year=2017")

    figures = response.context["figures"]
    assert (figures.total.follow_ups_sent, figures.total.follow_ups_answered) == (4, 1)
    assert (figures.rows[0].follow_ups_sent, figures.rows[0].follow_ups_answered) == (4, 1)
    assert "1 / 4" in response.content.decode()
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert (rows[0]["Follow-ups sent"], rows[0]["Follow-ups answered"]) == ("4", "1")
    assert (rows[-1]["Follow-ups sent"], rows[-1]["Follow-ups answered"]) == ("4", "1")
    # A year with none of the programme's exchanges counts none of their follow-ups.
    in_2018 = client.get(f"/programmes/{PROGRAMME}/indicators/?year=2018").context["figures"]
    assert (in_2018.total.follow_ups_sent, in_2018.total.follow_ups_answered) == (0, 0)


def test_programme_indicators_csv_opens_with_accents_right(client, demo):
    response = _staff(client).get(f"/programmes/{PROGRAMME}/indicators.csv?year=2017")

    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Exchange"] == "Dakar–Montréal city exchange"
    assert rows[0]["Response rate (%)"] == "75" and rows[0]["Objectives met (mean, 1–5)"] == "4.2"
    assert rows[-1]["Exchange"] == "All exchanges" and rows[-1]["Follow-ups answered"] == "0"
    assert 'filename="scn-bilateral-city-exchanges-2017-2018-indicators-2017.csv"' in response["Content-Disposition"]


def test_programme_indicators_csv_in_french(client, demo):
    _staff(client).post("/i18n/setlang/", {"language": "fr", "next": "/"})

    response = client.get(f"/programmes/{PROGRAMME}/indicators.csv", HTTP_ACCEPT_LANGUAGE="fr")

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "Dakar" in rows[0]["Échange"] and "Montréal" in rows[0]["Échange"]
    assert (rows[-1]["Suivis envoyés"], rows[-1]["Suivis répondus"]) == ("0", "0")


@pytest.mark.templates
def test_programme_indicators_count_a_year_and_leave_out_other_years(client, demo):
    later = ExchangeFactory(
        programme=demo.programme,
        title="Exchange of 2018",
        start_date=demo.start_date.replace(year=2018),
        end_date=demo.end_date.replace(year=2018),
    )
    MembershipFactory(delegation__exchange=later)

    in_2017 = _staff(client).get(f"/programmes/{PROGRAMME}/indicators/?year=2017").context["figures"]
    in_2018 = client.get(f"/programmes/{PROGRAMME}/indicators/?year=2018").context["figures"]

    assert [row.title for row in in_2017.rows] == ["Dakar–Montréal city exchange"]
    assert [row.title for row in in_2018.rows] == ["Exchange of 2018"]
    assert (in_2018.total.delegates, in_2018.total.responded, in_2018.total.met) == (1, 0, None)


def test_programme_indicators_take_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    _staff(client)
    client.get(f"/programmes/{PROGRAMME}/indicators/")  # the session and the user, once
    for _ in range(20):
        MembershipFactory(delegation__exchange=ExchangeFactory(programme=demo.programme))

    with django_assert_num_queries(10):
        client.get(f"/programmes/{PROGRAMME}/indicators/")
    SurveyResponse.objects.all().delete()
    with django_assert_num_queries(10):
        client.get(f"/programmes/{PROGRAMME}/indicators/")


def test_programme_indicators_are_404_to_outsiders(client, demo, outsider):
    coordinator = get_user_model().objects.get(email="coordinator@example.org")

    client.force_login(outsider)
    answers = [client.get(f"/programmes/{PROGRAMME}/indicators/").status_code]
    answers.append(client.get(f"/programmes/{PROGRAMME}/indicators.csv").status_code)
    answers.append(client.post(f"/programmes/{PROGRAMME}/report-pdf/").status_code)
    client.force_login(coordinator)
    answers.append(client.get(f"/programmes/{PROGRAMME}/indicators/").status_code)

    assert answers == [404, 404, 404, 404]
    assert not RenderJob.objects.filter(kind=RenderJob.Kind.PROGRAMME).exists()


def test_programme_report_pdf_is_made_by_a_render_job(client, demo):
    _check_ins_sent_and_one_answered()
    response = _staff(client).post(f"/programmes/{PROGRAMME}/report-pdf/", {"year": "2017"})
    job = RenderJob.objects.get(kind=RenderJob.Kind.PROGRAMME)
    render_job_run(job_id=job.pk)  # what the worker does (here the request's commit never comes)
    job.refresh_from_db()
    page = client.get(f"/reports/jobs/{job.pk}/").content.decode()
    data = b"".join(client.get(f"/reports/files/{job.pk}/download/").streaming_content)

    assert response.status_code == 302 and job.year == 2017 and job.exchange is None
    assert job.status == RenderJob.Status.DONE, job.error
    assert "Programme report PDF" in page and "Download PDF" in page
    text = " ".join(pdf_text(data).split())
    assert "programme report 2017" in text.lower()
    assert "Dakar–Montréal city exchange" in text and "75 %" in text and "1 / 4" in text
    assert job.download_name() == "scn-bilateral-city-exchanges-2017-2018-report-2017-en.pdf"
