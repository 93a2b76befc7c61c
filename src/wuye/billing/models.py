"""Fee items, charges (应收), payments (实收), receipts and the append-only ledger.

A home's balance is the sum of its ledger entries; nothing financial is edited in place or
deleted. Voids, waivers and refunds are new entries with a reason, an actor and a time.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import AppendOnly, Community
from wuye.estates.models import Building, ParkingSpace, Unit, UnitUse

from .calc import month_day

MONEY = {"max_digits": 12, "decimal_places": 2}
PRICE = {"max_digits": 12, "decimal_places": 4}
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


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
    code = models.CharField(_("code"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=FeeKind.choices)
    method = models.CharField(_("calculation"), max_length=20, choices=FeeMethod.choices)
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

    class Meta:
        verbose_name = _("parking contract")
        verbose_name_plural = _("parking contracts")
        indexes = [models.Index(fields=["community", "fee_item"])]

    def __str__(self) -> str:
        return f"{self.space} · {self.unit}"


class BillRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class BillRun(models.Model):
    """One generation of a period's charges (批量出账) and how far it got."""

    Status = BillRunStatus

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    period = models.CharField(_("period"), max_length=7)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    units_total = models.PositiveIntegerField(_("homes"), default=0)
    units_done = models.PositiveIntegerField(_("homes done"), default=0)
    charges_created = models.PositiveIntegerField(_("charges created"), default=0)
    total_amount = models.DecimalField(_("total"), **MONEY, default=Decimal("0"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("bill run")
        verbose_name_plural = _("bill runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "period"])]

    def __str__(self) -> str:
        return f"{self.period} #{self.pk}"


class Charge(AppendOnly):
    """A receivable (应收): what a home owes for one fee item and period."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="charges", verbose_name=_("home")
    )
    fee_item = models.ForeignKey(
        FeeItem, on_delete=models.PROTECT, related_name="charges", verbose_name=_("fee item")
    )
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    amount = models.DecimalField(_("amount"), **MONEY)
    due_date = models.DateField(_("due"))
    bill_run = models.ForeignKey(
        BillRun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
        verbose_name=_("bill run"),
    )
    source_ref = models.CharField(
        _("source"),
        max_length=64,
        blank=True,
        help_text=_("What a one-off charge comes from, e.g. a paid repair's work order."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["due_date", "period", "id"]
        constraints = [
            # Re-running a bill run adds nothing: one charge per home, fee item and period.
            models.UniqueConstraint(
                fields=["unit", "fee_item", "period"],
                condition=Q(source_ref=""),
                name="charge_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["community", "source_ref"],
                condition=~Q(source_ref=""),
                name="charge_once_per_source",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="charge_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["community", "period", "fee_item"]),
            models.Index(fields=["community", "due_date"]),
            models.Index(fields=["unit", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.amount}"


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CARD = "card", _("Card")
    WECHAT_PAY = "wechat_pay", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")


class PaymentStatus(models.TextChoices):
    POSTED = "posted", _("Posted")
    VOID = "void", _("Void")


class Payment(models.Model):
    """Money received for a home (实收), with its receipt. Voided, never deleted."""

    Status = PaymentStatus

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="payments", verbose_name=_("home")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    # 交款人: who handed the money over, printed on the receipt
    payer_name = models.CharField(_("payer"), max_length=100, blank=True)
    provider = models.CharField(_("provider"), max_length=20, default="offline")
    provider_reference = models.CharField(_("provider reference"), max_length=64, blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    request_digest = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.POSTED
    )
    receipt_number = models.CharField(_("receipt number"), max_length=32)
    receipt_prints = models.PositiveIntegerField(_("receipts printed"), default=0)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("cashier"),
    )
    void_reason = models.CharField(_("reason for the void"), max_length=300, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voided by"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "idempotency_key"], name="payment_idempotency_key_unique"
            ),
            models.UniqueConstraint(
                fields=["community", "receipt_number"], name="payment_receipt_number_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["community", "received_at"]),
            models.Index(fields=["unit", "received_at"]),
        ]

    def __str__(self) -> str:
        return self.receipt_number


class Allocation(AppendOnly):
    """The part of a payment put on a charge (from the prepaid balance when `payment` is empty)."""

    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        verbose_name=_("payment"),
    )
    charge = models.ForeignKey(
        Charge, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("charge")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.charge_id} ← {self.amount}"


class Account(models.TextChoices):
    RECEIVABLE = "receivable", _("Owed")
    PREPAID = "prepaid", _("Prepaid")
    DEPOSIT = "deposit", _("Deposit")


class EntryKind(models.TextChoices):
    CHARGE = "charge", _("Charge")
    ALLOCATION = "allocation", _("Payment allocated")
    DISCOUNT = "discount", _("Discount")
    LATE_FEE = "late_fee", _("Late fee")
    WAIVER = "waiver", _("Waiver")
    PREPAID_IN = "prepaid_in", _("Paid into the prepaid balance")
    PREPAID_OUT = "prepaid_out", _("Paid from the prepaid balance")
    REFUND = "refund", _("Refund")
    VOID = "void", _("Void")
    CREDIT = "credit", _("Credit note")
    DEPOSIT_IN = "deposit_in", _("Deposit taken")
    DEPOSIT_OUT = "deposit_out", _("Deposit refunded")


class LedgerEntry(AppendOnly):
    """One movement on a home's accounts. Signed: positive is owed by the home.

    Owed (receivable) = charges + late fees − allocations − discounts − waivers; the prepaid
    balance is the negated sum of the prepaid account; deposits are held on their own account.
    A void adds the negation of each entry it reverses.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("home")
    )
    account = models.CharField(_("account"), max_length=10, choices=Account.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    charge = models.ForeignKey(
        Charge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("charge"),
    )
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("payment"),
    )
    reverses = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reverses"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_entry_not_zero"),
        ]
        indexes = [
            models.Index(fields=["community", "unit", "account"]),
            models.Index(fields=["community", "kind", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class ReceiptCounter(models.Model):
    """The last receipt number given in a community and year; locked while a number is taken."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")
        constraints = [
            models.UniqueConstraint(fields=["community", "year"], name="receipt_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.community_id} {self.year}: {self.last}"


class DepositStatus(models.TextChoices):
    HELD = "held", _("Held")
    REFUNDED = "refunded", _("Refunded")


class Deposit(models.Model):
    """Money held for a home apart from its fees (e.g. a renovation deposit), then refunded."""

    Status = DepositStatus

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="deposits", verbose_name=_("home")
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    receipt_number = models.CharField(_("receipt number"), max_length=32)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.HELD
    )
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "receipt_number"], name="deposit_receipt_number_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="deposit_amount_positive"),
        ]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return f"{self.purpose} {self.amount}"


class RefundStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Refund(models.Model):
    """A refund of a home's prepaid balance: requested, then approved or rejected by a manager."""

    Status = RefundStatus

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("home")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive")
        ]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.amount}"


# ---- meters, readings and shared-load apportionment (抄表, 公摊) -----------------------------


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


class MeterKind(models.TextChoices):
    WATER = "water", _("Water")
    ELECTRICITY = "electricity", _("Electricity")
    HEAT = "heat", _("Heat")


class Meter(models.Model):
    """A home's meter, or a common meter (no home) whose usage is apportioned (公摊)."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meters",
        verbose_name=_("home"),
        help_text=_("Empty for a common meter (stairwells, lifts, pumps)."),
    )
    number = models.CharField(_("meter number"), max_length=30)
    kind = models.CharField(_("kind"), max_length=12, choices=MeterKind.choices)
    fee_item = models.ForeignKey(
        FeeItem,
        on_delete=models.PROTECT,
        related_name="meters",
        verbose_name=_("fee item"),
        help_text=_("Metered for a home's meter, apportioned for a common meter."),
    )
    multiplier = models.DecimalField(
        _("multiplier"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("meter")
        verbose_name_plural = _("meters")
        ordering = ["community_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="meter_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class MeterReading(models.Model):
    """A meter's reading for a period and the usage since the reading before it."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    meter = models.ForeignKey(
        Meter, on_delete=models.PROTECT, related_name="readings", verbose_name=_("meter")
    )
    period = models.CharField(_("period"), max_length=7)
    reading = models.DecimalField(_("reading"), max_digits=12, decimal_places=2)
    previous = models.DecimalField(
        _("previous reading"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    usage = models.DecimalField(_("usage"), max_digits=12, decimal_places=2)
    replaced = models.BooleanField(
        _("meter replaced"),
        default=False,
        help_text=_("A new meter: the reading counts from zero, not from the old meter's."),
    )
    flagged = models.BooleanField(_("unusual jump"), default=False)
    read_on = models.DateField(_("read on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("meter reading")
        verbose_name_plural = _("meter readings")
        ordering = ["meter_id", "period"]
        constraints = [
            models.UniqueConstraint(fields=["meter", "period"], name="meter_reading_once"),
            models.CheckConstraint(condition=Q(usage__gte=0), name="meter_usage_not_negative"),
        ]
        indexes = [models.Index(fields=["community", "period"])]

    def __str__(self) -> str:
        return f"{self.meter_id} {self.period}: {self.reading}"


class Apportionment(models.Model):
    """A common meter's usage of a period split over the homes (公摊), published with its
    breakdown: the usage, unit price and total here, each home's part as its charge."""

    class Basis(models.TextChoices):
        AREA = "area", _("By share of building area")
        CONSUMPTION = "consumption", _("By share of consumption")

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    meter = models.ForeignKey(
        Meter, on_delete=models.PROTECT, related_name="apportionments", verbose_name=_("meter")
    )
    period = models.CharField(_("period"), max_length=7)
    basis = models.CharField(_("split"), max_length=12, choices=Basis.choices)
    usage = models.DecimalField(_("usage"), max_digits=12, decimal_places=2)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    total_amount = models.DecimalField(_("total"), **MONEY)
    homes = models.PositiveIntegerField(_("homes"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("apportionment")
        verbose_name_plural = _("apportionments")
        ordering = ["-period", "meter_id"]
        constraints = [
            models.UniqueConstraint(fields=["meter", "period"], name="apportionment_once")
        ]

    def __str__(self) -> str:
        return f"{self.meter} {self.period}"


class RepairWait(models.TextChoices):
    """Why part of a paid repair's price is not posted yet (shown as pending, 待确认)."""

    ACCEPTANCE = "acceptance", _("Pending acceptance")
    APPROVAL = "approval", _("Pending approval")


class RepairBill(models.Model):
    """What a paid repair (有偿维修) comes to for a home, kept by the service desk.

    `amount` is the sum of the work order's current priced items, set whenever the work is
    resolved. What of it is posted to the ledger is the sum of the bill's postings (further
    charges and credit notes, never edits); the rest is pending while `waiting_for` says why.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="repair_bills", verbose_name=_("home")
    )
    # The order in the service desk (the layer above billing, so no foreign key).
    work_order_id = models.PositiveBigIntegerField(_("work order id"))
    number = models.CharField(_("work-order number"), max_length=32)
    amount = models.DecimalField(_("amount"), **MONEY)
    waiting_for = models.CharField(
        _("waiting for"), max_length=10, choices=RepairWait.choices, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("repair bill")
        verbose_name_plural = _("repair bills")
        ordering = ["community_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="repair_bill_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="repair_bill_not_negative"),
        ]
        indexes = [
            models.Index(
                fields=["community", "unit"],
                condition=~Q(waiting_for=""),
                name="repair_bill_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class RepairPosting(AppendOnly):
    """One posting of a repair bill to the ledger: the first charge, a further charge
    (positive, with its charge) or a credit note (negative). Numbered per bill, once each."""

    bill = models.ForeignKey(
        RepairBill, on_delete=models.PROTECT, related_name="postings", verbose_name=_("bill")
    )
    seq = models.PositiveSmallIntegerField(_("number"))
    amount = models.DecimalField(_("amount"), **MONEY)
    charge = models.OneToOneField(
        Charge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repair_posting",
        verbose_name=_("charge"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("repair posting")
        verbose_name_plural = _("repair postings")
        ordering = ["bill_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["bill", "seq"], name="repair_posting_once"),
            models.CheckConstraint(condition=~Q(amount=0), name="repair_posting_not_zero"),
            models.CheckConstraint(
                condition=Q(amount__lt=0) | Q(charge__isnull=False),
                name="repair_posting_charge_has_charge",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bill_id}/{self.seq} · {self.amount}"
