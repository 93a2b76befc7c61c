"""The post board in the staff console's gate menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import GATE

STAFF = [NavEntry("security:post_board", _("Post board"), "post.board", group=GATE, order=710)]
