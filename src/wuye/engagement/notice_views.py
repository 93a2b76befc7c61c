"""Staff pages of notices: the list, writing and publishing, who has read each, the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import downloads, policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, error_message, paginate, run_service

from . import queries, services
from .forms import AttachmentForm, NoticeForm
from .models import NoticeAttachment, NoticeKind
from .pdf import notice_pdf


def _notice(request, community_id: int, pk: int, perm: str = "notice.view"):
    community = community_for(request, community_id, perm)
    notices = queries.with_reads(
        queries.notices_visible_to(request.user, community.pk), request.user
    )
    return community, get_object_or_404(notices, pk=pk)


def _may(request, perm: str, community) -> bool:
    return policy.has_perm(request.user, perm, community.pk)


@login_required
def notice_list(request, community_id: int):
    community = community_for(request, community_id, "notice.view")
    notices = queries.notices_visible_to(request.user, community.pk)
    if (kind := request.GET.get("kind")) in NoticeKind.values:
        notices = notices.filter(kind=kind)
    rows = queries.pinned_first(queries.with_reads(notices, request.user))
    return render(
        request,
        "engagement/notices.html",
        {
            "community": community,
            "page": paginate(request, rows),
            "kinds": NoticeKind.choices,
            "can_change": _may(request, "notice.change", community),
        },
    )


@login_required
def notice_edit(request, community_id: int, pk: int | None = None):
    if pk is None:
        community, notice = community_for(request, community_id, "notice.change"), None
    else:
        community, notice = _notice(request, community_id, pk, "notice.change")
    initial = None
    if notice is not None:
        initial = {
            "kind": notice.kind,
            "title": notice.title,
            "body": notice.body,
            "buildings": list(notice.buildings.all()),
            "pinned_until": notice.pinned_until,
            "expires_on": notice.expires_on,
        }
    form = NoticeForm(request.POST or None, initial=initial, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_save(
                actor=request.user, community=community, notice=notice, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The notice has been saved as a draft."))
            return redirect("engagement:notice", community.pk, notice.pk)
    back = (
        reverse("engagement:notice", args=[community.pk, notice.pk])
        if notice
        else reverse("engagement:notices", args=[community.pk])
    )
    return render(
        request,
        "core/form.html",
        {
            "community": community,
            "form": form,
            "title": _("Change the notice") if notice else _("New notice"),
            "back_url": back,
        },
    )


@login_required
def notice_detail(request, community_id: int, pk: int):
    community, notice = _notice(request, community_id, pk)
    can_change = _may(request, "notice.change", community)
    return render(
        request,
        "engagement/notice.html",
        {
            "community": community,
            "notice": notice,
            "attachments": list(notice.attachments.all()),
            "readers": queries.notice_readers(notice) if can_change else [],
            "reach": queries.notice_reach(notice) if can_change else None,
            "can_change": can_change and notice.published_at is None,
            "can_publish": notice.published_at is None
            and _may(request, "notice.publish", community),
            "can_withdraw": notice.published_at is not None
            and notice.withdrawn_at is None
            and _may(request, "notice.publish", community),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
@require_POST
def notice_publish(request, community_id: int, pk: int):
    community, notice = _notice(request, community_id, pk, "notice.publish")
    return run_service(
        request,
        lambda: services.notice_publish(actor=request.user, notice=notice),
        success=_("The notice is published to its residents."),
        then=redirect("engagement:notice", community.pk, notice.pk),
    )


@login_required
@require_POST
def notice_withdraw(request, community_id: int, pk: int):
    community, notice = _notice(request, community_id, pk, "notice.publish")
    return run_service(
        request,
        lambda: services.notice_withdraw(
            actor=request.user, notice=notice, reason=request.POST.get("reason")
        ),
        success=_("The notice is withdrawn: residents no longer see it."),
        then=redirect("engagement:notice", community.pk, notice.pk),
    )


@login_required
@require_POST
def notice_attach(request, community_id: int, pk: int):
    community, notice = _notice(request, community_id, pk, "notice.change")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.notice_attachment_add(
                actor=request.user, notice=notice, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The file has been attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("engagement:notice", community.pk, notice.pk)


def pdf_response(notice) -> HttpResponse:
    name = pgettext("file name", "notice-%(number)s") % {"number": notice.pk}
    return downloads.pdf_response(notice_pdf(notice), f"{name}.pdf")


def attachment_response(attachment: NoticeAttachment) -> FileResponse:
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        filename=attachment.name,
        as_attachment=attachment.content_type == "application/pdf",
    )


@login_required
def notice_print(request, community_id: int, pk: int):
    _community, notice = _notice(request, community_id, pk)
    return pdf_response(notice)


@login_required
def notice_attachment(request, community_id: int, pk: int, attachment_pk: int):
    _community, notice = _notice(request, community_id, pk)
    return attachment_response(get_object_or_404(notice.attachments, pk=attachment_pk))
