"""The demo's facts tell the training report's story."""

from decimal import Decimal

from wuye.core.models import Community
from wuye.demo.facts import PROFILE


def test_the_demo_areas_give_the_reports_ratios_as_displayed():
    """The report states the ratios (21.63 %, 38.80 %, 1.84), not the areas; the areas chosen
    give exactly those, computed as the profile computes them."""
    community = Community(**PROFILE)
    assert community.total_building_area == Decimal("134061.38")
    assert community.building_density == Decimal("21.63")
    assert community.green_ratio == Decimal("38.80")
    assert community.plot_ratio == Decimal("1.84")
    assert community.building_footprint + community.green_area <= community.site_area
