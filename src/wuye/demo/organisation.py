"""The organisation of Bordeaux Town's management office as the training report draws it
(§5): seven departments under the management office, every post the report names with its
Chinese title, and the 45 demo staff each in one post since the office opened.

Loaded through the organisation's services, as the manager; a second run changes nothing.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from wuye.core.models import Community, Role
from wuye.staff.certificates.models import CertificateKind as C
from wuye.staff.organisation import services
from wuye.staff.organisation.models import Assignment, Department, DepartmentKind, Post

from .staff import POSTS as SECURITY_POSTS
from .staff import SHIFTS

# The day the office took over the estate (the staff plan's seed is this date): every
# demo assignment starts then, whatever today is.
OPENED = date(2013, 9, 1)

# kind, name, order, the username of its head
DEPARTMENTS = (
    (DepartmentKind.MANAGEMENT, "管理处", 10, "manager"),
    (DepartmentKind.CUSTOMER_SERVICE, "客服部", 20, "cs-supervisor"),
    (DepartmentKind.ENGINEERING, "工程维修部", 30, "engineer"),
    (DepartmentKind.SECURITY, "安管部", 40, "security"),
    (DepartmentKind.ENVIRONMENT, "绿化保洁", 50, "environment"),
    (DepartmentKind.ADMINISTRATION, "行政财务", 60, "admin"),
    (DepartmentKind.CLUBHOUSE, "会所", 70, "clubhouse"),
)

GUARD = [C.SECURITY_GUARD]
# department kind, code, title, required certificates, headcount per shift, usual role,
# seasonal
POSTS = (
    (DepartmentKind.MANAGEMENT, "manager", "物业经理", [], 1, Role.PROPERTY_MANAGER, False),
    (
        DepartmentKind.CUSTOMER_SERVICE,
        "cs-supervisor",
        "客服主管",
        [],
        1,
        Role.CS_SUPERVISOR,
        False,
    ),
    (DepartmentKind.CUSTOMER_SERVICE, "front-desk", "前台客服", [], 2, Role.FRONT_DESK, False),
    (
        DepartmentKind.CUSTOMER_SERVICE,
        "affairs-assistant",
        "事务助理",
        [],
        1,
        Role.FRONT_DESK,
        False,
    ),
    (
        DepartmentKind.CUSTOMER_SERVICE,
        "decoration-consultant",
        "装修咨询",
        [],
        1,
        Role.DECORATION_INSPECTOR,
        False,
    ),
    (
        DepartmentKind.CUSTOMER_SERVICE,
        "facility-clerk",
        "设施开通员",
        [],
        1,
        Role.FRONT_DESK,
        False,
    ),
    (DepartmentKind.CUSTOMER_SERVICE, "culture-officer", "文化专员", [], 1, Role.FRONT_DESK, False),
    (
        DepartmentKind.CUSTOMER_SERVICE,
        "decoration-patrol",
        "装修巡查",
        [],
        1,
        Role.DECORATION_INSPECTOR,
        False,
    ),
    (
        DepartmentKind.CUSTOMER_SERVICE,
        "customer-manager",
        "客户经理",
        [],
        1,
        Role.FRONT_DESK,
        False,
    ),
    (
        DepartmentKind.ENGINEERING,
        "engineering-supervisor",
        "工程维修部主管",
        [],
        1,
        Role.ENGINEERING_SUPERVISOR,
        False,
    ),
    (
        DepartmentKind.ENGINEERING,
        "duty-electrician",
        "值班电工",
        [C.ELECTRICIAN],
        1,
        Role.TECHNICIAN,
        False,
    ),
    (
        DepartmentKind.ENGINEERING,
        "lift-worker",
        "电梯工",
        [C.SPECIAL_EQUIPMENT],
        1,
        Role.TECHNICIAN,
        False,
    ),
    (DepartmentKind.ENGINEERING, "civil-worker", "土木工", [], 1, Role.TECHNICIAN, False),
    (DepartmentKind.ENGINEERING, "order-clerk", "接单文员", [], 1, Role.FRONT_DESK, False),
    (
        DepartmentKind.ENGINEERING,
        "relief-staff",
        "顶休人员",
        [C.ELECTRICIAN],
        1,
        Role.TECHNICIAN,
        False,
    ),
    (DepartmentKind.ENGINEERING, "repair-duty", "维修值班", [], 1, Role.TECHNICIAN, False),
    (
        DepartmentKind.SECURITY,
        "security-supervisor",
        "安管部主管",
        GUARD,
        1,
        Role.SECURITY_SUPERVISOR,
        False,
    ),
    (DepartmentKind.SECURITY, "shift-leader", "班长", GUARD, 1, Role.GUARD, False),
    (DepartmentKind.SECURITY, "pedestrian-gate", "人行岗", GUARD, 1, Role.GUARD, False),
    (DepartmentKind.SECURITY, "vehicle-gate", "车行出入岗", GUARD, 1, Role.GUARD, False),
    (
        DepartmentKind.SECURITY,
        "control-centre",
        "控制中心",
        [C.SECURITY_GUARD, C.FIRE_FACILITIES],
        1,
        Role.GUARD,
        False,
    ),
    (DepartmentKind.SECURITY, "patrol", "巡逻岗", GUARD, 1, Role.GUARD, False),
    (DepartmentKind.SECURITY, "site-handover", "工地交接岗", GUARD, 1, Role.GUARD, False),
    (DepartmentKind.SECURITY, "inner-guard", "内卫岗", GUARD, 1, Role.GUARD, False),
    (DepartmentKind.SECURITY, "sales-gate", "售楼部大门形象岗", GUARD, 1, Role.GUARD, False),
    (
        DepartmentKind.ENVIRONMENT,
        "environment-lead",
        "绿化保洁现场负责人",
        [],
        1,
        Role.ENVIRONMENT_SUPERVISOR,
        False,
    ),
    # The cleaners and gardeners are the contractor's people, not the office's logins.
    (DepartmentKind.ENVIRONMENT, "cleaner", "保洁员", [], 8, "", False),
    (DepartmentKind.ENVIRONMENT, "gardener", "绿化工", [], 3, "", False),
    (
        DepartmentKind.ADMINISTRATION,
        "admin-supervisor",
        "行政主管",
        [],
        1,
        Role.COMPANY_ADMIN,
        False,
    ),
    (DepartmentKind.ADMINISTRATION, "admin-assistant", "行政助理", [], 1, "", False),
    (DepartmentKind.ADMINISTRATION, "hr-assistant", "人事助理", [], 1, "", False),
    (DepartmentKind.ADMINISTRATION, "accountant", "会计", [], 1, Role.ACCOUNTANT, False),
    (DepartmentKind.ADMINISTRATION, "cashier", "出纳", [], 1, Role.CASHIER, False),
    (DepartmentKind.ADMINISTRATION, "trainer", "培训教官", [], 1, "", False),
    (
        DepartmentKind.CLUBHOUSE,
        "clubhouse-supervisor",
        "会所主管",
        [],
        1,
        Role.CLUBHOUSE_STAFF,
        False,
    ),
    (
        DepartmentKind.CLUBHOUSE,
        "clubhouse-desk",
        "会所前台兼收银",
        [],
        1,
        Role.CLUBHOUSE_STAFF,
        False,
    ),
    (DepartmentKind.CLUBHOUSE, "recreation", "康体员", [], 1, Role.CLUBHOUSE_STAFF, False),
    (
        DepartmentKind.CLUBHOUSE,
        "pool-attendant",
        "泳池管理员",
        [C.HEALTH],
        1,
        Role.CLUBHOUSE_STAFF,
        False,
    ),
    (DepartmentKind.CLUBHOUSE, "summer-temp", "夏季临工", [], 2, Role.CLUBHOUSE_STAFF, True),
)

# username → post code: the logins, the rest of the organisation, then the three shifts.
PLACES = {
    "admin": "admin-supervisor",
    "manager": "manager",
    "frontdesk": "front-desk",
    "engineer": "engineering-supervisor",
    "electrician": "duty-electrician",
    "guard": "pedestrian-gate",
    "cashier": "cashier",
    "cs-supervisor": "cs-supervisor",
    "frontdesk2": "front-desk",
    "assistant": "affairs-assistant",
    "facilities-clerk": "facility-clerk",
    "culture": "culture-officer",
    "customer-manager": "customer-manager",
    "decoration": "decoration-consultant",
    "decoration-patrol": "decoration-patrol",
    "electrician2": "duty-electrician",
    "electrician3": "repair-duty",
    "lift": "lift-worker",
    "civil": "civil-worker",
    "relief-technician": "relief-staff",
    "order-clerk": "order-clerk",
    "security": "security-supervisor",
    "handover-guard": "site-handover",
    "inner-guard": "inner-guard",
    "sales-gate": "sales-gate",
    "environment": "environment-lead",
    "accountant": "accountant",
    "clubhouse": "clubhouse-supervisor",
    "clubhouse-desk": "clubhouse-desk",
    "recreation": "recreation",
    "pool": "pool-attendant",
}
# The security posts staffed on every shift, in the order demo/staff.py numbers them.
SHIFT_POSTS = ("pedestrian-gate", "vehicle-gate", "control-centre", "patrol")
assert len(SHIFT_POSTS) == len(SECURITY_POSTS)
for _n in range(1, len(SHIFTS) + 1):
    PLACES[f"shift-leader{_n}"] = "shift-leader"
    for _p, _code in enumerate(SHIFT_POSTS, start=1):
        if (_n, _p) != (1, 1):
            PLACES[f"guard{_n}{_p}"] = _code


@transaction.atomic
def organisation_load(community: Community) -> dict[str, int]:
    """Departments, posts and the staff in them; what was added (nothing on a second run)."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=PLACES)}
    actor = users["manager"]
    added = {"departments": 0, "posts": 0, "people": 0}
    departments = {d.kind: d for d in Department.objects.filter(community=community)}
    management = departments.get(DepartmentKind.MANAGEMENT)
    for kind, name, order, head in DEPARTMENTS:
        if kind in departments:
            continue
        departments[kind] = services.department_create(
            actor=actor,
            community=community,
            name=name,
            kind=kind,
            parent=management,
            head=users.get(head),
            order=order,
        )
        management = management or departments[kind]
        added["departments"] += 1
    posts = {p.code: p for p in Post.objects.filter(community=community)}
    for order, (kind, code, title, required, headcount, role, seasonal) in enumerate(POSTS):
        if code in posts:
            continue
        posts[code] = services.post_create(
            actor=actor,
            department=departments[kind],
            title=title,
            code=code,
            headcount=headcount,
            required_certificates=[str(c) for c in required],
            role=role,
            seasonal=seasonal,
            order=order,
        )
        added["posts"] += 1
    placed = set(Assignment.objects.filter(community=community).values_list("user_id", flat=True))
    for username, code in PLACES.items():
        user = users.get(username)
        if user is None or user.pk in placed:
            continue
        services.assignment_start(actor=actor, post=posts[code], user=user, started_on=OPENED)
        added["people"] += 1
    return added if any(added.values()) else {}
