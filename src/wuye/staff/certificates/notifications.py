"""What a holder and their department head hear of a certificate about to expire."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify, policy

EXPIRING = notify.Kind(
    "staff.certificate_expiring",
    _("A certificate is about to expire."),
    audience=notify.STAFF,
)


def certificate_link(certificate, user) -> str:
    """The certificates list for those who may see it; nothing for the holder alone."""
    if policy.has_perm(user, "certificate.view", certificate.community_id):
        return reverse("staff:certificates", args=[certificate.community_id])
    return ""


KINDS = [EXPIRING]
LINKS = {"staff.certificate": certificate_link}
