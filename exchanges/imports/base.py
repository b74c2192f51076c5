"""What every kind of import shares: its columns, the check of each row through the portal's own form, the
signed preview that the import button sends back, and the import of all rows in one transaction.

A kind (``sessions.SessionImport``, ``directory.PersonImport``, ``directory.OrganisationImport``) names its
columns, turns a row's texts into the data its ModelForm takes (names of venues, people, organisations looked
up among those the user may choose), adds the checks the form leaves to the page (dates inside the exchange's,
the cities a coordinator may add records for), and saves a valid form the way the hand-written page does.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core import signing
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core.translated import LANGUAGE_CODES
from exchanges.imports.files import FileRefused, Table

SIGNING_SALT = "exchanges.imports.preview"
PREVIEW_MAX_AGE = 2 * 60 * 60  # seconds: a preview left open longer is uploaded again


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    required: bool = False


@dataclass
class RowResult:
    """One row of the file: its number, its texts by column, and its problems as (column or "", message)."""

    number: int
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)
    form: object = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, column: str, message) -> None:
        self.errors.append((column, str(message)))

    def has_error(self, column: str) -> bool:
        return any(name == column for name, _message in self.errors)


def normal(text) -> str:
    """A name as compared: case and runs of spaces ignored."""
    return " ".join(str(text or "").split()).casefold()


def split_list(text: str) -> list[str]:
    """A list cell: items separated by semicolons or line breaks."""
    return [item.strip() for item in str(text or "").replace("\n", ";").split(";") if item.strip()]


class Lookup:
    """Objects found by any of their names (``keys(obj)``), compared with ``normal``."""

    def __init__(self, objects, keys):
        self.by_key: dict[str, list] = {}
        for obj in objects:
            for key in {normal(key) for key in keys(obj) if key}:
                self.by_key.setdefault(key, []).append(obj)

    def find(self, text):
        """The one object so named, or a list of the candidates (empty: none)."""
        found = self.by_key.get(normal(text), [])
        return found[0] if len(found) == 1 else found


def choice_values(choices) -> dict[str, str]:
    """A choice field's values by their value and by their label in each language (normalised)."""
    values = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            for value, label in choices:
                if value:
                    values[normal(label)] = value
    for value, _label in choices:
        if value:
            values[normal(value)] = value
    return values


class Importer:
    """A kind of import. Subclasses set ``kind``, ``columns``, ``required_groups`` and implement ``load``,
    ``form_data``, ``make_form``, ``save_row`` and ``example_rows``; ``check_row`` and ``check_together`` add
    the checks their form does not make."""

    kind = ""
    title = ""
    columns: tuple[Column, ...] = ()
    # Column groups of which the header must name at least one (e.g. title_en or title_fr).
    required_groups: tuple[tuple[str, ...], ...] = ()

    def __init__(self, *, user, exchange=None):
        self.user = user
        self.exchange = exchange

    # --- checking ---

    def check_columns(self, table: Table) -> None:
        known = {column.name for column in self.columns}
        unknown = [name for name in table.columns if name and name not in known]
        if unknown:
            raise FileRefused(
                _("Unknown columns: %(unknown)s. The columns this import reads are listed on this page.")
                % {"unknown": ", ".join(unknown)}
            )
        for group in self.required_groups:
            if not any(name in table.columns for name in group):
                raise FileRefused(
                    _("The file needs a column named %(names)s.") % {"names": _(" or ").join(group)}
                    if len(group) > 1
                    else _("The file needs a column named %(names)s.") % {"names": group[0]}
                )

    def check(self, table: Table) -> list[RowResult]:
        """Every row checked; raises FileRefused when the columns are wrong."""
        self.check_columns(table)
        self.load()
        results = []
        for number, values in table.rows:
            result = RowResult(number=number, values=values)
            data = self.form_data(values, result)
            form = self.make_form(data)
            if form.is_valid():
                self.check_row(form, result)
            else:
                for name, errors in form.errors.items():
                    column = "" if name == "__all__" else name
                    if column and result.has_error(column):
                        continue  # a name not found: said once, not again as "select a valid choice"
                    for message in errors:
                        result.add_error(column, message)
            result.form = form
            results.append(result)
        self.check_together(results)
        return results

    def load(self) -> None:
        """Read what rows are looked up in, once for the whole file."""

    def form_data(self, values: dict[str, str], result: RowResult) -> dict:
        raise NotImplementedError

    def make_form(self, data: dict):
        raise NotImplementedError

    def check_row(self, form, result: RowResult) -> None:
        """Checks beyond the form's, for a row whose form is valid."""

    def check_together(self, results: list[RowResult]) -> None:
        """Checks across rows (the same e-mail address twice in the file)."""

    def lookup_one(self, lookup: Lookup, text: str, column: str, result: RowResult, *, missing, ambiguous):
        """The pk of the one object named ``text``, or None with an error on the row (nothing for an empty cell)."""
        if not text:
            return None
        found = lookup.find(text)
        if isinstance(found, list):
            result.add_error(column, (ambiguous if found else missing) % {"name": text})
            return None
        return found.pk

    def lookup_many(self, lookup: Lookup, text: str, column: str, result: RowResult, *, missing, ambiguous):
        pks = []
        for item in split_list(text):
            pk = self.lookup_one(lookup, item, column, result, missing=missing, ambiguous=ambiguous)
            if pk is not None:
                pks.append(pk)
        return pks

    # --- importing ---

    @transaction.atomic
    def save(self, results: list[RowResult]) -> list:
        """Save every row (all valid) in one transaction; nothing is saved if one fails."""
        if not all(result.ok for result in results):
            raise ValueError("Importer.save takes checked rows without problems only.")
        return [self.save_row(result.form) for result in results]

    def save_row(self, form):
        raise NotImplementedError

    # --- the preview's round trip ---

    def _scope(self) -> dict:
        # Not bound to the user: the rows are only the file's texts, which any editor could upload, and they
        # are checked again with the poster's own rights before anything is imported.
        return {"k": self.kind, "x": self.exchange.pk if self.exchange else None}

    def sign(self, table: Table) -> str:
        return signing.dumps({**self._scope(), "c": table.columns, "r": table.rows}, salt=SIGNING_SALT, compress=True)

    def unsign(self, payload: str) -> Table:
        """The table a preview was made of. Raises FileRefused for an expired or altered preview."""
        try:
            data = signing.loads(payload, salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature as error:
            raise FileRefused(_("This preview has expired or was altered. Upload the file again.")) from error
        if not isinstance(data, dict) or any(data.get(key) != value for key, value in self._scope().items()):
            raise FileRefused(_("This preview has expired or was altered. Upload the file again."))
        return Table(columns=list(data["c"]), rows=[(int(number), dict(values)) for number, values in data["r"]])

    # --- the example file ---

    def example_rows(self) -> list[dict[str, str]]:
        raise NotImplementedError

    def example_file(self, file_format: str) -> tuple[bytes, str]:
        """The example as CSV (UTF-8 with a byte order mark) or XLSX bytes, and its content type."""
        header = [column.name for column in self.columns]
        rows = [[row.get(name, "") for name in header] for row in self.example_rows()]
        if file_format == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
            return ("\ufeff" + out.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = self.kind
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.number_format = "@"  # text: a spreadsheet keeps "09:00" and "+221…" as typed
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
