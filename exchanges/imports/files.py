"""Reading an uploaded CSV or XLSX file into rows of text, or refusing it with a message a person can act on.

CSV: UTF-8 (with or without a byte order mark), UTF-16 with its byte order mark, or Windows-1252 / Latin-1 as
older spreadsheet programs save it; separated by commas, semicolons (French spreadsheets) or tabs, found from
the header line. XLSX: the first sheet, read by openpyxl (the library of the exports). Column names are stable
English identifiers (``title_en``), case and spaces ignored. Every refusal is a ``FileRefused`` with its message;
nothing in here raises anything else for a bad file.
"""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_BYTES = 1024 * 1024  # 1 MB: a few thousand sessions' worth of text
MAX_ROWS = 500
MAX_COLUMNS = 60
# An XLSX file is a zip: its parts may unpack to at most this much (a small file must not fill the memory).
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
EXTENSIONS = ("csv", "xlsx")
DELIMITERS = (",", ";", "\t")
# The day a spreadsheet gives a time of day without a date (Excel, LibreOffice; Excel's 1900 system).
SPREADSHEET_EPOCHS = (date(1899, 12, 30), date(1899, 12, 31), date(1900, 1, 1))


class FileRefused(Exception):
    """The file cannot be read as an import; ``message`` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The file's columns (normalised names) and its non-empty rows with their line numbers in the file."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def column_key(name) -> str:
    return "_".join(str(name or "").replace("\ufeff", "").strip().lower().replace("-", "_").split())


def read_table(upload) -> Table:
    """The rows of an uploaded file (Django ``UploadedFile``). Raises FileRefused."""
    extension = (upload.name or "").rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else ""
    if extension not in EXTENSIONS:
        raise FileRefused(_("Choose a file ending in .csv or .xlsx."))
    if upload.size > MAX_BYTES:
        raise FileRefused(
            _("The file is larger than %(size)s. Split it into several files and import them one by one.")
            % {"size": "1 MB"}
        )
    content = upload.read(MAX_BYTES + 1)
    if not content.strip():
        raise FileRefused(_("The file is empty."))
    lines = _xlsx_lines(content) if extension == "xlsx" else _csv_lines(content)
    return _table(lines)


def _decode(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text
            break
    raise FileRefused(
        _("This CSV file is in an encoding the portal cannot read. Save it as “CSV UTF-8” and upload it again.")
    )


def _csv_lines(content: bytes):
    text = _decode(content)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    except csv.Error as error:
        raise FileRefused(_("This CSV file cannot be read (%(error)s).") % {"error": error}) from error


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.date() in SPREADSHEET_EPOCHS:  # a time of day typed in a cell formatted as a date and time
            return value.strftime("%H:%M")
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_lines(content: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise FileRefused(
            _("This file cannot be read as an XLSX workbook. Save it from your spreadsheet as .xlsx or .csv.")
        ) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(
            _("The file is larger than %(size)s. Split it into several files and import them one by one.")
            % {"size": "40 MB"}
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as error:
        raise FileRefused(
            _("This file cannot be read as an XLSX workbook. Save it from your spreadsheet as .xlsx or .csv.")
        ) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise FileRefused(_("The file is empty."))
        # One row more than allowed tells that the file is too long, without reading the rest.
        rows = sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True)
        for values in rows:
            yield [_xlsx_text(value) for value in values]
    except FileRefused:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged workbook fails in many ways inside openpyxl
        raise FileRefused(
            _("This file cannot be read as an XLSX workbook. Save it from your spreadsheet as .xlsx or .csv.")
        ) from error
    finally:
        workbook.close()


def _table(lines) -> Table:
    numbered = enumerate(lines, start=1)  # row numbers as a spreadsheet shows them
    table = Table(columns=_header(numbered))
    for number, cells in numbered:
        values = {name: str(cell).strip() for name, cell in zip(table.columns, cells, strict=False) if name}
        if not any(values.values()):
            continue
        if len(table.rows) == MAX_ROWS:
            raise _too_many_rows()
        table.rows.append((number, values))
    if not table.rows:
        raise FileRefused(_("The file has a header line but no rows to import."))
    return table


def _header(numbered) -> list[str]:
    """The column keys of the first line with any text (the lines before it are skipped), without the empty
    columns at its end; a name twice is refused."""
    for _number, header in numbered:
        if any(str(cell).strip() for cell in header):
            break
    else:
        raise FileRefused(_("The file is empty."))
    columns = [column_key(cell) for cell in header[:MAX_COLUMNS]]
    while columns and not columns[-1]:
        columns.pop()
    seen = set()
    for name in columns:
        if name and name in seen:
            raise FileRefused(_("The column “%(column)s” appears twice.") % {"column": name})
        seen.add(name)
    return columns


def _too_many_rows() -> FileRefused:
    return FileRefused(
        ngettext(
            "The file has more than %(count)d row. Split it into several files and import them one by one.",
            "The file has more than %(count)d rows. Split it into several files and import them one by one.",
            MAX_ROWS,
        )
        % {"count": MAX_ROWS}
    )
