"""Receiving requests, priced items, complaints, photos, spot checks and who hears what."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from wuye.core.models import Notification
from wuye.servicedesk import services
from wuye.servicedesk.models import (
    CallBack,
    DeskSettings,
    PriceListItem,
    SpotCheck,
    WorkOrder,
    WorkOrderEvent,
)
from wuye.servicedesk.workflow import InvalidTransition

from .fixtures import MONDAY_10, order_in, step, submit

pytestmark = pytest.mark.django_db


def photo(kind: str = "JPEG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(buffer, kind)
    return buffer.getvalue()


# ---- numbers and receipt -------------------------------------------------------------------


def test_numbers_run_per_community_and_day_without_gaps(site):
    first = submit(site)
    second = submit(site, at=MONDAY_10 + timedelta(hours=3))
    with pytest.raises(ValidationError):
        submit(site, description="")  # refused: its number is given back
    third = submit(site, at=MONDAY_10 + timedelta(hours=5))
    next_day = submit(site, at=MONDAY_10 + timedelta(days=1))
    assert [o.number for o in (first, second, third, next_day)] == [
        "BDX-20261123-0001",
        "BDX-20261123-0002",
        "BDX-20261123-0003",
        "BDX-20261124-0001",
    ]


def test_receiving_a_call_takes_three_statements(site):
    """The number, the order, its two events: the configuration comes from the cache, and
    an order of today changes no summarised day."""

    def call():
        return services.work_order_submit(
            actor=site.frontdesk,
            community=site.community,
            category="repair_home",
            subcategory="plumbing",
            channel="hotline",
            description="The kitchen tap drips",
            unit=site.units["owner_home"],
        )

    call()
    with CaptureQueriesContext(connection) as queries:
        order = call()
    statements = [
        q["sql"].split()[0:3]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert [" ".join(words) for words in statements] == [
        'INSERT INTO "servicedesk_workordercounter"',
        'INSERT INTO "servicedesk_workorder"',
        'INSERT INTO "servicedesk_workorderevent"',
    ]
    assert order.number == f"BDX-{timezone.localdate():%Y%m%d}-0002"
    assert list(order.events.values_list("action", "from_status", "to_status")) == [
        ("submit", "", "submitted"),
        ("accept", "submitted", "accepted"),
    ]


def test_timeline_rows_are_never_changed_or_deleted(site):
    event = submit(site).events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        WorkOrderEvent.objects.all().update(note="changed")


def test_staff_take_a_call_for_a_resident_whose_contact_fills_in(site):
    order = services.work_order_submit(
        actor=site.frontdesk,
        community=site.community,
        category="complaint",
        subcategory="noise",
        channel="hotline",
        description="Drilling after 22:00 above us",
        unit=site.units["owner2_home"],
        reporter_resident=site.residents["owner2"],
        complainant_type="shouting",
        at=MONDAY_10,
    )
    assert (order.contact_name, order.contact_phone) == ("Zhang Wei", "13912340003")
    assert order.status == "accepted"
    # A complaint says when and by whom the reply will come.
    assert order.responder == site.frontdesk
    assert order.reply_promised_at == MONDAY_10 + timedelta(hours=24)


def test_a_guard_on_patrol_reports_a_common_area_problem(site):
    order = services.work_order_submit(
        actor=site.guard,
        community=site.community,
        category="repair_common",
        subcategory="electrical",
        channel="patrol",
        description="Stairwell light out, building 2 entrance 1",
        location="Building 2, entrance 1, 3rd floor",
        at=MONDAY_10,
    )
    # A guard may report but not accept: the front desk receives it.
    assert order.status == "submitted"
    assert order.unit is None


def test_people_outside_the_community_cannot_report_there(site):
    with pytest.raises(PermissionDenied):
        services.work_order_submit(
            actor=site.other_manager,
            community=site.community,
            category="enquiry",
            channel="hotline",
            description="?",
            location="Gate",
        )
    with pytest.raises(PermissionDenied):
        submit(site, unit=site.units["owner2_home"])


# ---- resolving, paying, calling back --------------------------------------------------------


def test_priced_items_make_the_amount_owed(site):
    DeskSettings.objects.create(community=site.community, off_list_items_allowed=True)
    washer = PriceListItem.objects.create(
        community=site.community, name="Tap washer", unit="piece", price="3.35"
    )
    order = order_in(site, "in_progress")
    order = services.work_order_resolve(
        order=order,
        result="Washers replaced, pipe joint resealed",
        items=[
            {"price_item_id": washer.pk, "quantity": 3},
            {"name": "Sealant", "unit": "tube", "unit_price": "12.5", "quantity": "0.5"},
        ],
        actor=site.electrician,
        at=MONDAY_10 + timedelta(hours=2),
    )
    # 3 × 3.35 = 10.05; 0.5 × 12.50 = 6.25
    assert order.amount_owed == Decimal("16.30")
    assert [(i.name, str(i.amount)) for i in order.items.all()] == [
        ("Tap washer", "10.05"),
        ("Sealant", "6.25"),
    ]


def test_items_not_on_this_communitys_list_are_refused(site):
    theirs = PriceListItem.objects.create(
        community=site.other, name="Tap washer", unit="piece", price="3.00"
    )
    order = order_in(site, "in_progress")
    with pytest.raises(ValidationError) as refused:
        services.work_order_resolve(
            order=order,
            result="Done",
            items=[{"price_item_id": theirs.pk, "quantity": 1}],
            actor=site.electrician,
        )
    assert "items.0" in refused.value.message_dict
    order.refresh_from_db()
    assert order.status == "in_progress" and not order.items.exists()


def test_call_back_records_the_answer_and_counts_rework(site):
    order = order_in(site, "resolved")
    order = services.work_order_visit(
        order=order,
        satisfied=False,
        method="phone",
        score=2,
        note="Still drips at night",
        actor=site.frontdesk,
        at=MONDAY_10 + timedelta(hours=3),
    )
    assert (order.status, order.rework_count, order.resolved_at) == ("dispatched", 1, None)
    assert order.resolution_due_at == MONDAY_10 + timedelta(hours=27)
    callback = CallBack.objects.get(order=order)
    assert (callback.satisfied, callback.score, callback.by) == (False, 2, site.frontdesk)


def test_owner_reopens_within_the_communitys_days_only(site):
    order = order_in(site, "closed")
    late = MONDAY_10 + timedelta(days=8)
    with pytest.raises(InvalidTransition, match="more than 7 days"):
        step(site, order, "reopen", late)
    # The front desk still may.
    services.work_order_reopen(order=order, reason="Owner called", actor=site.frontdesk, at=late)
    order.refresh_from_db()
    assert (order.status, order.rework_count) == ("dispatched", 1)


def test_rated_orders_leave_the_call_back_queue_when_the_community_says_so(site):
    from wuye.servicedesk import queries

    rated = order_in(site, "resolved")
    step(site, rated, "rate", MONDAY_10 + timedelta(hours=1))
    unrated = order_in(site, "resolved")
    queue = queries.callback_queue(site.frontdesk, site.community.pk)
    assert set(queue) == {rated, unrated}
    DeskSettings.objects.create(community=site.community, callback_scope="unrated")
    queue = queries.callback_queue(site.frontdesk, site.community.pk)
    assert list(queue) == [unrated]
    # A rated order then closes without a call-back.
    step(site, rated, "close", MONDAY_10 + timedelta(hours=2))


# ---- complaints ------------------------------------------------------------------------------


def test_complaint_steps_are_ticked_once_each(site):
    complaint = order_in(site, "accepted", category="complaint", subcategory="noise")
    for number in (1, 2, 2, 10):
        complaint = services.complaint_step_done(order=complaint, step=number, actor=site.frontdesk)
    assert complaint.complaint_steps == [1, 2, 10]
    assert complaint.events.filter(action="complaint_step").count() == 3
    with pytest.raises(ValidationError):
        services.complaint_step_done(order=complaint, step=11, actor=site.frontdesk)


def test_complaint_register_counts_only_a_recorded_reply_as_an_answer(site):
    from wuye.servicedesk import queries

    answered = order_in(site, "accepted", category="complaint", subcategory="noise")
    step(site, answered, "reply", MONDAY_10 + timedelta(hours=1))
    # Taken in hand and dispatched, but nobody told the complainant anything.
    accepted = order_in(site, "dispatched", category="complaint", subcategory="parking")
    waiting = submit(site, category="complaint", subcategory="pets")
    register = {
        o.pk: o.answered
        for o in queries.complaint_register(site.manager, site.community.pk, MONDAY_10.date())
    }
    assert register == {answered.pk: True, accepted.pk: False, waiting.pk: False}


def test_the_reply_promise_names_a_person_and_a_time(site):
    complaint = submit(site, category="complaint", subcategory="noise")
    reply_by = MONDAY_10 + timedelta(hours=4)
    complaint = services.complaint_promise(
        order=complaint, reply_by=reply_by, responder=site.manager, actor=site.frontdesk
    )
    assert (complaint.reply_promised_at, complaint.responder) == (reply_by, site.manager)


# ---- photos ----------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_photos_are_kept_when_they_are_real_images(site, media, kind):
    order = submit(site)
    added = services.work_order_photo_add(order=order, data=photo(kind), actor=site.owner)
    assert added.image_format == kind
    assert (media / added.file.name).exists()


def test_other_files_and_huge_photos_are_refused(site, media, monkeypatch):
    order = submit(site)
    for data in (b"%PDF-1.4 not a photo", b"\xff\xd8\xff\xe0 truncated jpeg", photo("GIF")):
        with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
            services.work_order_photo_add(order=order, data=data, actor=site.owner)
    monkeypatch.setattr(services.records, "MAX_PHOTO_BYTES", 100)
    with pytest.raises(ValidationError, match="8 MB"):
        services.work_order_photo_add(order=order, data=photo(), actor=site.owner)
    assert not order.photos.exists()


def test_a_refused_intake_leaves_no_photo_on_disk(site, media):
    with pytest.raises(ValidationError), services.atomic_with_photos():
        order = submit(site)
        services.work_order_photo_add(order=order, data=photo(), actor=site.owner)
        assert [p for p in media.rglob("*") if p.is_file()]
        services.work_order_photo_add(order=order, data=b"not a photo", actor=site.owner)
    assert not WorkOrder.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_photos_of_a_received_intake_stay_on_disk(site, media):
    with services.atomic_with_photos():
        order = submit(site)
        added = services.work_order_photo_add(order=order, data=photo(), actor=site.owner)
    assert (media / added.file.name).exists()


def test_neighbours_cannot_add_photos(site, media):
    with pytest.raises(PermissionDenied):
        services.work_order_photo_add(order=submit(site), data=photo(), actor=site.owner2)


# ---- spot checks --------------------------------------------------------------------------------


def test_supervisors_spot_check_a_stable_sample_of_the_weeks_closed_orders(site):
    from wuye.servicedesk import queries

    closed = [order_in(site, "closed") for _ in range(4)]
    week = date(2026, 11, 23)
    sample = queries.spot_check_sample(site.community.pk, week, size=2)
    assert len(sample) == 2 and set(sample) <= set(closed)
    assert queries.spot_check_sample(site.community.pk, week, size=2) == sample
    check = services.spot_check_record(
        order=sample[0], passed=False, finding="Debris left in the stairwell", actor=site.engineer
    )
    assert SpotCheck.objects.get() == check
    with pytest.raises(PermissionDenied):
        services.spot_check_record(order=sample[1], passed=True, actor=site.electrician)
    with pytest.raises(InvalidTransition):
        services.spot_check_record(order=submit(site), passed=True, actor=site.manager)


# ---- notifications ------------------------------------------------------------------------------


def test_the_assignee_and_the_owner_hear_of_what_matters_to_them(
    site, django_capture_on_commit_callbacks
):
    site.electrician.email = "electrician@example.com"
    site.electrician.save()
    with django_capture_on_commit_callbacks(execute=True):
        order = order_in(site, "resolved", at=MONDAY_10)
    inbox = {(m.recipient.username, m.subject.split(" · ")[1]) for m in Notification.objects.all()}
    assert inbox == {
        ("electrician", "A work order was assigned to you."),
        ("owner", "Your request has been resolved."),
    }
    assert [m.to for m in mail.outbox] == [["electrician@example.com"]]
    assert mail.outbox[0].subject.startswith(order.number)


def test_each_person_hears_in_the_language_they_last_signed_in_with(
    client, site, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    client.post(reverse("login"), {"username": "owner", "password": "wuye-demo"})
    with django_capture_on_commit_callbacks(execute=True):
        order = order_in(site, "resolved", at=MONDAY_10)
    texts = {m.recipient.username: (m.subject, m.body) for m in Notification.objects.all()}
    assert texts["owner"][0] == f"{order.number} · 您的报事已办结。"
    assert "户内报修" in texts["owner"][1]
    # The electrician never signed in: the community's language (English in these tests).
    assert texts["electrician"][0] == f"{order.number} · A work order was assigned to you."
    assert "Repair in a home" in texts["electrician"][1]


def test_nothing_is_sent_for_a_change_that_was_rolled_back(
    site, django_capture_on_commit_callbacks
):
    order = order_in(site, "accepted")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.work_order_dispatch(order=order, assignee=site.owner, actor=site.frontdesk)
    assert not Notification.objects.exists()
    assert WorkOrder.objects.get(pk=order.pk).status == "accepted"


def test_closing_a_paid_repair_bills_the_home_once(site):
    from wuye.billing.models import Charge, FeeKind

    washer = PriceListItem.objects.create(
        community=site.community, name="Tap washer", unit="piece", price="3.35"
    )
    order = order_in(site, "in_progress")
    services.work_order_resolve(
        order=order,
        result="Washers replaced",
        items=[{"price_item_id": washer.pk, "quantity": 2}],
        actor=site.electrician,
        at=MONDAY_10 + timedelta(hours=2),
    )
    order = step(site, order, "visit", MONDAY_10 + timedelta(hours=3))
    order = step(site, order, "close", MONDAY_10 + timedelta(hours=4))
    charges = Charge.objects.filter(unit=order.unit, fee_item__kind=FeeKind.REPAIR)
    assert [(c.amount, c.source_ref) for c in charges] == [
        (Decimal("6.70"), f"work-order:{order.number}")
    ]
    # reopened as rework and closed again: the home is not billed twice
    for n, action in enumerate(["reopen", "start", "resolve", "visit", "close"], start=5):
        order = step(site, order, action, MONDAY_10 + timedelta(hours=n))
    assert charges.count() == 1


def test_closing_a_free_repair_bills_nothing(site):
    from wuye.billing.models import Charge

    order = order_in(site, "closed")
    assert order.amount_owed == 0
    assert not Charge.objects.filter(unit=order.unit).exists()
