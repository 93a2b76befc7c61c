"""Fund-usage publicity (财务公示, 民法典 §943) and the owners' committee (业主委员会).

A publication is a community's ledger of income and spending for a month, a quarter or a
half-year. Staff prepare it as a draft; once a manager publishes it, neither it nor its lines
change again, through the model or a queryset. A correction is a new publication that names
the one it corrects.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community

MONEY = {"max_digits": 12, "decimal_places": 2}
CENT = Decimal("0.01")
DEFAULT_TOP_UP_PERCENT = Decimal("50.00")  # standards.md: mainly tops up the maintenance fund


class PublishedError(PermissionError):
    """A published publication, or one of its lines, was about to change."""


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")


class CommitteeMember(models.Model):
    """An owner's seat on the owners' committee (业主委员会) for a term."""

    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="committee_members",
        verbose_name=_("community"),
    )
    resident = models.ForeignKey(
        "estates.Resident",
        on_delete=models.PROTECT,
        related_name="committee_seats",
        verbose_name=_("owner"),
    )
    role = models.CharField(
        pgettext_lazy("committee", "role"),
        max_length=12,
        choices=CommitteeRole.choices,
        default=CommitteeRole.MEMBER,
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("owners' committee")
        ordering = ["community_id", "end_date", "role", "pk"]
        indexes = [models.Index(fields=["community", "resident"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="committee_member_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident} · {self.get_role_display()}"


class FundRule(models.Model):
    """A community's rule for its common-area income (公共收益): the share, after reasonable
    costs, that tops up the special maintenance fund."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="fund_rule", verbose_name=_("community")
    )
    top_up_percent = models.DecimalField(
        _("share to the maintenance fund (per cent)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_TOP_UP_PERCENT,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("common-area income rule")
        verbose_name_plural = _("common-area income rules")

    def __str__(self) -> str:
        return str(self.community)


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("Half-year")


MONTHS_IN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF_YEAR: 6}


class Side(models.TextChoices):
    INCOME = "income", _("Income")
    SPENDING = "spending", _("Spending")


class Category(models.TextChoices):
    PROPERTY_FEES = "property_fees", _("Property fees collected")
    PARKING = "parking", _("Common-area parking")
    ADVERTISING = "advertising", _("Advertising")
    VENUE_RENT = "venue_rent", _("Venue rent")
    OTHER_COMMON = "other_common", _("Other common-area income")
    STAFF = "staff", _("Staff")
    CLEANING = "cleaning", _("Outsourced cleaning")
    GREENERY = "greenery", _("Greenery")
    UTILITIES = "utilities", _("Common-area utilities")
    REPAIRS = "repairs", _("Repairs")
    MAINTENANCE_FUND = "maintenance_fund", _("Maintenance-fund use")
    COMMON_AREA_COSTS = "common_area_costs", _("Costs of common-area income")
    OTHER_SPENDING = "other_spending", _("Other spending")


# 公共收益: the owners' income from the common parts, kept apart from the property fees.
COMMON_AREA_INCOME = (
    Category.PARKING,
    Category.ADVERTISING,
    Category.VENUE_RENT,
    Category.OTHER_COMMON,
)
INCOME_CATEGORIES = (Category.PROPERTY_FEES, *COMMON_AREA_INCOME)
SPENDING_CATEGORIES = (
    Category.STAFF,
    Category.CLEANING,
    Category.GREENERY,
    Category.UTILITIES,
    Category.REPAIRS,
    Category.MAINTENANCE_FUND,
    Category.COMMON_AREA_COSTS,
    Category.OTHER_SPENDING,
)
SIDE_OF = {
    **dict.fromkeys(INCOME_CATEGORIES, Side.INCOME),
    **dict.fromkeys(SPENDING_CATEGORIES, Side.SPENDING),
}


def top_up(common_income: Decimal, costs: Decimal, percent: Decimal) -> Decimal:
    """The maintenance fund's share of common-area income after its reasonable costs, to the
    cent (half up); nothing when the costs eat the income."""
    net = max(common_income - costs, Decimal("0"))
    return (net * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


class FundPeriodQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def current(self):
        """Published and not corrected by a published correction."""
        return self.published().exclude(corrected_by__published_at__isnull=False)

    def update(self, **kwargs):
        if self.published().exists():
            raise PublishedError(_("A published fund-usage period cannot be changed."))
        return super().update(**kwargs)

    def delete(self):
        if self.published().exists():
            raise PublishedError(_("A published fund-usage period cannot be deleted."))
        return super().delete()


class FundPeriod(models.Model):
    """A fund-usage publication for a period: a draft while prepared, frozen once published."""

    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="fund_periods",
        verbose_name=_("community"),
    )
    kind = models.CharField(
        pgettext_lazy("fund-usage period kind", "period"), max_length=10, choices=PeriodKind.choices
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("day after the last"))
    note = models.TextField(_("note"), blank=True)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    # The community's rule, fixed on publication so that the figure never changes afterwards.
    top_up_percent = models.DecimalField(
        _("share to the maintenance fund (per cent)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )

    objects = FundPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("fund-usage period")
        verbose_name_plural = _("fund-usage publicity")
        ordering = ["-start", "-pk"]
        indexes = [models.Index(fields=["community", "-start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="fund_period_end"),
            # One original publication per period; later ones are corrections of it.
            models.UniqueConstraint(
                fields=["community", "kind", "start"],
                condition=Q(corrects__isnull=True),
                name="fund_period_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.label}"

    def save(self, *args, **kwargs):
        if self._stored_published():
            raise PublishedError(_("A published fund-usage period cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_published():
            raise PublishedError(_("A published fund-usage period cannot be deleted."))
        return super().delete(*args, **kwargs)

    def _stored_published(self) -> bool:
        """Whether the row as stored (not as in memory) is published."""
        return (
            self.pk is not None
            and FundPeriod.objects.filter(pk=self.pk, published_at__isnull=False).exists()
        )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def label(self) -> str:
        year = self.start.year
        if self.kind == PeriodKind.MONTH:
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        if self.kind == PeriodKind.QUARTER:
            return _("Q%(quarter)d %(year)d") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": year,
            }
        if self.start.month < 7:
            return _("First half of %(year)d") % {"year": year}
        return _("Second half of %(year)d") % {"year": year}


class FundLineQuerySet(models.QuerySet):
    def _touches_published(self) -> bool:
        return self.filter(period__published_at__isnull=False).exists()

    def update(self, **kwargs):
        if self._touches_published():
            raise PublishedError(_("The lines of a published fund-usage period cannot change."))
        return super().update(**kwargs)

    def delete(self):
        if self._touches_published():
            raise PublishedError(_("The lines of a published fund-usage period cannot change."))
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        periods = {line.period_id for line in objs}
        if FundPeriod.objects.filter(pk__in=periods, published_at__isnull=False).exists():
            raise PublishedError(_("The lines of a published fund-usage period cannot change."))
        return super().bulk_create(objs, *args, **kwargs)


class LineSource(models.TextChoices):
    MANUAL = "manual", _("Entered")
    BILLING = "billing", _("From billing")


class FundLine(models.Model):
    """One line of a publication's ledger: an amount of income or spending in a category."""

    period = models.ForeignKey(
        FundPeriod,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=pgettext_lazy("fund usage", "period"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY)
    source = models.CharField(
        _("source"), max_length=10, choices=LineSource.choices, default=LineSource.MANUAL
    )

    objects = FundLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("fund-usage line")
        verbose_name_plural = _("fund-usage lines")
        ordering = ["period_id", "side", "category", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fund_line_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount}"

    def save(self, *args, **kwargs):
        if self._period_published():
            raise PublishedError(_("The lines of a published fund-usage period cannot change."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._period_published():
            raise PublishedError(_("The lines of a published fund-usage period cannot change."))
        return super().delete(*args, **kwargs)

    def _period_published(self) -> bool:
        return FundPeriod.objects.filter(pk=self.period_id, published_at__isnull=False).exists()
