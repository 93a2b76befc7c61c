"""Bill-run pages: preview a period, start the run, follow its progress honestly."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from wuye.billing.models import BillRun, Charge
from wuye.billing.runs.tasks import generate_bill_run

from .fixtures import FeeItemFactory


@pytest.fixture
def fee(site):
    return FeeItemFactory(community=site.community, name="物业费", unit_price=Decimal("1.00"))


def url(site, name, *args):
    return reverse(f"billing:{name}", args=[site.community.pk, *args])


def test_preview_counts_and_totals_by_building_and_fee_item(client, site, fee):
    client.force_login(site.manager)
    response = client.get(url(site, "runs"), {"period": "2026-04"})
    preview = response.context["preview"]
    assert preview["charges"] == 4  # the residential homes of the two buildings
    assert {r["label"] for r in preview["by_building"]} == {"1", "2"}
    assert [r["label"] for r in preview["by_fee_item"]] == ["物业费"]
    assert Charge.objects.count() == 0


def test_a_period_not_as_yyyy_mm_is_a_field_error(client, site, fee):
    client.force_login(site.manager)
    response = client.get(url(site, "runs"), {"period": "2026-13"})
    assert response.context["form"].errors["period"]
    assert response.context["preview"] is None
    started = client.post(url(site, "run_start"), {"period": "April"})
    assert started.status_code == 400
    assert BillRun.objects.count() == 0


def test_started_run_shows_queued_until_the_worker_runs_it_then_done(
    client, site, fee, django_capture_on_commit_callbacks
):
    client.force_login(site.manager)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url(site, "run_start"), {"period": "2026-04"})
    run = BillRun.objects.get()
    assert response.url == url(site, "run", run.pk)
    progress = client.get(url(site, "run_progress", run.pk))
    assert 'data-status="queued"' in progress.text
    assert 'hx-trigger="every 1s"' in progress.text
    generate_bill_run.call(run.pk)
    done = client.get(url(site, "run_progress", run.pk))
    assert 'data-status="finished"' in done.text
    assert "hx-trigger" not in done.text
    assert run.charges.count() == 4


def test_a_charged_period_offers_no_generate_button_and_is_not_started_again(client, site, fee):
    client.force_login(site.manager)
    client.post(url(site, "run_start"), {"period": "2026-04"})
    generate_bill_run.call(BillRun.objects.get().pk)
    page = client.get(url(site, "runs"), {"period": "2026-04"})
    assert page.context["preview"]["charges"] == 0
    assert 'id="generate"' not in page.text
    assert 'id="nothing-to-generate"' in page.text
    again = client.post(url(site, "run_start"), {"period": "2026-04"})
    assert again.status_code == 400
    assert "Nothing new to charge for 2026-04" in again.context["form"].errors["period"][0]
    assert BillRun.objects.count() == 1
    assert Charge.objects.count() == 4


def test_a_period_with_charges_to_make_offers_the_generate_button(client, site, fee):
    client.force_login(site.manager)
    page = client.get(url(site, "runs"), {"period": "2026-04"})
    assert 'id="generate"' in page.text
    assert 'id="nothing-to-generate"' not in page.text


QUEUED_AT = datetime(2026, 4, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a_queued_run_no_worker_has_taken_says_so_once_30_seconds_have_passed(
    client, site, fee, django_capture_on_commit_callbacks
):
    client.force_login(site.manager)
    with time_machine.travel(QUEUED_AT, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=False):
            client.post(url(site, "run_start"), {"period": "2026-04"})
        run = BillRun.objects.get()
        clock.shift(timedelta(seconds=30))
        waiting = client.get(url(site, "run_progress", run.pk))
        assert 'id="run-unclaimed"' not in waiting.text
        clock.shift(timedelta(seconds=1))
        unclaimed = client.get(url(site, "run", run.pk))
        assert 'id="run-unclaimed"' in unclaimed.text
        assert "<code>wuye db_worker</code>" in unclaimed.text
        # the page keeps following the run: once a worker takes it, the warning goes
        assert 'hx-trigger="every 1s"' in unclaimed.text
        generate_bill_run.call(run.pk)
        done = client.get(url(site, "run_progress", run.pk))
    assert 'id="run-unclaimed"' not in done.text
    assert 'data-status="finished"' in done.text


def test_a_run_a_worker_has_started_is_not_reported_as_unclaimed(client, site, fee):
    with time_machine.travel(QUEUED_AT, tick=False) as clock:
        run = BillRun.objects.create(community=site.community, period="2026-04")
        clock.shift(timedelta(minutes=5))
        BillRun.objects.filter(pk=run.pk).update(
            status=BillRun.Status.RUNNING, started_at=QUEUED_AT + timedelta(minutes=4)
        )
        client.force_login(site.manager)
        page = client.get(url(site, "run_progress", run.pk))
    assert 'data-status="running"' in page.text
    assert 'id="run-unclaimed"' not in page.text


def test_failed_run_says_so_and_offers_resume(client, site, fee):
    run = BillRun.objects.create(
        community=site.community, period="2026-04", status=BillRun.Status.FAILED, error="boom"
    )
    client.force_login(site.manager)
    page = client.get(url(site, "run", run.pk))
    assert 'data-status="failed"' in page.text
    assert "boom" in page.text
    client.post(url(site, "run_resume", run.pk))
    run.refresh_from_db()
    assert run.status == BillRun.Status.FINISHED
    assert run.charges_created == 4


def test_cashier_sees_runs_but_cannot_preview_or_start_one(client, site, fee):
    client.force_login(site.cashier)
    page = client.get(url(site, "runs"), {"period": "2026-04"})
    assert page.status_code == 200
    assert page.context["preview"] is None
    assert client.post(url(site, "run_start"), {"period": "2026-04"}).status_code == 403
    assert BillRun.objects.count() == 0


def test_guard_cannot_see_bill_runs(client, site, fee):
    client.force_login(site.guard)
    assert client.get(url(site, "runs")).status_code == 403


def test_fee_standards_page_lists_method_price_and_cycle(client, site, fee):
    client.force_login(site.cashier)
    page = client.get(url(site, "fees"))
    assert "物业费" in page.text
    assert "Building area × unit price" in page.text
    assert "every month" in page.text
    client.force_login(site.admin)
    assert client.get(url(site, "fees")).status_code == 200
    client.force_login(site.guard)
    assert client.get(url(site, "fees")).status_code == 403
