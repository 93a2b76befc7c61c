"""The maintenance benchmark runs at a small scale and makes the same rows as its floor."""

import io

import pytest

from wuye.facilities import bench

pytestmark = pytest.mark.django_db


def test_the_benchmark_prints_its_figure_beside_the_floor():
    out = io.StringIO()
    found = bench.measure(out, scale=0.007)  # two communities
    text = out.getvalue()
    assert "× floor" in text and "the same rows" in text and "rows/s" in text
    assert found["same"] and found["occurrences"] > 2 * 300
