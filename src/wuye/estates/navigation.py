"""The register's entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

REGISTER = _("Register")

STAFF = [
    NavEntry("estates:overview", _("Overview"), "community.view", order=0),
    NavEntry("estates:buildings", _("Buildings"), "register.view", group=REGISTER, order=100),
    NavEntry("estates:residents", _("Residents"), "resident.view", group=REGISTER, order=110),
    NavEntry(
        "estates:id_number_reviews",
        _("ID-number checks"),
        "resident.view_id_number",
        group=REGISTER,
        order=115,
    ),
    NavEntry("estates:vehicles", _("Vehicles"), "register.view", group=REGISTER, order=120),
    NavEntry("estates:parking", _("Parking"), "register.view", group=REGISTER, order=130),
    NavEntry(
        "estates:transfer", _("Import and export"), "register.export", group=REGISTER, order=140
    ),
]

RESIDENT = [
    NavEntry("portal:home", _("My home"), per_community=False, order=30),
    NavEntry("portal:profile", _("My details"), per_community=False, order=1000),
]
