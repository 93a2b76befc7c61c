"""The daily summary of the indicators (see `wuye.servicedesk.indicators.tally`)."""

from __future__ import annotations

from django.db import models

from wuye.core.models import Community

from .choices import Category
from .teams import Team


class DailyTally(models.Model):
    """The counts of the indicators for the orders of one community received on one day, of
    one category and team, that do not depend on when they are read."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    category = models.CharField(max_length=20, choices=Category.choices)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, related_name="+")
    orders = models.PositiveIntegerField(default=0)
    complaints = models.PositiveIntegerField(default=0)
    # Deadlines that apply and were met (on time or late), and those met on time.
    response_settled = models.PositiveIntegerField(default=0)
    response_met = models.PositiveIntegerField(default=0)
    arrival_settled = models.PositiveIntegerField(default=0)
    arrival_met = models.PositiveIntegerField(default=0)
    resolution_settled = models.PositiveIntegerField(default=0)
    resolution_met = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    home_repairs = models.PositiveIntegerField(default=0)
    repeats = models.PositiveIntegerField(default=0)
    escalated = models.PositiveIntegerField(default=0)
    callbacks = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    called_back = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["community", "day"])]

    def __str__(self) -> str:
        return f"{self.community_id} {self.day} {self.category} {self.team_id}"


class TallyMark(models.Model):
    """A day of a community whose summary must be recomputed (an order of it changed)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["community", "day"])]

    def __str__(self) -> str:
        return f"{self.community_id} {self.day}"


class TallyState(models.Model):
    """The one row saying up to which day the summary is complete (locked while refreshing)."""

    ONLY = 1

    through = models.DateField(null=True)

    def __str__(self) -> str:
        return str(self.through)
