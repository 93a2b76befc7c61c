"""Preventive maintenance (计划保养): plans on a calendar, the tasks made from them whatever the
roster says, their checklists with typed answers, and the readings those answers record.

A plan is assigned to a team or a contractor, never only to a named person, so nobody's day
off leaves statutory work undone without anyone seeing it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.models import Community
from wuye.servicedesk.models import Team, WorkOrder

from ..equipment.models import Equipment
from . import schedule


class Cadence(models.TextChoices):
    DAYS = schedule.DAYS, _("Every N days")
    WEEKS = schedule.WEEKS, _("Every N weeks")
    MONTHS = schedule.MONTHS, _("Every N months")
    FIXED_DATES = schedule.FIXED_DATES, _("On fixed dates")


class ScheduleKind(models.TextChoices):
    FIXED = "fixed", _("Fixed: on the calendar's dates")
    FLOATING = "floating", _("Floating: counted from the last completion")


class MaintenancePlan(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=100)
    cadence = models.CharField(_("cadence"), max_length=12, choices=Cadence.choices)
    interval = models.PositiveSmallIntegerField(
        _("interval"), default=1, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    starts_on = models.DateField(_("starts on"))
    fixed_dates = models.TextField(
        _("fixed dates"),
        max_length=4000,
        blank=True,
        help_text=_("For fixed dates: one date a line, such as 2026-03-15."),
    )
    schedule = models.CharField(
        _("schedule"), max_length=8, choices=ScheduleKind.choices, default=ScheduleKind.FIXED
    )
    equipment = models.ManyToManyField(
        Equipment, blank=True, related_name="+", verbose_name=_("equipment")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    contractor = models.CharField(_("contractor"), max_length=100, blank=True)
    statutory = models.BooleanField(
        _("statutory"), default=False, help_text=_("Required by law: an overdue task is a breach.")
    )
    lead_days = models.PositiveSmallIntegerField(
        _("made days ahead"),
        default=7,
        validators=[MaxValueValidator(60)],
        help_text=_("The task is made this many days before its date."),
    )
    active = models.BooleanField(_("active"), default=True)
    purpose = models.CharField(
        _("plan purpose"),
        max_length=12,
        choices=[("maintenance", _("Maintenance")), ("inspection", _("Inspection"))],
        default="maintenance",
    )

    class Meta:
        verbose_name = _("maintenance plan")
        verbose_name_plural = _("maintenance plans")
        ordering = ["community_id", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=False) | ~models.Q(contractor=""),
                name="maintenance_plan_assigned",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def dates(self) -> list[date]:
        found = []
        for line in self.fixed_dates.split():
            try:
                found.append(date.fromisoformat(line.strip()))
            except ValueError:
                continue
        return sorted(set(found))

    def clean(self):
        errors = {}
        if self.team_id is None and not self.contractor.strip():
            errors["team"] = [_("Assign the plan to a team or a contractor.")]
        if self.team_id and self.team.community_id != self.community_id:
            errors["team"] = [_("Choose a team of this community.")]
        if self.cadence == Cadence.FIXED_DATES:
            bad = [line for line in self.fixed_dates.split() if not _is_date(line.strip())]
            if bad or not self.dates:
                errors["fixed_dates"] = [_("Write one date a line, such as 2026-03-15.")]
            if self.schedule == ScheduleKind.FLOATING:
                errors["schedule"] = [_("Fixed dates cannot float.")]
        if errors:
            raise ValidationError(errors)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class ItemKind(models.TextChoices):
    NUMBER = "number", _("Number (reading)")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("Choice")
    TEXT = "text", _("Text")
    PHOTO = "photo", _("Photo")
    SIGNATURE = "signature", _("Signature (typed name)")


class ChecklistItem(models.Model):
    """One line of a plan's checklist: a reading with its unit and normal range, a yes or no
    with its failing answer, a choice, a note, a photo, or the typed name that signs it."""

    plan = models.ForeignKey(
        MaintenancePlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    question = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    equipment = models.ForeignKey(
        Equipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("equipment"),
        help_text=_("The item read; empty: the plan's equipment."),
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    min_value = models.DecimalField(
        _("lowest normal value"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest normal value"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    choices = models.TextField(
        _("choices"), max_length=1000, blank=True, help_text=_("One choice a line.")
    )
    failing_answer = models.CharField(
        _("failing answer"),
        max_length=100,
        blank=True,
        help_text=_("For yes or no: yes or no; for a choice: the choice that fails."),
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["plan_id", "order", "pk"]

    def __str__(self) -> str:
        return self.question

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def range_text(self) -> str:
        """The normal range as people write it: "0.3 – 0.6", "— – 80"."""

        def shown(value):
            return "—" if value is None else f"{value.normalize():f}"

        if self.min_value is None and self.max_value is None:
            return ""
        return f"{shown(self.min_value)} – {shown(self.max_value)}"

    def clean(self):
        errors = {}
        if self.kind == ItemKind.CHOICE and not self.options:
            errors["choices"] = [_("Give the choices, one a line.")]
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            errors["max_value"] = [_("The highest value is below the lowest.")]
        if self.failing_answer:
            if self.kind == ItemKind.YES_NO and self.failing_answer not in ("yes", "no"):
                errors["failing_answer"] = [_("Write yes or no.")]
            elif self.kind == ItemKind.CHOICE and self.failing_answer not in self.options:
                errors["failing_answer"] = [_("Write one of the choices.")]
        if errors:
            raise ValidationError(errors)


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class MaintenanceTask(models.Model):
    plan = models.ForeignKey(
        MaintenancePlan, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("plan")
    )
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    occurrence = models.DateField(_("date"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    skipped_at = models.DateTimeField(_("skipped at"), null=True, blank=True)
    skipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skipped by"),
    )
    skip_reason = models.CharField(_("reason for skipping"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("maintenance task")
        verbose_name_plural = _("maintenance tasks")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "occurrence"], name="maintenance_task_once"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(status="open"),
                name="maintenance_task_one_open",
            ),
        ]
        indexes = [
            models.Index(
                fields=["community", "due_on"],
                condition=models.Q(status="open"),
                name="maintenance_task_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.occurrence:%Y-%m-%d}"


def answer_photo_path(instance: TaskAnswer, filename: str) -> str:
    return f"maintenance/{instance.task.community_id}/{instance.task_id}/{filename}"


class TaskAnswer(models.Model):
    """The answer to one checklist item of a task; a reading keeps its number for the trend,
    and an answer out of range or failing links the work order it raised."""

    task = models.ForeignKey(
        MaintenanceTask, on_delete=models.CASCADE, related_name="answers", verbose_name=_("task")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("item")
    )
    equipment = models.ForeignKey(
        Equipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("equipment"),
    )
    value = models.CharField(_("answer"), max_length=500, blank=True)
    number = models.DecimalField(
        _("reading"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    photo = models.FileField(_("photo"), upload_to=answer_photo_path, max_length=200, blank=True)
    failed = models.BooleanField(_("out of range or failed"), default=False)
    read_on = models.DateField(_("read on"))
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("work order"),
    )

    class Meta:
        verbose_name = _("task answer")
        verbose_name_plural = _("task answers")
        ordering = ["task_id", "item__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "item"], name="maintenance_answer_once"),
        ]
        indexes = [
            models.Index(
                fields=["equipment", "read_on"],
                condition=models.Q(number__isnull=False),
                name="maintenance_reading_trend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.item}"
