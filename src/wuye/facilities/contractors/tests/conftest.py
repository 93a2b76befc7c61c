"""The contractors' test kit: a cleaning contractor of the site's community."""

import pytest

from .fixtures import make_cleaner


@pytest.fixture
def cleaner(site):
    return make_cleaner(site)
