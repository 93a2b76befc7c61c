pytest_plugins = ["wuye.testing.people"]


def pytest_configure(config):
    from django.conf import settings

    # Hashing a password properly takes a deliberate ~0.3 s; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
