"""A technician's workbook of readings that would sink the server is refused at the door:
a clear message, nothing recorded, and little memory taken (measured with tracemalloc)."""

import pytest
from django.urls import reverse

from wuye.billing.models import MeterReading
from wuye.testing import bombs

HEADER = ("表号 Meter", "月份 Month", "读数 Reading")


@pytest.mark.parametrize(
    ("build", "says"),
    [
        (lambda: bombs.wide_rows(HEADER, 10_000), "has cells as far as column XFD"),
        (
            lambda: bombs.wide_rows(HEADER, 10_000, declared=False),
            "has cells as far as column XFD",
        ),
        (lambda: bombs.empty_rows(HEADER, 200_000), "has more than 20,000 rows"),
        (lambda: bombs.huge_string(HEADER, 200), "unpacks to far more than its cells need"),
    ],
    ids=["wide-rows", "wide-rows-undeclared", "empty-rows", "huge-string"],
)
def test_a_bomb_of_readings_is_refused_with_a_message_and_records_nothing(
    client, site, build, says
):
    upload = build()
    client.force_login(site.electrician)
    url = reverse("billing_readings:import", args=[site.community.pk])

    with bombs.peak_memory() as peak:
        response = client.post(url, {"file": upload})

    assert response.status_code == 400
    assert says in response.context["form"].errors["file"][0]
    assert not MeterReading.objects.exists()
    assert peak.bytes < bombs.MEMORY_BOUND
