"""Choices the staff areas share: the kinds of certificate a post requires and a person
holds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CertificateKind(models.TextChoices):
    SECURITY_GUARD = "security_guard", _("Security guard certificate")  # 保安员证
    ELECTRICIAN = "electrician", _("Electrician's licence")  # 电工证（特种作业操作证）
    SPECIAL_EQUIPMENT = (
        "special_equipment",
        _("Special equipment operator's certificate (lifts)"),
    )  # 特种设备作业人员证
    FIRE_FACILITIES = "fire_facilities", _("Fire facilities operator")  # 消防设施操作员
    HEALTH = "health", _("Health certificate")  # 健康证
    OTHER = "other", pgettext_lazy("certificate", "Other")
