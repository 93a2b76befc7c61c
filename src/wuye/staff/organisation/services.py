"""Changes to the organisation: departments, posts, and who takes or leaves a post.

Each action checks the permission, writes the change and its audit entry in one
transaction, and refuses bad input with a translated reason before writing anything.
Assignments are never deleted: a person leaving a post ends it, and the ended rows are the
post's history.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community, Membership, Role
from wuye.core.validators import conflict

from ..choices import CertificateKind
from .models import Assignment, Department, DepartmentKind, Post

DEPARTMENT_FIELDS = ("name", "kind", "parent", "head", "order")
POST_FIELDS = ("title", "code", "headcount", "required_certificates", "role", "seasonal", "order")


def is_staff_of(user, community: Community) -> bool:
    """Staff of a community: an active membership there, or the company's administrator."""
    return Membership.objects.filter(
        Q(community=community) | Q(community__isnull=True, role=Role.COMPANY_ADMIN),
        company_id=community.company_id,
        user=user,
        active=True,
        user__is_active=True,
    ).exists()


def _values(obj, fields) -> dict:
    return {
        name: (getattr(obj, f"{name}_id") if hasattr(obj, f"{name}_id") else getattr(obj, name))
        for name in fields
    }


def _check_department(community: Community, department: Department, *, name, kind, parent, head):
    errors: dict[str, list] = {}
    if not (name or "").strip():
        errors["name"] = [_("Give the department a name.")]
    elif (
        Department.objects.filter(community=community, name=name.strip())
        .exclude(pk=department.pk)
        .exists()
    ):
        errors["name"] = [conflict(_("This community already has a department of this name."))]
    if kind not in DepartmentKind.values:
        errors["kind"] = [_("Choose one of the kinds of department.")]
    if parent is not None:
        if parent.community_id != community.pk:
            errors["parent"] = [_("Choose a department of this community.")]
        else:
            above = parent
            while above is not None:
                if department.pk and above.pk == department.pk:
                    errors["parent"] = [_("A department cannot report to itself or below it.")]
                    break
                above = above.parent
    if head is not None and not is_staff_of(head, community):
        errors["head"] = [_("The head must be staff of this community.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def department_create(
    *,
    actor,
    community: Community,
    name: str,
    kind: str = DepartmentKind.OTHER,
    parent: Department | None = None,
    head=None,
    order: int = 0,
) -> Department:
    """A new department of the community."""
    policy.require_perm(actor, "staff.manage", community.pk)
    department = Department(community=community)
    _check_department(community, department, name=name, kind=kind, parent=parent, head=head)
    department.name, department.kind, department.parent, department.head = (
        name.strip(),
        kind,
        parent,
        head,
    )
    department.order = order
    department.save()
    audit.record(
        actor=actor,
        action="department.create",
        obj=department,
        changes={k: str(v) for k, v in _values(department, DEPARTMENT_FIELDS).items()},
    )
    return department


@transaction.atomic
def department_update(
    *, actor, department: Department, name: str, kind: str, parent, head, order: int
) -> Department:
    """Rename, re-kind, move or re-head a department."""
    policy.require_perm(actor, "staff.manage", department.community_id)
    department = Department.objects.select_for_update().get(pk=department.pk)
    community = department.community
    _check_department(community, department, name=name, kind=kind, parent=parent, head=head)
    before = _values(department, DEPARTMENT_FIELDS)
    department.name, department.kind, department.parent, department.head = (
        name.strip(),
        kind,
        parent,
        head,
    )
    department.order = order
    department.save()
    changes = audit.diff(before, _values(department, DEPARTMENT_FIELDS))
    if changes:
        audit.record(actor=actor, action="department.update", obj=department, changes=changes)
    return department


def _check_post(community, post, *, department, title, code, headcount, required, role):
    errors: dict[str, list] = {}
    if department is None or department.community_id != community.pk:
        errors["department"] = [_("Choose a department of this community.")]
    if not (title or "").strip():
        errors["title"] = [_("Give the post a title.")]
    if not code:
        errors["code"] = [_("Give the post a short code.")]
    elif Post.objects.filter(community=community, code=code).exclude(pk=post.pk).exists():
        errors["code"] = [conflict(_("Another post of this community has this code."))]
    if not isinstance(headcount, int) or headcount < 0 or headcount > 100:
        errors["headcount"] = [_("The headcount is a number from 0 to 100.")]
    unknown = [k for k in required if k not in CertificateKind.values]
    if unknown:
        errors["required_certificates"] = [_("Choose certificates from the list.")]
    if role and role not in Role.values:
        errors["role"] = [_("Choose one of the roles.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def post_create(
    *,
    actor,
    department: Department,
    title: str,
    code: str,
    headcount: int = 1,
    required_certificates: list[str] | tuple[str, ...] = (),
    role: str = "",
    seasonal: bool = False,
    order: int = 0,
) -> Post:
    """A new post of a department."""
    community = department.community
    policy.require_perm(actor, "staff.manage", community.pk)
    required = list(dict.fromkeys(required_certificates))
    post = Post(community=community)
    _check_post(
        community,
        post,
        department=department,
        title=title,
        code=code,
        headcount=headcount,
        required=required,
        role=role,
    )
    post.department, post.title, post.code = department, title.strip(), code
    post.headcount, post.required_certificates, post.role = headcount, required, role
    post.seasonal, post.order = seasonal, order
    post.save()
    audit.record(
        actor=actor,
        action="post.create",
        obj=post,
        changes={k: str(v) for k, v in _values(post, ("department", *POST_FIELDS)).items()},
    )
    return post


@transaction.atomic
def post_update(
    *,
    actor,
    post: Post,
    department: Department,
    title: str,
    code: str,
    headcount: int,
    required_certificates: list[str] | tuple[str, ...],
    role: str,
    seasonal: bool,
    order: int,
) -> Post:
    """Change a post's department, title, code, headcount, certificates, role or season."""
    policy.require_perm(actor, "staff.manage", post.community_id)
    post = Post.objects.select_for_update().get(pk=post.pk)
    community = post.community
    required = list(dict.fromkeys(required_certificates))
    _check_post(
        community,
        post,
        department=department,
        title=title,
        code=code,
        headcount=headcount,
        required=required,
        role=role,
    )
    before = _values(post, ("department", *POST_FIELDS))
    post.department, post.title, post.code = department, title.strip(), code
    post.headcount, post.required_certificates, post.role = headcount, required, role
    post.seasonal, post.order = seasonal, order
    post.save()
    changes = audit.diff(before, _values(post, ("department", *POST_FIELDS)))
    if changes:
        audit.record(actor=actor, action="post.update", obj=post, changes=changes)
    return post


@transaction.atomic
def assignment_start(*, actor, post: Post, user, started_on: date, note: str = "") -> Assignment:
    """`user` takes `post` from `started_on`. The post they held until then in this community
    ends the day before; taking the post they already hold is refused."""
    community = post.community
    policy.require_perm(actor, "staff.manage", community.pk)
    if not is_staff_of(user, community):
        raise ValidationError({"user": [_("This person is not staff of this community.")]})
    open_one = (
        Assignment.objects.select_for_update()
        .filter(community=community, user=user, ended_on__isnull=True)
        .first()
    )
    if open_one is not None:
        if open_one.post_id == post.pk:
            raise ValidationError({"user": [conflict(_("This person already holds this post."))]})
        if started_on <= open_one.started_on:
            raise ValidationError(
                {
                    "started_on": [
                        conflict(
                            _(
                                "This person holds another post since %(day)s: the new post "
                                "starts after that day."
                            )
                            % {"day": open_one.started_on.isoformat()}
                        )
                    ]
                }
            )
        open_one.ended_on = started_on - timedelta(days=1)
        open_one.save(update_fields=["ended_on"])
        audit.record(
            actor=actor,
            action="assignment.end",
            obj=open_one,
            changes={"ended_on": open_one.ended_on.isoformat()},
        )
    assignment = Assignment.objects.create(
        community=community, post=post, user=user, started_on=started_on, note=note.strip()
    )
    audit.record(
        actor=actor,
        action="assignment.start",
        obj=assignment,
        changes={"post": post.code, "user": user.get_username(), "from": started_on.isoformat()},
    )
    return assignment


@transaction.atomic
def assignment_end(*, actor, assignment: Assignment, ended_on: date) -> Assignment:
    """The holder leaves the post on `ended_on` (their last day in it)."""
    policy.require_perm(actor, "staff.manage", assignment.community_id)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_on is not None:
        raise ValidationError(
            {"ended_on": [conflict(_("This person has already left this post."))]}
        )
    if ended_on < assignment.started_on:
        raise ValidationError({"ended_on": [_("A post is left on or after the day it was taken.")]})
    assignment.ended_on = ended_on
    assignment.save(update_fields=["ended_on"])
    audit.record(
        actor=actor,
        action="assignment.end",
        obj=assignment,
        changes={"ended_on": ended_on.isoformat()},
    )
    return assignment
