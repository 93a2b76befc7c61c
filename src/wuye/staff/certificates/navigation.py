"""Certificates: the list of the community's certificates under the staff menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import STAFF as GROUP

STAFF = [
    NavEntry("staff:certificates", _("Certificates"), "certificate.view", group=GROUP, order=320),
]
