"""What the gate holds about a resident: the visitors they invited through their login."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.privacy import Contribution, Section

from .models import Invitation


def _moment(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def collect(person) -> list[Section]:
    invitations = (
        Invitation.objects.filter(created_by_id=person.user_id, community_id=person.community_id)
        .select_related("unit__building", "host_staff")
        .order_by("valid_from", "pk")
        if person.user_id
        else []
    )
    return [
        Section(
            _("Visitors invited"),
            [_("Visitor's name"), _("Home"), _("Purpose"), _("From"), _("Until"), _("Status")],
            [
                [
                    i.visitor_name,
                    i.host_label,
                    i.get_purpose_display(),
                    _moment(i.valid_from),
                    _moment(i.valid_until),
                    i.get_status_display(),
                ]
                for i in invitations
            ],
        )
    ]


PERSONAL_DATA = [Contribution("visitors", collect, order=400)]
