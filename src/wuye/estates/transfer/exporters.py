"""Writing the register to Excel: blank templates, filtered exports and error reports.

An export has the columns of the template, so a downloaded list re-imports as "unchanged".
Lists come from the register's queries (already scoped to the user) as plain values: a
fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from wuye.core import audit, crypto, policy
from wuye.core.models import Community
from wuye.core.spreadsheets import written
from wuye.core.uploads import MAX_ROWS
from wuye.core.validators import clean_text

from .. import queries
from ..models import Residency
from ..privacy import phone_for
from .columns import ERRORS_HEADER, Column, Kind
from .importers import ImportReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="9C0006")
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
ERROR_FONT = Font(color="9C0006")


def _layout(ws, kind: Kind) -> None:
    """Column widths, text format where Excel would mangle digits, and a frozen header."""
    for index, column in enumerate(kind.columns, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.is_text:
            dimension.number_format = "@"
    ws.freeze_panes = "A2"


def _header_cell(ws, column: Column) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=column.header)
    cell.font = REQUIRED_FONT if column.required else HEADER_FONT
    if column.help:
        cell.comment = Comment(column.help, "Wuye", width=260, height=110)
    return cell


def _cell(ws, column: Column, value: Any) -> WriteOnlyCell:
    value = column.write(value)
    return written(ws, value, column.number_format if value not in (None, "") else None)


def _sheet(book: Workbook, kind: Kind, rows: Iterable[tuple], title: str | None = None):
    """A sheet of `kind`: the template's header, then `rows` in the columns' order."""
    ws = book.create_sheet(title or kind.sheet)
    _layout(ws, kind)
    ws.append([_header_cell(ws, c) for c in kind.columns])
    for row in rows:
        ws.append([_cell(ws, c, v) for c, v in zip(kind.columns, row, strict=True)])
    return ws


# ---- templates -------------------------------------------------------------------------


def register_template(kinds: list[Kind]) -> bytes:
    """An empty workbook to fill in: one sheet per kind, and a sample sheet beside each."""
    book = Workbook()
    book.remove(book.active)
    for kind in kinds:
        _choice_lists(_sheet(book, kind, []), kind)
        samples = max(len(c.sample) for c in kind.columns)
        rows = [
            tuple(c.sample[i] if i < len(c.sample) else "" for c in kind.columns)
            for i in range(samples)
        ]
        _sheet(book, kind, rows, title=f"{kind.sheet}(示例)")
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _choice_lists(ws, kind: Kind) -> None:
    """Drop-down lists on the choice columns; other spellings only draw a warning."""
    for index, column in enumerate(kind.columns, start=1):
        if column.choice is None:
            continue
        validation = DataValidation(
            type="list",
            formula1='"{}"'.format(",".join(column.choice.labels.values())),
            allow_blank=True,
            errorStyle="warning",
            error=column.help,
            showErrorMessage=True,
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        ws.add_data_validation(validation)


# ---- exports ---------------------------------------------------------------------------


def register_export(
    *,
    actor,
    community: Community,
    kind: Kind,
    params,
    reason: str = "",
    full_id_numbers: bool = False,
) -> tuple[str, IO[bytes]]:
    """The filtered list of `kind` as a workbook: (file name, file positioned at its start).

    Residents are personal data: their export needs a reason, kept in the audit trail with
    the export. ID-card numbers are masked unless `full_id_numbers` is asked for by a user
    who may read them. Mobiles are masked for roles that do not need them.
    """
    policy.require_perm(actor, "register.export", community.pk)
    if kind.slug == "residents":
        rows = _resident_rows(
            actor, community, params, reason=reason, full_id_numbers=full_id_numbers
        )
    else:
        rows = EXPORTS[kind.slug](actor, community, params)
    book = Workbook(write_only=True)
    _sheet(book, kind, rows)
    output = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115
    book.save(output)
    output.seek(0)
    filename = f"{community.code}-{kind.sheet}-{timezone.localdate():%Y%m%d}.xlsx"
    return filename, output


def _building_rows(user, community: Community, params) -> Iterator[tuple]:
    return (
        queries.building_list(user, community.pk, params)
        .values_list("number", "name", "kind", "floors", "lifts")
        .iterator(chunk_size=2000)
    )


def _unit_rows(user, community: Community, params) -> Iterator[tuple]:
    return (
        queries.unit_list(user, community.pk, params)
        .values_list(
            "building__number",
            "entrance",
            "floor",
            "number",
            "building_area",
            "inner_area",
            "use",
            "occupancy",
        )
        .iterator(chunk_size=2000)
    )


def _vehicle_rows(user, community: Community, params) -> Iterator[tuple]:
    rows = queries.vehicle_list(user, community.pk, params).values_list(
        "plate", "resident__name", "resident__mobile", "description"
    )
    for plate, name, mobile, description in rows.iterator(chunk_size=2000):
        yield plate, name, phone_for(user, mobile or "", community.pk), description


def _parking_rows(user, community: Community, params) -> Iterator[tuple]:
    return (
        queries.parking_space_list(user, community.pk, params)
        .values_list(
            "number",
            "zone",
            "kind",
            "unit__building__number",
            "unit__entrance",
            "unit__number",
            "vehicle__plate",
        )
        .iterator(chunk_size=2000)
    )


def _resident_rows(
    user, community: Community, params, *, reason: str, full_id_numbers: bool
) -> list[tuple]:
    """One row per person and current home; a person without a home gets one row.

    Refused without a reason; full ID-card numbers only for roles that may read them. The
    export is audited with its reason, its filters and how many full numbers it holds.
    """
    reason = clean_text(reason)
    if not reason:
        raise ValidationError(
            {"reason": [_("Say why you need the residents' list; the reason is kept on record.")]}
        )
    if full_id_numbers:
        policy.require_perm(user, "resident.view_id_number", community.pk)
    people = queries.resident_list(user, community.pk, params)
    homes: dict[int, list[tuple]] = {}
    residencies = (
        Residency.objects.current()
        .filter(resident_id__in=people.values("pk"))
        .order_by("resident_id", "unit__building__number", "unit__entrance", "unit__number")
        .values_list(
            "resident_id",
            "unit__building__number",
            "unit__entrance",
            "unit__number",
            "relation",
            "start_date",
        )
    )
    for resident_id, *home in residencies:
        homes.setdefault(resident_id, []).append(tuple(home))
    fields = ("pk", "name", "mobile", "id_number_cipher", "id_number_masked")
    details = ("emergency_contact", "emergency_phone", "notes", "needs_attention")
    rows, revealed = [], 0
    for pk, name, mobile, cipher, masked, contact, phone, *rest in people.values_list(
        *fields, *details
    ):
        if full_id_numbers and cipher:
            id_number = crypto.decrypt(cipher)
            revealed += 1
        else:
            id_number = masked
        mobile, phone = (phone_for(user, number, community.pk) for number in (mobile, phone))
        for home in homes.get(pk, [("", "", "", None, None)]):
            rows.append((name, mobile, id_number, *home, contact, phone, *rest))
    audit.record(
        actor=user,
        action="resident.id_numbers_exported" if full_id_numbers else "resident.exported",
        obj=community,
        changes={
            "reason": reason,
            "rows": len(rows),
            "id_numbers": revealed,
            "filters": {k: v for k, v in params.items() if v},
        },
    )
    return rows


EXPORTS = {
    "buildings": _building_rows,
    "units": _unit_rows,
    "vehicles": _vehicle_rows,
    "parking": _parking_rows,
}


# ---- error reports ---------------------------------------------------------------------


def error_workbook(report: ImportReport) -> bytes:
    """The uploaded sheets with an error column: fix the marked rows and upload it again."""
    book = Workbook(write_only=True)
    by_row: dict[tuple[str, int], list] = {}
    for error in report.errors:
        by_row.setdefault((error.sheet, error.row), []).append(error)
    for sheet in report.sheets:
        ws = book.create_sheet(sheet.title)
        headers = {index: column.header for index, column in sheet.columns.items()}
        for index in range(sheet.width):
            ws.column_dimensions[get_column_letter(index + 1)].width = 14
        ws.column_dimensions[get_column_letter(sheet.width + 1)].width = 60
        ws.freeze_panes = f"A{sheet.header_row + 1}"
        last = 0
        for number, cells in [*sheet.top, *sheet.rows]:
            for _gap in range(last + 1, number):
                ws.append([])
            last = number
            errors = by_row.get((sheet.title, number), [])
            bad = {e.header for e in errors}
            row: list[Any] = []
            for index in range(sheet.width):
                value = cells[index] if index < len(cells) else None
                cell = written(ws, value)
                if headers.get(index) in bad:
                    cell.fill = ERROR_FILL
                row.append(cell)
            if number == sheet.header_row:
                note = WriteOnlyCell(ws, value=ERRORS_HEADER)
                note.font = REQUIRED_FONT
                row.append(note)
            elif errors:
                note = WriteOnlyCell(
                    ws, value="\n".join(f"{e.header}: {e.message}" for e in errors)
                )
                note.font = ERROR_FONT
                note.alignment = Alignment(wrap_text=True, vertical="top")
                row.append(note)
            ws.append(row)
    output = BytesIO()
    book.save(output)
    return output.getvalue()
