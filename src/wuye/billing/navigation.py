"""Billing's entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

BILLING = _("Billing")

STAFF = [
    NavEntry("billing:desk", _("Cashier's desk"), "billing.view", group=BILLING, order=300),
    NavEntry("billing:runs", _("Bill runs"), "billing.run", group=BILLING, order=310),
    NavEntry(
        "billing_readings:index",
        _("Meter readings"),
        "billing.read_meters",
        group=BILLING,
        order=320,
    ),
    NavEntry("billing:arrears", _("Arrears"), "billing.view", group=BILLING, order=330),
    NavEntry("billing:collection", _("Collection rate"), "billing.view", group=BILLING, order=340),
    NavEntry("billing:daily", _("Daily report"), "billing.view", group=BILLING, order=350),
    NavEntry("billing:fees", _("Fee standards"), "billing.view", group=BILLING, order=360),
    NavEntry(
        "billing:fee_items",
        _("Fee items"),
        "billing.configure",
        group=SETTINGS,
        order=920,
        summary=_("What each home pays, how it is worked out, and prices from a chosen month."),
    ),
    NavEntry(
        "billing:settings",
        _("Billing settings"),
        "billing.configure",
        group=SETTINGS,
        order=921,
        summary=_("The vacant-home rate, late fees and the discount for paying in advance."),
    ),
]

# Second in the portal's bar, after 报事报修 (see servicedesk.navigation).
RESIDENT = [
    NavEntry("billing_portal:bills", _("Pay fees"), per_community=False, order=20),
]
