import pytest

from .fixtures import engineering


@pytest.fixture
def team(site):
    return engineering(site)
