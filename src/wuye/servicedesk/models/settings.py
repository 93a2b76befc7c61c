"""What a community configures of its customer center: its settings, its SLA targets and
the published repair price list."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community

from .choices import MONEY, CallbackScope, Category, Priority, RepairChargesPosted, TargetClock


class DeskSettings(models.Model):
    """A community's settings of the customer center (defaults apply while none is saved)."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="desk_settings"
    )
    chase_interval_minutes = models.PositiveIntegerField(
        _("an owner may chase once every (minutes)"), default=30
    )
    reopen_days = models.PositiveIntegerField(
        _("an owner may reopen within (days) of resolution"), default=7
    )
    callback_scope = models.CharField(
        _("call-back queue"), max_length=10, choices=CallbackScope.choices, default="all"
    )
    warn_percent = models.PositiveSmallIntegerField(
        _("warn the assignee at (percent of the time)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    manager_escalation_minutes = models.PositiveIntegerField(
        _("escalate to the manager after (minutes) overdue"), default=120
    )
    max_open_orders = models.PositiveSmallIntegerField(
        _("most open orders a person is suggested for"), default=8
    )
    repair_charges_posted = models.CharField(
        _("post paid repairs to the home's bill"),
        max_length=10,
        choices=RepairChargesPosted.choices,
        default=RepairChargesPosted.ON_ACCEPTANCE,
        help_text=_(
            "The owner accepts the work by rating it or at a satisfied call-back; closing the "
            "order posts it in any case."
        ),
    )
    off_list_items_allowed = models.BooleanField(
        _("items off the price list may be charged"),
        default=False,
        help_text=_(
            "A technician may then charge an item with its own price; a supervisor approves it "
            "before it goes on the bill."
        ),
    )

    class Meta:
        verbose_name = _("customer-center settings")
        verbose_name_plural = _("customer-center settings")

    def __str__(self) -> str:
        return str(self.community)

    @classmethod
    def for_community(cls, community_id: int) -> DeskSettings:
        """The saved settings, or the defaults (unsaved) when the community has none."""
        found = cls.objects.filter(community_id=community_id).first()
        return found or cls(community_id=community_id)


class SlaPolicy(models.Model):
    """Targets for one category and priority: first response, on site, resolved.

    A target is minutes (around the clock or of service time) or working days; empty means
    the target does not apply.
    """

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="sla_policies",
        verbose_name=_("community"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    response_target = models.PositiveIntegerField(_("first response"), null=True, blank=True)
    response_clock = models.CharField(
        _("first response counted in"), max_length=12, choices=TargetClock.choices, default="24x7"
    )
    arrival_target = models.PositiveIntegerField(_("on site"), null=True, blank=True)
    arrival_clock = models.CharField(
        _("on site counted in"), max_length=12, choices=TargetClock.choices, default="24x7"
    )
    resolution_target = models.PositiveIntegerField(_("resolved"), null=True, blank=True)
    resolution_clock = models.CharField(
        _("resolved counted in"), max_length=12, choices=TargetClock.choices, default="24x7"
    )

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["community_id", "category", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "category", "priority"], name="sla_policy_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.get_priority_display()}"


class PriceListItem(models.Model):
    """A published repair price (收费公示): what an owner pays for a paid repair."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="price_list", verbose_name=_("community")
    )
    name = models.CharField(_("item"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    price = models.DecimalField(
        _("price (CNY)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    active = models.BooleanField(_("published"), default=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("price-list item")
        verbose_name_plural = _("price list")
        ordering = ["community_id", "sort", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="price_item_unique"),
            models.CheckConstraint(condition=Q(price__gte=0), name="price_item_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.price}/{self.unit})"
