"""The demo's parcel shelf: received through the services, most picked up, a few waiting
(the demo owner's among them, one overdue), one returned; a second run adds nothing."""

from datetime import timedelta

from django.utils import timezone

from wuye.demo.parcels import PARCELS, parcels_load
from wuye.estates.models import Residency
from wuye.security.parcels import queries
from wuye.security.parcels.models import Parcel, ParcelStatus


def test_the_shelf_of_the_last_days_is_loaded_once(site):
    a_year_ago = timezone.localdate() - timedelta(days=365)
    Residency.objects.filter(resident=site.residents["owner"]).update(start_date=a_year_ago)
    counts = parcels_load(site.community)

    assert counts["parcels"] == PARCELS == Parcel.objects.count()
    assert counts["picked_up"] == Parcel.objects.filter(status=ParcelStatus.PICKED_UP).count()
    assert counts["returned"] == 1 and counts["waiting"] >= 3
    mine = queries.waiting(queries.parcels_for_residents(site.owner))
    assert mine.filter(addressee="王芳").count() == 2
    assert queries.overdue(Parcel.objects.filter(community=site.community), 3).exists()
    assert parcels_load(site.community) == {}
    assert Parcel.objects.count() == PARCELS
