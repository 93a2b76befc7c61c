"""Staff pages of the equipment register: the list (by kind, status and building), an item's
page with its statutory profile and compliance dates, the add and edit forms, the QR label,
and the compliance calendar.

Every page asks the policy for the community in its URL (403 otherwise); an item of another
community is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.validators import as_id
from wuye.core.web import community_for, paginate, run_service
from wuye.estates.models import Building
from wuye.servicedesk.models import OPEN_STATES

from . import labels, queries, services
from . import rules as compliance_rules_data
from .forms import (
    ComplianceRuleForm,
    DocumentForm,
    EquipmentForm,
    FaultForm,
    RetireForm,
    StatutoryForm,
)
from .models import ComplianceRule, EquipmentKind, EquipmentStatus, StatutoryProfile


@login_required
def equipment_list(request, community_id: int):
    community = community_for(request, community_id, "equipment.view")
    kind = request.GET.get("kind", "")
    kind = kind if kind in EquipmentKind.values else ""
    status = request.GET.get("status", "")
    status = status if status in EquipmentStatus.values else ""
    buildings = list(Building.objects.filter(community=community).order_by("number"))
    building_id = as_id(request.GET.get("building"))
    building_id = building_id if building_id in {b.pk for b in buildings} else 0
    rows = queries.equipment_list(
        queries.equipment_visible_to(request.user, community.pk),
        kind=kind,
        status=status,
        building_id=building_id,
    )
    context = {
        "community": community,
        "page": paginate(request, rows),
        "filters": {"kind": kind, "status": status, "building": building_id},
        "kinds": EquipmentKind.choices,
        "statuses": EquipmentStatus.choices,
        "buildings": buildings,
        "can_manage": policy.has_perm(request.user, "equipment.manage", community.pk),
    }
    return render(request, "facilities/equipment/list.html", context)


def _item(request, community, pk: int):
    rows = queries.equipment_visible_to(request.user, community.pk).select_related(
        "building", "statutory"
    )
    return get_object_or_404(rows, pk=pk)


@login_required
def equipment_item(request, community_id: int, pk: int):
    community = community_for(request, community_id, "equipment.view")
    item = _item(request, community, pk)
    can_manage = item.status != EquipmentStatus.RETIRED and policy.has_perm(
        request.user, "equipment.manage", community.pk
    )
    context = {
        "community": community,
        "item": item,
        "profile": getattr(item, "statutory", None),
        "entries": queries.equipment_entries(item, timezone.localdate()),
        "can_manage": can_manage,
        "retire_form": RetireForm() if can_manage else None,
        "faults": list(queries.faults_of(item)[:50]),
        "open_states": sorted(OPEN_STATES),
        "documents": list(item.documents.order_by("-uploaded_at", "-pk")[:100]),
        "document_form": DocumentForm() if can_manage else None,
        "fault_form": FaultForm() if _may_report(request, item) else None,
    }
    return render(request, "facilities/equipment/item.html", context)


def _save_item(request, community, item=None):
    initial = model_to_dict(item) if item else {}
    form = EquipmentForm(request.POST or None, initial=initial, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                item = services.equipment_add(
                    actor=request.user, community=community, data=form.cleaned_data
                )
            else:
                item = services.equipment_change(
                    actor=request.user, equipment=item, data=form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The register is updated."))
            return redirect("facilities:equipment_item", community.pk, item.pk)
    context = {"community": community, "form": form, "item": item}
    return render(request, "facilities/equipment/form.html", context)


@login_required
def equipment_new(request, community_id: int):
    community = community_for(request, community_id, "equipment.manage")
    return _save_item(request, community)


@login_required
def equipment_edit(request, community_id: int, pk: int):
    community = community_for(request, community_id, "equipment.manage")
    return _save_item(request, community, _item(request, community, pk))


@login_required
def equipment_statutory(request, community_id: int, pk: int):
    community = community_for(request, community_id, "equipment.manage")
    item = _item(request, community, pk)
    profile = getattr(item, "statutory", None) or StatutoryProfile(equipment=item)
    form = StatutoryForm(request.POST or None, initial=model_to_dict(profile))
    if request.method == "POST" and form.is_valid():
        try:
            services.statutory_profile_save(
                actor=request.user, equipment=item, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The statutory profile is saved."))
            return redirect("facilities:equipment_item", community.pk, item.pk)
    context = {"community": community, "form": form, "item": item}
    return render(request, "facilities/equipment/statutory.html", context)


@login_required
@require_POST
def equipment_retire(request, community_id: int, pk: int):
    community = community_for(request, community_id, "equipment.manage")
    item = _item(request, community, pk)
    form = RetireForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return run_service(
        request,
        lambda: services.equipment_retire(actor=request.user, equipment=item, reason=reason),
        success=_("The item is retired; it stays in the register."),
        then=redirect("facilities:equipment_item", community.pk, item.pk),
    )


@login_required
@require_POST
def equipment_return(request, community_id: int, pk: int):
    community = community_for(request, community_id, "equipment.manage")
    item = _item(request, community, pk)
    return run_service(
        request,
        lambda: services.equipment_return_to_service(
            actor=request.user, equipment=item, today=timezone.localdate()
        ),
        success=_("The item is back in service."),
        then=redirect("facilities:equipment_item", community.pk, item.pk),
    )


def _may_report(request, item) -> bool:
    return item.status != EquipmentStatus.RETIRED and policy.has_perm(
        request.user, "workorder.create", item.community_id
    )


@login_required
@require_POST
def equipment_fault(request, community_id: int, pk: int):
    community = community_for(request, community_id, "equipment.view")
    item = _item(request, community, pk)
    form = FaultForm(request.POST)
    back = redirect("facilities:equipment_item", community.pk, item.pk)
    if not form.is_valid():
        _form_errors(request, form)
        return back
    return run_service(
        request,
        lambda: services.fault_report(
            actor=request.user,
            equipment=item,
            description=form.cleaned_data["description"],
            priority=form.cleaned_data["priority"],
        ),
        success=_("The fault is reported: a work order is raised for the item."),
        then=back,
    )


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
def equipment_document_add(request, community_id: int, pk: int):
    community = community_for(request, community_id, "equipment.manage")
    item = _item(request, community, pk)
    form = DocumentForm(request.POST, request.FILES)
    back = redirect("facilities:equipment_item", community.pk, item.pk)
    if not form.is_valid():
        _form_errors(request, form)
        return back
    return run_service(
        request,
        lambda: services.document_add(
            actor=request.user,
            equipment=item,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        ),
        success=_("The file is kept with the item."),
        then=back,
    )


@login_required
def equipment_document(request, community_id: int, pk: int, document_id: int):
    community = community_for(request, community_id, "equipment.view")
    item = _item(request, community, pk)
    document = get_object_or_404(item.documents.all(), pk=document_id)
    extension = ".pdf" if document.content_type == "application/pdf" else ""
    extension = extension or (".png" if document.content_type == "image/png" else ".jpg")
    return FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        filename=f"{item.code}-{document.title}{extension}",
        as_attachment=not document.is_image,
    )


@login_required
def equipment_label(request, community_id: int, pk: int):
    community = community_for(request, community_id, "equipment.view")
    item = _item(request, community, pk)
    address = request.build_absolute_uri(
        reverse("facilities:equipment_item", args=[community.pk, item.pk])
    )
    response = HttpResponse(labels.label_pdf(item, community, address), "application/pdf")
    response["Content-Disposition"] = f'inline; filename="equipment-{item.pk}.pdf"'
    return response


@login_required
def compliance(request, community_id: int):
    community = community_for(request, community_id, "equipment.view")
    today = timezone.localdate()
    context = {
        "community": community,
        "today": today,
        "calendar": queries.compliance_calendar(request.user, community.pk, today),
    }
    return render(request, "facilities/equipment/compliance.html", context)


@login_required
def compliance_rules(request, community_id: int):
    community = community_for(request, community_id, "equipment.view")
    compliance_rules_data.compliance_rules(community.pk)  # the defaults, on first use
    context = {
        "community": community,
        "rules": ComplianceRule.objects.filter(community=community).order_by(
            "kind", "obligation", "pk"
        ),
        "can_change": policy.has_perm(request.user, "equipment.rules", community.pk),
    }
    return render(request, "facilities/equipment/rules.html", context)


@login_required
def compliance_rule_edit(request, community_id: int, rule_id: int):
    community = community_for(request, community_id, "equipment.rules")
    rule = get_object_or_404(ComplianceRule.objects.filter(community=community), pk=rule_id)
    form = ComplianceRuleForm(request.POST or None, initial=model_to_dict(rule))
    if request.method == "POST" and form.is_valid():
        try:
            services.compliance_rule_change(actor=request.user, rule=rule, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The compliance rule is saved."))
            return redirect("facilities:compliance_rules", community.pk)
    context = {"community": community, "form": form, "rule": rule}
    return render(request, "facilities/equipment/rule_form.html", context)
