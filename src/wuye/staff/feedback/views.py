"""Staff pages of suggestions and complaints: each member of staff writes theirs and reads
the answers; the manager keeps the register (awaiting an answer first) and answers.

An anonymous item never shows its author to anyone but the author."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.people import display_name
from wuye.core.web import community_for, paginate, run_service

from . import queries, services
from .forms import AnswerForm, FeedbackForm
from .models import FeedbackKind, FeedbackStatus


def _author(feedback, user) -> str:
    """The author's name as `user` may see it; "" when anonymous to them."""
    return display_name(feedback.author) if queries.author_shown(feedback, user) else ""


@login_required
def feedback_list(request, community_id: int):
    """The manager's register, or a member of staff's own items and the form to write one."""
    community = community_for(request, community_id, "staff_feedback.submit")
    manager = policy.has_perm(request.user, "staff_feedback.answer", community.pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Sent to the manager."))
            return redirect("staff:feedback_list", community.pk)
    status = request.GET.get("status", "")
    status = status if status in FeedbackStatus.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in FeedbackKind.values else ""
    if manager:
        rows = queries.register(community.pk, status=status, kind=kind)
    else:
        rows = queries.own(community.pk, request.user)
    page = paginate(request, rows)
    for item in page.object_list:
        item.shown_author = _author(item, request.user)
    context = {
        "community": community,
        "manager": manager,
        "form": form,
        "page": page,
        "filters": {"status": status, "kind": kind},
        "statuses": FeedbackStatus.choices,
        "kinds": FeedbackKind.choices,
        "open_count": queries.register(community.pk, status=FeedbackStatus.OPEN).count()
        if manager
        else 0,
    }
    return render(
        request, "staff/feedback/list.html", context, status=400 if form.is_bound else 200
    )


@login_required
def feedback_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "staff_feedback.submit")
    feedback = get_object_or_404(
        queries.visible(request.user, community.pk).select_related("answered_by"), pk=pk
    )
    may_answer = feedback.status == FeedbackStatus.OPEN and policy.has_perm(
        request.user, "staff_feedback.answer", community.pk
    )
    context = {
        "community": community,
        "feedback": feedback,
        "author": _author(feedback, request.user),
        "mine": feedback.author_id == request.user.pk,
        "answered_by": display_name(feedback.answered_by),
        "answer_form": AnswerForm() if may_answer else None,
    }
    return render(request, "staff/feedback/item.html", context)


@login_required
@require_POST
def feedback_answer(request, community_id: int, pk: int):
    community = community_for(request, community_id, "staff_feedback.answer")
    feedback = get_object_or_404(queries.register(community.pk), pk=pk)
    form = AnswerForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    return run_service(
        request,
        lambda: services.feedback_answer(actor=request.user, feedback=feedback, answer=answer),
        success=_("The answer has been sent."),
        then=redirect("staff:feedback", community.pk, feedback.pk),
    )
