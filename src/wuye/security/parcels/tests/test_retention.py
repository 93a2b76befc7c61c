"""Parcel records leave the log after their period; a resident's parcels are in their export."""

from datetime import timedelta

from django.utils import timezone

from wuye.core.models import AuditEntry
from wuye.core.privacy import collect
from wuye.security.parcels import retention, services
from wuye.security.parcels.models import Parcel

from .fixtures import parcel_for


def test_parcels_gone_from_the_shelf_are_purged_after_their_period_once(site):
    old_fetched = parcel_for(site, days_ago=200)
    services.parcel_pick_up(actor=site.guard, parcel=old_fetched, collected_by="Li Na")
    Parcel.objects.filter(pk=old_fetched.pk).update(
        picked_up_at=timezone.now() - timedelta(days=190)
    )
    old_returned = parcel_for(site, days_ago=200)
    services.parcel_return(actor=site.guard, parcel=old_returned, reason="Refused")
    Parcel.objects.filter(pk=old_returned.pk).update(
        returned_at=timezone.now() - timedelta(days=185)
    )
    still_waiting = parcel_for(site, days_ago=200)
    recent = parcel_for(site, days_ago=3)
    services.parcel_pick_up(actor=site.guard, parcel=recent, code=recent.pickup_code)
    elsewhere = parcel_for(site, "other_home", by="other_manager", days_ago=200)
    services.parcel_return(actor=site.other_manager, parcel=elsewhere, reason="Refused")
    Parcel.objects.filter(pk=elsewhere.pk).update(returned_at=timezone.now() - timedelta(days=190))
    before = timezone.now() - timedelta(days=180)

    first = retention.purge(site.community.pk, before)
    second = retention.purge(site.community.pk, before)

    assert (first, second) == (2, 0)
    assert set(Parcel.objects.values_list("pk", flat=True)) == {
        still_waiting.pk,
        recent.pk,
        elsewhere.pk,
    }
    assert retention.DATA_CLASSES[0].default_days == 180
    # the audit trail, which is never purged, keeps no collector's name
    assert not [e for e in AuditEntry.objects.all() if "Li Na" in str(e.changes)]


def test_a_residents_export_lists_their_homes_parcels_and_not_the_neighbours(site):
    mine = parcel_for(site, "owner_home", addressee="Wang Fang")
    parcel_for(site, "owner2_home", tracking_number="YT9988776655")

    sections = {str(s.title): s for s in collect(site.residents["owner"])}

    rows = sections["Parcels"].rows
    assert [row[4] for row in rows] == [mine.tracking_number]
    assert rows[0][2] == "Wang Fang"
