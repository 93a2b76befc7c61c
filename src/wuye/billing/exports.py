"""Billing reports as Excel workbooks: one sheet per table, amounts as numbers in yuan."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"


class Money(float):
    """An amount in yuan; written with two decimals."""


class Rate(float):
    """A fraction; written as a percentage."""


def _cell(ws, value):
    if isinstance(value, Promise):  # a translated choice label
        value = str(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, Money):
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, Rate):
        cell.number_format = RATE_FORMAT
    return cell


def workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """A workbook of (title, header, rows) sheets with a bold, frozen header row."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = book.create_sheet(title[:31])
        for index, name in enumerate(header, start=1):
            ws.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 4)
        ws.freeze_panes = "A2"
        head = []
        for name in header:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = Font(bold=True)
            head.append(cell)
        ws.append(head)
        for row in rows:
            ws.append([_cell(ws, v) for v in row])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def response(content: bytes, filename: str) -> HttpResponse:
    reply = HttpResponse(content, content_type=XLSX)
    reply["Content-Disposition"] = f'attachment; filename="{filename}"'
    return reply


def _figures(row: dict) -> list:
    return [Money(row["due"]), Money(row["collected"]), Rate(row["rate"])]


def collection_book(report: dict, trend: list[dict]) -> bytes:
    figures = [_("Receivable (¥)"), _("Collected (¥)"), _("Collection rate")]
    return workbook(
        [
            (
                _("By building"),
                [_("Building"), *figures],
                [[r["building"], *_figures(r)] for r in report["by_building"]]
                + [[_("Total"), *_figures(report)]],
            ),
            (
                _("By fee item"),
                [_("Fee item"), *figures],
                [[r["fee_item"], *_figures(r)] for r in report["by_fee_item"]]
                + [[_("Total"), *_figures(report)]],
            ),
            (_("By period"), [_("Period"), *figures], [[r["period"], *_figures(r)] for r in trend]),
        ]
    )


def daily_book(report: dict) -> bytes:
    return workbook(
        [
            (
                _("By method"),
                [_("Method"), _("Payments"), _("Amount (¥)"), _("Voided")],
                [
                    [r["label"], r["count"], Money(r["amount"]), r["voided"]]
                    for r in report["by_method"]
                ]
                + [[_("Total"), report["count"], Money(report["total"]), None]],
            ),
            (
                _("Payments"),
                [
                    _("Receipt number"),
                    _("Time"),
                    _("Home"),
                    _("Method"),
                    _("Amount (¥)"),
                    _("Status"),
                    _("Cashier"),
                ],
                [
                    [
                        p.receipt_number,
                        timezone.localtime(p.received_at).replace(tzinfo=None),
                        p.unit.label,
                        p.get_method_display(),
                        Money(p.amount),
                        p.get_status_display(),
                        (p.cashier.get_full_name() or p.cashier.get_username())
                        if p.cashier
                        else "",
                    ]
                    for p in report["payments"]
                ],
            ),
        ]
    )


def arrears_book(summary: dict, homes: list[dict], bucket_labels: list[str]) -> bytes:
    head = [*bucket_labels, _("Total (¥)")]

    def figures(group: dict) -> list:
        return [Money(group["buckets"][n]) for n in summary["bucket_names"]] + [
            Money(group["total"])
        ]

    return workbook(
        [
            (
                _("By building"),
                [_("Building"), *head],
                [[g["label"], *figures(g)] for g in summary["by_building"]],
            ),
            (
                _("By fee item"),
                [_("Fee item"), *head],
                [[g["label"], *figures(g)] for g in summary["by_fee_item"]],
            ),
            (
                _("Homes"),
                [_("Home"), _("Owed (¥)"), _("Oldest due"), _("Days past due")],
                [[h["label"], Money(h["owed"]), h["since"], h["days"]] for h in homes],
            ),
        ]
    )
