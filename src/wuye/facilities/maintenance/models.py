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
from django.utils import timezone
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


class Trigger(models.TextChoices):
    CALENDAR = "calendar", _("Calendar")
    USAGE = "usage", _("Usage (meter or run hours)")


class ScheduleKind(models.TextChoices):
    FIXED = "fixed", _("Fixed: on the calendar's dates")
    FLOATING = "floating", _("Floating: counted from the last completion")


class MaintenancePlan(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=100)
    cadence = models.CharField(_("cadence"), max_length=12, choices=Cadence.choices, blank=True)
    interval = models.PositiveSmallIntegerField(
        _("interval"), default=1, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    starts_on = models.DateField(_("starts on"), blank=True)
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
    trigger = models.CharField(
        _("made by"), max_length=8, choices=Trigger.choices, default=Trigger.CALENDAR
    )
    usage_equipment = models.ForeignKey(
        Equipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("metered equipment"),
        help_text=_("For a usage plan: the equipment item whose counter is read."),
    )
    counter = models.CharField(
        _("counter"),
        max_length=40,
        blank=True,
        help_text=_("For a usage plan: the counter read, such as run hours or starts."),
    )
    usage_interval = models.PositiveIntegerField(
        _("every (units)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000_000)],
        help_text=_("For a usage plan: a task every this many units of the counter."),
    )
    usage_baseline = models.DecimalField(
        _("counter at the start"),
        max_digits=15,
        decimal_places=3,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("For a usage plan: the counter's value when the plan starts."),
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
            models.CheckConstraint(
                condition=~models.Q(trigger="usage")
                | (
                    models.Q(usage_equipment__isnull=False, usage_interval__isnull=False)
                    & ~models.Q(counter="")
                ),
                name="maintenance_plan_usage_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def dates(self) -> list[date]:
        return parse_dates(self.fixed_dates)

    def clean(self):
        errors = {}
        if self.team_id is None and not self.contractor.strip():
            errors["team"] = [_("Assign the plan to a team or a contractor.")]
        if self.team_id and self.team.community_id != self.community_id:
            errors["team"] = [_("Choose a team of this community.")]
        if self.trigger == Trigger.USAGE:
            errors.update(self._usage_errors())
            # a usage plan needs no calendar: kept filled for the columns that are required
            self.cadence = self.cadence or Cadence.DAYS
            self.starts_on = self.starts_on or timezone.localdate()
        elif not self.cadence or not self.starts_on:
            if not self.cadence:
                errors["cadence"] = [_("Choose the cadence of a calendar plan.")]
            if not self.starts_on:
                errors["starts_on"] = [_("Give the day a calendar plan starts.")]
        elif self.cadence == Cadence.FIXED_DATES:
            bad = [line for line in self.fixed_dates.split() if not _is_date(line.strip())]
            if bad or not self.dates:
                errors["fixed_dates"] = [_("Write one date a line, such as 2026-03-15.")]
            if self.schedule == ScheduleKind.FLOATING:
                errors["schedule"] = [_("Fixed dates cannot float.")]
        if errors:
            raise ValidationError(errors)

    def _usage_errors(self) -> dict:
        errors = {}
        if self.usage_equipment_id is None:
            errors["usage_equipment"] = [_("A usage plan reads one equipment item: choose it.")]
        elif self.usage_equipment.community_id != self.community_id:
            errors["usage_equipment"] = [_("Choose equipment of this community.")]
        if not self.counter.strip():
            errors["counter"] = [_("Name the counter read, such as run hours.")]
        if not self.usage_interval:
            errors["usage_interval"] = [_("Say every how many units of the counter.")]
        if self.schedule == ScheduleKind.FLOATING:
            errors["schedule"] = [_("A usage plan counts from its last task: it cannot float.")]
        return errors


def parse_dates(text: str) -> list[date]:
    """The dates written one a line (those that are not dates are left out), sorted, once."""
    found = []
    for line in text.split():
        try:
            found.append(date.fromisoformat(line.strip()))
        except ValueError:
            continue
    return sorted(set(found))


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
    feeds_counter = models.CharField(
        _("feeds the counter"),
        max_length=40,
        blank=True,
        help_text=_(
            "For a number: the counter its answer records, such as run hours; empty: none."
        ),
    )

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
        if self.feeds_counter.strip() and self.kind != ItemKind.NUMBER:
            errors["feeds_counter"] = [_("Only a number can feed a counter.")]
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
    counter_value = models.DecimalField(
        _("counter when made"),
        max_digits=15,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("For a usage plan's task: the counter's running total it was made at."),
    )

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


class ReadingSource(models.TextChoices):
    MANUAL = "manual", _("Read by hand")
    MAINTENANCE = "maintenance", _("Maintenance answer")


class CounterReading(models.Model):
    """A reading of an equipment item's counter (run hours, starts, kWh): never lower than the
    last one, unless the meter was replaced. `total` is the counter's running total across
    replacements (a new meter continues from the old one's last total), which usage plans
    count in."""

    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, related_name="+", verbose_name=_("equipment")
    )
    counter = models.CharField(_("counter"), max_length=40)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    value = models.DecimalField(_("reading"), max_digits=15, decimal_places=3)
    total = models.DecimalField(_("running total"), max_digits=15, decimal_places=3)
    read_at = models.DateTimeField(_("read at"))
    source = models.CharField(
        _("source"), max_length=12, choices=ReadingSource.choices, default=ReadingSource.MANUAL
    )
    meter_replaced = models.BooleanField(
        _("meter replaced"),
        default=False,
        help_text=_("A new meter: this reading may be lower than the last."),
    )
    answer = models.OneToOneField(
        TaskAnswer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="counter_reading",
        verbose_name=_("maintenance answer"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("counter reading")
        verbose_name_plural = _("counter readings")
        ordering = ["equipment_id", "counter", "read_at", "pk"]
        indexes = [
            models.Index(
                fields=["equipment", "counter", "read_at"], name="maintenance_counter_latest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.equipment} {self.counter} {self.value}"
