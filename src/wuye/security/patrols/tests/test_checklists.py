"""Scans made complete: ordered routes, checklists with typed answers, abnormal points with
their photo, a work order raised once from them, and scans queued on a phone without
network."""

import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from PIL import Image

from wuye.security.patrols import services
from wuye.security.patrols.models import CheckItem, PatrolPhoto, PointStatus, TaskPoint
from wuye.servicedesk.models import WorkOrder

from .conftest import at


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def point_of(task, kind, patrol):
    return task.points.get(route_point__checkpoint=patrol["checkpoints"][kind])


def scan_nfc(site, patrol, **kwargs):
    return services.scan(
        actor=site.guard,
        task=patrol["tasks"][0],
        checkpoint_id=patrol["checkpoints"]["nfc"].pk,
        proof="04A23B1C5D80",
        **kwargs,
    )


def scan_qr(site, patrol):
    return services.scan(
        actor=site.guard,
        task=patrol["tasks"][0],
        checkpoint_id=patrol["checkpoints"]["qr"].pk,
        proof=services.qr_payload(patrol["checkpoints"]["qr"]),
    )


@pytest.fixture
def checks(patrol):
    """The east gate's checklist: a pressure reading, a locked door, the fire lane, a note."""
    point = patrol["route"].points.get(checkpoint=patrol["checkpoints"]["nfc"])
    return {
        "pressure": CheckItem.objects.create(
            route_point=point,
            order=0,
            question="消防水压",
            kind="number",
            unit="MPa",
            min_value=Decimal("0.2"),
            max_value=Decimal("0.6"),
        ),
        "locked": CheckItem.objects.create(
            route_point=point, order=1, question="门已锁好", kind="yes_no", abnormal_answer="no"
        ),
        "lane": CheckItem.objects.create(
            route_point=point,
            order=2,
            question="消防通道",
            kind="choice",
            choices="畅通\n堵塞",
            abnormal_answer="堵塞",
        ),
        "note": CheckItem.objects.create(
            route_point=point, order=3, question="备注", kind="text", required=False
        ),
    }


def answers(checks, pressure=0.4, locked=True, lane="畅通", **extra):
    found = {
        str(checks["pressure"].pk): pressure,
        str(checks["locked"].pk): locked,
        str(checks["lane"].pk): lane,
    }
    found.update(extra)
    return {k: v for k, v in found.items() if v is not None}


# --- Ordered routes ---------------------------------------------------------------------


def test_an_ordered_route_refuses_a_point_while_an_earlier_one_is_open(site, patrol):
    with time_machine.travel(at(9, 5), tick=False):
        refused = scan_qr(site, patrol)
        assert refused.result == "rejected"
        assert "东门" in refused.reason
        assert point_of(patrol["tasks"][0], "qr", patrol).status == PointStatus.PENDING
        assert scan_nfc(site, patrol).result == "on_time"
        assert scan_qr(site, patrol).result == "early"


def test_an_earlier_point_whose_window_closed_does_not_block(site, patrol):
    with time_machine.travel(at(9, 15), tick=False):
        assert scan_qr(site, patrol).result == "on_time"


def test_an_unordered_route_takes_any_order(site, patrol):
    patrol["route"].ordered = False
    patrol["route"].save()
    with time_machine.travel(at(9, 5), tick=False):
        assert scan_qr(site, patrol).result == "early"


# --- Checklists -------------------------------------------------------------------------


def test_normal_answers_are_recorded_with_their_questions(site, patrol, checks):
    with time_machine.travel(at(9, 5), tick=False):
        outcome = scan_nfc(site, patrol, answers=answers(checks, pressure="0.35"))
    assert outcome.result == "on_time"
    point = point_of(patrol["tasks"][0], "nfc", patrol)
    assert point.abnormal is False
    recorded = point.answers[str(checks["pressure"].pk)]
    assert recorded == {"question": "消防水压", "answer": 0.35, "unit": "MPa", "abnormal": False}
    assert point.answers[str(checks["locked"].pk)]["answer"] is True


@pytest.mark.parametrize(
    "given",
    [
        {"pressure": None},  # a required answer missing
        {"pressure": "abc"},  # not a number
        {"pressure": True},  # a yes for a number
        {"locked": "maybe"},  # neither yes nor no
        {"lane": "半通"},  # a choice not offered
        {"lane": 3},  # not a choice at all
    ],
)
def test_a_bad_answer_is_refused_and_changes_nothing(site, patrol, checks, given):
    with time_machine.travel(at(9, 5), tick=False):
        outcome = scan_nfc(site, patrol, answers=answers(checks, **given))
    assert outcome.result == "rejected" and outcome.reason
    point = point_of(patrol["tasks"][0], "nfc", patrol)
    assert (point.status, point.answers, point.abnormal) == (PointStatus.PENDING, {}, False)


def test_an_answer_to_a_question_not_asked_is_refused(site, patrol, checks):
    with time_machine.travel(at(9, 5), tick=False):
        outcome = scan_nfc(site, patrol, answers=answers(checks, **{"999999": "x"}))
    assert outcome.result == "rejected"


@pytest.mark.parametrize(
    "given", [{"pressure": 0.1}, {"pressure": 0.61}, {"locked": False}, {"lane": "堵塞"}]
)
def test_an_abnormal_answer_calls_for_a_photo(site, patrol, checks, given, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    task = patrol["tasks"][0]
    with time_machine.travel(at(9, 5), tick=False):
        refused = scan_nfc(site, patrol, answers=answers(checks, **given))
        assert refused.result == "rejected"
        assert point_of(task, "nfc", patrol).status == PointStatus.PENDING
        photo = services.photo_add(actor=site.guard, task=task, data=png())
        outcome = scan_nfc(site, patrol, answers=answers(checks, **given), photo_ids=[photo.pk])
    assert outcome.result == "on_time"
    point = point_of(task, "nfc", patrol)
    assert point.abnormal is True
    assert list(point.photos.all()) == [photo]


def test_a_photo_of_another_task_or_already_used_is_refused(
    site, patrol, checks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    other = patrol["tasks"][1]
    with time_machine.travel(at(9, 5), tick=False):
        photo = PatrolPhoto.objects.create(
            task=other, image_format="PNG", size=1, uploaded_by=site.guard, file="x.png"
        )
        outcome = scan_nfc(site, patrol, answers=answers(checks, pressure=9), photo_ids=[photo.pk])
    assert outcome.result == "rejected"


def test_a_photo_is_checked_by_its_content(site, patrol, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(at(9, 5), tick=False), pytest.raises(ValidationError):
        services.photo_add(actor=site.guard, task=patrol["tasks"][0], data=b"GIF89a not a photo")
    assert PatrolPhoto.objects.count() == 0


def test_a_checklist_item_is_checked_in_the_admin(patrol):
    point = patrol["route"].points.first()
    with pytest.raises(ValidationError):
        CheckItem(route_point=point, question="q", kind="choice").full_clean()
    with pytest.raises(ValidationError):
        CheckItem(
            route_point=point, question="q", kind="yes_no", abnormal_answer="maybe"
        ).full_clean()


# --- A work order from an abnormal point ------------------------------------------------


def test_an_abnormal_point_raises_one_work_order(site, patrol, checks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    task = patrol["tasks"][0]
    with time_machine.travel(at(9, 5), tick=False):
        photo = services.photo_add(actor=site.guard, task=task, data=png())
        scan_nfc(site, patrol, answers=answers(checks, lane="堵塞"), photo_ids=[photo.pk])
        point = point_of(task, "nfc", patrol)
        order = services.point_raise_work_order(actor=site.guard, point=point)
        again = services.point_raise_work_order(actor=site.users["security"], point=point)
    assert again.pk == order.pk and WorkOrder.objects.count() == 1
    assert "东门" in order.description and "堵塞" in order.description
    assert order.photos.count() == 1
    assert TaskPoint.objects.get(pk=point.pk).work_order_id == order.pk


def test_a_normal_point_raises_no_work_order(site, patrol):
    with time_machine.travel(at(9, 5), tick=False):
        scan_nfc(site, patrol)
        with pytest.raises(ValidationError):
            services.point_raise_work_order(
                actor=site.guard, point=point_of(patrol["tasks"][0], "nfc", patrol)
            )
    assert WorkOrder.objects.count() == 0


# --- Scans queued without network -------------------------------------------------------


def test_a_queued_scan_sent_soon_after_keeps_its_time(site, patrol):
    with time_machine.travel(at(11), tick=False):  # the last window closed at 10:10
        outcome = scan_nfc(site, patrol, scanned_at=at(9, 5))
    assert outcome.result == "on_time"
    assert point_of(patrol["tasks"][0], "nfc", patrol).scanned_at == at(9, 5)


def test_a_queued_scan_sent_long_after_the_patrol_is_kept_as_late(site, patrol):
    services.sweep_missed(at(11))
    assert point_of(patrol["tasks"][0], "nfc", patrol).status == PointStatus.MISSED
    with time_machine.travel(at(15), tick=False):  # past 10:10 and the two hours allowed
        outcome = scan_nfc(site, patrol, scanned_at=at(9, 5))
    assert outcome.result == "late" and outcome.reason
    point = point_of(patrol["tasks"][0], "nfc", patrol)
    assert (point.status, point.scanned_at) == (PointStatus.LATE, at(9, 5))
