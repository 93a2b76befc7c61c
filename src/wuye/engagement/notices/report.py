"""What the office told the owners and what the owners decided: the notices published in the
period, by kind, with how many of their readers opened them, and the votes that closed in the
period with their outcome (业主表决)."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.core.report import Chart, Contribution, Figure, Period, Section
from wuye.estates.models import Residency

from ..models import Ballot, ElectorateHome, Notice, NoticeKind, Vote
from ..votes import tally

ORDER = 30
HUNDRED = Decimal("100")


def _aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _readers_by_building(community_id: int) -> dict[int, set[int]]:
    """The resident logins of each building of the community (one query)."""
    readers: dict[int, set[int]] = {}
    rows = (
        Residency.objects.current()
        .filter(unit__community_id=community_id, resident__user__isnull=False)
        .values_list("unit__building_id", "resident__user_id")
        .distinct()
    )
    for building_id, user_id in rows:
        readers.setdefault(building_id, set()).add(user_id)
    return readers


def _percent(part: int, whole: int) -> Decimal | None:
    return (HUNDRED * part / whole).quantize(Decimal("0.1")) if whole else None


def _notice_figures(community, begin: datetime, end: datetime) -> tuple[list[Figure], Chart]:
    notices = list(
        Notice.objects.filter(
            community=community,
            published_at__gte=begin,
            published_at__lt=end,
            withdrawn_at__isnull=True,
        )
        .annotate(read_count=Count("reads", distinct=True))
        .prefetch_related("buildings")
        .order_by("published_at", "pk")
    )
    withdrawn = Notice.objects.filter(
        community=community, withdrawn_at__gte=begin, withdrawn_at__lt=end
    ).count()
    readers = _readers_by_building(community.pk)
    everyone = set().union(*readers.values()) if readers else set()
    figures = [Figure(_("Notices published"), str(len(notices)))]
    kinds = dict(NoticeKind.choices)
    by_kind: dict[str, list[Notice]] = {}
    for notice in notices:
        by_kind.setdefault(notice.kind, []).append(notice)
    total_reads = total_audience = 0
    rates: dict[str, list[Decimal]] = {}
    for kind, label in kinds.items():
        if kind not in by_kind:
            continue
        reads = audience = 0
        for notice in by_kind[kind]:
            buildings = [b.pk for b in notice.buildings.all()]
            size = (
                len(set().union(*(readers.get(b, set()) for b in buildings)))
                if buildings
                else len(everyone)
            )
            audience += size
            reads += min(notice.read_count, size)
        total_reads += reads
        total_audience += audience
        share = _percent(reads, audience)
        shown = "—" if share is None else f"{share} %"
        rates[str(label)] = [share or Decimal("0")]
        figures.append(
            Figure(
                str(label),
                _("%(count)s published, %(share)s read")
                % {
                    "count": len(by_kind[kind]),
                    "share": shown,
                },
            )
        )
    overall = _percent(total_reads, total_audience)
    if notices:
        figures.append(
            Figure(_("Read rate of the notices"), f"{overall} %" if overall is not None else "—")
        )
    if withdrawn:
        figures.append(Figure(_("Notices withdrawn"), str(withdrawn)))
    chart = Chart(
        title=_("Read rate by kind of notice, in per cent"),
        labels=list(rates),
        series={pgettext("notice", "Read"): [values[0] for values in rates.values()]},
        kind="bar",
    )
    return figures, chart


def _vote_figures(community, begin: datetime, end: datetime) -> list[Figure]:
    """The votes closed in the period, each with its outcome (three queries in all)."""
    now = timezone.now()
    votes = list(
        Vote.objects.filter(
            community=community, closes_at__gte=begin, closes_at__lt=min(end, now)
        ).order_by("closes_at", "pk")
    )
    if not votes:
        return []
    homes: dict[int, list[tally.Home]] = {vote.pk: [] for vote in votes}
    for vote_id, unit_id, area, person in ElectorateHome.objects.filter(vote__in=votes).values_list(
        "vote_id", "unit_id", "area", "person"
    ):
        homes[vote_id].append(tally.Home(unit_id, area, person))
    choices: dict[int, dict[int, str]] = {vote.pk: {} for vote in votes}
    for vote_id, unit_id, choice in Ballot.objects.filter(
        vote__in=votes, is_current=True
    ).values_list("vote_id", "unit_id", "choice"):
        choices[vote_id][unit_id] = choice
    figures = [Figure(_("Owners' votes closed"), str(len(votes)))]
    for vote in votes:
        result = tally.count(homes[vote.pk], choices[vote.pk], vote.matter)
        area_taking_part, area_for = result.quorum[0], result.approval[0]
        figures.append(
            Figure(
                vote.title,
                _("%(verdict)s: %(part)s of the area took part, %(agreed)s of it agreed")
                % {
                    "verdict": _("Passed") if result.passed else _("Not passed"),
                    "part": tally.percent(area_taking_part.share),
                    "agreed": tally.percent(area_for.share),
                },
            )
        )
    return figures


def section(community, period: Period) -> Section | None:
    """None when nothing was published and no vote closed in the period."""
    begin, end = _aware(period.start), _aware(period.end)
    figures, chart = _notice_figures(community, begin, end)
    vote_figures = _vote_figures(community, begin, end)
    if len(figures) == 1 and figures[0].value == "0" and not vote_figures:
        return None
    return Section(
        key="notices",
        title=_("Notices and owners' votes"),
        figures=figures + vote_figures,
        chart=chart if chart.labels else None,
        note=_(
            "The read rate counts the residents with a portal login who opened each notice, "
            "out of those it was published to."
        ),
    )


SECTIONS = [Contribution(ORDER, section)]
