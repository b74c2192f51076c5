# ruff: noqa: E501 - rows of a file read best one per line
"""Imports of sessions, people and organisations from CSV and XLSX files (issue 17, item 6).

A file is checked row by row through the portal's own forms; the preview shows each row's problems next to it,
and nothing is imported until every row is valid; then all rows are imported in one transaction.
"""

import codecs
import csv
import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cities.models import City, Organisation
from exchanges.imports.files import MAX_ROWS
from exchanges.models import AgendaChange, Exchange, Session
from participants.models import Person
from tests.factories import CityFactory, CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db
SLUG = "dakar-montreal-2017"
HEADER = ["kind", "title_en", "title_fr", "day", "start_time", "end_time", "venue", "presenters", "confidentiality"]
BAD_ROWS = {
    5: {"day": "2017-10-25"},  # after the exchange
    17: {"venue": "Nowhere Hall"},  # no such venue in the exchange's cities
    31: {"presenters": "nobody@example.org"},  # nobody with this address
}


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def _session_rows(count=40, bad=None):
    rows = []
    for index in range(count):
        day = f"2017-10-{16 + index % 3}"
        hour = 8 + (index // 3) % 12
        row = {
            "kind": ["roundtable", "Briefing", "atelier", "presentation"][
                index % 4
            ],  # values and labels, both languages
            "title_en": f"Imported session {index + 1}",
            "title_fr": f"Séance importée {index + 1}",
            "day": day,
            "start_time": f"{hour:02d}:00",
            "end_time": f"{hour:02d}:45",
            "venue": "Hôtel de Ville de Montréal" if index % 2 else "",
            "presenters": "maye.seck@example.org; Esteban Benavides" if index % 5 == 0 else "",
            "confidentiality": "public",
        }
        row.update((bad or {}).get(index + 2, {}))  # row 2 is the first under the header
        rows.append(row)
    return rows


def _csv(rows, header=HEADER, *, delimiter=",", encoding="utf-8", bom=False):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([[row.get(name, "") for name in header] for row in rows])
    content = out.getvalue().encode(encoding)
    return (codecs.BOM_UTF8 if bom else b"") + content


def _xlsx(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(name, "") for name in header])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(client, url, content, name="sessions.csv"):
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def _confirm(client, url, preview):
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)
    return client.post(url, {"payload": payload})


def _bad_row_numbers(response) -> list[int]:
    return [
        int(number) for number in re.findall(r'<tr id="row-(\d+)" class="import-row--bad"', response.content.decode())
    ]


@pytest.fixture
def session_import_url(demo):
    return reverse("exchanges:session_import", kwargs={"slug": SLUG})


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_session_import_with_three_bad_rows_imports_nothing_then_the_fixed_file_imports_forty(
    client, demo, session_import_url, file_format
):
    _login(client, "staff@example.org")
    before = Session.objects.filter(exchange=demo).count()
    make = _csv if file_format == "csv" else _xlsx

    bad = _upload(client, session_import_url, make(_session_rows(bad=BAD_ROWS)), f"sessions.{file_format}")

    page = bad.content.decode()
    assert _bad_row_numbers(bad) == [5, 17, 31]
    assert "3 rows of 40 have problems. Nothing was imported" in page
    assert "day: The exchange runs from" in page
    assert "venue: No venue or site named “Nowhere Hall” in the cities of this exchange." in page
    assert "presenters: Nobody named “nobody@example.org” in the people you may choose." in page
    assert 'name="payload"' not in page
    assert Session.objects.filter(exchange=demo).count() == before

    good = _upload(client, session_import_url, make(_session_rows()), f"sessions.{file_format}")

    assert _bad_row_numbers(good) == []
    assert "All 40 rows are ready to import." in good.content.decode()
    assert Session.objects.filter(exchange=demo).count() == before

    done = _confirm(client, session_import_url, good)

    assert done.status_code == 302 and done["Location"] == reverse("exchanges:builder", kwargs={"slug": SLUG})
    imported = Session.objects.filter(exchange=demo, title_en__startswith="Imported session")
    assert imported.count() == 40
    first = imported.get(title_en="Imported session 1")
    assert first.title_fr == "Séance importée 1" and first.kind == "roundtable"
    assert first.local_start().strftime("%Y-%m-%d %H:%M") == "2017-10-16 08:00"  # Montréal time
    assert sorted(p.email for p in first.presenters.all()) == ["esteban.benavides@example.org", "maye.seck@example.org"]
    assert imported.get(title_en="Imported session 2").venue.name == "Hôtel de Ville de Montréal"
    assert imported.get(title_en="Imported session 3").kind == "workshop"  # "atelier", the French label


def test_session_import_records_each_session_as_an_agenda_change_of_a_scheduled_exchange(
    client, demo, session_import_url
):
    Exchange.objects.filter(pk=demo.pk).update(status=Exchange.Status.SCHEDULED)
    _login(client, "coordinator@example.org")

    _confirm(client, session_import_url, _upload(client, session_import_url, _csv(_session_rows(count=3))))

    changes = AgendaChange.objects.filter(exchange=demo, action=AgendaChange.Action.ADDED)
    assert sorted(changes.values_list("session_title", flat=True)) == [f"Imported session {n}" for n in (1, 2, 3)]
    assert {change.changed_by.email for change in changes} == {"coordinator@example.org"}
    session = Session.objects.get(title_en="Imported session 1")
    assert session.history.count() == 1 and session.history.first().history_type == "+"


def test_session_import_refuses_everything_when_a_row_turned_bad_between_preview_and_import(
    client, demo, session_import_url
):
    _login(client, "staff@example.org")
    preview = _upload(client, session_import_url, _csv(_session_rows(count=3)))
    Exchange.objects.filter(pk=demo.pk).update(end_date="2017-10-16")  # rows on the 17th and 18th now fall outside

    response = _confirm(client, session_import_url, preview)

    assert response.status_code == 200
    assert _bad_row_numbers(response) == [3, 4]
    assert not Session.objects.filter(title_en__startswith="Imported session").exists()


def test_session_import_refuses_an_altered_preview(client, demo, session_import_url):
    _login(client, "staff@example.org")

    response = client.post(session_import_url, {"payload": "eyJrIjoic2Vzc2lvbnMifQ:forged:signature"})

    assert response.status_code == 200
    assert "This preview has expired or was altered. Upload the file again." in response.content.decode()
    assert not Session.objects.filter(title_en__startswith="Imported session").exists()


def test_a_preview_made_for_one_exchange_does_not_import_into_another(client, demo, session_import_url):
    _login(client, "staff@example.org")
    preview = _upload(client, session_import_url, _csv(_session_rows(count=2)))
    other = Exchange.objects.exclude(pk=demo.pk).first() or _another_exchange(demo)
    other_url = reverse("exchanges:session_import", kwargs={"slug": other.slug})

    response = _confirm(client, other_url, preview)

    assert "This preview has expired or was altered." in response.content.decode()
    assert not Session.objects.filter(title_en__startswith="Imported session").exists()


def _another_exchange(demo):
    from tests.factories import ExchangeFactory

    return ExchangeFactory(programme=demo.programme)


def test_session_rows_are_checked_as_the_session_form_checks_them(client, demo, session_import_url):
    _login(client, "staff@example.org")
    rows = _session_rows(count=5)
    rows[0]["title_en"] = "Two\nlines"  # a single-line field
    rows[1].update(title_en="", title_fr="")  # no title in either language
    rows[2].update(kind="site_visit", venue="")  # a site visit needs a site
    rows[3].update(start_time="11:00", end_time="10:00")  # ends before it starts
    rows[4].update(kind="picnic")  # no such kind

    response = _upload(client, session_import_url, _csv(rows))

    page = response.content.decode()
    assert _bad_row_numbers(response) == [2, 3, 4, 5, 6]
    assert "title_en: " in page and "line break" in page.lower()
    assert "Give the title in English or in French (or both)." in page
    assert "A site visit needs a site" in page
    assert "end_time: The session must end after it starts." in page
    assert "Select a valid choice. picnic is not one of the available choices." in page


def test_an_ambiguous_presenter_name_asks_for_the_e_mail_address(client, demo, session_import_url):
    Person.objects.create(name="Maye Seck", email="another.maye@example.org")
    _login(client, "staff@example.org")
    rows = _session_rows(count=1)
    rows[0]["presenters"] = "Maye Seck"

    response = _upload(client, session_import_url, _csv(rows))

    assert "Several people are named “Maye Seck”: give their e-mail address instead." in response.content.decode()


def test_a_coordinator_names_only_presenters_they_may_read(client, demo, session_import_url):
    stranger = Person.objects.create(name="Stranger Elsewhere", email="stranger@example.org", city=CityFactory())
    _login(client, "coordinator@example.org")
    rows = _session_rows(count=1)
    rows[0]["presenters"] = stranger.email

    response = _upload(client, session_import_url, _csv(rows))

    assert "Nobody named “stranger@example.org” in the people you may choose." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("latin1-semicolons.csv", _csv(_session_rows(count=3), delimiter=";", encoding="cp1252")),
        ("bom.csv", _csv(_session_rows(count=3), bom=True)),
        ("tabs.csv", _csv(_session_rows(count=3), delimiter="\t")),
        ("utf16.csv", _csv(_session_rows(count=3), encoding="utf-16")),
        (
            "UPPER.CSV",
            _csv(_session_rows(count=3)).replace(b"title_en,title_fr", b" Title EN ,TITLE Fr", 1),
        ),
    ],
)
def test_csv_files_in_the_encodings_and_separators_of_spreadsheets_are_read(
    client, demo, session_import_url, name, content
):
    _login(client, "staff@example.org")

    response = _upload(client, session_import_url, content, name)

    assert "All 3 rows are ready to import." in response.content.decode()
    assert "Séance importée 1" in response.content.decode()


def _zip_bomb() -> bytes:
    """A small .xlsx whose shared strings unpack to 50 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * 50 * 1024 * 1024 + b"</sst>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sessions.txt", b"title_en\nx\n", "Choose a file ending in .csv or .xlsx."),
        ("big.csv", b"title_en\n" + b"x" * (1024 * 1024 + 1), "The file is larger than 1 MB."),
        ("long.csv", _csv(_session_rows(count=MAX_ROWS + 1)), f"The file has more than {MAX_ROWS} rows."),
        ("empty.csv", b"", "The submitted file is empty."),
        ("blank.csv", b" \n\n", "The file is empty."),
        ("header.csv", b"title_en,day,start_time,end_time\n", "The file has a header line but no rows to import."),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "This file cannot be read as an XLSX workbook."),
        ("text.xlsx", b"title_en,day\n", "This file cannot be read as an XLSX workbook."),
        ("bomb.xlsx", _zip_bomb(), "The file is larger than 40 MB."),
        ("nul.csv", b"title_en,day\x00\n\x00\x00\xff\n", "encoding the portal cannot read"),
        (
            "unknown.csv",
            b"title_en,day,start_time,end_time,colour\nT,2017-10-16,09:00,10:00,red\n",
            "Unknown columns: colour.",
        ),
        ("missing.csv", b"title_en,day,start_time\nT,2017-10-16,09:00\n", "The file needs a column named end_time."),
        ("twice.csv", b"title_en,Title EN\nT,T\n", "The column “title_en” appears twice."),
    ],
)
def test_files_that_cannot_be_imported_are_refused_with_a_message(
    client, demo, session_import_url, name, content, message
):
    _login(client, "staff@example.org")

    response = _upload(client, session_import_url, content, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Session.objects.filter(title_en__startswith="Imported session").exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_example_sessions_file_is_valid_for_its_exchange(client, demo, session_import_url, file_format):
    _login(client, "staff@example.org")
    example_url = reverse("exchanges:session_import_example", kwargs={"slug": SLUG, "file_format": file_format})

    example = client.get(example_url)

    assert example["Content-Disposition"] == f'attachment; filename="sessions-dakar-montreal-2017.{file_format}"'
    preview = _upload(client, session_import_url, example.content, f"example.{file_format}")
    assert _bad_row_numbers(preview) == []
    assert "rows are ready to import." in preview.content.decode()


def test_the_example_xlsx_file_names_the_columns_in_stable_english_whatever_the_language(client, demo):
    _login(client, "staff@example.org")
    client.cookies["django_language"] = "fr"
    url = reverse("exchanges:session_import_example", kwargs={"slug": SLUG, "file_format": "xlsx"})

    sheet = load_workbook(io.BytesIO(client.get(url).content)).active

    assert [cell.value for cell in sheet[1]][:4] == ["kind", "title_en", "title_fr", "day"]


def test_an_unknown_example_format_is_not_found(client, demo):
    _login(client, "staff@example.org")

    response = client.get(reverse("exchanges:session_import_example", kwargs={"slug": SLUG, "file_format": "ods"}))

    assert response.status_code == 404


# --- people and organisations -------------------------------------------------------------------------------------

PEOPLE_HEADER = ["name", "job_title_en", "job_title_fr", "organisation", "city", "email", "phone", "language"]


def test_people_import_checks_rows_as_the_person_form_and_imports_them_together(client, demo):
    _login(client, "staff@example.org")
    url = reverse("exchanges:people_import")
    rows = [
        {"name": "Awa Ndiaye", "job_title_fr": "Médiatrice", "organisation": "SPVM", "city": "Dakar", "email": "awa@example.org", "language": "français"},
        {"name": "Ole Hansen", "city": "Montréal", "email": "awa@example.org"},
        {"name": "Jo Bloggs", "email": "maye.seck@example.org"},
        {"name": "Bad Phone", "phone": "12"},
    ]  # fmt: skip

    bad = _upload(client, url, _csv(rows, PEOPLE_HEADER), "people.csv")

    page = bad.content.decode()
    assert _bad_row_numbers(bad) == [3, 4, 5]
    assert "email: Row 2 has the same e-mail address already." in page
    assert "email: Another person in the directory already has this e-mail address." in page
    assert "phone: " in page
    assert not Person.objects.filter(name__in=["Awa Ndiaye", "Ole Hansen"]).exists()

    rows[1]["email"], rows[2]["email"], rows[3]["phone"] = "ole@example.org", "", "+221 33 889 12 34"
    done = _confirm(client, url, _upload(client, url, _csv(rows, PEOPLE_HEADER), "people.csv"))

    assert done.status_code == 302 and done["Location"] == reverse("participants:person_list")
    awa = Person.objects.get(email="awa@example.org")
    assert (awa.language, awa.city.name, awa.organisation.slug, awa.job_title_fr) == (
        "fr",
        "Dakar",
        "spvm",
        "Médiatrice",
    )
    assert Person.objects.filter(name__in=["Ole Hansen", "Jo Bloggs", "Bad Phone"]).count() == 3


def test_a_coordinator_imports_people_of_their_own_cities_only(client, demo):
    _login(client, "coordinator@example.org")  # coordinates Montréal
    url = reverse("exchanges:people_import")
    rows = [
        {"name": "Montréal Person", "city": "Montréal"},
        {"name": "Dakar Person", "city": "Dakar"},
        {"name": "Nowhere Person"},
    ]

    response = _upload(client, url, _csv(rows, ["name", "city"]), "people.csv")

    assert _bad_row_numbers(response) == [3]
    assert (
        "city: You may add records of the cities you coordinate only, or without a city." in response.content.decode()
    )


def test_organisations_import_makes_slugs_and_finds_parents(client, demo):
    _login(client, "staff@example.org")
    url = reverse("exchanges:organisation_import")
    header = ["name_en", "name_fr", "acronym_en", "kind", "city", "parent", "website"]
    rows = [
        {"name_en": "Youth Unit", "name_fr": "Unité jeunesse", "kind": "Police", "city": "Montréal", "parent": "SPVM"},
        {"name_en": "Youth Unit", "kind": "ONG", "city": "Dakar"},
        {"name_fr": "Réseau sans nom anglais", "website": "not a web address"},
    ]

    bad = _upload(client, url, _csv(rows, header), "organisations.csv")

    assert _bad_row_numbers(bad) == [4]
    rows[2]["website"] = "https://example.org"
    done = _confirm(client, url, _upload(client, url, _csv(rows, header), "organisations.csv"))

    assert done.status_code == 302
    units = Organisation.objects.filter(name_en="Youth Unit").order_by("pk")
    assert [(o.slug, o.kind, o.city.name) for o in units] == [
        ("youth-unit", "police", "Montréal"),
        ("youth-unit-2", "ngo", "Dakar"),
    ]
    assert units[0].parent.slug == "spvm"
    assert Organisation.objects.get(name_fr="Réseau sans nom anglais").slug == "reseau-sans-nom-anglais"


@pytest.mark.parametrize(
    ("kind", "file_format"), [("people", "csv"), ("people", "xlsx"), ("organisation", "csv"), ("organisation", "xlsx")]
)
def test_the_example_directory_files_are_valid(client, demo, kind, file_format):
    _login(client, "coordinator@example.org")

    example = client.get(reverse(f"exchanges:{kind}_import_example", kwargs={"file_format": file_format}))
    preview = _upload(client, reverse(f"exchanges:{kind}_import"), example.content, f"example.{file_format}")

    assert _bad_row_numbers(preview) == []
    assert "All 2 rows are ready to import." in preview.content.decode()


# --- who may import -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("exchanges:session_import", {"slug": SLUG}),
        ("exchanges:session_import_example", {"slug": SLUG, "file_format": "csv"}),
        ("exchanges:people_import", None),
        ("exchanges:people_import_example", {"file_format": "csv"}),
        ("exchanges:organisation_import", None),
        ("exchanges:organisation_import_example", {"file_format": "xlsx"}),
    ],
)
def test_outsiders_get_404_from_import_pages_and_their_posts_change_nothing(client, demo, name, kwargs):
    client.force_login(UserFactory())
    url = reverse(name, kwargs=kwargs)
    before = (Session.objects.count(), Person.objects.count(), Organisation.objects.count())

    got = client.get(url)
    posted = _upload(client, url, _csv(_session_rows(count=2)))

    assert got.status_code == 404 and posted.status_code == 404
    assert (Session.objects.count(), Person.objects.count(), Organisation.objects.count()) == before


def test_a_coordinator_of_another_city_may_not_import_sessions_into_the_exchange(client, demo, session_import_url):
    coordinator = CoordinatorFactory(city=City.objects.get(name="Dakar")).user  # Dakar visits, Montréal hosts
    client.force_login(coordinator)

    response = _upload(client, session_import_url, _csv(_session_rows(count=2)))

    assert response.status_code == 404
    assert not Session.objects.filter(title_en__startswith="Imported session").exists()


def test_the_import_page_reads_french(client, demo, session_import_url):
    _login(client, "staff@example.org")
    client.cookies["django_language"] = "fr"

    response = _upload(client, session_import_url, _csv(_session_rows(count=3, bad={3: {"venue": "Nulle part"}})))

    page = response.content.decode()
    assert "Importer des séances" in page
    assert "Au plus 1 Mo et 500 lignes." in page
    assert "1 ligne sur 3 présente des problèmes." in page
    assert "venue : Aucun lieu ni site nommé « Nulle part » dans les villes de cet échange." in page


def _preview_queries(client, url, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = _upload(client, url, _csv(_session_rows(count=count)))
    assert f"All {count} rows are ready to import." in response.content.decode()
    return [query["sql"] for query in queries.captured_queries]


def test_the_preview_reads_the_directory_once_and_checks_each_row_in_a_few_queries(client, demo, session_import_url):
    _login(client, "staff@example.org")

    small = _preview_queries(client, session_import_url, 10)
    large = _preview_queries(client, session_import_url, 40)

    # Each row costs the queries of its form's own checks (constraints, chosen venue and people); the lookups of
    # venues, people and organisations are read once per file, whatever its length.
    def directory_reads(queries):
        return sum('FROM "participants_person"' in sql and "WHERE" not in sql for sql in queries)

    assert directory_reads(small) == directory_reads(large) == 1
    assert len(large) - len(small) <= 30 * 5


def test_xlsx_date_and_time_cells_are_read_as_the_day_and_the_host_city_time(client, demo, session_import_url):
    from datetime import date, datetime, time

    _login(client, "staff@example.org")
    rows = _session_rows(count=2)
    rows[0].update(day=date(2017, 10, 17), start_time=time(9, 30), end_time=time(11, 0))
    rows[1].update(day=datetime(2017, 10, 18), start_time=datetime(1899, 12, 30, 14, 0), end_time="15:15")
    preview = _upload(client, session_import_url, _xlsx(rows), "sessions.xlsx")

    _confirm(client, session_import_url, preview)

    imported = Session.objects.filter(title_en__startswith="Imported session").order_by("start")
    assert [(s.local_start().strftime("%Y-%m-%d %H:%M"), s.local_end().strftime("%H:%M")) for s in imported] == [
        ("2017-10-17 09:30", "11:00"),
        ("2017-10-18 14:00", "15:15"),
    ]
