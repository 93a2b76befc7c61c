"""Reads of the organisation, already scoped to one community: its tree of departments, posts
and holders, who is staff there, and a person's posts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q

from wuye.core.models import Community, Membership, Role

from .models import Assignment, Department, Post


def staff_q(community: Community) -> Q:
    """Memberships that make someone staff of the community (its own, or the company's
    administrator)."""
    return Q(community=community) | Q(community__isnull=True, role=Role.COMPANY_ADMIN)


def memberships_of(community: Community):
    return Membership.objects.filter(
        staff_q(community), company_id=community.company_id, active=True, user__is_active=True
    )


def current_assignments(community: Community):
    return Assignment.objects.filter(community=community, ended_on__isnull=True)


# ---- the tree -----------------------------------------------------------------------------


@dataclass
class PostNode:
    post: Post
    holders: list = field(default_factory=list)

    @property
    def vacancies(self) -> int:
        return max(0, self.post.headcount - len(self.holders))


@dataclass
class DepartmentNode:
    department: Department
    posts: list[PostNode] = field(default_factory=list)
    children: list[DepartmentNode] = field(default_factory=list)

    @property
    def holders(self) -> int:
        return sum(len(p.holders) for p in self.posts)

    @property
    def vacancies(self) -> int:
        return sum(p.vacancies for p in self.posts)


def organisation_tree(community: Community) -> list[DepartmentNode]:
    """The community's active departments as a tree (roots first, by order), each with its
    active posts and their current holders: three queries, however large."""
    departments = list(
        Department.objects.filter(community=community, active=True).select_related("head")
    )
    posts = list(Post.objects.filter(community=community, active=True))
    holders = (
        current_assignments(community)
        .filter(post__active=True)
        .select_related("user")
        .order_by("started_on", "pk")
    )
    by_post: dict[int, PostNode] = {p.pk: PostNode(p) for p in posts}
    for assignment in holders:
        by_post[assignment.post_id].holders.append(assignment.user)
    nodes = {d.pk: DepartmentNode(d) for d in departments}
    for node in by_post.values():
        if node.post.department_id in nodes:
            nodes[node.post.department_id].posts.append(node)
    roots = []
    for department in departments:
        node = nodes[department.pk]
        parent = nodes.get(department.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def walk(nodes: list[DepartmentNode]):
    """Every department of the tree, parents before children."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def person_of(community: Community, user_id: int):
    """A staff member of the community, or None."""
    return (
        get_user_model()
        .objects.filter(pk=user_id, memberships__in=memberships_of(community))
        .distinct()
        .first()
    )


def post_history(community: Community, user) -> list[Assignment]:
    return list(
        Assignment.objects.filter(community=community, user=user)
        .select_related("post__department")
        .order_by("-started_on", "-pk")
    )
