"""Changing the organisation: departments, posts, and people taking and leaving posts."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry
from wuye.staff.organisation import services
from wuye.staff.organisation.models import Assignment, Department, Post

from .conftest import OPENED


def test_the_manager_builds_a_department_with_a_post_and_it_is_audited(site):
    department = services.department_create(
        actor=site.manager, community=site.community, name="客服部", kind="customer_service"
    )
    post = services.post_create(
        actor=site.manager, department=department, title="前台客服", code="front-desk", headcount=2
    )

    assert post.department == department and post.community == site.community
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"department.create", "post.create"} <= actions


def test_a_guard_may_not_change_the_organisation(site):
    with pytest.raises(PermissionDenied):
        services.department_create(actor=site.guard, community=site.community, name="客服部")
    assert not Department.objects.exists()


def test_a_second_department_of_the_same_name_is_refused(site, office):
    with pytest.raises(ValidationError) as refused:
        services.department_create(actor=site.manager, community=site.community, name="安管部")
    assert "name" in refused.value.error_dict
    assert Department.objects.filter(name="安管部").count() == 1


def test_a_department_cannot_report_to_its_own_child(site, office):
    with pytest.raises(ValidationError) as refused:
        services.department_update(
            actor=site.manager,
            department=office.management,
            name="管理处",
            kind="management",
            parent=office.security,
            head=site.manager,
            order=0,
        )
    assert "parent" in refused.value.error_dict
    office.management.refresh_from_db()
    assert office.management.parent is None


def test_a_head_who_is_not_staff_here_is_refused(site, office):
    with pytest.raises(ValidationError) as refused:
        services.department_update(
            actor=site.manager,
            department=office.security,
            name="安管部",
            kind="security",
            parent=office.management,
            head=site.other_manager,
            order=0,
        )
    assert "head" in refused.value.error_dict
    office.security.refresh_from_db()
    assert office.security.head is None


def test_a_post_requiring_an_unknown_certificate_is_refused(site, office):
    with pytest.raises(ValidationError) as refused:
        services.post_create(
            actor=site.manager,
            department=office.security,
            title="巡逻岗",
            code="patrol",
            required_certificates=["pilot"],
        )
    assert "required_certificates" in refused.value.error_dict
    assert not Post.objects.filter(code="patrol").exists()


def test_taking_a_new_post_ends_the_old_one_the_day_before(site, office):
    moved = services.assignment_start(
        actor=site.manager,
        post=office.electrician_post,
        user=site.guard,
        started_on=date(2026, 5, 4),
    )

    old = Assignment.objects.get(user=site.guard, post=office.gate)
    assert old.ended_on == date(2026, 5, 3)
    assert moved.ended_on is None
    assert Assignment.objects.filter(user=site.guard).count() == 2


def test_taking_the_post_one_holds_is_refused(site, office):
    with pytest.raises(ValidationError) as refused:
        services.assignment_start(
            actor=site.manager, post=office.gate, user=site.guard, started_on=date(2026, 1, 1)
        )
    assert "user" in refused.value.error_dict
    assert Assignment.objects.filter(user=site.guard).count() == 1


def test_a_new_post_starting_before_the_held_one_changes_nothing(site, office):
    with pytest.raises(ValidationError):
        services.assignment_start(
            actor=site.manager, post=office.electrician_post, user=site.guard, started_on=OPENED
        )
    assert Assignment.objects.get(user=site.guard).ended_on is None


def test_someone_who_is_not_staff_here_cannot_take_a_post(site, office):
    for outsider in (site.owner, site.other_manager):
        with pytest.raises(ValidationError) as refused:
            services.assignment_start(
                actor=site.manager, post=office.gate, user=outsider, started_on=OPENED
            )
        assert "user" in refused.value.error_dict
    assert not Assignment.objects.filter(user__in=[site.owner, site.other_manager]).exists()


def test_leaving_before_taking_the_post_is_refused_and_leaving_is_kept(site, office):
    held = Assignment.objects.get(user=site.guard)
    with pytest.raises(ValidationError):
        services.assignment_end(actor=site.manager, assignment=held, ended_on=date(2025, 2, 1))
    held.refresh_from_db()
    assert held.ended_on is None

    services.assignment_end(actor=site.manager, assignment=held, ended_on=date(2026, 6, 30))
    held.refresh_from_db()
    assert held.ended_on == date(2026, 6, 30)
    with pytest.raises(ValidationError):
        services.assignment_end(actor=site.manager, assignment=held, ended_on=date(2026, 7, 1))
    assert AuditEntry.objects.filter(action="assignment.end").count() == 1
