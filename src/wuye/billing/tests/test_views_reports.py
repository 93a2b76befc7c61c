"""Arrears, reminders, collection and the daily report: right figures, Excel, and who sees them."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wuye.billing import services
from wuye.billing.runs.services import bill_run_start
from wuye.testing import factories as f

from .fixtures import FeeItemFactory

PERIODS = ("2026-01", "2026-02", "2026-03")


@pytest.fixture
def billed(site):
    """Three months of property fee, one of them paid by the owner in cash."""
    FeeItemFactory(community=site.community, name="物业费", start_date=date(2026, 1, 1))
    for period in PERIODS:
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
    home = site.units["owner_home"]
    first = services.outstanding_charges(home.pk).first()
    services.payment_record(unit=home, amount=first.outstanding, method="cash", actor=site.cashier)
    return home


def url(site, name, *args):
    return reverse(f"billing:{name}", args=[site.community.pk, *args])


def workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def test_arrears_ages_what_is_owed_by_building_and_fee_item(client, site, billed):
    client.force_login(site.manager)
    page = client.get(url(site, "arrears"), {"on": "2026-06-30"})
    summary = page.context["summary"]
    assert {g["label"] for g in summary["by_building"]} == {"1", "2"}
    assert [g["label"] for g in summary["by_fee_item"]] == ["物业费"]
    assert summary["total"] == sum(h["owed"] for h in page.context["homes"])
    assert summary["totals"]["91-180"] > 0
    assert "cut" not in page.text.lower().replace("utilities are never cut", "")


def test_arrears_drill_down_to_a_building_and_a_homes_statement(client, site, billed):
    client.force_login(site.manager)
    building = site.buildings[0]
    page = client.get(url(site, "arrears_building", building.pk), {"on": "2026-06-30"})
    labels = [h["label"] for h in page.context["homes"]]
    assert labels and all(label.startswith("1-") for label in labels)
    [owner] = [h for h in page.context["homes"] if h["unit_id"] == billed.pk]
    assert owner["since"] == date(2026, 2, 16)  # January is paid: owing since February
    statement = client.get(url(site, "statement", billed.pk))
    assert [c.period for c in statement.context["statement"].charges] == list(PERIODS)


def test_reminder_notices_are_pdfs_for_a_home_and_a_building(client, site, billed):
    client.force_login(site.frontdesk)
    one = client.get(url(site, "reminder", billed.pk), {"on": "2026-06-30"})
    assert one["Content-Type"] == "application/pdf"
    assert one.content.startswith(b"%PDF")
    batch = client.get(url(site, "reminders_building", site.buildings[0].pk), {"on": "2026-06-30"})
    assert batch.content.startswith(b"%PDF")
    assert batch.content.count(b"/Type /Page\n") == len(
        client.get(
            url(site, "arrears_building", site.buildings[0].pk), {"on": "2026-06-30"}
        ).context["homes"]
    )


def test_arrears_exports_to_excel(client, site, billed):
    client.force_login(site.manager)
    book = workbook(client.get(url(site, "arrears"), {"on": "2026-06-30", "format": "xlsx"}))
    assert book.sheetnames == ["By building", "By fee item", "Homes"]
    assert book["Homes"].max_row > 1


def test_collection_rate_by_building_and_fee_item_with_a_trend_chart(client, site, billed):
    client.force_login(site.manager)
    page = client.get(url(site, "collection"), {"period": "2026-01"})
    report = page.context["report"]
    assert report["collected"] > 0
    assert report["rate"] == (report["collected"] / report["due"]).quantize(Decimal("0.0001"))
    assert "<svg" in page.text
    assert "<script" not in page.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    trend = page.context["trend"]
    assert len(trend) == 12
    assert trend[-1] == {k: report[k] for k in ("due", "collected", "rate")} | {"period": "2026-01"}
    book = workbook(client.get(url(site, "collection"), {"period": "2026-01", "format": "xlsx"}))
    assert book.sheetnames == ["By building", "By fee item", "By period"]


def test_daily_report_reconciles_by_payment_method(client, site, billed):
    services.payment_record(
        unit=site.units["owner2_home"], amount=Decimal("10.00"), method="alipay", actor=site.cashier
    )
    client.force_login(site.cashier)
    page = client.get(url(site, "daily"), {"day": f"{timezone.localdate():%Y-%m-%d}"})
    report = page.context["report"]
    assert {r["method"] for r in report["by_method"]} == {"cash", "alipay"}
    assert report["total"] == sum(p.amount for p in report["payments"])
    book = workbook(client.get(url(site, "daily"), {"format": "xlsx"}))
    assert book["Payments"].max_row == 3


def test_bad_report_filters_fall_back_to_today_and_show_the_error(client, site, billed):
    client.force_login(site.manager)
    page = client.get(url(site, "collection"), {"period": "26-1"})
    assert page.status_code == 200
    assert page.context["form"].errors["period"]


@pytest.mark.parametrize("name", ["arrears", "collection", "daily"])
def test_guard_and_owner_cannot_read_reports(client, site, billed, name):
    for user in (site.guard, site.owner):
        client.force_login(user)
        assert client.get(url(site, name)).status_code == 403


def test_report_pages_keep_their_query_counts_as_homes_grow(client, site, billed):
    client.force_login(site.manager)
    pages = [
        (url(site, "arrears"), {"on": "2026-06-30"}),
        (url(site, "collection"), {"period": "2026-02"}),
        (url(site, "daily"), {}),
    ]
    client.get(pages[0][0])
    with CaptureQueriesContext(connection) as few:
        for path, params in pages:
            client.get(path, params)
    homes = [
        f.UnitFactory(building=f.BuildingFactory(community=site.community, number=f"9{n}"))
        for n in range(6)
    ]
    for period in PERIODS:
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
    for home in homes:
        services.payment_record(
            unit=home, amount=Decimal("1.00"), method="card", actor=site.cashier
        )
    with CaptureQueriesContext(connection) as many:
        for path, params in pages:
            client.get(path, params)
    assert len(many.captured_queries) == len(few.captured_queries)
