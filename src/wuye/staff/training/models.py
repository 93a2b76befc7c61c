"""Training (培训): the courses of the curriculum, each session held with its trainer and
attendees, and what each attendee took from it (hours, score)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community


class Topic(models.TextChoices):
    SERVICE = "service", _("Service principles (CASH)")
    ETIQUETTE = "etiquette", _("Etiquette")
    TELEPHONE = "telephone", _("Telephone manners")
    COMPLAINTS = "complaints", _("Complaint handling")
    SAFETY = "safety", _("Safety and fire")
    SKILLS = "skills", _("Trade skills")
    INDUCTION = "induction", _("Induction")
    OTHER = "other", pgettext_lazy("topic", "Other")


class Course(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="courses", verbose_name=_("community")
    )
    title = models.CharField(_("title"), max_length=120)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("99"))],
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["community_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "title"], name="course_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="+", verbose_name=_("community")
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    date = models.DateField(_("date"))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trainer"),
    )
    trainer_name = models.CharField(
        _("outside trainer"), max_length=100, blank=True, help_text=_("When not one of the staff.")
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("99"))],
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    attachment = models.FileField(
        _("attachment"), upload_to="training/%Y/%m/", max_length=200, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["community", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.course}"


class TrainingRecord(models.Model):
    """One attendee of a session: the hours they are credited and their score."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="records", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("attendee"),
    )
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="training_record_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.user}"
