"""The deletion requests in the register's menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import REGISTER

STAFF = [
    NavEntry(
        "estates:erasure_requests",
        _("Deletion requests"),
        "privacy.request",
        group=REGISTER,
        order=150,
    ),
]
