"""Staff pages of the organisation: the org chart, the staff list and its Excel export, a
person's page, and the manager's forms for departments, posts and who holds them.

Every page asks the policy for the community in its URL (403 otherwise); a department, post,
assignment or person of another community is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import policy, spreadsheets
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, error_message, paginate, run_service

from ..training.models import TrainingRecord
from . import charts, queries, services
from .forms import AssignForm, DepartmentForm, EndForm, PostForm, StaffFilterForm
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


def _staff(request, community):
    form = StaffFilterForm(request.GET or None, community=community)
    filters = form.filters() if form.is_bound else queries_defaults()
    return form, queries.staff_rows(community, **filters)


def queries_defaults() -> dict:
    return {"department_id": None, "post_id": None, "state": None, "text": ""}


@login_required
def staff_list(request, community_id: int):
    """The community's staff with their posts and certificates, filtered and paged."""
    community = community_for(request, community_id, "staff.view")
    form, rows = _staff(request, community)
    context = {
        "community": community,
        "form": form,
        "page": paginate(request, rows),
        "count": len(rows),
        "states": queries.CERTIFICATE_STATES,
        "can_export": policy.has_perm(request.user, "staff.export", community.pk),
        "query": request.GET.urlencode(),
    }
    return render(request, "staff/organisation/people.html", context)


@login_required
def staff_export(request, community_id: int):
    """The staff list as filtered, as an Excel workbook named in the reader's language."""
    community = community_for(request, community_id, "staff.export")
    _form, rows = _staff(request, community)
    header = [
        _("Name"),
        _("Username"),
        _("Role"),
        _("Department"),
        _("Post"),
        _("In the post since"),
        _("Certificates"),
        _("Certificate state"),
    ]
    data = [
        [
            row.name,
            row.user.get_username(),
            "、".join(row.roles),
            row.department.name if row.department else "",
            row.post.title if row.post else "",
            row.assignment.started_on if row.assignment else "",
            "; ".join(
                f"{c.certificate.get_kind_display()} {c.certificate.number}"
                + (
                    f" ({c.certificate.valid_until.isoformat()})"
                    if c.certificate.valid_until
                    else ""
                )
                for c in row.certificates
            ),
            str(row.state_label),
        ]
        for row in rows
    ]
    content = spreadsheets.workbook([(pgettext("sheet", "Staff"), header, data)])
    name = pgettext("file name", "Staff of %(community)s %(day)s") % {
        "community": community.name,
        "day": timezone.localdate().isoformat(),
    }
    return spreadsheets.response(content, f"{name}.xlsx")


def _url_or_none(name: str, *args) -> str | None:
    """A link to another staff area's page, where that page exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@login_required
def person(request, community_id: int, user_id: int):
    """One staff member: current post, post history, certificates and training."""
    community = community_for(request, community_id, "staff.view")
    user = queries.person_of(community, user_id)
    if user is None:
        raise Http404
    rows = [r for r in queries.staff_rows(community) if r.user.pk == user.pk]
    training = (
        TrainingRecord.objects.filter(session__community=community, user=user)
        .select_related("session__course")
        .order_by("-session__date", "-pk")
    )
    context = {
        "community": community,
        "person": user,
        "row": rows[0] if rows else None,
        "history": queries.post_history(community, user),
        "training": training,
        "roster_url": _url_or_none("staff:rosters", community.pk),
        "attendance_url": _url_or_none("staff:attendance", community.pk),
        "can_manage": policy.has_perm(request.user, "staff.manage", community.pk),
        "end_form": EndForm(initial={"ended_on": timezone.localdate()}),
    }
    return render(request, "staff/organisation/person.html", context)


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
