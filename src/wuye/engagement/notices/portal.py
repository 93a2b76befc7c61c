"""The residents' side of notices in the portal: what is published to their community or their
building, and the archive; opening one leaves a read receipt."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from wuye.core.web import paginate

from . import queries, services
from .views import attachment_response, pdf_response


def _resident_notice(request, pk: int):
    notices = queries.with_reads(queries.notices_readable_by_residents(request.user), request.user)
    return get_object_or_404(notices.select_related("community"), pk=pk)


@login_required
def notice_list(request):
    notices = queries.pinned_first(
        queries.with_reads(queries.notices_for_residents(request.user), request.user)
    ).select_related("community")
    page = paginate(request, notices)
    return render(request, "engagement/notices/portal_notices.html", {"page": page})


@login_required
def notice_archive(request):
    """Notices that have expired, newest first: rules and arrangements stay readable."""
    notices = queries.with_reads(
        queries.past_notices_for_residents(request.user), request.user
    ).select_related("community")
    page = paginate(request, notices)
    return render(request, "engagement/notices/portal_notice_archive.html", {"page": page})


@login_required
def notice_detail(request, pk: int):
    notice = _resident_notice(request, pk)
    services.notice_mark_read(user=request.user, notice=notice)
    return render(
        request,
        "engagement/notices/portal_notice.html",
        {"notice": notice, "attachments": list(notice.attachments.all())},
    )


@login_required
def notice_print(request, pk: int):
    return pdf_response(_resident_notice(request, pk))


@login_required
def notice_attachment(request, pk: int, attachment_pk: int):
    notice = _resident_notice(request, pk)
    return attachment_response(get_object_or_404(notice.attachments, pk=attachment_pk))
