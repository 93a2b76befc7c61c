"""The staff of Bordeaux Town, organised as the training report draws it (§5).

The first accounts are the demo logins of the design; the others fill in the organisation
chart: customer service, engineering, security on three shifts, environment (an outsourced
contractor's site lead), finance and the clubhouse.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from wuye.core.models import Role

from .names import Identities

SEED = 20130901
SHIFTS = ("早班", "中班", "夜班")
# Security posts staffed on every shift (安管部岗位).
POSTS = ("人行岗", "车行出入岗", "控制中心", "巡逻岗")


@dataclass(frozen=True)
class StaffPlan:
    username: str
    role: str
    title: str
    name: str = ""

    @property
    def company_wide(self) -> bool:
        return self.role == Role.COMPANY_ADMIN


# The demo logins, in the order the README lists them.
LOGINS = (
    ("admin", Role.COMPANY_ADMIN, "公司系统管理员"),
    ("manager", Role.PROPERTY_MANAGER, "物业经理"),
    ("frontdesk", Role.FRONT_DESK, "前台客服"),
    ("engineer", Role.ENGINEERING_SUPERVISOR, "工程维修部主管"),
    ("electrician", Role.TECHNICIAN, "值班电工"),
    ("guard", Role.GUARD, "人行岗（早班）"),
    ("cashier", Role.CASHIER, "收银员"),
)

ORGANISATION = (
    # 客服: customer service
    ("cs-supervisor", Role.CS_SUPERVISOR, "客服主管"),
    ("frontdesk2", Role.FRONT_DESK, "前台客服"),
    ("assistant", Role.FRONT_DESK, "事务助理"),
    ("facilities-clerk", Role.FRONT_DESK, "设施开通员"),
    ("culture", Role.FRONT_DESK, "文化专员"),
    ("customer-manager", Role.FRONT_DESK, "客户经理"),
    ("decoration", Role.DECORATION_INSPECTOR, "装修咨询"),
    ("decoration-patrol", Role.DECORATION_INSPECTOR, "装修巡查"),
    # 工程维修部: engineering and maintenance
    ("electrician2", Role.TECHNICIAN, "值班电工"),
    ("electrician3", Role.TECHNICIAN, "维修电工"),
    ("lift", Role.TECHNICIAN, "电梯工"),
    ("civil", Role.TECHNICIAN, "土木工"),
    ("relief-technician", Role.TECHNICIAN, "顶休电工"),
    ("order-clerk", Role.FRONT_DESK, "接单文员"),
    # 安管部: security
    ("security", Role.SECURITY_SUPERVISOR, "安管部主管"),
    ("handover-guard", Role.GUARD, "工地交接岗"),
    ("inner-guard", Role.GUARD, "内卫岗"),
    ("sales-gate", Role.GUARD, "售楼部大门形象岗"),
    # 绿化保洁: cleaning and greenery, outsourced to a contractor
    ("environment", Role.ENVIRONMENT_SUPERVISOR, "绿化保洁现场负责人"),
    # 行政财务: administration and finance
    ("accountant", Role.ACCOUNTANT, "会计"),
    # 会所: the clubhouse
    ("clubhouse", Role.CLUBHOUSE_STAFF, "会所主管"),
    ("clubhouse-desk", Role.CLUBHOUSE_STAFF, "会所前台兼收银"),
    ("recreation", Role.CLUBHOUSE_STAFF, "康体员"),
    ("pool", Role.CLUBHOUSE_STAFF, "泳池管理员"),
)


def _shifts() -> list[tuple[str, str, str]]:
    """Shift leaders and the guards of each post on the three shifts (the day-shift
    pedestrian gate is the `guard` login)."""
    rows = []
    for n, shift in enumerate(SHIFTS, start=1):
        rows.append((f"shift-leader{n}", Role.GUARD, f"{shift}班长"))
        for p, post in enumerate(POSTS, start=1):
            if (n, p) == (1, 1):
                continue
            title = f"{post}（{shift}）"
            rows.append((f"guard{n}{p}", Role.GUARD, title))
    return rows


def bordeaux_town_staff(seed: int = SEED) -> tuple[StaffPlan, ...]:
    """Every staff account with its role, job title and a name that stays the same."""
    ids = Identities(random.Random(seed))
    return tuple(
        StaffPlan(username, role, title, ids.name(ids.gender()))
        for username, role, title in (*LOGINS, *ORGANISATION, *_shifts())
    )
