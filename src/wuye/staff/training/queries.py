"""Reading the training register: sessions, a person's record, and the hours each department
took in each quarter of a year (the department a person's post belonged to on the day of
the session)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from ..organisation.models import Assignment, Department
from .models import Course, TrainingRecord, TrainingSession

QUARTERS = (1, 2, 3, 4)
ZERO = Decimal("0.0")


def courses(community_id: int):
    return (
        Course.objects.filter(community_id=community_id)
        .annotate(held=Count("sessions"))
        .order_by("order", "pk")
    )


def sessions(
    community_id: int,
    *,
    course_id: int = 0,
    topic: str = "",
    since: date | None = None,
    until: date | None = None,
    person_id: int = 0,
):
    """The community's sessions, newest first, with their attendee count and average score."""
    rows = TrainingSession.objects.filter(community_id=community_id)
    if course_id:
        rows = rows.filter(course_id=course_id)
    if topic:
        rows = rows.filter(course__topic=topic)
    if since:
        rows = rows.filter(date__gte=since)
    if until:
        rows = rows.filter(date__lte=until)
    if person_id:
        rows = rows.filter(Q(records__user_id=person_id) | Q(trainer_id=person_id)).distinct()
    return (
        rows.select_related("course", "trainer")
        .annotate(attendees=Count("records"))
        .order_by("-date", "-pk")
    )


def session_records(session: TrainingSession):
    return session.records.select_related("user").order_by(
        "user__last_name", "user__first_name", "user__username"
    )


@dataclass
class PersonRecord:
    records: list
    total_hours: Decimal
    year_hours: Decimal
    average_score: float | None


def person_record(community_id: int, user_id: int, today: date) -> PersonRecord:
    """A person's sessions in the community (newest first), their hours in all and in the
    year of `today`, and their average score."""
    records = list(
        TrainingRecord.objects.filter(session__community_id=community_id, user_id=user_id)
        .select_related("session__course", "session__trainer")
        .order_by("-session__date", "-session_id")
    )
    scores = [r.score for r in records if r.score is not None]
    return PersonRecord(
        records=records,
        total_hours=sum((r.hours for r in records), ZERO),
        year_hours=sum((r.hours for r in records if r.session.date.year == today.year), ZERO),
        average_score=round(sum(scores) / len(scores), 1) if scores else None,
    )


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


@dataclass
class DepartmentHours:
    name: str
    pk: int | None = None
    quarters: dict[int, Decimal] = field(default_factory=dict)
    people: set = field(default_factory=set)

    @property
    def total(self) -> Decimal:
        return sum(self.quarters.values(), ZERO)

    def by_quarter(self) -> list[Decimal]:
        return [self.quarters.get(q, ZERO) for q in QUARTERS]


def _department_on(assignments: list, day: date) -> int | None:
    """The department of the post held on `day` (assignments newest first)."""
    for started_on, ended_on, department_id in assignments:
        if started_on <= day and (ended_on is None or ended_on >= day):
            return department_id
    return None


def department_hours(community_id: int, year: int) -> list[DepartmentHours]:
    """Training hours per department and quarter of `year`, in three queries: the year's
    records, the posts their people held, the departments. People without a post on the day
    of the session count under "No department"; departments with no hours are left out."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    records = list(
        TrainingRecord.objects.filter(
            session__community_id=community_id, session__date__range=(start, end)
        ).values_list("user_id", "session__date", "hours")
    )
    people = {user_id for user_id, _day, _hours in records}
    held: dict[int, list] = defaultdict(list)
    for user_id, started_on, ended_on, department_id in (
        Assignment.objects.filter(community_id=community_id, user_id__in=people)
        .filter(started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .order_by("-started_on", "-pk")
        .values_list("user_id", "started_on", "ended_on", "post__department_id")
    ):
        held[user_id].append((started_on, ended_on, department_id))
    totals: dict[int | None, DepartmentHours] = {}
    departments = {
        d.pk: d for d in Department.objects.filter(community_id=community_id).order_by("order")
    }
    for user_id, day, hours in records:
        department_id = _department_on(held[user_id], day)
        row = totals.get(department_id)
        if row is None:
            name = departments[department_id].name if department_id else _("No department")
            row = totals[department_id] = DepartmentHours(name=name, pk=department_id)
        quarter = quarter_of(day)
        row.quarters[quarter] = row.quarters.get(quarter, ZERO) + hours
        row.people.add(user_id)
    order = {pk: n for n, pk in enumerate(departments)}
    return sorted(totals.values(), key=lambda r: order.get(r.pk, len(order)))


def year_totals(rows: list[DepartmentHours]) -> list[Decimal]:
    return [sum((r.quarters.get(q, ZERO) for r in rows), ZERO) for q in QUARTERS]


def year_hours(community_id: int, year: int) -> Decimal:
    found = TrainingRecord.objects.filter(
        session__community_id=community_id, session__date__year=year
    ).aggregate(total=Sum("hours"))["total"]
    return found or ZERO
