"""The meter reader's phone page: a building's meters, the reading before, the warning."""

import html
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wuye.billing.models import FeeKind, FeeMethod, Meter, MeterReading
from wuye.billing.services import meters
from wuye.testing import factories as f

from .fixtures import FeeItemFactory


@pytest.fixture
def water(site):
    item = FeeItemFactory(
        community=site.community,
        code="WATER",
        kind=FeeKind.WATER,
        method=FeeMethod.METERED,
        unit_price=Decimal("3.05"),
    )
    meter = Meter.objects.create(
        community=site.community,
        unit=site.units["owner_home"],
        number="W-1-1-301",
        kind="water",
        fee_item=item,
    )
    readings = [("2025-12", "90"), ("2026-01", "100"), ("2026-02", "110"), ("2026-03", "120")]
    for period, value in readings:
        meters.reading_record(meter=meter, period=period, reading=value, actor=site.engineer)
    return meter


def building_url(site, meter, period="2026-04"):
    url = reverse("billing_readings:building", args=[site.community.pk, meter.unit.building_id])
    return f"{url}?period={period}"


def post(client, site, meter, reading, period="2026-04", **extra):
    url = reverse("billing_readings:record", args=[site.community.pk, meter.pk])
    return client.post(url, {"period": period, "reading": reading, **extra})


def test_the_engineer_sees_the_buildings_and_how_many_meters_are_read(client, site, water):
    client.force_login(site.engineer)
    url = reverse("billing_readings:index", args=[site.community.pk])
    page = client.get(url, {"period": "2026-03"})
    assert page.status_code == 200
    assert "1 of 1 read" in page.content.decode()
    assert "0 of 1 read" in client.get(url, {"period": "2026-04"}).content.decode()


@pytest.mark.parametrize("who", ["guard", "owner", "frontdesk", "other_manager"])
def test_people_who_do_not_read_meters_are_refused(client, site, water, who):
    client.force_login(getattr(site, who))
    assert client.get(building_url(site, water)).status_code == 403
    assert post(client, site, water, "130").status_code == 403
    assert not MeterReading.objects.filter(period="2026-04").exists()


def test_the_building_page_shows_the_reading_before(client, site, water):
    client.force_login(site.electrician)
    page = client.get(building_url(site, water))
    assert page.status_code == 200
    body = page.content.decode()
    assert "W-1-1-301" in body and "120.00" in body and "(2026-03)" in body


def test_the_building_page_reads_a_fixed_number_of_queries(
    client, site, water, django_assert_max_num_queries
):
    client.force_login(site.engineer)
    client.get(building_url(site, water))
    for n in range(10):
        home = f.UnitFactory(building=water.unit.building, number=f"9{n:02d}")
        Meter.objects.create(
            community=site.community,
            unit=home,
            number=f"W-{n}",
            kind="water",
            fee_item=water.fee_item,
        )
    with django_assert_max_num_queries(12):
        assert client.get(building_url(site, water)).status_code == 200


def test_a_reading_is_recorded_and_the_list_returns_to_the_meter(client, site, water):
    client.force_login(site.engineer)
    response = post(client, site, water, "131.5")
    assert response.status_code == 302
    assert response.url.endswith(f"?period=2026-04#meter-{water.pk}")
    reading = MeterReading.objects.get(meter=water, period="2026-04")
    assert (reading.usage, reading.recorded_by, reading.flagged) == (
        Decimal("11.50"),
        site.engineer,
        False,
    )


def test_a_reading_below_the_last_is_refused_on_the_page(client, site, water):
    client.force_login(site.engineer)
    response = post(client, site, water, "99")
    assert response.status_code == 400
    assert "below the last one" in response.content.decode()
    assert not MeterReading.objects.filter(meter=water, period="2026-04").exists()


def test_a_new_meter_may_start_again_from_zero(client, site, water):
    client.force_login(site.engineer)
    assert post(client, site, water, "4", replaced="on").status_code == 302
    assert MeterReading.objects.get(meter=water, period="2026-04").usage == Decimal("4.00")


def test_an_unusual_jump_is_recorded_with_a_warning(client, site, water):
    client.force_login(site.engineer)
    response = post(client, site, water, "180")
    assert response.status_code == 302
    assert MeterReading.objects.get(meter=water, period="2026-04").flagged
    page = client.get(response.url)
    body = page.content.decode()
    assert "far more than usual" in body and "Unusual jump" in body


def test_bad_input_names_the_reading(client, site, water):
    client.force_login(site.engineer)
    response = post(client, site, water, "abc")
    assert response.status_code == 400
    assert "Enter the reading as a number." in response.content.decode()


def test_an_absurdly_large_reading_is_refused(client, site, water):
    client.force_login(site.engineer)
    response = post(client, site, water, "8.7e263")
    assert response.status_code == 400
    assert "This reading is too large." in response.content.decode()


def workbook(*rows, header=("表号 Meter", "月份 Month", "读数 Reading", "换表 New meter")):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("readings.xlsx", buffer.getvalue())


def test_a_workbook_of_readings_is_recorded_whole(client, site, water):
    other = Meter.objects.create(
        community=site.community,
        unit=site.units["owner2_home"],
        number="W-2",
        kind="water",
        fee_item=water.fee_item,
    )
    client.force_login(site.engineer)
    url = reverse("billing_readings:import", args=[site.community.pk])
    upload = workbook(("W-1-1-301", date(2026, 4, 1), 131.5, None), ("W-2", "2026-04", "7", ""))
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert MeterReading.objects.get(meter=water, period="2026-04").usage == Decimal("11.50")
    assert MeterReading.objects.filter(meter=other, period="2026-04").exists()


def test_one_bad_row_in_a_workbook_records_nothing_and_names_the_row(client, site, water):
    client.force_login(site.engineer)
    url = reverse("billing_readings:import", args=[site.community.pk])
    upload = workbook(("W-1-1-301", "2026-04", "130", None), ("W-404", "2026-04", "7", None))
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Row 3" in body and "W-404" in body
    assert not MeterReading.objects.filter(period="2026-04").exists()


def test_a_workbook_without_the_columns_is_refused(client, site, water):
    client.force_login(site.engineer)
    url = reverse("billing_readings:import", args=[site.community.pk])
    upload = workbook(("W-1-1-301", "130"), header=("Meter", "Value"))
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "missing" in response.content.decode()
    assert not MeterReading.objects.filter(period="2026-04").exists()


def upload_readings(client, site, upload, language="en"):
    client.force_login(site.engineer)
    url = reverse("billing_readings:import", args=[site.community.pk])
    return client.post(url, {"file": upload}, headers={"accept-language": language})


@pytest.mark.parametrize(
    "header",
    [
        ("表号", "月份", "读数", "换表"),
        ("Meter", "Month", "Reading", "New meter"),
        ("Meter number", "Period", "读数（Reading）", "Replaced"),
    ],
)
def test_readings_are_read_under_chinese_english_or_bilingual_headers(client, site, water, header):
    upload = workbook(("W-1-1-301", "2026-04", "131.5", None), header=header)
    assert upload_readings(client, site, upload).status_code == 302
    assert MeterReading.objects.get(meter=water, period="2026-04").reading == Decimal("131.5")


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("zh-hans", "表头'本月读数'无法识别，是否应为'读数'？"),
        ("en", "The column header '本月读数' is not recognised; did you mean '读数'?"),
    ],
)
def test_a_renamed_column_refuses_the_readings_and_names_the_header_meant(
    client, site, water, language, says
):
    upload = workbook(
        ("W-1-1-301", "2026-04", "120", "131.5"), header=("表号", "月份", "上月读数", "本月读数")
    )
    response = upload_readings(client, site, upload, language)
    assert response.status_code == 400
    assert says in html.unescape(response.content.decode())
    assert not MeterReading.objects.filter(period="2026-04").exists()


def test_values_under_no_header_refuse_the_readings(client, site, water):
    upload = workbook(("W-1-1-301", "2026-04", "131.5", None, "131.5"))
    response = upload_readings(client, site, upload)
    assert response.status_code == 400
    assert "column E, which has no header" in response.content.decode()
    assert not MeterReading.objects.filter(period="2026-04").exists()


def test_common_meters_have_their_own_list(client, site, water):
    shared = FeeItemFactory(
        community=site.community,
        code="SHARED-EL",
        kind=FeeKind.SHARED_LOAD,
        method=FeeMethod.APPORTIONED,
        unit_price=Decimal("0.41"),
    )
    common = Meter.objects.create(
        community=site.community, number="C-EL-01", kind="electricity", fee_item=shared
    )
    client.force_login(site.engineer)
    index = client.get(reverse("billing_readings:index", args=[site.community.pk]))
    assert "Common meters" in index.content.decode()
    page = client.get(reverse("billing_readings:common", args=[site.community.pk]))
    assert "C-EL-01" in page.content.decode() and "W-1-1-301" not in page.content.decode()
    response = post(client, site, common, "1000")
    assert response.status_code == 302 and "/readings/common/" in response.url
