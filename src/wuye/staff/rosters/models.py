"""Shifts and rosters (排班): the shift templates of a community, a week's roster per post,
each person's shifts in it with their start and end as moments, and the dated changes to a
published roster (leave, sick, a swap)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community

from ..organisation.models import Post


class ShiftKind(models.TextChoices):
    SECURITY = "security", _("Security shift")
    OFFICE = "office", _("Office hours")
    DUTY = "duty", _("Duty (值班)")
    OTHER = "other", pgettext_lazy("shift", "Other")


class ShiftTemplate(models.Model):
    """A shift's name and hours. One that ends at or before it starts ends the next day
    (中班 16:00–24:00, a night repair duty 17:00–09:00)."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="shift_templates",
        verbose_name=_("community"),
    )
    name = models.CharField(pgettext_lazy("shift", "name"), max_length=50)
    code = models.SlugField(_("code"), max_length=20)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ShiftKind.choices, default=ShiftKind.OTHER
    )
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    break_minutes = models.PositiveSmallIntegerField(
        _("unpaid break (minutes)"), default=0, validators=[MaxValueValidator(240)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["community_id", "order", "starts", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="shift_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.starts:%H:%M}–{self.ends:%H:%M}"

    @property
    def crosses_midnight(self) -> bool:
        return self.ends <= self.starts

    def span(self, day: date) -> tuple[datetime, datetime]:
        """The shift's start and end on `day`, as moments in the community's time zone."""
        tz = timezone.get_default_timezone()
        start = datetime.combine(day, self.starts, tzinfo=tz)
        end_day = day + timedelta(days=1) if self.crosses_midnight else day
        end = datetime.combine(end_day, self.ends, tzinfo=tz)
        return start, end

    @property
    def minutes(self) -> int:
        start, end = self.span(date(2001, 1, 1))
        return int((end - start).total_seconds() // 60) - self.break_minutes


class RosterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Roster(models.Model):
    """One post's roster for one week (Monday to Sunday)."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="rosters", verbose_name=_("community")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="rosters", verbose_name=_("post")
    )
    week = models.DateField(_("week"), help_text=_("The Monday the week starts on."))
    status = models.CharField(
        _("status"), max_length=10, choices=RosterStatus.choices, default=RosterStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("roster")
        verbose_name_plural = _("rosters")
        ordering = ["community_id", "-week", "post_id"]
        constraints = [
            models.UniqueConstraint(fields=["post", "week"], name="roster_one_per_post_week"),
        ]

    def __str__(self) -> str:
        return f"{self.post} · {self.week:%G-W%V}"

    @property
    def days(self) -> list[date]:
        return [self.week + timedelta(days=n) for n in range(7)]


class RosterEntry(models.Model):
    """A person on a shift on a day; `starts_at` and `ends_at` are the moments it covers, so
    who is on duty at any moment, across midnight, is one range query."""

    roster = models.ForeignKey(
        Roster, on_delete=models.CASCADE, related_name="entries", verbose_name=_("roster")
    )
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="+", verbose_name=_("community")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="roster_entries",
        verbose_name=_("person"),
    )
    date = models.DateField(_("date"))
    shift = models.ForeignKey(
        ShiftTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("shift")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster entries")
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["roster", "user", "date", "shift"], name="roster_entry_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="roster_entry_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["community", "starts_at", "ends_at"]),
            models.Index(fields=["user", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.shift.name} · {self.user}"

    def save(self, *args, **kwargs):
        self.starts_at, self.ends_at = self.shift.span(self.date)
        super().save(*args, **kwargs)


class ChangeKind(models.TextChoices):
    LEAVE = "leave", _("Leave")
    SICK = "sick", _("Sick")
    SWAP = "swap", _("Swap")


class RosterChange(models.Model):
    """A dated exception to a published roster: the person rostered is on leave or sick, or
    has swapped the shift with a colleague (`covered_by`, who is then on duty instead)."""

    entry = models.OneToOneField(
        RosterEntry, on_delete=models.CASCADE, related_name="change", verbose_name=_("shift")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ChangeKind.choices)
    covered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("covered by"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("roster change")
        verbose_name_plural = _("roster changes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="swap") | Q(covered_by__isnull=False),
                name="roster_change_swap_names_cover",
                violation_error_message=_("A swap names who takes the shift."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.get_kind_display()}"


class WorkRules(models.Model):
    """A community's working-time limits and attendance tolerances. The defaults follow the
    Labour Law (劳动法 第三十六条: 8 h a day, 44 h a week; 第四十一条: overtime at most 3 h a day
    and 36 h a month); exceeding them warns, it does not refuse."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="work_rules", verbose_name=_("community")
    )
    hours_a_day = models.PositiveSmallIntegerField(
        _("hours a day"), default=8, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    hours_a_week = models.PositiveSmallIntegerField(
        _("hours a week"), default=44, validators=[MinValueValidator(1), MaxValueValidator(168)]
    )
    overtime_a_day = models.PositiveSmallIntegerField(
        _("overtime hours a day"), default=3, validators=[MaxValueValidator(24)]
    )
    overtime_a_month = models.PositiveSmallIntegerField(
        _("overtime hours a month"), default=36, validators=[MaxValueValidator(400)]
    )
    late_after_minutes = models.PositiveSmallIntegerField(
        _("late after (minutes)"),
        default=5,
        validators=[MaxValueValidator(240)],
        help_text=_("A clock-in this many minutes after the shift starts is late."),
    )
    early_before_minutes = models.PositiveSmallIntegerField(
        _("early leave before (minutes)"),
        default=5,
        validators=[MaxValueValidator(240)],
        help_text=_("A clock-out this many minutes before the shift ends is leaving early."),
    )
    clock_in_opens_minutes = models.PositiveSmallIntegerField(
        _("clock-in opens (minutes before)"),
        default=120,
        validators=[MaxValueValidator(720)],
        help_text=_("How long before a shift a clock-in counts for it."),
    )

    class Meta:
        verbose_name = _("work rules")
        verbose_name_plural = _("work rules")

    def __str__(self) -> str:
        return str(self.community)

    @classmethod
    def for_community(cls, community_id: int) -> WorkRules:
        found = cls.objects.filter(community_id=community_id).first()
        return found or cls(community_id=community_id)


def week_of(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())
