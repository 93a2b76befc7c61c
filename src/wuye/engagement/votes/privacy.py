"""What owners' votes hold about a person: the ballots they cast through their login.

A secret ballot's choice is not written out: the office prepares the export, and a secret
vote stays secret from the office too.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.privacy import Contribution, Section

from ..models import Ballot


def collect(person) -> list[Section]:
    ballots = (
        Ballot.objects.filter(cast_by_id=person.user_id, vote__community_id=person.community_id)
        .select_related("vote", "unit__building")
        .order_by("cast_at", "pk")
        if person.user_id
        else []
    )
    return [
        Section(
            _("Votes"),
            [_("Vote"), _("Home"), _("Choice"), _("Channel"), _("Cast at"), _("Current")],
            [
                [
                    b.vote.title,
                    b.unit.label,
                    _("Secret ballot") if b.vote.secret else b.get_choice_display(),
                    b.get_channel_display(),
                    f"{timezone.localtime(b.cast_at):%Y-%m-%d %H:%M}",
                    _("Yes") if b.is_current else _("No"),
                ]
                for b in ballots
            ],
        )
    ]


PERSONAL_DATA = [Contribution("votes", collect=collect, order=400)]
