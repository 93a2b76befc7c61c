"""Receiving, handing over and returning parcels, and the daily reminders."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from wuye.core.models import AuditEntry, Notification
from wuye.security.parcels import services
from wuye.security.parcels.models import Handover, Parcel, ParcelSettings, ParcelStatus

from .fixtures import parcel_for


def test_a_parcel_received_tells_the_household_and_is_picked_up_with_its_code(
    site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        parcel = parcel_for(site, "owner_home", carrier="zto", tracking_number="7310-4455 8812")

    assert parcel.tracking_number == "731044558812"
    assert parcel.status == ParcelStatus.NOTIFIED and parcel.notified_at is not None
    assert len(parcel.pickup_code) == 6 and parcel.pickup_code.isascii()
    told = Notification.objects.get(recipient=site.owner)
    assert parcel.pickup_code in told.body and "A3" in told.body
    assert not Notification.objects.filter(recipient=site.owner2).exists()

    done = services.parcel_pick_up(actor=site.guard, parcel=parcel, code=parcel.pickup_code)

    assert (done.status, done.handover, done.picked_up_by) == (
        ParcelStatus.PICKED_UP,
        Handover.CODE,
        site.guard,
    )
    assert AuditEntry.objects.filter(action="parcel.pick_up", object_id=str(parcel.pk)).exists()


def test_the_message_reads_in_chinese_for_a_chinese_community(
    site, django_capture_on_commit_callbacks
):
    site.community.language = "zh-hans"
    site.community.save()
    with django_capture_on_commit_callbacks(execute=True):
        parcel_for(site, "owner_home", carrier="sf")

    body = Notification.objects.get(recipient=site.owner).body
    assert "顺丰" in body and "取件码" in body


def test_a_wrong_code_is_refused_and_nothing_changes(site):
    parcel = parcel_for(site)
    wrong = "000000" if parcel.pickup_code != "000000" else "111111"

    with pytest.raises(ValidationError) as refused:
        services.parcel_pick_up(actor=site.frontdesk, parcel=parcel, code=wrong)

    assert "code" in refused.value.error_dict
    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.NOTIFIED and parcel.picked_up_at is None
    assert not AuditEntry.objects.filter(action="parcel.pick_up").exists()


def test_a_parcel_picked_up_once_cannot_be_picked_up_again(site):
    parcel = parcel_for(site)
    services.parcel_pick_up(actor=site.frontdesk, parcel=parcel, collected_by="Li Na")

    with pytest.raises(ValidationError, match="already been picked up"):
        services.parcel_pick_up(actor=site.guard, parcel=parcel, code=parcel.pickup_code)

    parcel.refresh_from_db()
    assert (parcel.handover, parcel.collected_by, parcel.picked_up_by) == (
        Handover.NAMED,
        "Li Na",
        site.frontdesk,
    )


def test_a_hand_over_names_the_code_or_a_person(site):
    parcel = parcel_for(site)

    with pytest.raises(ValidationError):
        services.parcel_pick_up(actor=site.frontdesk, parcel=parcel)

    assert Parcel.objects.get(pk=parcel.pk).status == ParcelStatus.NOTIFIED


def test_the_same_tracking_number_is_received_once_until_returned(site):
    first = parcel_for(site, tracking_number="SF1234567890")

    with pytest.raises(ValidationError, match="already on the log"):
        parcel_for(site, "owner2_home", tracking_number="sf 1234-567890")

    services.parcel_return(actor=site.guard, parcel=first, reason="Refused")
    again = parcel_for(site, "owner2_home", tracking_number="SF1234567890")
    assert again.pk != first.pk
    # another carrier may use the same number
    assert parcel_for(site, carrier="yto", tracking_number="SF1234567890").carrier == "yto"


def test_an_unreadable_tracking_number_is_refused_in_the_reader_s_language(site):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        parcel_for(site, tracking_number="12")

    assert "运单号" in refused.value.message_dict["tracking_number"][0]
    assert not Parcel.objects.exists()


def test_a_home_nobody_logs_into_is_received_but_not_notified(site):
    parcel = parcel_for(site, "vacant_home")

    assert (parcel.status, parcel.notified_at) == (ParcelStatus.RECEIVED, None)


def test_a_home_of_another_community_is_refused(site):
    with pytest.raises(ValidationError):
        services.parcel_receive(
            actor=site.frontdesk,
            community=site.community,
            unit=site.units["other_home"],
            carrier="sf",
            tracking_number="SF0000000001",
        )


def test_only_the_desk_receives_and_hands_over(site):
    with pytest.raises(PermissionDenied):
        parcel_for(site, by="electrician")
    parcel = parcel_for(site)
    for who in ("owner", "cashier", "other_manager"):
        with pytest.raises(PermissionDenied):
            services.parcel_pick_up(
                actor=getattr(site, who), parcel=parcel, code=parcel.pickup_code
            )


def test_a_parcel_is_returned_to_the_carrier_with_its_reason(site):
    parcel = parcel_for(site, days_ago=8)

    with pytest.raises(ValidationError):
        services.parcel_return(actor=site.guard, parcel=parcel, reason="  ")
    returned = services.parcel_return(actor=site.guard, parcel=parcel, reason="Waited too long")

    assert (returned.status, returned.return_reason, returned.returned_by) == (
        ParcelStatus.RETURNED,
        "Waited too long",
        site.guard,
    )
    with pytest.raises(ValidationError, match="returned to the carrier"):
        services.parcel_pick_up(actor=site.guard, parcel=parcel, collected_by="Wang Fang")


def test_pick_up_codes_of_waiting_parcels_differ(site):
    codes = {parcel_for(site).pickup_code for _ in range(30)}

    assert len(codes) == 30


def test_overdue_parcels_are_reminded_once_a_day(site, django_capture_on_commit_callbacks):
    ParcelSettings.objects.create(community=site.community, reminder_days=3, return_days=7)
    overdue = parcel_for(site, "owner_home", days_ago=4)
    parcel_for(site, "owner2_home", days_ago=2)
    fetched = parcel_for(site, "tenant_home", days_ago=5)
    services.parcel_pick_up(actor=site.frontdesk, parcel=fetched, code=fetched.pickup_code)
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.parcels_remind_overdue()
        second = services.parcels_remind_overdue()

    assert (first, second) == (1, 0)
    overdue.refresh_from_db()
    assert overdue.reminders_sent == 1
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["owner"]

    tomorrow = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.parcels_remind_overdue(now=tomorrow) == 2  # the other one is due too
        assert services.parcels_remind_overdue(now=tomorrow) == 0
    overdue.refresh_from_db()
    assert overdue.reminders_sent == 2


def test_the_settings_refuse_a_return_before_the_first_reminder(site):
    row = ParcelSettings(community=site.community, reminder_days=5, return_days=4)

    with pytest.raises(ValidationError) as refused:
        row.full_clean()

    assert "return_days" in refused.value.error_dict
