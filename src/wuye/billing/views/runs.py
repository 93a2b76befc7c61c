"""Bill runs (批量出账): preview a period, start the background job, watch its progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, error_message

from .. import queries
from ..forms import PeriodForm, this_period
from ..models import BillRun
from ..runs.queries import unclaimed_worker_command
from ..runs.services import bill_run_preview, bill_run_resume, bill_run_start


@login_required
def runs(request, community_id: int):
    """The runs of the community, and a period to preview."""
    community = community_for(request, community_id, "billing.view")
    may_run = policy.has_perm(request.user, "billing.run", community.pk)
    form = PeriodForm(request.GET if "period" in request.GET else None)
    preview = None
    if may_run and form.is_bound and form.is_valid():
        try:
            preview = queries.preview_rows(
                bill_run_preview(
                    community=community, period=form.cleaned_data["period"], actor=request.user
                )
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if not form.is_bound:
        form = PeriodForm(initial={"period": this_period()})
    return render(
        request,
        "billing/runs.html",
        {
            "community": community,
            "form": form,
            "preview": preview,
            "may_run": may_run,
            "runs": BillRun.objects.filter(community=community).select_related("created_by")[:24],
        },
    )


@require_POST
@login_required
def run_start(request, community_id: int):
    community = community_for(request, community_id, "billing.view")
    policy.require_perm(request.user, "billing.run", community.pk)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            run = bill_run_start(
                community=community,
                period=form.cleaned_data["period"],
                actor=request.user,
                refuse_empty=True,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The bill run has started."))
            return redirect("billing:run", community_id=community.pk, run_id=run.pk)
    return render(
        request,
        "billing/runs.html",
        {
            "community": community,
            "form": form,
            "may_run": True,
            "runs": BillRun.objects.filter(community=community).select_related("created_by")[:24],
        },
        status=400,
    )


def _run(request, community_id: int, run_id: int):
    community = community_for(request, community_id, "billing.view")
    return community, get_object_or_404(
        BillRun.objects.select_related("created_by"), pk=run_id, community=community
    )


@login_required
def run(request, community_id: int, run_id: int):
    """A run's page; its progress bar asks for `run_progress` every second until it ends."""
    community, run = _run(request, community_id, run_id)
    return render(request, "billing/run.html", _progress(request, community, run))


@login_required
def run_progress(request, community_id: int, run_id: int):
    community, run = _run(request, community_id, run_id)
    return render(request, "billing/_run_progress.html", _progress(request, community, run))


def _progress(request, community, run) -> dict:
    return {
        "community": community,
        "run": run,
        "may_run": policy.has_perm(request.user, "billing.run", community.pk),
        "worker_command": unclaimed_worker_command(run, timezone.now()),
    }


@require_POST
@login_required
def run_resume(request, community_id: int, run_id: int):
    """Resume a failed run here and now; what its committed batches wrote stays once."""
    community, run = _run(request, community_id, run_id)
    try:
        bill_run_resume(run=run, actor=request.user)
    except ValidationError as error:
        error_message(request, error)
    return redirect("billing:run", community_id=community.pk, run_id=run.pk)
