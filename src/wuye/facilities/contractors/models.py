"""Outsourced services held to their contract (外包单位): the contractor, its contract with a
community, the scoring templates (品质检查 items with their maximum points, per kind of
service), the inspections scored against them, and each deduction's photo, rectification
deadline (整改期限) and re-check (复查)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community


class ContractorKind(models.TextChoices):
    CLEANING = "cleaning", _("Cleaning")
    GREENERY = "greenery", _("Greenery")
    PEST_CONTROL = "pest_control", _("Pest control")
    LIFT_MAINTENANCE = "lift_maintenance", _("Lift maintenance")
    WATER_TREATMENT = "water_treatment", _("Water treatment")
    OTHER = "other", _("Other service")


class Contractor(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="contractors", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ContractorKind.choices)
    licence_number = models.CharField(_("licence number"), max_length=60, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contractor")
        verbose_name_plural = _("contractors")
        ordering = ["community_id", "kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    """What the contractor owes the community: its scope, dates, fee, service levels and the
    score an inspection must reach."""

    contractor = models.ForeignKey(
        Contractor, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("contractor")
    )
    scope = models.TextField(_("scope"), max_length=2000)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    monthly_fee = models.DecimalField(_("monthly fee"), max_digits=12, decimal_places=2)
    sla = models.TextField(_("service levels"), max_length=2000, blank=True)
    pass_score = models.PositiveSmallIntegerField(_("pass score"), default=80)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["contractor_id", "-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.contractor} {self.starts_on}–{self.ends_on}"

    @property
    def community_id(self) -> int:
        return self.contractor.community_id


class ScoreItem(models.Model):
    """One line of the scoring template of a kind of service, e.g. cleaning: 楼道地面 10."""

    kind = models.CharField(_("kind"), max_length=20, choices=ContractorKind.choices)
    name = models.CharField(_("item"), max_length=100)
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("scoring item")
        verbose_name_plural = _("scoring items")
        ordering = ["kind", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_points})"


class Inspection(models.Model):
    contractor = models.ForeignKey(
        Contractor,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("contractor"),
    )
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    inspected_on = models.DateField(_("inspected on"))
    score = models.PositiveSmallIntegerField(_("score"))
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("quality inspection")
        verbose_name_plural = _("quality inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["community", "inspected_on"])]

    def __str__(self) -> str:
        return f"{self.contractor} {self.inspected_on}"


def photo_path(instance: Score, filename: str) -> str:
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[instance.image_format]
    day = timezone.localdate()
    return f"contractors/{instance.inspection.community_id}/{day:%Y/%m}/{filename}.{extension}"


class Score(models.Model):
    """An item's points in an inspection; below its maximum it is a deduction (扣分), proven
    by a photo and to be put right by a deadline, then re-checked."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="scores", verbose_name=_("inspection")
    )
    item = models.ForeignKey(ScoreItem, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("item"), max_length=100)
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    points = models.PositiveSmallIntegerField(_("points"))
    remark = models.CharField(_("remark"), max_length=300, blank=True)
    photo = models.FileField(_("photo"), upload_to=photo_path, max_length=200, blank=True)
    image_format = models.CharField(max_length=4, blank=True, editable=False)
    rectify_by = models.DateField(_("rectification deadline"), null=True, blank=True)
    rechecked_on = models.DateField(_("re-checked on"), null=True, blank=True)
    rectified = models.BooleanField(_("rectified"), null=True, blank=True)
    recheck_note = models.CharField(_("re-check note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["inspection_id", "item__position", "pk"]
        indexes = [models.Index(fields=["rectify_by"], name="contractor_score_deadline")]

    def __str__(self) -> str:
        return f"{self.name} {self.points}/{self.max_points}"

    @property
    def deducted(self) -> int:
        return self.max_points - self.points

    def overdue(self, today) -> bool:
        """A deduction past its deadline not (yet) found rectified."""
        return bool(self.deducted and self.rectify_by and self.rectify_by < today) and (
            self.rectified is not True
        )
