"""Fee items (收费项目) and how they are priced: the community's fee rules, the items with
their calculation and cycle, tiered tariffs (阶梯价) and parking contracts.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community
from wuye.estates.models import Building, ParkingSpace, Unit, UnitUse

from ..calc import month_day
from .fields import PERCENT, PRICE


class BillingSettings(models.Model):
    """A community's fee rules that are off unless the contract says otherwise."""

    community = models.OneToOneField(
        Community,
        on_delete=models.CASCADE,
        related_name="billing_settings",
        verbose_name=_("community"),
    )
    vacant_rate_enabled = models.BooleanField(_("reduced rate for vacant homes"), default=False)
    vacant_rate_percent = models.DecimalField(
        _("vacant-home rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        validators=PERCENT,
    )
    late_fee_enabled = models.BooleanField(_("late fees"), default=False)
    late_fee_daily_rate = models.DecimalField(
        _("late fee per day (fraction, e.g. 0.0005 for 0.5‰)"),
        max_digits=6,
        decimal_places=5,
        default=Decimal("0.0005"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.003"))],
    )
    late_fee_grace_days = models.PositiveSmallIntegerField(_("grace days"), default=30)
    late_fee_cap_percent = models.DecimalField(
        _("late fee cap (percent of principal)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("30"),
        validators=PERCENT,
    )
    prepay_discount_months = models.PositiveSmallIntegerField(
        _("months prepaid for the discount"), default=12
    )
    prepay_discount_percent = models.DecimalField(
        _("prepayment discount (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=PERCENT,
    )

    class Meta:
        verbose_name = _("billing settings")
        verbose_name_plural = _("billing settings")

    def __str__(self) -> str:
        return str(self.community)


def validate_month_day(value: str) -> None:
    try:
        month_day(value)
    except ValueError:
        raise ValidationError(
            _("Enter a day of the year as MM-DD, e.g. 10-15."), code="invalid"
        ) from None


# A fee item's code: letters, digits and . _ - (printed on bills and in exports).
FEE_CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$"
validate_fee_code = RegexValidator(
    FEE_CODE_PATTERN,
    _("Use up to 20 letters, digits and . _ - characters, starting with a letter or a digit."),
)


class FeeKind(models.TextChoices):
    PROPERTY = "property", _("Property fee")  # 物业费
    PARKING = "parking", _("Parking fee")  # 停车费
    WATER = "water", pgettext_lazy("fee kind", "Water")  # 水费
    ELECTRICITY = "electricity", pgettext_lazy("fee kind", "Electricity")  # 电费
    SHARED_LOAD = "shared_load", _("Shared load")  # 公摊费
    REPAIR = "repair", _("Repair charges")  # 维修费
    HEATING = "heating", pgettext_lazy("fee kind", "Heating")  # 取暖费
    GARBAGE = "garbage", _("Garbage")  # 垃圾费
    DEPOSIT = "deposit", _("Deposit")  # 押金
    RENT = "rent", _("Rent")  # 租金
    OTHER = "other", _("Other")  # 其他


def fee_item_label(name: str, kind: str) -> str:
    """A fee item's name on bills: its own, or its kind's in the reader's language."""
    return name or str(FeeKind(kind).label)


class FeeMethod(models.TextChoices):
    BUILDING_AREA = "building_area", _("Building area × unit price")
    INNER_AREA = "inner_area", _("Inner area × unit price")
    FIXED = "fixed", _("Fixed amount")
    METERED = "metered", _("Metered usage × unit price")
    PER_SPACE = "per_space", _("Per parking space")
    APPORTIONED = "apportioned", _("Apportioned shared total")
    ONE_OFF = "one_off", _("One-off")


# What the bill run generates by itself; metered, apportioned and one-off charges come from
# readings, a published apportionment or a single event.
RECURRING_METHODS = (
    FeeMethod.BUILDING_AREA,
    FeeMethod.INNER_AREA,
    FeeMethod.FIXED,
    FeeMethod.PER_SPACE,
)


class Timing(models.TextChoices):
    PREPAID = "prepaid", _("Paid in advance")
    POSTPAID = "postpaid", _("Paid after the period")


class Rounding(models.TextChoices):
    HALF_UP = "half_up", _("To the cent, half up")
    DOWN = "down", _("To the cent, down")
    UP = "up", _("To the cent, up")
    HALF_EVEN = "half_even", _("To the cent, half to even")


class AppliesTo(models.TextChoices):
    USE = "use", _("Every home of a use")
    BUILDING = "building", _("Every home of a building")
    UNITS = "units", _("Chosen homes")


class FeeItem(models.Model):
    """A fee (收费项目) with its calculation, cycle, due-day rule and the homes it applies to."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="fee_items", verbose_name=_("community")
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_("Leave blank to call it by its kind, in the reader's language."),
    )
    code = models.CharField(_("code"), max_length=20, validators=[validate_fee_code])
    kind = models.CharField(_("kind"), max_length=20, choices=FeeKind.choices)
    method = models.CharField(_("calculation"), max_length=20, choices=FeeMethod.choices)
    # The price the item started with; a later price takes effect from a period (FeePrice).
    unit_price = models.DecimalField(
        _("unit price"), **PRICE, validators=[MinValueValidator(Decimal("0"))]
    )
    cycle_months = models.PositiveSmallIntegerField(
        _("billing cycle (months)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    timing = models.CharField(
        _("paid"), max_length=10, choices=Timing.choices, default=Timing.PREPAID
    )
    due_days = models.PositiveSmallIntegerField(
        _("due after (days)"),
        default=15,
        help_text=_("Days after the start of the cycle (paid in advance) or after its end."),
    )
    rounding = models.CharField(
        _("rounding"), max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    applies_to = models.CharField(
        _("applies to"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.USE
    )
    applies_use = models.CharField(
        _("use"), max_length=20, choices=UnitUse.choices, default=UnitUse.RESIDENTIAL, blank=True
    )
    applies_building = models.ForeignKey(
        Building,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
    applies_units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("homes")
    )
    auto_pay_from_prepaid = models.BooleanField(
        _("paid automatically from the prepaid balance"), default=True
    )
    vacant_rate_applies = models.BooleanField(
        _("vacant-home rate applies"),
        default=False,
        help_text=_("Only when the community has the vacant-home rate switched on."),
    )
    season_start = models.CharField(
        _("season starts (MM-DD)"),
        max_length=5,
        blank=True,
        validators=[validate_month_day],
        help_text=_(
            "For a fee charged per season, e.g. heating from 10-15 to 04-15: the unit price is "
            "then per season, billed once by the season's first bill run."
        ),
    )
    season_end = models.CharField(
        _("season ends (MM-DD)"), max_length=5, blank=True, validators=[validate_month_day]
    )
    season_prorate = models.BooleanField(
        _("homes moving in mid-season pay for the days left"),
        default=False,
        help_text=_(
            "A home nobody had moved into by the season's first day is billed from its move-in "
            "day, by the first bill run after it."
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("fee item")
        verbose_name_plural = _("fee items")
        ordering = ["community_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="fee_item_code_unique"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="fee_item_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(season_start="", season_end="")
                | (~Q(season_start="") & ~Q(season_end="")),
                name="fee_item_season_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name shown on bills: the item's own, or its kind's in the reader's language
        (the repair fee item the service desk creates reads 维修费 / "Repair charges")."""
        return fee_item_label(self.name, self.kind)

    @property
    def seasonal(self) -> bool:
        return bool(self.season_start)

    def clean(self) -> None:
        super().clean()
        if bool(self.season_start) != bool(self.season_end):
            missing = "season_end" if self.season_start else "season_start"
            raise ValidationError({missing: [_("Give both the first and the last day.")]})


class FeePrice(models.Model):
    """A fee item's unit price from the first day of a period on, until the next one.

    Charges keep the amount they were priced at; a bill run prices a cycle (or a season) at
    the price in effect on its first day. A price is never set for a period the item has
    already been billed for (`billing.services.fees.fee_price_change`).
    """

    fee_item = models.ForeignKey(
        FeeItem, on_delete=models.PROTECT, related_name="prices", verbose_name=_("fee item")
    )
    effective_from = models.DateField(_("takes effect from"))
    unit_price = models.DecimalField(
        _("unit price"), **PRICE, validators=[MinValueValidator(Decimal("0"))]
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("fee price")
        verbose_name_plural = _("fee prices")
        ordering = ["fee_item_id", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["fee_item", "effective_from"], name="fee_price_once_per_start"
            ),
        ]

    def __str__(self) -> str:
        return _("%(item)s from %(period)s") % {
            "item": self.fee_item.label,
            "period": f"{self.effective_from:%Y-%m}" if self.effective_from else "—",
        }

    @property
    def community_id(self) -> int:
        return self.fee_item.community_id

    def clean(self) -> None:
        super().clean()
        if self.effective_from and self.effective_from.day != 1:
            raise ValidationError(
                {"effective_from": [_("A price takes effect from the first day of a month.")]}
            )


class ParkingContract(models.Model):
    """A home's rent or management contract for a parking space, billed per space."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    space = models.ForeignKey(
        ParkingSpace, on_delete=models.PROTECT, related_name="+", verbose_name=_("parking space")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("home")
    )
    fee_item = models.ForeignKey(
        FeeItem, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("fee item")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    cars_inside_at_once = models.PositiveSmallIntegerField(
        _("cars inside at once"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many of the home's cars may park on the space at the same time; "
            "a further car parks as a temporary car (子母车位)."
        ),
    )

    class Meta:
        verbose_name = _("parking contract")
        verbose_name_plural = _("parking contracts")
        indexes = [models.Index(fields=["community", "fee_item"])]

    def __str__(self) -> str:
        return f"{self.space} · {self.unit}"


class TariffStep(models.Model):
    """A step of a metered fee item's tiered tariff (阶梯价): usage up to `upto` at `price`."""

    fee_item = models.ForeignKey(
        FeeItem, on_delete=models.CASCADE, related_name="steps", verbose_name=_("fee item")
    )
    upto = models.DecimalField(
        _("up to (units)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty for the last step, which has no upper limit."),
    )
    price = models.DecimalField(
        _("price per unit"), **PRICE, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        verbose_name = _("tariff step")
        verbose_name_plural = _("tariff steps")
        ordering = ["fee_item_id", models.F("upto").asc(nulls_last=True)]

    def __str__(self) -> str:
        return f"≤ {self.upto or '∞'} @ {self.price}"

    @property
    def community_id(self) -> int:
        return self.fee_item.community_id
