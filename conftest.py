import pytest

# Each app's test kit, in layer order; plugins must be declared here, in the root conftest.
pytest_plugins = [
    "wuye.testing.people",
    "wuye.core.tests.fixtures",
    "wuye.estates.tests.fixtures",
    "wuye.billing.tests.fixtures",
    "wuye.servicedesk.tests.fixtures",
    "wuye.security.passes.tests.fixtures",
]


def pytest_configure(config):
    from django.conf import settings

    # Hashing a password properly takes a deliberate ~0.3 s; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _site_language_between_tests():
    """A request in Chinese leaves Chinese active in the thread; the next test starts afresh."""
    yield
    from django.utils import translation

    translation.deactivate()
