"""Owners informed and heard: owners' votes (业主表决) with their frozen electorate and ballots."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community
from wuye.estates.models import AREA, Unit

from ..votes import tally


class Matter(models.TextChoices):
    ORDINARY = tally.ORDINARY, _("Ordinary matter")
    MAJOR = tally.MAJOR, _("Major matter")


class Choice(models.TextChoices):
    FOR = tally.FOR, _("For")
    AGAINST = tally.AGAINST, _("Against")
    ABSTAIN = tally.ABSTAIN, _("Abstain")


class VoteStatus(models.TextChoices):
    DRAFT = "draft", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", pgettext_lazy("poll", "Closed")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Portal")
    PAPER = "paper", _("Paper ballot")


class Vote(models.Model):
    """A question put to the owners of a community, open for ballots between two times.

    The status follows the times: not yet open before `opens_at`, open until `closes_at`,
    closed after. Opening or closing early moves the time. When it opens, the electorate is
    frozen (`ElectorateHome`), so the tally can be recomputed the same way at any time.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="votes", verbose_name=_("community")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    matter = models.CharField(
        _("matter"),
        max_length=10,
        choices=Matter.choices,
        help_text=_(
            "Major matters: raising the maintenance fund, rebuilding, changing the use of common "
            "parts or running a business on them. They need three quarters of the owners taking "
            "part, by area and by head; all other matters need more than half."
        ),
    )
    secret = models.BooleanField(
        _("secret ballot"),
        default=False,
        help_text=_("Staff see how many took part and the tally, not how each home voted."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    electorate_frozen_at = models.DateTimeField(
        _("electorate frozen at"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("owners' vote")
        verbose_name_plural = _("owners' votes")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="vote_closes_after_opening"
            ),
        ]
        indexes = [models.Index(fields=["community", "-opens_at"])]

    def __str__(self) -> str:
        return self.title

    def status_at(self, when) -> str:
        if when < self.opens_at:
            return VoteStatus.DRAFT
        if when < self.closes_at:
            return VoteStatus.OPEN
        return VoteStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return VoteStatus(self.status).label


class ElectorateHome(models.Model):
    """One home of a vote's electorate as it stood when the vote opened: area and person."""

    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="electorate", verbose_name=_("vote")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("home")
    )
    area = models.DecimalField(_("building area (m²)"), **AREA)
    person = models.CharField(
        _("owner"),
        max_length=40,
        help_text=_("Who holds the home when heads are counted: an owner, the developer."),
    )

    class Meta:
        verbose_name = _("home of the electorate")
        verbose_name_plural = _("electorate")
        constraints = [
            models.UniqueConstraint(fields=["vote", "unit"], name="electorate_home_once"),
        ]

    def __str__(self) -> str:
        return f"{self.vote} · {self.unit_id}"


class Ballot(models.Model):
    """A home's ballot. A change is a new row; the one it replaces stays, no longer current."""

    vote = models.ForeignKey(
        Vote, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("vote")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("home")
    )
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cast by"),
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    is_current = models.BooleanField(_("current"), default=True)
    superseded_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("replaced by"),
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["vote_id", "unit_id", "-cast_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "unit"], condition=Q(is_current=True), name="ballot_one_current"
            ),
        ]
        indexes = [models.Index(fields=["vote", "is_current"])]

    def __str__(self) -> str:
        return f"{self.vote} · {self.unit_id} · {self.get_choice_display()}"

    @property
    def community_id(self) -> int:
        return self.vote.community_id
