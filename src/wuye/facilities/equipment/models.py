"""The equipment register (设备台账): every item of plant the property company keeps in order,
where it is, what it is, how much it matters, and whether it may be used."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class InspectionResult(models.TextChoices):
    PASSED = "pass", pgettext_lazy("inspection", "Passed")
    FAILED = "fail", pgettext_lazy("inspection", "Failed")


class StatutoryProfile(models.Model):
    """What the law asks to be kept of an item where a law applies (a lift's 注册代码 and
    使用登记证, its periodic inspection, its maintenance company), and the dates the
    compliance calendar counts from."""

    equipment = models.OneToOneField(
        Equipment, on_delete=models.PROTECT, related_name="statutory", verbose_name=_("equipment")
    )
    registration_code = models.CharField(_("registration code"), max_length=30, blank=True)
    use_certificate_number = models.CharField(
        _("use registration certificate number"), max_length=40, blank=True
    )
    use_certificate_date = models.DateField(
        _("use registration certificate date"), null=True, blank=True
    )
    inspection_body = models.CharField(_("inspection body"), max_length=100, blank=True)
    last_inspected_on = models.DateField(_("last periodic inspection"), null=True, blank=True)
    last_report_number = models.CharField(_("inspection report number"), max_length=40, blank=True)
    last_result = models.CharField(
        _("inspection result"), max_length=4, choices=InspectionResult.choices, blank=True
    )
    next_inspection_due = models.DateField(_("next inspection due"), null=True, blank=True)
    last_tested_on = models.DateField(_("last comprehensive test"), null=True, blank=True)
    last_maintained_on = models.DateField(_("last maintenance"), null=True, blank=True)
    maintenance_company = models.CharField(_("maintenance company"), max_length=100, blank=True)
    maintenance_contract_number = models.CharField(
        _("maintenance contract number"), max_length=40, blank=True
    )
    maintenance_licence_number = models.CharField(
        _("maintenance licence number"), max_length=40, blank=True
    )

    class Meta:
        verbose_name = _("statutory profile")
        verbose_name_plural = _("statutory profiles")

    def __str__(self) -> str:
        return str(self.equipment)


class Obligation(models.TextChoices):
    PERIODIC_INSPECTION = "periodic_inspection", _("Periodic inspection")
    COMPREHENSIVE_TEST = "comprehensive_test", _("Comprehensive fire test")
    MAINTENANCE = "maintenance", _("Maintenance")


class ComplianceRule(models.Model):
    """How often a kind of equipment must have an obligation done in a community, when to be
    reminded and when to request the inspection: data a manager may change, not code."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EquipmentKind.choices)
    obligation = models.CharField(_("obligation"), max_length=24, choices=Obligation.choices)
    interval_days = models.PositiveSmallIntegerField(_("every (days)"), null=True, blank=True)
    interval_months = models.PositiveSmallIntegerField(_("every (months)"), null=True, blank=True)
    remind_days = models.CharField(_("remind days before"), max_length=40, default="60,30,7")
    request_lead_days = models.PositiveSmallIntegerField(
        _("request the inspection days before"), default=30
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("compliance rule")
        verbose_name_plural = _("compliance rules")
        ordering = ["community_id", "kind", "obligation"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind", "obligation"], name="compliance_rule_once"
            ),
            models.CheckConstraint(
                condition=models.Q(interval_days__isnull=False)
                | models.Q(interval_months__isnull=False),
                name="compliance_rule_has_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_obligation_display()}"

    @property
    def reminders(self) -> list[int]:
        """The days before the due date a reminder goes out, largest first."""
        return parse_remind_days(self.remind_days)


def parse_remind_days(text: str) -> list[int]:
    """ "60,30,7" as [60, 30, 7]: whole numbers of days from 1 to 366, largest first (a part
    that is not one is left out; the service refuses such a list before it is kept)."""
    parts = (part.strip() for part in (text or "").split(","))
    days = {int(part) for part in parts if re.fullmatch(r"[0-9]{1,3}", part)}
    return sorted((day for day in days if 1 <= day <= 366), reverse=True)


class ComplianceNotice(models.Model):
    """A reminder or an alert sent, kept so that each goes out once: `days_before` is the
    reminder's day (60, 30, 7), and `STOPPED` marks the alert that the item was stopped."""

    STOPPED = -1

    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, related_name="+", verbose_name=_("equipment")
    )
    obligation = models.CharField(_("obligation"), max_length=24, choices=Obligation.choices)
    due_on = models.DateField(_("due on"))
    days_before = models.SmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("compliance notice")
        verbose_name_plural = _("compliance notices")
        constraints = [
            models.UniqueConstraint(
                fields=["equipment", "obligation", "due_on", "days_before"],
                name="compliance_notice_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.equipment_id} {self.obligation} {self.due_on} {self.days_before}"


class EquipmentFault(models.Model):
    """A fault of an item: the work order that repairs it, linked here (the service desk
    knows nothing of equipment). The fault is open while its order still waits for work."""

    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, related_name="faults", verbose_name=_("equipment")
    )
    work_order = models.OneToOneField(
        "servicedesk.WorkOrder",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("work order"),
    )
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("raised by"),
    )

    class Meta:
        verbose_name = _("equipment fault")
        verbose_name_plural = _("equipment faults")
        ordering = ["equipment_id", "-raised_at", "-pk"]
        indexes = [models.Index(fields=["equipment", "raised_at"], name="equipment_fault_raised")]

    def __str__(self) -> str:
        return f"{self.equipment_id} {self.work_order_id}"


class DocumentKind(models.TextChoices):
    NAMEPLATE = "nameplate", _("Nameplate photo")
    PHOTO = "photo", _("Photo")
    MANUAL = "manual", _("Manual")
    CERTIFICATE = "certificate", _("Certificate")
    INSPECTION_REPORT = "inspection_report", _("Inspection report")
    OTHER = "other", _("Other document")


def document_path(instance: EquipmentDocument, filename: str) -> str:
    return f"equipment/{instance.equipment.community_id}/{instance.equipment_id}/{filename}"


class EquipmentDocument(models.Model):
    """A photo or document of an item (its nameplate, manual, certificates, inspection
    reports): a PNG, JPEG or PDF checked by its content, served only to staff who see the
    register. Never deleted: a newer one is added beside it."""

    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, related_name="documents", verbose_name=_("equipment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=100)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    content_type = models.CharField(max_length=50, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("equipment document")
        verbose_name_plural = _("equipment documents")
        ordering = ["equipment_id", "-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
