"""Billing reports as Excel workbooks: one sheet per table (`wuye.core.spreadsheets`)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.people import display_name
from wuye.core.spreadsheets import Money, Rate, workbook


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
                        display_name(p.cashier),
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
