import pytest

from .fixtures import pump_plan


@pytest.fixture
def pump(site):
    return pump_plan(site)
