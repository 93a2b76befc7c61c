"""The customer center's entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

SERVICE = _("Customer center")

STAFF = [
    NavEntry("servicedesk:board", _("Work orders"), "workorder.view", group=SERVICE, order=200),
    NavEntry("servicedesk:mine", _("My work"), "workorder.view", group=SERVICE, order=210),
    NavEntry(
        "servicedesk:orders", _("Work-order list"), "workorder.list", group=SERVICE, order=220
    ),
    NavEntry(
        "servicedesk_dashboard:dashboard",
        _("Indicators"),
        "workorder.supervise",
        group=SERVICE,
        order=230,
    ),
]

# 报事报修 and 缴费 lead the portal's bar: what owners come for most.
RESIDENT = [
    NavEntry("servicedesk_portal:orders", _("Repairs and requests"), per_community=False, order=10),
]
