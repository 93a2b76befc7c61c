"""Training: its entry under the staff menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import STAFF as GROUP

STAFF = [
    NavEntry("staff:training_sessions", _("Training"), "training.view", group=GROUP, order=500),
]
