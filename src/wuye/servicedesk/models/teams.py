"""Who takes the work: teams and their members."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community

from .choices import USER


class Team(models.Model):
    """A team that takes work orders of some categories (engineering, security, cleaning …)."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="teams", verbose_name=_("community")
    )
    name = models.CharField(pgettext_lazy("team", "name"), max_length=100)
    categories = models.JSONField(
        _("categories"), default=list, blank=True, help_text=_("Work-order categories it takes.")
    )
    subcategories = models.JSONField(
        _("subcategories"),
        default=list,
        blank=True,
        help_text=_("Empty: every subcategory of its categories."),
    )
    supervisor = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="team_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def takes(self, category: str, subcategory: str) -> bool:
        return category in self.categories and (
            not self.subcategories or subcategory in self.subcategories
        )


class TeamMember(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="desk_teams", verbose_name=_("user")
    )
    skills = models.JSONField(
        _("skills"), default=list, blank=True, help_text=_("Subcategories this person handles.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.team}"

    @property
    def community_id(self) -> int:
        return self.team.community_id
