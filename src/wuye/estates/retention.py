"""The register's personal data kept for a limited time: former residents.

A person whose every stay in a home ended more than the period ago is anonymised as an
erasure request would do it (`core.privacy`): name replaced, contact details, ID number and
vehicles removed, login closed; bills, payments, receipts and work orders stay, with the name
replaced. Someone the apps still need (a debt, a home still lived in) is kept until they no
longer are.

The default is three years after the move-out: the general limitation period of civil
claims (民法典 第一百八十八条), within which a fee, a deposit or a damage claim of the stay
can still be settled with the person; after it the purpose has ended (个人信息保护法 第四十七条).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core import privacy
from wuye.core.retention import DataClass

from .models import Resident
from .personal_data.services import anonymous_label

FORMER_RESIDENTS_DAYS = 3 * 365


def former_residents(community_id: int, before: datetime):
    """Residents of the community not anonymised yet who lived somewhere and whose every stay
    ended before the day of `before`."""
    cutoff = timezone.localdate(before)
    staying = Q(residencies__end_date__isnull=True) | Q(residencies__end_date__gte=cutoff)
    ever_lived = Resident.objects.filter(community_id=community_id, residencies__isnull=False)
    return (
        ever_lived.filter(anonymised_at__isnull=True)
        .exclude(pk__in=Resident.objects.filter(staying).values("pk"))
        .distinct()
    )


def purge_former_residents(community_id: int, before: datetime) -> int:
    """Anonymise the former residents whose last stay ended before `before`; how many."""
    changed = 0
    candidates = former_residents(community_id, before).values_list("pk", flat=True)
    for pk in list(candidates):
        person = Resident.objects.select_for_update(of=("self",)).select_related(
            "community", "user"
        )
        person = person.get(pk=pk)
        if person.anonymised_at or privacy.refusals(person):
            continue
        privacy.anonymise(person, anonymous_label(person))
        changed += 1
    return changed


DATA_CLASSES = [
    DataClass(
        "former_residents",
        _("Former residents' contact and ID data (after moving out)"),
        FORMER_RESIDENTS_DAYS,
        purge_former_residents,
        order=900,
        # no `models`: anonymising reaches every app's rows that name the person
    ),
]
