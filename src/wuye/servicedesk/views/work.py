"""The technician's phone page, the supervisor's page and the call-back queue."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import params, policy
from wuye.core.params import QueryParams
from wuye.core.web import community_for, error_message
from wuye.estates import privacy

from .. import queries, services, workflow
from ..forms import FormKit, NoteForm, SpotCheckForm, VisitForm
from ..models import OPEN_STATES, REPAIRS, CallbackMethod, Category
from .actions import action_forms
from .orders import deadlines


@login_required
def mine(request, community_id: int):
    """My open orders (assigned to me), the nearest deadline first, each as a work sheet for
    a phone: the owner's words and photos, the note it was sent with, where, whom to call,
    the prices I may charge and what I may do now. The list refreshes itself (htmx, the
    list only) unless I am filling in one of its forms."""
    community = community_for(request, community_id, "workorder.view")
    orders = queries.with_work_sheets(list(queries.my_open_orders(request.user, community.pk)))
    kit = FormKit(community.pk)
    now = timezone.now()
    reads_phones = privacy.may_read_phones(request.user, community.pk)
    for order in orders:
        order.actions = action_forms(request.user, order, kit)
        order.deadlines = deadlines(order, now)
        order.sent_with = order.handovers[0] if order.handovers else None
        order.call = order.contact_phone if reads_phones else ""
        order.prices = kit.prices if order.is_repair else []
    context = {
        "community": community,
        "orders": orders,
        "reads_phones": reads_phones,
        "refresh_url": request.get_full_path(),
    }
    if request.htmx:
        return render(request, "servicedesk/_mine.html", context)
    return render(request, "servicedesk/mine.html", context)


def _week_start(request):
    last_week = timezone.localdate() - timedelta(days=7)
    day = QueryParams(request).day("week", last_week)
    return day - timedelta(days=day.weekday())


@login_required
def supervision(request, community_id: int):
    """Breaches and escalations, orders near breach, the complaints open now and whether
    each was answered today, and the week's random sample of closed orders to spot-check
    (抽查)."""
    community = community_for(request, community_id, "workorder.supervise")
    visible = queries.work_orders_visible_to(request.user, community.pk).select_related(
        "unit__building", "assignee"
    )
    week = _week_start(request)
    sample = queries.spot_check_sample(community.pk, week)
    prefetch_related_objects(sample, "spot_checks__by")
    return render(
        request,
        "servicedesk/supervision.html",
        {
            "community": community,
            "breached": queries.overdue(visible).order_by("-escalation_level", "next_due_at")[:100],
            "near": queries.near_breach(visible).order_by("next_due_at")[:100],
            "complaints": queries.complaint_register(request.user, community.pk).filter(
                status__in=OPEN_STATES
            )[:100],
            "can_reply": policy.has_perm(request.user, "workorder.reply", community.pk),
            "failed_checks": queries.failed_spot_checks(
                request.user,
                community.pk,
                timezone.now() - timedelta(days=queries.FAILED_CHECK_DAYS),
            )[:100],
            "sample": sample,
            "week": week,
            "previous_week": week - timedelta(days=7),
            "next_week": week + timedelta(days=7),
            "form": SpotCheckForm(),
        },
    )


@login_required
@require_POST
def spot_check(request, community_id: int, pk: int):
    community = community_for(request, community_id, "workorder.supervise")
    order = get_object_or_404(queries.work_orders_visible_to(request.user, community.pk), pk=pk)
    form = SpotCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the work was up to standard."))
    else:
        try:
            services.spot_check_record(order=order, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error_message(request, exc)
        except (PermissionDenied, workflow.InvalidTransition) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Spot check recorded."))
    url = reverse("servicedesk:supervision", args=[community.pk])
    try:
        week = params.parse_day(request.POST.get("week"))
    except ValidationError:
        return redirect(url)
    return redirect(f"{url}?week={week.isoformat()}")


def _callback_filters(request, teams: dict) -> queries.CallbackFilters:
    read = QueryParams(request)
    team = read.one_of("team", teams, _("Choose a team of this community."))
    return queries.CallbackFilters(
        when=read.choice("when", [queries.DUE, queries.OVERDUE]),
        category=read.choice("category", CALLBACK_CATEGORIES),
        team_id=team.pk if team else None,
        method=read.choice("method", CallbackMethod.values),
    )


CALLBACK_CATEGORIES = sorted(REPAIRS | {Category.COMPLAINT})


@login_required
def callbacks(request, community_id: int):
    """Resolved repairs and complaints waiting for their call-back (回访), the first due
    first, and those called back that wait to be closed; narrowed to due or overdue, a
    category, a team or a way of calling back."""
    community = community_for(request, community_id, "workorder.visit")
    teams = {t.pk: t for t in queries.teams_of(community.pk)}
    filters = _callback_filters(request, teams)
    now = timezone.now()
    waiting = queries.callback_queue(request.user, community.pk, filters, now)
    queue = list(waiting[: settings.PAGE_SIZE])
    visited = list(queries.called_back(request.user, community.pk, filters)[: settings.PAGE_SIZE])
    initial = {"method": filters.method} if filters.method else None
    for order in queue:
        order.form = VisitForm(prefix=f"o{order.pk}", initial=initial)
        order.callback_due = order.resolved_at + queries.CALLBACK_WITHIN
        order.callback_late = order.callback_due < now
    for order in visited:
        order.form = NoteForm(prefix=f"o{order.pk}")
    categories = dict(Category.choices)
    return render(
        request,
        "servicedesk/callbacks.html",
        {
            "community": community,
            "queue": queue,
            "waiting_count": waiting.count() if len(queue) == settings.PAGE_SIZE else len(queue),
            "visited": visited,
            "filters": filters,
            "teams": teams.values(),
            "categories": [(c, categories[c]) for c in CALLBACK_CATEGORIES],
            "methods": CallbackMethod.choices,
            "within_hours": int(queries.CALLBACK_WITHIN.total_seconds() // 3600),
        },
    )
