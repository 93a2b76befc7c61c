"""The organisation of a management office (物业服务中心组织机构): departments, their posts,
and who holds which post since when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import Community, Role


class DepartmentKind(models.TextChoices):
    """The departments of the training report's organisation chart (§5)."""

    MANAGEMENT = "management", _("Management office")  # 管理处
    CUSTOMER_SERVICE = "customer_service", _("Customer service")  # 客服部
    ENGINEERING = "engineering", _("Engineering and maintenance")  # 工程维修部
    SECURITY = "security", _("Security")  # 安管部（秩序维护）
    ENVIRONMENT = "environment", _("Greenery and cleaning")  # 绿化保洁（环境）
    ADMINISTRATION = "administration", _("Administration and finance")  # 行政财务
    CLUBHOUSE = "clubhouse", _("Clubhouse")  # 会所
    OTHER = "other", pgettext_lazy("department", "Other")


class Department(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="departments", verbose_name=_("community")
    )
    name = models.CharField(pgettext_lazy("department", "name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.OTHER
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("reports to"),
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["community_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="department_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    """A post (岗位) of a department: its title, how many people it needs on each shift, the
    certificates its holder must have, and the role its holders usually sign in with."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="posts", verbose_name=_("community")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="posts", verbose_name=_("department")
    )
    title = models.CharField(_("title"), max_length=100)
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("A short name for the post in rosters and the API.")
    )
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), default=1, help_text=_("People the post needs on each shift it is staffed.")
    )
    required_certificates = models.JSONField(_("required certificates"), default=list, blank=True)
    role = models.CharField(_("usual role"), max_length=32, choices=Role.choices, blank=True)
    seasonal = models.BooleanField(
        _("seasonal"), default=False, help_text=_("Staffed only part of the year (夏季临工).")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["community_id", "department__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="post_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """A person in a post from one day to another; the open one is the post they hold now.
    Nobody holds two posts of one community at once; ended rows are the history."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="+", verbose_name=_("community")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("post")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="post_assignments",
        verbose_name=_("person"),
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("post assignment")
        verbose_name_plural = _("post assignments")
        ordering = ["community_id", "-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=Q(ended_on__isnull=True),
                name="assignment_one_post_at_a_time",
                violation_error_message=_("This person already holds a post here."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="assignment_ends_after_start",
                violation_error_message=_("A post is left on or after the day it was taken."),
            ),
        ]
        indexes = [models.Index(fields=["post", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.post}"
