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
SHIFTS = (("早班", "day shift"), ("中班", "middle shift"), ("夜班", "night shift"))
# Security posts staffed on every shift (安管部岗位).
POSTS = (
    ("人行岗", "Pedestrian gate"),
    ("车行出入岗", "Vehicle gate"),
    ("控制中心", "Control centre"),
    ("巡逻岗", "Patrol"),
)


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
    ("admin", Role.COMPANY_ADMIN, "公司系统管理员 Company administrator"),
    ("manager", Role.PROPERTY_MANAGER, "物业经理 Property manager"),
    ("frontdesk", Role.FRONT_DESK, "前台客服 Front desk"),
    ("engineer", Role.ENGINEERING_SUPERVISOR, "工程维修部主管 Engineering supervisor"),
    ("electrician", Role.TECHNICIAN, "值班电工 Duty electrician"),
    ("guard", Role.GUARD, "人行岗（早班） Pedestrian gate, day shift"),
    ("cashier", Role.CASHIER, "收银员 Cashier"),
)

ORGANISATION = (
    # 客服: customer service
    ("cs-supervisor", Role.CS_SUPERVISOR, "客服主管 Customer-service supervisor"),
    ("frontdesk2", Role.FRONT_DESK, "前台客服 Front desk"),
    ("assistant", Role.FRONT_DESK, "事务助理 Affairs assistant"),
    ("facilities-clerk", Role.FRONT_DESK, "设施开通员 Facility-opening clerk"),
    ("culture", Role.FRONT_DESK, "文化专员 Culture officer"),
    ("customer-manager", Role.FRONT_DESK, "客户经理 Customer manager"),
    ("decoration", Role.DECORATION_INSPECTOR, "装修咨询 Decoration consultant"),
    ("decoration-patrol", Role.DECORATION_INSPECTOR, "装修巡查 Decoration patrol"),
    # 工程维修部: engineering and maintenance
    ("electrician2", Role.TECHNICIAN, "值班电工 Duty electrician"),
    ("electrician3", Role.TECHNICIAN, "维修电工 Maintenance electrician"),
    ("lift", Role.TECHNICIAN, "电梯工 Lift worker"),
    ("civil", Role.TECHNICIAN, "土木工 Civil worker"),
    ("relief-technician", Role.TECHNICIAN, "顶休电工 Relief electrician"),
    ("order-clerk", Role.FRONT_DESK, "接单文员 Order-taking clerk"),
    # 安管部: security
    ("security", Role.SECURITY_SUPERVISOR, "安管部主管 Security supervisor"),
    ("handover-guard", Role.GUARD, "工地交接岗 Site handover post"),
    ("inner-guard", Role.GUARD, "内卫岗 Internal guard"),
    ("sales-gate", Role.GUARD, "售楼部大门形象岗 Sales office gate"),
    # 绿化保洁: cleaning and greenery, outsourced to a contractor
    ("environment", Role.ENVIRONMENT_SUPERVISOR, "绿化保洁现场负责人 Cleaning and greenery lead"),
    # 行政财务: administration and finance
    ("accountant", Role.ACCOUNTANT, "会计 Accountant"),
    # 会所: the clubhouse
    ("clubhouse", Role.CLUBHOUSE_STAFF, "会所主管 Clubhouse supervisor"),
    ("clubhouse-desk", Role.CLUBHOUSE_STAFF, "会所前台兼收银 Clubhouse front desk and cashier"),
    ("recreation", Role.CLUBHOUSE_STAFF, "康体员 Recreation attendant"),
    ("pool", Role.CLUBHOUSE_STAFF, "泳池管理员 Pool attendant"),
)


def _shifts() -> list[tuple[str, str, str]]:
    """Shift leaders and the guards of each post on the three shifts (the day-shift
    pedestrian gate is the `guard` login)."""
    rows = []
    for n, (shift_zh, shift_en) in enumerate(SHIFTS, start=1):
        rows.append((f"shift-leader{n}", Role.GUARD, f"{shift_zh}班长 Shift leader, {shift_en}"))
        for p, (post_zh, post_en) in enumerate(POSTS, start=1):
            if (n, p) == (1, 1):
                continue
            title = f"{post_zh}（{shift_zh}） {post_en}, {shift_en}"
            rows.append((f"guard{n}{p}", Role.GUARD, title))
    return rows


def bordeaux_town_staff(seed: int = SEED) -> tuple[StaffPlan, ...]:
    """Every staff account with its role, job title and a name that stays the same."""
    ids = Identities(random.Random(seed))
    return tuple(
        StaffPlan(username, role, title, ids.name(ids.gender()))
        for username, role, title in (*LOGINS, *ORGANISATION, *_shifts())
    )
