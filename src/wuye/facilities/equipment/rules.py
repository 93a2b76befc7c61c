"""The compliance rules of a community: how often each kind of equipment must be inspected,
tested or maintained, when to remind and when to request the inspection. They are data a
manager may change; a community starts with what the law asks at the least, written on
first use."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from .models import ComplianceRule, EquipmentKind, Obligation

FIRE_SYSTEMS = (
    EquipmentKind.FIRE_ALARM_PANEL,
    EquipmentKind.SPRINKLERS,
    EquipmentKind.HYDRANTS,
    EquipmentKind.EXTINGUISHERS,
)
# The rules a community starts with (it may change them): what the law asks at the least.
DEFAULT_RULES: list[dict[str, Any]] = [
    {
        "kind": EquipmentKind.LIFT,
        "obligation": Obligation.PERIODIC_INSPECTION,
        "interval_months": 12,
        "remind_days": "60,30,7",
        "request_lead_days": 30,
        # TSG T7001; 特种设备安全法 第四十条: request it one month before validity ends.
        "legal_basis": gettext_lazy("Special Equipment Safety Law, article 40"),
    },
    {
        "kind": EquipmentKind.LIFT,
        "obligation": Obligation.MAINTENANCE,
        "interval_days": 15,
        "remind_days": "3",
        "request_lead_days": 0,
        # 特种设备安全监察条例 第三十一条: a lift is maintained at least every 15 days.
        "legal_basis": gettext_lazy("Special Equipment Safety Supervision Regulations, art. 31"),
    },
    *(
        {
            "kind": kind,
            "obligation": Obligation.COMPREHENSIVE_TEST,
            "interval_months": 12,
            "remind_days": "60,30,7",
            "request_lead_days": 30,
            # 消防法 第十六条: a comprehensive test of the fire systems at least once a year.
            "legal_basis": gettext_lazy("Fire Protection Law, article 16"),
        }
        for kind in FIRE_SYSTEMS
    ),
]


def compliance_rules(community_id: int) -> list[ComplianceRule]:
    """The community's compliance rules; the defaults are written on first use."""
    rules = list(ComplianceRule.objects.filter(community_id=community_id, active=True))
    if rules or ComplianceRule.objects.filter(community_id=community_id).exists():
        return rules
    ComplianceRule.objects.bulk_create(
        [
            ComplianceRule(
                community_id=community_id, **{**rule, "legal_basis": str(rule["legal_basis"])}
            )
            for rule in DEFAULT_RULES
        ],
        ignore_conflicts=True,
    )
    return list(ComplianceRule.objects.filter(community_id=community_id, active=True))
