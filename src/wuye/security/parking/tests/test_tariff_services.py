"""Setting tariffs: versions from a moment, the stays each version priced, who may set them."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry, CalendarDay, CalendarDayKind
from wuye.security.parking import queries
from wuye.security.parking.models import ParkingTariff
from wuye.security.parking.services import tariff_change, tariff_create

from .test_tariff_engine import STANDARD

SHANGHAI = ZoneInfo("Asia/Shanghai")
JAN = datetime(2026, 1, 1, tzinfo=SHANGHAI)
JUNE = datetime(2026, 6, 1, tzinfo=SHANGHAI)


def standard(site, **kwargs):
    return tariff_create(
        actor=site.manager,
        community=site.community,
        name="标准收费",
        rule=STANDARD,
        effective_from=kwargs.pop("effective_from", JAN),
        **kwargs,
    )


def test_a_change_is_a_new_version_and_earlier_stays_keep_theirs(site):
    first = standard(site)
    dearer = tariff_change(
        actor=site.manager, tariff=first, rule={**STANDARD, "first_price": "6"}, effective_from=JUNE
    )
    first.refresh_from_db()
    assert first.effective_until == JUNE and dearer.replaces_id == first.pk
    may_stay = datetime(2026, 5, 31, 23, 0, tzinfo=SHANGHAI)
    tariff, quote = queries.fee_quote(
        site.community,
        vehicle_type="car",
        plate_colour="blue",
        entered_at=may_stay,
        exited_at=may_stay + timedelta(minutes=45),
    )
    assert (tariff.pk, quote.fee) == (first.pk, Decimal("5"))
    tariff, quote = queries.fee_quote(
        site.community,
        vehicle_type="car",
        plate_colour="blue",
        entered_at=JUNE,
        exited_at=JUNE + timedelta(minutes=45),
    )
    assert (tariff.pk, quote.fee) == (dearer.pk, Decimal("6"))
    assert [
        [v.pk for v in versions] for versions in queries.tariff_versions(site.community.pk)
    ] == [[dearer.pk, first.pk]]
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("pk"))
    assert actions[-2:] == ["parking_tariff.create", "parking_tariff.change"]


def test_a_replaced_version_or_an_earlier_start_is_refused(site):
    first = standard(site)
    with pytest.raises(ValidationError) as early:
        tariff_change(actor=site.manager, tariff=first, rule=STANDARD, effective_from=JAN)
    assert "effective_from" in early.value.message_dict
    tariff_change(actor=site.manager, tariff=first, rule=STANDARD, effective_from=JUNE)
    with pytest.raises(ValidationError):
        tariff_change(
            actor=site.manager,
            tariff=first,
            rule=STANDARD,
            effective_from=JUNE + timedelta(days=1),
        )


def test_a_large_vehicle_tariff_prices_large_vehicles_only(site):
    standard(site)
    large = tariff_create(
        actor=site.manager,
        community=site.community,
        name="Large vehicles",
        rule={"first_minutes": 60, "first_price": "10", "step_minutes": 60, "step_price": "5"},
        vehicle_types=["large"],
        effective_from=JAN,
    )
    moment = JUNE
    assert queries.tariff_for(site.community.pk, "large", "yellow", moment).pk == large.pk
    assert queries.tariff_for(site.community.pk, "car", "blue", moment).name == "标准收费"


def test_a_holiday_of_the_calendar_frees_a_rule_that_says_so(site):
    tariff = standard(site)
    tariff_change(
        actor=site.manager,
        tariff=tariff,
        rule={**STANDARD, "free_on_holidays": True},
        effective_from=JAN + timedelta(days=1),
    )
    CalendarDay.objects.create(
        community=site.community, date=JUNE.date(), kind=CalendarDayKind.HOLIDAY, name="Dragon"
    )
    _, quote = queries.fee_quote(
        site.community,
        vehicle_type="car",
        plate_colour="blue",
        entered_at=JUNE + timedelta(hours=9),
        exited_at=JUNE + timedelta(hours=12),
    )
    assert quote.fee == 0


def test_bad_parameters_change_nothing(site):
    with pytest.raises(ValidationError) as refused:
        standard(site, vehicle_types=["tank"])
    with pytest.raises(ValidationError) as negative:
        tariff_create(
            actor=site.manager,
            community=site.community,
            name="",
            rule={**STANDARD, "step_price": "-2"},
        )
    assert "vehicle_types" in refused.value.message_dict
    assert set(negative.value.message_dict) == {"name", "step_price"}
    assert not ParkingTariff.objects.exists()


@pytest.mark.parametrize("role", ["guard", "frontdesk", "cashier"])
def test_only_managers_set_tariffs(site, role):
    with pytest.raises(PermissionDenied):
        tariff_create(
            actor=getattr(site, role), community=site.community, name="Mine", rule=STANDARD
        )
    first = standard(site)
    with pytest.raises(PermissionDenied):
        tariff_change(actor=getattr(site, role), tariff=first, rule=STANDARD)
    with pytest.raises(PermissionDenied):
        tariff_create(actor=site.other_manager, community=site.community, name="X", rule=STANDARD)
