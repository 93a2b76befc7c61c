"""The parking benchmark runs at a small scale and prices the same stays as its floor."""

import io

import pytest

from wuye.security.parking import bench
from wuye.security.parking.models import ParkingSession

pytestmark = pytest.mark.django_db


def test_the_benchmark_prints_its_figure_beside_the_floor():
    out = io.StringIO()
    bench.measure(out, scale=0.002)
    text = out.getvalue()
    assert "200 gate events" in text and "× floor" in text
    # both sides built a session for (nearly) every stay
    by_side = {
        code: ParkingSession.objects.filter(community__code=code).count() for code in ("PKE", "PKF")
    }
    assert by_side["PKE"] == 100 and by_side["PKF"] > 80
