"""The customer center's entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

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
    # 设置: what a manager configures of the customer center.
    *(
        NavEntry(
            f"servicedesk:{name}",
            label,
            "workorder.configure",
            group=SETTINGS,
            order=order,
            summary=summary,
        )
        for name, label, order, summary in (
            (
                "settings_prices",
                _("Repair price list"),
                830,
                _("The published prices of paid repairs; an item is retired, never deleted."),
            ),
            (
                "settings_teams",
                _("Teams and skills"),
                831,
                _("Who works in each team, what each person can do, and who supervises."),
            ),
            (
                "settings_desk",
                _("Customer-center settings"),
                833,
                _(
                    "Escalation, deadline warnings, call-backs and how many open orders one "
                    "person takes."
                ),
            ),
            (
                "settings_sla",
                _("SLA policies"),
                834,
                _("Response, on-site and resolution targets by category and priority."),
            ),
        )
    ),
]

# 报事报修 and 缴费 lead the portal's bar: what owners come for most.
RESIDENT = [
    NavEntry("servicedesk_portal:orders", _("Repairs and requests"), per_community=False, order=10),
]
