"""Changes to fund-usage publicity and the owners' committee: each one transaction, checked by
the policy, audited. A published publication never changes; a correction is a new one."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing import calc
from wuye.billing import queries as billing
from wuye.billing.models import FeeKind, IncomeSource, PaymentStatus
from wuye.core import audit, policy
from wuye.core.dates import add_months
from wuye.core.models import Community
from wuye.core.validators import clean_text, not_found
from wuye.estates.models import Relation, Residency, Resident

from ..models import (
    CENT,
    MONTHS_IN,
    SIDE_OF,
    Category,
    CommitteeMember,
    CommitteeRole,
    FundLine,
    FundPeriod,
    FundRule,
    LineSource,
    PeriodKind,
)
from .queries import top_up_percent

MAX_AMOUNT = Decimal("9999999999.99")


# ---- the owners' committee -----------------------------------------------------------------


@transaction.atomic
def committee_member_add(
    *,
    actor,
    community: Community,
    resident: Resident,
    role: str,
    start_date: date,
    end_date: date | None = None,
) -> CommitteeMember:
    """Seat an owner of the community on its owners' committee for a term."""
    policy.require_perm(actor, "committee.manage", community.pk)
    errors: dict[str, list[str]] = {}
    is_owner = Residency.objects.filter(
        resident=resident, unit__community=community, relation=Relation.OWNER
    ).exists()
    if resident.community_id != community.pk or not is_owner:
        errors["resident"] = [not_found(_("Choose an owner of this community."))]
    if role not in CommitteeRole.values:
        errors["role"] = [_("Choose chair, vice chair or member.")]
    if start_date is None:
        errors["start_date"] = [_("Enter the first day of the term.")]
    elif end_date is not None and end_date < start_date:
        errors["end_date"] = [_("The term cannot end before it starts.")]
    if not errors and (
        CommitteeMember.objects.filter(community=community, resident=resident)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
        .exists()
    ):
        errors["resident"] = [_("This owner already sits on the committee.")]
    if errors:
        raise ValidationError(errors)
    member = CommitteeMember.objects.create(
        community=community,
        resident=resident,
        role=role,
        start_date=start_date,
        end_date=end_date,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="committee.add",
        obj=member,
        changes={"role": [None, role], "start_date": [None, start_date.isoformat()]},
    )
    return member


@transaction.atomic
def committee_member_end(*, actor, member: CommitteeMember, end_date: date) -> CommitteeMember:
    """End a member's term on a day (the seat stays in the register)."""
    policy.require_perm(actor, "committee.manage", member.community_id)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if end_date is None or end_date < member.start_date:
        raise ValidationError({"end_date": [_("The term cannot end before it starts.")]})
    before = member.end_date
    member.end_date = end_date
    member.save(update_fields=["end_date"])
    audit.record(
        actor=actor,
        action="committee.end",
        obj=member,
        changes={"end_date": [before and before.isoformat(), end_date.isoformat()]},
    )
    return member


# ---- the rule for common-area income -------------------------------------------------------


def _percent(value) -> Decimal:
    try:
        percent = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError, TypeError):
        percent = None
    if percent is None or not Decimal("0") <= percent <= Decimal("100"):
        raise ValidationError({"top_up_percent": [_("Enter a share between 0 and 100.")]})
    return percent


@transaction.atomic
def fund_rule_set(*, actor, community: Community, top_up_percent) -> FundRule:
    """Set the share of common-area income (after its costs) that tops up the maintenance
    fund. Publications already published keep the share they were published with."""
    policy.require_perm(actor, "publicity.publish", community.pk)
    percent = _percent(top_up_percent)
    rule, _created = FundRule.objects.select_for_update().get_or_create(community=community)
    before = rule.top_up_percent
    rule.top_up_percent = percent
    rule.save(update_fields=["top_up_percent"])
    audit.record(
        actor=actor,
        action="publicity.rule",
        obj=rule,
        changes={"top_up_percent": [str(before), str(percent)]},
    )
    return rule


# ---- publications --------------------------------------------------------------------------


def period_end(kind: str, start: date) -> date:
    return add_months(start, MONTHS_IN[kind])


def _validate_start(kind: str, start: date | None) -> dict[str, list[str]]:
    if kind not in PeriodKind.values:
        return {"kind": [_("Choose a month, a quarter or a half-year.")]}
    if start is None:
        return {"start": [_("Enter the first day of the period.")]}
    if start.day != 1 or (start.month - 1) % MONTHS_IN[kind]:
        messages = {
            PeriodKind.MONTH: _("A month starts on its first day."),
            PeriodKind.QUARTER: _("A quarter starts on 1 January, 1 April, 1 July or 1 October."),
            PeriodKind.HALF_YEAR: _("A half-year starts on 1 January or 1 July."),
        }
        return {"start": [messages[kind]]}
    if not date(2000, 1, 1) <= start <= date(2099, 7, 1):
        return {"start": [_("Enter a date between the years 2000 and 2099.")]}
    return {}


def _locked(period: FundPeriod) -> FundPeriod:
    return FundPeriod.objects.select_for_update().get(pk=period.pk)


def _require_draft(period: FundPeriod) -> None:
    if period.is_published:
        raise ValidationError(
            _("A published period cannot be changed: publish a correction instead.")
        )


@transaction.atomic
def fund_period_create(
    *, actor, community: Community, kind: str, start: date | None, note: str = ""
) -> FundPeriod:
    """Start the draft publication of a month, a quarter or a half-year, with the property
    fees collected in it filled from billing when the preparer may read the payments."""
    policy.require_perm(actor, "publicity.prepare", community.pk)
    errors = _validate_start(kind, start)
    if errors:
        raise ValidationError(errors)
    if FundPeriod.objects.filter(
        community=community, kind=kind, start=start, corrects__isnull=True
    ).exists():
        raise ValidationError(
            {"start": [_("This period already has a publication: correct it instead.")]}
        )
    try:
        with transaction.atomic():
            period = FundPeriod.objects.create(
                community=community,
                kind=kind,
                start=start,
                end=period_end(kind, start),
                note=(note or "").strip(),
                created_by=actor,
            )
    except IntegrityError as race:  # started at the same moment by someone else
        raise ValidationError(
            {"start": [_("This period already has a publication: correct it instead.")]}
        ) from race
    audit.record(
        actor=actor,
        action="publicity.create",
        obj=period,
        changes={"kind": [None, kind], "start": [None, start.isoformat()]},
    )
    if policy.has_perm(actor, "billing.view", community.pk):
        fund_period_fill_fees(actor=actor, period=period)
    return period


@transaction.atomic
def fund_period_correct(*, actor, period: FundPeriod, note: str = "") -> FundPeriod:
    """Start a correction of a published publication: a new draft with a copy of its lines,
    which names the one it corrects. The corrected one stays as it was published."""
    policy.require_perm(actor, "publicity.prepare", period.community_id)
    period = _locked(period)
    if not period.is_published:
        raise ValidationError(_("Only a published period can be corrected; change the draft."))
    if FundPeriod.objects.filter(corrects=period).exists():
        raise ValidationError(_("This publication already has a correction."))
    correction = FundPeriod.objects.create(
        community_id=period.community_id,
        kind=period.kind,
        start=period.start,
        end=period.end,
        note=(note or "").strip(),
        corrects=period,
        created_by=actor,
    )
    FundLine.objects.bulk_create(
        FundLine(
            period=correction,
            side=line.side,
            category=line.category,
            description=line.description,
            amount=line.amount,
            source=line.source,
        )
        for line in period.lines.all()
    )
    audit.record(
        actor=actor,
        action="publicity.correct",
        obj=correction,
        changes={"corrects": [None, period.pk]},
    )
    return correction


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError({"amount": [_("Enter an amount in yuan with at most two decimals.")]})
    if not Decimal("0") < amount <= MAX_AMOUNT:
        raise ValidationError({"amount": [_("Enter an amount greater than zero.")]})
    if amount != amount.quantize(CENT):
        raise ValidationError({"amount": [_("Enter an amount in yuan with at most two decimals.")]})
    return amount.quantize(CENT)


@transaction.atomic
def fund_line_add(
    *, actor, period: FundPeriod, category: str, description: str, amount
) -> FundLine:
    """Add a line of income or spending to a draft."""
    policy.require_perm(actor, "publicity.prepare", period.community_id)
    period = _locked(period)
    _require_draft(period)
    errors: dict[str, list[str]] = {}
    if category not in Category.values:
        errors["category"] = [_("Choose a category.")]
    description = clean_text(description or "")
    if not description:
        errors["description"] = [_("Say what the money was for or came from.")]
    try:
        amount = _amount(amount)
    except ValidationError as error:
        errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    line = FundLine.objects.create(
        period=period,
        side=SIDE_OF[category],
        category=category,
        description=description[:200],
        amount=amount,
    )
    audit.record(
        actor=actor,
        action="publicity.line_add",
        obj=period,
        changes={"line": [None, f"{category} {description} {amount}"]},
    )
    return line


@transaction.atomic
def fund_line_remove(*, actor, line: FundLine) -> None:
    """Remove a line from a draft."""
    period = line.period
    policy.require_perm(actor, "publicity.prepare", period.community_id)
    period = _locked(period)
    _require_draft(period)
    FundLine.objects.filter(pk=line.pk).delete()
    audit.record(
        actor=actor,
        action="publicity.line_remove",
        obj=period,
        changes={"line": [f"{line.category} {line.description} {line.amount}", None]},
    )


def collected_fees(actor, period: FundPeriod) -> list[tuple[str, Decimal]]:
    """Property fees collected in the period, by fee item: what the payments received in it
    (void ones left out) settled of property-fee charges. Read through billing's queries, so
    only a caller who may read the community's payments gets figures."""
    start = timezone.make_aware(datetime.combine(period.start, time.min))
    end = timezone.make_aware(datetime.combine(period.end, time.min))
    rows = (
        billing.payments_visible_to(actor)
        .filter(
            community_id=period.community_id,
            received_at__gte=start,
            received_at__lt=end,
            status=PaymentStatus.POSTED,
            allocations__charge__fee_item__kind=FeeKind.PROPERTY,
        )
        .values("allocations__charge__fee_item__name")
        .annotate(total=Sum("allocations__amount"))
        .order_by("allocations__charge__fee_item__name")
    )
    return [
        (row["allocations__charge__fee_item__name"], calc.cents(row["total"]))
        for row in rows
        if row["total"]
    ]


@transaction.atomic
def fund_period_fill_fees(*, actor, period: FundPeriod) -> list[FundLine]:
    """Replace the draft's lines from billing with the property fees collected in the
    period, one line per fee standard, and the common-area parking income received in it
    (民法典 第二百八十二条)."""
    policy.require_perm(actor, "publicity.prepare", period.community_id)
    policy.require_perm(actor, "billing.view", period.community_id)
    period = _locked(period)
    _require_draft(period)
    FundLine.objects.filter(period=period, source=LineSource.BILLING).delete()
    rows = [
        (Category.PROPERTY_FEES, name, amount) for name, amount in collected_fees(actor, period)
    ]
    parking = billing.common_income_total(
        period.community_id, IncomeSource.PARKING, period.start, period.end
    )
    if parking:
        rows.append((Category.PARKING, _("Temporary parking on common land"), parking))
    lines = FundLine.objects.bulk_create(
        FundLine(
            period=period,
            side=SIDE_OF[category],
            category=category,
            description=str(name)[:200],
            amount=amount,
            source=LineSource.BILLING,
        )
        for category, name, amount in rows
    )
    fees = sum((x.amount for x in lines if x.category == Category.PROPERTY_FEES), Decimal("0.00"))
    audit.record(
        actor=actor,
        action="publicity.fill_fees",
        obj=period,
        changes={"property_fees": [None, str(fees)], "parking": [None, str(parking)]},
    )
    return lines


@transaction.atomic
def fund_period_publish(*, actor, period: FundPeriod, at: datetime | None = None) -> FundPeriod:
    """Publish a draft to the owners, with the community's share for the maintenance fund
    fixed. From then on it cannot change.

    `at` records when a publication was posted on the board, for one recorded afterwards; it
    is now by default and never in the future."""
    policy.require_perm(actor, "publicity.publish", period.community_id)
    now = timezone.now()
    if at is not None and at > now:
        raise ValidationError({"at": [_("A publication cannot be dated in the future.")]})
    period = _locked(period)
    _require_draft(period)
    if not period.lines.exists():
        raise ValidationError(_("Add the period's income and spending before publishing."))
    if period.corrects_id is not None and period.corrects.published_at is None:
        raise ValidationError(_("The publication this one corrects is not published."))
    period.top_up_percent = top_up_percent(period.community_id)
    period.published_at = at or now
    period.published_by = actor
    period.save(update_fields=["top_up_percent", "published_at", "published_by"])
    audit.record(
        actor=actor,
        action="publicity.publish",
        obj=period,
        changes={
            "published_at": [None, period.published_at.isoformat()],
            "top_up_percent": [None, str(period.top_up_percent)],
            "corrects": [None, period.corrects_id],
        },
    )
    return period
