"""What community life holds about a person: event sign-ups made through their login,
interest groups, reception-day bookings and the visits at which staff met them."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.privacy import Contribution, Section

from ..models import EventSignup, GroupMembership, ReceptionBooking, Visit


def _moment(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def collect(person) -> list[Section]:
    signups = (
        EventSignup.objects.filter(
            signed_up_by_id=person.user_id, event__community_id=person.community_id
        )
        .select_related("event", "unit__building")
        .order_by("signed_up_at", "pk")
        if person.user_id
        else []
    )
    groups = GroupMembership.objects.filter(resident=person).select_related("group")
    bookings = ReceptionBooking.objects.filter(resident=person).select_related("slot")
    visits = Visit.objects.filter(resident=person).select_related("unit__building")
    return [
        Section(
            _("Events"),
            [_("Event"), _("Home"), _("People"), _("Status"), _("Signed up at")],
            [
                [
                    s.event.title,
                    s.unit.label,
                    s.people,
                    s.get_status_display(),
                    _moment(s.signed_up_at),
                ]
                for s in signups
            ],
        ),
        Section(
            _("Interest groups"),
            [_("Group"), _("Joined at"), _("Left at")],
            [[m.group.name, _moment(m.joined_at), _moment(m.left_at)] for m in groups],
        ),
        Section(
            _("Reception days"),
            [_("Starts at"), _("Topic"), _("Outcome")],
            [[_moment(b.slot.starts_at), b.topic, b.outcome] for b in bookings],
        ),
        Section(
            _("Visits"),
            [_("Visited on"), _("Home"), _("People met"), _("Findings")],
            [[f"{v.visited_on:%Y-%m-%d}", v.unit.label, v.people_met, v.findings] for v in visits],
        ),
    ]


def anonymise(person, label: str) -> dict[str, int]:
    """The visit records keep what was found; the name of the person met is replaced."""
    changed = 0
    if person.name:
        for visit in Visit.objects.filter(resident=person, people_met__contains=person.name):
            met = visit.people_met.replace(person.name, label)[:200]
            Visit.objects.filter(pk=visit.pk).update(people_met=met)
            changed += 1
    return {"visits": changed}


PERSONAL_DATA = [
    Contribution("community_life", collect=collect, anonymise=anonymise, order=420),
]
