"""Staff pages of the organisation: the org chart, the staff list and its Excel export, a
person's page, and the manager's forms for departments, posts and who holds them.

Every page asks the policy for the community in its URL (403 otherwise); a department, post,
assignment or person of another community is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, error_message, run_service

from . import charts, queries, services
from .forms import AssignForm, DepartmentForm, EndForm, PostForm
from .models import Assignment, Department, Post


@login_required
def org_chart(request, community_id: int):
    """The organisation drawn: the office on top, departments below, posts with holders."""
    community = community_for(request, community_id, "staff.view")
    roots = queries.organisation_tree(community)
    departments = list(queries.walk(roots))
    context = {
        "community": community,
        "chart": charts.org_chart(community, roots) if roots else "",
        "departments": departments,
        "holders": sum(d.holders for d in departments),
        "vacancies": sum(d.vacancies for d in departments),
        "can_manage": policy.has_perm(request.user, "staff.manage", community.pk),
    }
    return render(request, "staff/organisation/chart.html", context)


@login_required
def organisation_manage(request, community_id: int):
    """Departments and their posts with who holds them, to edit and assign."""
    community = community_for(request, community_id, "staff.manage")
    return render(
        request,
        "staff/organisation/manage.html",
        {
            "community": community,
            "departments": list(queries.walk(queries.organisation_tree(community))),
        },
    )


def _manage_url(community) -> str:
    return reverse("staff:organisation_manage", args=[community.pk])


def _form_page(request, community, form, title, status=200):
    context = {
        "community": community,
        "form": form,
        "title": title,
        "back_url": _manage_url(community),
    }
    return render(request, "core/form.html", context, status=status)


def _department_values(form) -> dict:
    data = form.cleaned_data
    return {k: data[k] for k in ("name", "kind", "parent", "head", "order")}


@login_required
def department_add(request, community_id: int):
    community = community_for(request, community_id, "staff.manage")
    form = DepartmentForm(request.POST or None, community=community)
    if form.is_valid():
        try:
            services.department_create(
                actor=request.user, community=community, **_department_values(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_manage_url(community))
    return _form_page(request, community, form, _("New department"), 400 if form.is_bound else 200)


@login_required
def department_edit(request, community_id: int, pk: int):
    community = community_for(request, community_id, "staff.manage")
    department = get_object_or_404(Department, pk=pk, community=community)
    initial = {
        "name": department.name,
        "kind": department.kind,
        "parent": department.parent_id,
        "head": department.head_id,
        "order": department.order,
    }
    form = DepartmentForm(
        request.POST or None, initial=initial, community=community, department=department
    )
    if form.is_valid():
        try:
            services.department_update(
                actor=request.user, department=department, **_department_values(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_manage_url(community))
    return _form_page(request, community, form, department.name, 400 if form.is_bound else 200)


def _post_values(form) -> dict:
    data = form.cleaned_data
    return {
        k: data[k]
        for k in (
            "department",
            "title",
            "code",
            "headcount",
            "required_certificates",
            "role",
            "seasonal",
            "order",
        )
    }


@login_required
def post_add(request, community_id: int):
    community = community_for(request, community_id, "staff.manage")
    initial = {"department": request.GET.get("department")} if request.GET.get("department") else {}
    form = PostForm(request.POST or None, initial=initial, community=community)
    if form.is_valid():
        try:
            services.post_create(actor=request.user, **_post_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_manage_url(community))
    return _form_page(request, community, form, _("New post"), 400 if form.is_bound else 200)


@login_required
def post_edit(request, community_id: int, pk: int):
    community = community_for(request, community_id, "staff.manage")
    post = get_object_or_404(Post, pk=pk, community=community)
    initial = {
        "department": post.department_id,
        "title": post.title,
        "code": post.code,
        "headcount": post.headcount,
        "required_certificates": post.required_certificates,
        "role": post.role,
        "seasonal": post.seasonal,
        "order": post.order,
    }
    form = PostForm(request.POST or None, initial=initial, community=community)
    if form.is_valid():
        try:
            services.post_update(actor=request.user, post=post, **_post_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_manage_url(community))
    return _form_page(request, community, form, post.title, 400 if form.is_bound else 200)


@login_required
def post_assign(request, community_id: int, pk: int):
    """Someone takes the post from a day (leaving the post they held the day before)."""
    community = community_for(request, community_id, "staff.manage")
    post = get_object_or_404(Post, pk=pk, community=community)
    form = AssignForm(
        request.POST or None, initial={"started_on": timezone.localdate()}, community=community
    )
    if form.is_valid():
        try:
            services.assignment_start(
                actor=request.user,
                post=post,
                user=form.cleaned_data["user"],
                started_on=form.cleaned_data["started_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_manage_url(community))
    title = _("Assign a person to %(post)s") % {"post": post.title}
    return _form_page(request, community, form, title, 400 if form.is_bound else 200)


@login_required
@require_POST
def assignment_end(request, community_id: int, pk: int):
    """The holder leaves the post on the day given (their last day in it)."""
    community = community_for(request, community_id, "staff.manage")
    assignment = get_object_or_404(Assignment, pk=pk, community=community)
    then = redirect("staff:person", community.pk, assignment.user_id)
    form = EndForm(request.POST)
    if not form.is_valid():
        error_message(request, ValidationError([e for es in form.errors.values() for e in es]))
        return then
    return run_service(
        request,
        lambda: services.assignment_end(
            actor=request.user, assignment=assignment, ended_on=form.cleaned_data["ended_on"]
        ),
        success=_("The post is left."),
        then=then,
    )
