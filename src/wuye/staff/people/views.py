"""The staff list, its Excel export and a person's page: their post and its history, their
certificates and their training. Every page asks the policy for the community in its URL
(403 otherwise); a person who is not staff of that community is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.core import policy, spreadsheets
from wuye.core.web import community_for, paginate

from ..organisation import queries as organisation
from ..organisation.forms import EndForm
from ..training.models import TrainingRecord
from . import queries
from .forms import StaffFilterForm


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
    return render(request, "staff/people/people.html", context)


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
        pgettext("post of a department", "Post"),
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
    user = organisation.person_of(community, user_id)
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
        "history": organisation.post_history(community, user),
        "training": training,
        "roster_url": _url_or_none("staff:rosters", community.pk),
        "attendance_url": _url_or_none("staff:attendance", community.pk),
        "can_manage": policy.has_perm(request.user, "staff.manage", community.pk),
        "end_form": EndForm(initial={"ended_on": timezone.localdate()}),
    }
    return render(request, "staff/people/person.html", context)
