"""The organisation for tests: a small office of the site's staff in two departments."""

from dataclasses import dataclass
from datetime import date

import pytest

from wuye.staff.organisation import services
from wuye.staff.organisation.models import Department, Post

OPENED = date(2025, 3, 1)


@dataclass
class Office:
    management: Department
    security: Department
    engineering: Department
    manager_post: Post
    gate: Post
    electrician_post: Post


@pytest.fixture
def office(site) -> Office:
    by = site.manager
    management = services.department_create(
        actor=by, community=site.community, name="管理处", kind="management", head=site.manager
    )
    security = services.department_create(
        actor=by, community=site.community, name="安管部", kind="security", parent=management
    )
    engineering = services.department_create(
        actor=by,
        community=site.community,
        name="工程维修部",
        kind="engineering",
        parent=management,
        head=site.engineer,
        order=30,
    )
    manager_post = services.post_create(
        actor=by, department=management, title="物业经理", code="manager"
    )
    gate = services.post_create(
        actor=by,
        department=security,
        title="人行岗",
        code="pedestrian-gate",
        headcount=2,
        required_certificates=["security_guard"],
    )
    electrician_post = services.post_create(
        actor=by,
        department=engineering,
        title="值班电工",
        code="duty-electrician",
        required_certificates=["electrician"],
    )
    services.assignment_start(actor=by, post=manager_post, user=site.manager, started_on=OPENED)
    services.assignment_start(actor=by, post=gate, user=site.guard, started_on=OPENED)
    services.assignment_start(
        actor=by, post=electrician_post, user=site.electrician, started_on=OPENED
    )
    return Office(management, security, engineering, manager_post, gate, electrician_post)
