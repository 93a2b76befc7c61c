"""Staff pages of the store of spare parts: the list (with the low-stock filter and the value
on hand), a part's page with its ledger and the forms to receive, issue, count and take
back, and the form to add a part.

Every page asks the policy for the community in its URL (403 otherwise); a part of another
community is a 404. A refused form is shown again on the part's page with the reasons.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, paginate
from wuye.servicedesk.queries import work_orders_visible_to

from ..maintenance.queries import tasks_for
from . import queries, services
from .forms import (
    CountForm,
    IssueForm,
    ReceiveForm,
    ReturnForm,
    StockItemChangeForm,
    StockItemForm,
)

SEARCH_MAX = 50


@login_required
def part_list(request, community_id: int):
    community = community_for(request, community_id, "stores.view")
    low = request.GET.get("low") == "1"
    search = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_MAX]
    rows = queries.parts_list(
        queries.parts_visible_to(request.user, community.pk), low=low, search=search
    )
    context = {
        "community": community,
        "page": paginate(request, rows),
        "filters": {"low": low, "q": search},
        "total_value": queries.total_value(community.pk),
        "can_change": policy.has_perm(request.user, "stores.change", community.pk),
    }
    return render(request, "facilities/stores/list.html", context)


@login_required
def part_new(request, community_id: int):
    community = community_for(request, community_id, "stores.change")
    form = StockItemForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            part = services.stock_item_add(
                actor=request.user, community=community, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The part is added; receive its stock next."))
            return redirect("facilities:stores_item", community.pk, part.pk)
    return render(request, "facilities/stores/form.html", {"community": community, "form": form})


@login_required
def part_edit(request, community_id: int, pk: int):
    community = community_for(request, community_id, "stores.change")
    part = _part(request, community, pk)
    initial = {
        "name": part.name,
        "category": part.category,
        "reorder_point": part.reorder_point,
        "fits": list(part.fits.all()),
    }
    form = StockItemChangeForm(request.POST or None, initial=initial, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            services.stock_item_change(actor=request.user, item=part, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The part is changed."))
            return redirect("facilities:stores_item", community.pk, part.pk)
    context = {"community": community, "form": form, "part": part}
    return render(request, "facilities/stores/form.html", context)


def _part(request, community, pk: int):
    return get_object_or_404(queries.parts_visible_to(request.user, community.pk), pk=pk)


def _page(request, community, part, status=200, **forms):
    may_change = policy.has_perm(request.user, "stores.change", community.pk)
    may_issue = policy.has_perm(request.user, "stores.issue", community.pk)
    if may_change:
        forms.setdefault("receive_form", ReceiveForm(initial={"unit_cost": part.unit_cost}))
        forms.setdefault("count_form", CountForm(initial={"counted": part.on_hand}))
    if may_issue:
        forms.setdefault("issue_form", IssueForm())
        forms.setdefault("return_form", ReturnForm())
    context = {
        "community": community,
        "part": part,
        "fits": list(part.fits.all()),
        "page": paginate(request, queries.ledger(part)),
        "may_change": may_change,
        **forms,
    }
    return render(request, "facilities/stores/item.html", context, status=status)


@login_required
def part_page(request, community_id: int, pk: int):
    community = community_for(request, community_id, "stores.view")
    return _page(request, community, _part(request, community, pk))


def _act(request, community, part, form, name: str, action, done: str):
    """Run `action(cleaned_data)` for a valid `form`; back to the part's page, or the page
    again with the form's reasons."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("facilities:stores_item", community.pk, part.pk)
    return _page(request, community, part, status=400, **{name: form})


def _target(request, community, data) -> dict:
    """The work order (by its number) or the maintenance task (by its number) named in a
    form, among those the person may see."""
    target = {"work_order": None, "maintenance_task": None}
    number = (data.get("work_order") or "").strip()
    if number:
        order = work_orders_visible_to(request.user, community.pk).filter(number=number).first()
        if order is None:
            raise ValidationError({"work_order": [_("No such work order here.")]})
        target["work_order"] = order
    if data.get("maintenance_task"):
        task = tasks_for(request.user, community.pk).filter(pk=data["maintenance_task"]).first()
        if task is None:
            raise ValidationError({"maintenance_task": [_("No such maintenance task here.")]})
        target["maintenance_task"] = task
    return target


@login_required
@require_POST
def part_receive(request, community_id: int, pk: int):
    community = community_for(request, community_id, "stores.change")
    part = _part(request, community, pk)
    return _act(
        request,
        community,
        part,
        ReceiveForm(request.POST),
        "receive_form",
        lambda d: services.stock_receive(actor=request.user, item=part, **d),
        _("The receipt is recorded."),
    )


@login_required
@require_POST
def part_issue(request, community_id: int, pk: int):
    community = community_for(request, community_id, "stores.issue")
    part = _part(request, community, pk)
    return _act(
        request,
        community,
        part,
        IssueForm(request.POST),
        "issue_form",
        lambda d: services.stock_issue(
            actor=request.user,
            item=part,
            quantity=d["quantity"],
            key=d["key"],
            **_target(request, community, d),
        ),
        _("The issue is recorded."),
    )


@login_required
@require_POST
def part_count(request, community_id: int, pk: int):
    community = community_for(request, community_id, "stores.change")
    part = _part(request, community, pk)
    return _act(
        request,
        community,
        part,
        CountForm(request.POST),
        "count_form",
        lambda d: services.stock_count(actor=request.user, item=part, **d),
        _("The count is recorded."),
    )


@login_required
@require_POST
def part_return(request, community_id: int, pk: int):
    community = community_for(request, community_id, "stores.issue")
    part = _part(request, community, pk)
    return _act(
        request,
        community,
        part,
        ReturnForm(request.POST),
        "return_form",
        lambda d: services.stock_return(
            actor=request.user,
            item=part,
            quantity=d["quantity"],
            reason=d["reason"],
            **_target(request, community, d),
        ),
        _("The return is recorded."),
    )
