"""The equipment register (设备台账): every item of plant the property company keeps in order,
where it is, what it is, how much it matters, and whether it may be used."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community
from wuye.estates.models import Building


class EquipmentKind(models.TextChoices):
    LIFT = "lift", _("Lift")
    WATER_PUMP = "water_pump", _("Water pump")
    WATER_TANK = "water_tank", _("Water tank")
    FIRE_ALARM_PANEL = "fire_alarm_panel", _("Fire alarm panel")
    SPRINKLERS = "sprinklers", _("Sprinkler system")
    HYDRANTS = "hydrants", _("Fire hydrants")
    EXTINGUISHERS = "extinguishers", _("Fire extinguishers")
    TRANSFORMER = "transformer", _("Transformer")
    SWITCHGEAR = "switchgear", _("Switchgear")
    GENERATOR = "generator", _("Generator")
    CCTV = "cctv", _("CCTV")
    ACCESS_GATE = "access_gate", _("Access gate")
    WATER_FEATURE = "water_feature", _("Water feature")
    OTHER = "other", _("Other equipment")


class Importance(models.TextChoices):
    A = "A", _("A: critical")
    B = "B", _("B: important")
    C = "C", _("C: ordinary")


class EquipmentStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")
    RETIRED = "retired", _("Retired")


class Equipment(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=EquipmentKind.choices)
    building = models.ForeignKey(
        Building,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    make = models.CharField(_("make"), max_length=100, blank=True)
    model = models.CharField(_("model"), max_length=100, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    warranty_until = models.DateField(_("warranty until"), null=True, blank=True)
    importance = models.CharField(
        _("importance"), max_length=1, choices=Importance.choices, default=Importance.B
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EquipmentStatus.choices,
        default=EquipmentStatus.IN_SERVICE,
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["community_id", "code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="equipment_code_once"),
        ]
        indexes = [models.Index(fields=["community", "kind"], name="equipment_kind")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
