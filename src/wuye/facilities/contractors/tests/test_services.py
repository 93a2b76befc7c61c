"""Contractors, their contracts, inspections scored against the template, re-checks."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from wuye.core.models import AuditEntry
from wuye.facilities.contractors import queries, services
from wuye.facilities.contractors.models import Inspection, Score

from .fixtures import full_marks, inspect, jpeg

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def deduction(points=6, deadline=date(2026, 6, 12), photo=True):
    return {"points": points, "photo": jpeg() if photo else None, "rectify_by": deadline}


def test_an_inspection_scores_every_item_of_the_template(site, cleaner):
    inspection = inspect(site, cleaner, date(2026, 6, 10), 楼道地面=deduction(6))

    assert inspection.max_score == 100
    assert inspection.score == 96
    cut = Score.objects.get(inspection=inspection, points__lt=10)
    assert cut.name == "楼道地面" and cut.deducted == 4
    assert cut.photo.name.endswith(".jpg") and cut.rectify_by == date(2026, 6, 12)
    assert Score.objects.filter(inspection=inspection).count() == 9


def test_a_deduction_without_a_photo_is_refused_and_nothing_is_kept(site, cleaner):
    with pytest.raises(ValidationError) as refused:
        inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=deduction(5, photo=False))

    assert "photo" in str(refused.value.message_dict)
    assert not Inspection.objects.exists() and not Score.objects.exists()


def test_a_deduction_needs_a_deadline_and_a_real_photo(site, cleaner):
    no_deadline = {"points": 5, "photo": jpeg(), "rectify_by": None}
    fake_photo = {"points": 5, "photo": b"not an image", "rectify_by": date(2026, 6, 12)}
    for cut in (no_deadline, fake_photo):
        with pytest.raises(ValidationError):
            inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=cut)
    assert not Inspection.objects.exists()


@pytest.mark.parametrize("points", [-1, 11, 100])
def test_points_out_of_range_are_refused(site, cleaner, points):
    with pytest.raises(ValidationError) as refused:
        inspect(site, cleaner, date(2026, 6, 10), 楼道地面={"points": points})

    assert "0 to 10" in str(refused.value.message_dict) or "0" in str(refused.value)
    assert not Inspection.objects.exists()


def test_every_item_must_be_scored_once(site, cleaner):
    scores = full_marks(cleaner)[1:]
    with pytest.raises(ValidationError):
        services.inspection_record(
            actor=site.engineer, contractor=cleaner, inspected_on=date(2026, 6, 10), scores=scores
        )
    assert not Inspection.objects.exists()


def test_only_the_keepers_inspect(site, cleaner):
    from django.core.exceptions import PermissionDenied

    for who in ("frontdesk", "electrician", "guard", "other_manager"):
        with pytest.raises(PermissionDenied):
            services.inspection_record(
                actor=getattr(site, who),
                contractor=cleaner,
                inspected_on=date(2026, 6, 10),
                scores=full_marks(cleaner),
            )
    assert not Inspection.objects.exists()


def test_a_deduction_past_its_deadline_is_overdue_until_rectified(site, cleaner):
    inspection = inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=deduction(5))
    cut = Score.objects.get(inspection=inspection, points=5)
    today = date(2026, 6, 15)

    assert cut.overdue(today)
    assert Score.objects.filter(queries.overdue(today)).get() == cut
    services.deduction_recheck(
        actor=site.engineer, score=cut, rechecked_on=date(2026, 6, 13), rectified=False
    )
    cut.refresh_from_db()
    assert cut.overdue(today)

    services.deduction_recheck(
        actor=site.engineer, score=cut, rechecked_on=date(2026, 6, 15), rectified=True
    )
    cut.refresh_from_db()
    assert not cut.overdue(today)
    assert not Score.objects.filter(queries.overdue(today)).exists()
    assert AuditEntry.objects.filter(action="contractor.recheck").count() == 2


def test_a_recheck_in_the_future_or_of_full_marks_is_refused(site, cleaner):
    inspection = inspect(site, cleaner, date(2026, 6, 10), 垃圾桶=deduction(5))
    cut = Score.objects.get(inspection=inspection, points=5)
    full = Score.objects.filter(inspection=inspection, points=10).first()

    with pytest.raises(ValidationError):
        services.deduction_recheck(
            actor=site.engineer, score=cut, rechecked_on=date(2026, 6, 16), rectified=True
        )
    with pytest.raises(ValidationError):
        services.deduction_recheck(
            actor=site.engineer, score=full, rechecked_on=date(2026, 6, 14), rectified=True
        )
    cut.refresh_from_db()
    assert cut.rechecked_on is None and cut.rectified is None


def test_the_monthly_scorecard_averages_and_counts(site, cleaner):
    # May: 96 and 90 -> 93.0, both deductions put right, one of them late.
    first = inspect(site, cleaner, date(2026, 5, 5), 楼道地面=deduction(6, date(2026, 5, 8)))
    second = inspect(
        site,
        cleaner,
        date(2026, 5, 20),
        垃圾清运=deduction(5, date(2026, 5, 25)),
    )
    # June: 75, below the contract's pass score of 85, both deductions overdue.
    inspect(
        site,
        cleaner,
        date(2026, 6, 2),
        道路广场=deduction(0, date(2026, 6, 9)),
        楼道地面=deduction(0, date(2026, 6, 9)),
    )
    on_time = Score.objects.get(inspection=first, points=6)
    late = Score.objects.get(inspection=second, points=5)
    services.deduction_recheck(
        actor=site.engineer, score=on_time, rechecked_on=date(2026, 5, 8), rectified=True
    )
    services.deduction_recheck(
        actor=site.engineer, score=late, rechecked_on=date(2026, 5, 28), rectified=True
    )

    may, june = queries.scorecard(cleaner, [date(2026, 5, 1), date(2026, 6, 1)], date(2026, 6, 15))

    assert (may.inspections, may.average, may.deductions) == (2, Decimal("93.0"), 2)
    assert (may.rectified_on_time, may.overdue, may.passed) == (1, 0, True)
    assert (june.inspections, june.average, june.deductions) == (1, Decimal("75.0"), 2)
    assert (june.rectified_on_time, june.overdue, june.passed) == (0, 2, False)


def test_a_contract_that_ends_before_it_starts_changes_nothing(site, cleaner):
    with pytest.raises(ValidationError) as refused:
        services.contract_save(
            actor=site.engineer,
            contractor=cleaner,
            scope="x",
            starts_on=date(2026, 7, 1),
            ends_on=date(2026, 6, 1),
            monthly_fee="-1",
            pass_score=101,
        )
    assert set(refused.value.message_dict) == {"ends_on", "monthly_fee", "pass_score"}
    assert cleaner.contracts.count() == 1
