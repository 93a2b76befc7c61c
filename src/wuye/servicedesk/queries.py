"""Reads of the customer center, already scoped to what the caller may see."""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.utils import timezone

from wuye.core import policy
from wuye.core.calendar import service_calendar
from wuye.core.models import Community
from wuye.core.validators import clean_code, clean_text
from wuye.estates.queries import home_q
from wuye.staff.organisation.models import DepartmentKind
from wuye.staff.rosters.queries import on_duty_ids

from . import sla, workflow
from .models import (
    OPEN_STATES,
    REPAIRS,
    CallBack,
    CallbackMethod,
    CallbackScope,
    Category,
    DeskSettings,
    PriceListItem,
    Priority,
    SpotCheck,
    Status,
    Team,
    TeamMember,
    Visibility,
    WorkOrder,
    WorkOrderEvent,
)


def work_orders_visible_to(user, community_id: int | None = None) -> QuerySet[WorkOrder]:
    """Staff see their communities' orders; a resident sees their homes' orders and those
    they reported."""
    visible = Q(community_id__in=policy.community_ids_with(user, "workorder.view"))
    if policy.resident_unit_ids(user):
        visible |= _of_resident(user)
    rows = WorkOrder.objects.filter(visible)
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    return rows


def overdue(rows: QuerySet[WorkOrder], now: datetime | None = None) -> QuerySet[WorkOrder]:
    """Open orders (not on hold) whose earliest unmet deadline has passed."""
    return rows.filter(
        status__in=OPEN_STATES - {Status.ON_HOLD}, next_due_at__lt=now or timezone.now()
    )


def work_order_list(user, params: dict) -> QuerySet[WorkOrder]:
    """Orders the user may see, filtered by the parameters the board, lists and API share:
    community_id, status, category, priority, assignee_id, team_id, unit_id, overdue, q."""
    rows = work_orders_visible_to(user, params.get("community_id"))
    for field in ("status", "category", "priority", "assignee_id", "team_id", "unit_id"):
        if params.get(field) is not None:
            rows = rows.filter(**{field: params[field]})
    if params.get("overdue") is True:
        rows = overdue(rows)
    elif params.get("overdue") is False:
        rows = rows.exclude(pk__in=overdue(WorkOrder.objects.all()).values("pk"))
    if params.get("q"):
        q = params["q"].strip()
        rows = rows.filter(Q(number__icontains=q) | Q(description__icontains=q))
    return rows.select_related("unit__building", "assignee").order_by("-created_at", "-id")


# The board's columns: the states in which an order waits for the office or its assignee;
# resolved orders wait for their call-back and are shown as a count until asked for.
BOARD_STATES = (
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.DISPATCHED,
    Status.IN_PROGRESS,
    Status.ON_HOLD,
)


BOARD_LIMIT = 300
RESOLVED_SHOWN = 50


@dataclass(frozen=True)
class BoardFilters:
    """What the dispatch board is narrowed to: a team's work, a priority, a building, the
    overdue orders."""

    team: Team | None = None
    priority: str | None = None
    building_id: int | None = None
    overdue: bool = False


def team_q(team: Team) -> Q:
    """A team's work: the orders filed under it, and those not yet sent to anyone's team
    that are of the kind it takes."""
    takes = Q(team__isnull=True, category__in=team.categories)
    if team.subcategories:
        takes &= Q(subcategory__in=team.subcategories)
    return Q(team=team) | takes


def _on_board(user, community_id: int, filters: BoardFilters) -> QuerySet[WorkOrder]:
    rows = work_orders_visible_to(user, community_id)
    if filters.team is not None:
        rows = rows.filter(team_q(filters.team))
    if filters.priority:
        rows = rows.filter(priority=filters.priority)
    if filters.building_id:
        rows = rows.filter(unit__building_id=filters.building_id)
    if filters.overdue:
        rows = overdue(rows)
    return rows.select_related("community", "unit__building", "assignee", "team")


def dispatch_board(
    user, community_id: int, filters: BoardFilters, limit: int = BOARD_LIMIT
) -> list[WorkOrder]:
    """Open orders on the dispatch board (`BOARD_STATES`), the most urgent first: the
    earliest deadline, then the oldest."""
    rows = _on_board(user, community_id, filters).filter(status__in=BOARD_STATES)
    return list(rows.order_by(F("next_due_at").asc(nulls_last=True), "created_at", "id")[:limit])


def board_resolved(user, community_id: int, filters: BoardFilters) -> QuerySet[WorkOrder]:
    """The board's resolved orders (waiting for their call-back), newest first."""
    rows = _on_board(user, community_id, filters).filter(status=Status.RESOLVED)
    return rows.order_by(F("resolved_at").desc(nulls_last=True), "-id")


def my_open_orders(user, community_id: int) -> QuerySet[WorkOrder]:
    """The open orders assigned to the user (the technician's phone page), most urgent first."""
    return (
        work_orders_visible_to(user, community_id)
        .filter(assignee_id=user.pk, status__in=OPEN_STATES)
        .select_related("community", "unit__building")
        .order_by(F("next_due_at").asc(nulls_last=True), "created_at", "id")
    )


# The actions that send an order to a person, with the note they are sent with.
HANDOVERS = ("dispatch", "transfer")


def with_work_sheets(orders: list[WorkOrder]) -> list[WorkOrder]:
    """What the assignee's card shows of each order, each kind read once for all of them:
    photos, priced items and the notes it was sent with (`handovers`, newest first)."""
    handovers = (
        WorkOrderEvent.objects.filter(action__in=HANDOVERS)
        .select_related("actor")
        .order_by("-at", "-id")
    )
    prefetch_related_objects(
        orders, "items", "photos", Prefetch("events", queryset=handovers, to_attr="handovers")
    )
    return orders


def teams_of(community_id: int) -> QuerySet[Team]:
    return Team.objects.filter(community_id=community_id, active=True).order_by("name")


def work_order_detail(user, order_id: int) -> WorkOrder:
    """One order with what its page shows: home, people, timeline, items, photos."""
    return (
        work_orders_visible_to(user)
        .select_related("community", "unit__building", "assignee", "team", "responder")
        .prefetch_related("events__actor", "items", "photos", "callbacks__by")
        .get(pk=order_id)
    )


# What the owner reads of the data of a line of the timeline (no staff's ids or levels).
OWNER_DATA = frozenset({"score", "amount_owed", "items", "channel", "replied_by", "satisfied"})


def timeline_of(user, order: WorkOrder) -> list[WorkOrderEvent]:
    """The order's timeline as `user` may read it: all of it for the community's staff; for
    the owner only replies and the progress of the request, without staff's notes on
    progress and without the lines staff keep for themselves (`Visibility`)."""
    events = list(order.events.all())
    if not workflow.reads_as_owner(user, order):
        return events
    shown = []
    for event in events:
        if event.visibility == Visibility.INTERNAL:
            continue
        line = copy.copy(event)
        if event.visibility != Visibility.OWNER:
            line.note = ""
        line.data = {k: v for k, v in event.data.items() if k in OWNER_DATA}
        shown.append(line)
    return shown


def published_prices(community_ids) -> QuerySet[PriceListItem]:
    """The published prices of several communities, grouped by community (the portal)."""
    return (
        PriceListItem.objects.filter(community_id__in=list(community_ids), active=True)
        .select_related("community")
        .order_by("community__name", "community_id", "sort", "name")
    )


def work_orders_of_resident(user) -> QuerySet[WorkOrder]:
    """The orders of a resident's own homes and those they reported (the portal's list),
    even when the same login also works for the company."""
    if not policy.resident_ids(user):
        return WorkOrder.objects.none()
    return WorkOrder.objects.filter(_of_resident(user)).select_related(
        "community", "unit__building", "assignee"
    )


def _of_resident(user) -> Q:
    """The one rule of what a resident sees: their homes' orders and those they reported."""
    return (
        Q(unit_id__in=policy.resident_unit_ids(user))
        | Q(reporter_user_id=user.pk)
        | Q(reporter_resident_id__in=policy.resident_ids(user))
    )


def price_list(community_id: int) -> QuerySet[PriceListItem]:
    """The published repair prices (收费公示) of a community."""
    return PriceListItem.objects.filter(community_id=community_id, active=True)


# ---- dispatch -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    user: object
    team_name: str
    open_orders: int
    skilled: bool
    on_duty: bool


def open_load(community_id: int, user_ids) -> dict[int, int]:
    """Open orders per assignee."""
    rows = (
        WorkOrder.objects.filter(
            community_id=community_id, assignee_id__in=list(user_ids), status__in=OPEN_STATES
        )
        .values("assignee_id")
        .annotate(n=Count("id"))
    )
    return {row["assignee_id"]: row["n"] for row in rows}


def night_duty_ids(community: Community, at: datetime) -> set[int]:
    """Who takes emergencies at `at` when service is closed: the engineering department's
    people on duty by the published rosters (夜间维修值班), a duty that began the evening
    before included."""
    return on_duty_ids(community, at, department_kind=DepartmentKind.ENGINEERING)


@dataclass(frozen=True)
class DispatchPool:
    """What ranking people for an order needs, read once for a community and a moment."""

    members: list
    load: dict[int, int]
    on_duty: set[int]
    night_staff: list
    after_hours: bool
    limit: int


def dispatch_pool(community: Community, at: datetime | None = None) -> DispatchPool:
    """The community's active team members, their open load, who is on duty by the rosters
    and, after service hours, who has the night repair duty."""
    at = at or timezone.now()
    members = list(
        TeamMember.objects.filter(
            team__community=community, team__active=True, active=True, user__is_active=True
        ).select_related("team", "user")
    )
    after_hours = not service_calendar(community).in_service_hours(at)
    on_duty = on_duty_ids(community, at)
    repair_duty = night_duty_ids(community, at) if after_hours else set()
    night_staff = (
        list(get_user_model().objects.filter(pk__in=repair_duty, is_active=True))
        if repair_duty
        else []
    )
    load = open_load(community.pk, {m.user_id for m in members} | on_duty)
    limit = DeskSettings.for_community(community.pk).max_open_orders
    return DispatchPool(members, load, on_duty, night_staff, after_hours, limit)


def ranked_suggestions(order: WorkOrder, pool: DispatchPool) -> list[Suggestion]:
    """People of `pool` to send the order to, best first (see `dispatch_suggestions`).

    After service hours, once the rosters put anyone on duty, only people on duty are
    offered: the order's team members on duty, or for an emergency no one of the team
    covers, the night repair duty."""
    members = [m for m in pool.members if m.team.takes(order.category, order.subcategory)]
    if pool.after_hours and pool.on_duty:
        members = [m for m in members if m.user_id in pool.on_duty]
        if not members and order.priority == Priority.EMERGENCY:
            members = [TeamMember(user=user, skills=[]) for user in pool.night_staff]
    best: dict[int, Suggestion] = {}
    for m in members:
        suggestion = Suggestion(
            user=m.user,
            team_name=m.team.name if m.team_id else "",
            open_orders=pool.load.get(m.user_id, 0),
            skilled=order.subcategory in m.skills,
            on_duty=m.user_id in pool.on_duty,
        )
        if suggestion.open_orders >= pool.limit:
            continue
        known = best.get(m.user_id)
        if known is None or (suggestion.skilled and not known.skilled):
            best[m.user_id] = suggestion
    return sorted(
        best.values(),
        key=lambda s: (not s.on_duty, not s.skilled, s.open_orders, s.user.get_username()),
    )


@dataclass(frozen=True)
class Candidate:
    """A person the dispatcher may pick for an order, with their open orders now."""

    user: object
    open_orders: int
    full: bool


def dispatch_choices(order: WorkOrder, pool: DispatchPool) -> list[Candidate]:
    """Whom the dispatcher picks from for an order: the members of the team it is filed
    under, else of the teams that take its kind, each with their open load (`full` at the
    community's most open orders a person is suggested for), by name."""
    if order.team_id:
        members = [m for m in pool.members if m.team_id == order.team_id]
    else:
        members = [m for m in pool.members if m.team.takes(order.category, order.subcategory)]
    people = {m.user_id: m.user for m in members}
    return sorted(
        (
            Candidate(user, pool.load.get(pk, 0), pool.load.get(pk, 0) >= pool.limit)
            for pk, user in people.items()
        ),
        key=lambda c: c.user.get_full_name() or c.user.get_username(),
    )


def dispatch_suggestions(order: WorkOrder, at: datetime | None = None) -> list[Suggestion]:
    """People to send the order to, best first: members of the teams that take its category
    (and subcategory) with the skill first, then the least loaded; people at the community's
    maximum of open orders are left out. After service hours only people on duty by the
    rosters are offered; an emergency no one of the team covers goes to the night repair duty."""
    return ranked_suggestions(order, dispatch_pool(order.community, at))


def staff_of(community_id: int) -> QuerySet:
    """Active staff with a role in the community (whom an order may be sent to), by name."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__active=True, memberships__community_id=community_id
        )
        .distinct()
        .order_by("first_name", "username")
    )


@dataclass(frozen=True)
class Promise:
    """What the front desk tells a caller before saving: when, and by whom (§9 of the
    training report: "say when and by whom the reply will come")."""

    response_due_at: datetime | None
    arrival_due_at: datetime | None
    resolution_due_at: datetime | None
    responder: object
    suggestion: Suggestion | None


def intake_promise(
    user,
    community: Community,
    *,
    category: str,
    priority: str,
    subcategory: str,
    preferred_to: datetime | None = None,
    at: datetime | None = None,
) -> Promise:
    """The deadlines an order received now would get, the person who answers first (the
    clerk receiving it) and the person it would likely be sent to."""
    at = at or timezone.now()
    draft = WorkOrder(
        community=community,
        category=category,
        priority=priority,
        subcategory=subcategory,
        preferred_to=preferred_to,
        created_at=at,
    )
    sla.set_deadlines(draft, at)
    suggestions = ranked_suggestions(draft, dispatch_pool(community, at))
    return Promise(
        response_due_at=draft.response_due_at,
        arrival_due_at=draft.arrival_due_at,
        resolution_due_at=draft.resolution_due_at,
        responder=user,
        suggestion=suggestions[0] if suggestions else None,
    )


def near_breach(rows: QuerySet[WorkOrder], now: datetime | None = None) -> QuerySet[WorkOrder]:
    """Open orders past their warning time whose deadline has not yet passed."""
    now = now or timezone.now()
    return rows.filter(
        status__in=OPEN_STATES - {Status.ON_HOLD}, warn_at__lte=now, next_due_at__gt=now
    )


# ---- call-backs, complaints, spot checks ---------------------------------------------------


# 回访: the common practice the standards cite, the owner called back within a day of the work.
CALLBACK_WITHIN = timedelta(hours=24)
DUE, OVERDUE = "due", "overdue"
# Whom each way of calling back reaches: a phone number, a home to visit, a portal login.
CALLBACK_REACH = {
    CallbackMethod.PHONE: ~Q(contact_phone=""),
    CallbackMethod.VISIT: Q(unit__isnull=False),
    CallbackMethod.MESSAGE: Q(reporter_user__isnull=False),
}


@dataclass(frozen=True)
class CallbackFilters:
    """What the call-back queue is narrowed to: due or overdue, a category, a team, and the
    way of calling back (the orders whose owner it reaches; the called-back ones it was
    done by)."""

    when: str | None = None
    category: str | None = None
    team_id: int | None = None
    method: str | None = None


NO_FILTERS = CallbackFilters()


def _callback_rows(rows: QuerySet[WorkOrder], filters: CallbackFilters) -> QuerySet[WorkOrder]:
    if filters.category:
        rows = rows.filter(category=filters.category)
    if filters.team_id:
        rows = rows.filter(team_id=filters.team_id)
    return rows.select_related("unit__building", "assignee")


def callback_queue(
    user, community_id: int, filters: CallbackFilters = NO_FILTERS, now: datetime | None = None
) -> QuerySet[WorkOrder]:
    """Resolved repairs and complaints waiting for their call-back (回访), the first due
    first: each is due `CALLBACK_WITHIN` after it was resolved."""
    rows = work_orders_visible_to(user, community_id).filter(
        status=Status.RESOLVED, category__in=sorted(REPAIRS | {Category.COMPLAINT})
    )
    if DeskSettings.for_community(community_id).callback_scope == CallbackScope.UNRATED:
        rows = rows.filter(owner_score__isnull=True)
    late = Q(resolved_at__lt=(now or timezone.now()) - CALLBACK_WITHIN)
    if filters.when == OVERDUE:
        rows = rows.filter(late)
    elif filters.when == DUE:
        rows = rows.exclude(late)
    if filters.method:
        rows = rows.filter(CALLBACK_REACH[filters.method])
    return _callback_rows(rows, filters).order_by("resolved_at", "id")


def called_back(user, community_id: int, filters: CallbackFilters) -> QuerySet[WorkOrder]:
    """Orders called back to the owner's satisfaction that wait to be closed, oldest first."""
    rows = work_orders_visible_to(user, community_id).filter(status=Status.VISITED)
    if filters.method:
        done = CallBack.objects.filter(order=OuterRef("pk"), satisfied=True, method=filters.method)
        rows = rows.filter(Exists(done))
    return _callback_rows(rows, filters).order_by("resolved_at", "id")


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def complaint_register(user, community_id: int, day: date | None = None) -> QuerySet[WorkOrder]:
    """The daily register of replies (每日答复登记): the complaints open on `day` (default
    today) — open when the day began, or opened during it (received or reopened) — each
    with `answered`, whether the complainant was given a reply that day, and the day's
    replies (`day_replies`, earliest first). A named person answers complaints every day;
    only a recorded reply counts, not taking the call nor any other staff's step.

    The state an order was in when the day began is read from its timeline, so a past
    day's register is the one kept that day."""
    day = day or timezone.localdate()
    start, end = _day_bounds(day)
    timeline = WorkOrderEvent.objects.filter(order=OuterRef("pk"))
    state_at_start = timeline.filter(at__lt=start).order_by("-at", "-id").values("to_status")[:1]
    opened = timeline.filter(at__gte=start, at__lt=end, to_status__in=sorted(OPEN_STATES))
    replies = WorkOrderEvent.objects.filter(action="reply", at__gte=start, at__lt=end)
    return (
        work_orders_visible_to(user, community_id)
        .filter(category=Category.COMPLAINT, created_at__lt=end)
        .exclude(closed_at__lt=start)
        .annotate(state_at_start=Subquery(state_at_start))
        .filter(Q(state_at_start__in=sorted(OPEN_STATES)) | Exists(opened))
        .annotate(answered=Exists(replies.filter(order=OuterRef("pk"))))
        .select_related("unit__building", "responder", "assignee")
        .prefetch_related(
            Prefetch("events", queryset=replies.order_by("at", "id"), to_attr="day_replies")
        )
        .order_by("created_at", "id")
    )


def spot_check_sample(community_id: int, week_start: date, size: int = 5) -> list[WorkOrder]:
    """A random sample of the orders closed in the week from `week_start`, the same sample
    each time it is asked for (seeded by the community and the week)."""
    ids = sorted(
        WorkOrder.objects.filter(
            community_id=community_id,
            status=Status.CLOSED,
            closed_at__date__gte=week_start,
            closed_at__date__lt=week_start + timedelta(days=7),
        ).values_list("pk", flat=True)
    )
    chosen = random.Random(f"{community_id}:{week_start.isoformat()}").sample(
        ids, min(size, len(ids))
    )
    return list(
        WorkOrder.objects.filter(pk__in=chosen)
        .select_related("unit__building", "assignee")
        .order_by("closed_at")
    )


# A failed spot check stays on the supervisor's mind for a week.
FAILED_CHECK_DAYS = 7


def failed_spot_checks(user, community_id: int, since: datetime):
    """Spot checks since `since` that found the work not up to standard, newest first, of
    the orders the user may see."""
    return (
        SpotCheck.objects.filter(
            community_id=community_id,
            passed=False,
            at__gte=since,
            order__in=work_orders_visible_to(user, community_id).values("pk"),
        )
        .select_related("order__unit__building", "order__assignee", "by")
        .order_by("-at", "-id")
    )


# ---- finding an order: by its number, and the filtered list -------------------------------

# BDX-20261127-0007: the community's code, the day received, the day's sequence number.
NUMBER_RE = re.compile(r"^([A-Z][A-Z0-9]*?)-?(\d{8})-?(\d{4,})$")


def parse_work_order_number(text: str) -> str | None:
    """A work-order number as it is written (BDX-20261127-0007), however it was typed
    (bdx-20261127-0007, BDX 20261127 0007, full-width), or None when `text` is not one."""
    found = NUMBER_RE.match(clean_code(text))
    return "-".join(found.groups()) if found else None


def work_order_with_number(user, number: str) -> WorkOrder | None:
    """The order with this number in a community where the user works, or None (also when
    it is in a community the user does not work in)."""
    return (
        WorkOrder.objects.filter(
            community_id__in=policy.community_ids_with(user, "workorder.view"), number=number
        )
        .only("pk", "community_id")
        .first()
    )


STATUS_OPEN = "open"  # the filter value for every open state at once


def work_order_search(user, community_id: int, filters: dict) -> QuerySet[WorkOrder]:
    """Orders of the community the user may see, closed and cancelled ones too, newest
    first, filtered by what the list page's filters hold: number (whole or part), home
    (3-2-502), caller (name or phone), category, status (or `open`) and the days received
    (received_from, received_to, inclusive, in local time)."""
    rows = work_orders_visible_to(user, community_id)
    if number := clean_code(filters.get("number")):
        whole = parse_work_order_number(number)
        rows = rows.filter(number=whole) if whole else rows.filter(number__icontains=number)
    if home := clean_code(filters.get("home")):
        rows = rows.filter(home_q(home, prefix="unit__"))
    if caller := clean_text(filters.get("caller")):
        digits = clean_code(caller)
        found = Q(contact_name__icontains=caller)
        if digits.isdigit() and len(digits) >= 4:
            found |= Q(contact_phone__contains=digits)
        rows = rows.filter(found)
    if category := filters.get("category"):
        rows = rows.filter(category=category)
    if (status := filters.get("status")) == STATUS_OPEN:
        rows = rows.filter(status__in=sorted(OPEN_STATES))
    elif status:
        rows = rows.filter(status=status)
    zone = timezone.get_current_timezone()
    if day := filters.get("received_from"):
        rows = rows.filter(created_at__gte=datetime.combine(day, time.min, zone))
    if day := filters.get("received_to"):
        rows = rows.filter(created_at__lt=datetime.combine(day + timedelta(days=1), time.min, zone))
    return rows.select_related("unit__building", "assignee").order_by("-created_at", "-id")
