"""Owner satisfaction surveys (满意度调查): a questionnaire, one response per home, results.

A survey is drafted by the office, then published for an open period to the homes of a
community or of chosen buildings. Its questions are fixed once published. Each home answers
once (`Participation`, unique per survey and home); the answers hang off a `Response` that,
in an anonymous survey, keeps no link to the home, the person or the moment of answering.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community
from wuye.estates.models import Unit


class Dimension(models.TextChoices):
    """What a question asks about: the areas of service the report compares with the target."""

    SERVICE = "service", _("Customer service")
    REPAIRS = "repairs", _("Repairs")
    SECURITY = "security", _("Security")
    CLEANING = "cleaning", _("Cleaning")
    GREENERY = "greenery", _("Greenery")
    OVERALL = "overall", _("Overall")


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Rating 1–5")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", pgettext_lazy("poll", "Closed")


class ResponseChannel(models.TextChoices):
    PORTAL = "portal", _("Portal")
    PAPER = "paper", _("Paper questionnaire")


class Survey(models.Model):
    """A round of the owner satisfaction survey of a community."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("community")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("introduction"), blank=True)
    buildings = models.ManyToManyField(
        "estates.Building",
        blank=True,
        related_name="surveys",
        verbose_name=_("buildings"),
        help_text=_("Leave empty to ask the whole community."),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers keep no link to the home or the person who gave them."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("copied from"),
    )
    audience_homes = models.PositiveIntegerField(
        _("homes asked"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The homes of the audience when the survey was published."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["community", "-opens_at"])]

    def __str__(self) -> str:
        return self.title

    def status_at(self, when) -> str:
        if self.published_at is None:
            return SurveyStatus.DRAFT
        if when < self.opens_at:
            return SurveyStatus.SCHEDULED
        if when < self.closes_at:
            return SurveyStatus.OPEN
        return SurveyStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return SurveyStatus(self.status).label


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(
        _("answer required"),
        default=True,
        help_text=_("A questionnaire without an answer to it is refused."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "order"], name="survey_question_order"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def community_id(self) -> int:
        return self.survey.community_id

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Option(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("option"), max_length=200)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "order"], name="survey_option_order"),
        ]

    def __str__(self) -> str:
        return self.text


class Participation(models.Model):
    """That a home has answered a survey: enforces one response per home.

    It names the home, the channel and when; in an anonymous survey it is all that is kept
    about the home, and nothing ties it to the answers.
    """

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="participations", verbose_name=_("survey")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("home")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ResponseChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered or recorded by"),
    )
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("home that answered")
        verbose_name_plural = _("homes that answered")
        ordering = ["survey_id", "answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit"], name="survey_one_response_per_home"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.unit_id}"

    @property
    def community_id(self) -> int:
        return self.survey.community_id


class Response(models.Model):
    """One home's filled-in questionnaire.

    A random key (not a sequence) so that the order of responses says nothing about the order
    of participations; `participation` is set only when the survey is not anonymous.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey")
    )
    participation = models.OneToOneField(
        Participation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("home that answered"),
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey"])]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One answer: a rating, one chosen option (a multiple choice gives a row per option)
    or a text. A random key too: a sequence would tell in which order homes answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, on_delete=models.PROTECT, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    option = models.ForeignKey(
        Option,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("option"),
    )
    text = models.TextField(pgettext_lazy("survey answer", "text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="survey_rating_one_to_five",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "option"], name="survey_answer_option_once"
            ),
        ]
        indexes = [models.Index(fields=["question", "rating"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.rating or self.option_id or self.text[:20]}"
