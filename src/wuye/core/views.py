import json
from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from . import audit, calendar, configure, navigation, params, policy, retention, spreadsheets
from .forms import (
    PROFILE_FIELDS,
    AuditSearchForm,
    CalendarDayForm,
    CalendarYearForm,
    CommunityProfileForm,
    RetentionForm,
    add_service_errors,
)
from .home import landing_for
from .middleware import is_api
from .models import CalendarDay, CalendarDayKind, Community, RetentionPeriod, Role
from .people import display_name
from .web import community_for, paginate


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
def home(request):
    """Send staff to their role's first page in their community (the community's home page
    when their roles have none), residents to the portal."""
    communities = policy.roles_by_community(request.user)
    if communities:
        if len(communities) == 1:
            community_id = next(iter(communities))
            landing = landing_for(request.user, community_id) or "estates:overview"
            return redirect(landing, community_id=community_id)
        return redirect("communities")
    if policy.is_resident(request.user):
        return redirect("portal:home")
    return render(request, "core/no_access.html", status=403)


@login_required
def communities(request):
    """The communities a staff user reaches (company admins and multi-site managers)."""
    ids = policy.community_ids_with(request.user, "community.view")
    if not ids:
        return render(request, "core/no_access.html", status=403)
    rows = Community.objects.filter(pk__in=ids).select_related("company").order_by("name")
    return render(request, "core/communities.html", {"communities": rows})


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


# ---- errors raised outside a view that answers them ------------------------------------
# A client of the API reads JSON whatever went wrong; people get Django's pages.


def page_not_found(request, exception):
    if is_api(request):
        return JsonResponse({"detail": _("Not found."), "errors": {}}, status=404)
    return defaults.page_not_found(request, exception)


@requires_csrf_token
def server_error(request):
    if is_api(request):
        detail = _("Something went wrong on our side; it has been logged. Please try again.")
        return JsonResponse({"detail": detail, "errors": {}}, status=500)
    return defaults.server_error(request)


# ---- the audit log ---------------------------------------------------------------------


def _audit_entries(request, community: Community):
    """The form of the search and the entries it finds (none while the form has errors)."""
    form = AuditSearchForm(request.GET or None)
    entries = audit.entries_visible_to(request.user, community.pk)
    if form.is_bound and not form.is_valid():
        return form, entries.none()
    return form, audit.entry_search(entries, **(form.cleaned_data if form.is_bound else {}))


@login_required
def audit_log(request, community_id: int):
    """Who did what to which record, and when: searchable, paged and exported."""
    community = community_for(request, community_id, "audit.view")
    form, entries = _audit_entries(request, community)
    context = {
        "community": community,
        "form": form,
        "page": paginate(request, entries),
        "all_communities": Role.COMPANY_ADMIN in policy.roles_in(request.user, community.pk),
    }
    return render(request, "core/audit.html", context)


@login_required
def audit_export(request, community_id: int):
    community = community_for(request, community_id, "audit.view")
    form, entries = _audit_entries(request, community)
    header = [
        _("Time"),
        _("Community"),
        _("Person"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Changes"),
    ]
    rows = (
        [
            f"{timezone.localtime(e.at):%Y-%m-%d %H:%M:%S}",
            e.community.name if e.community else "",
            display_name(e.actor),
            e.action,
            e.object_type,
            e.object_id,
            e.object_repr,
            json.dumps(e.changes, ensure_ascii=False) if e.changes else "",
        ]
        for e in entries.iterator(chunk_size=2000)
    )
    content = spreadsheets.workbook([(_("Audit log"), header, rows)])
    name = pgettext("file name", "audit-log-%(community)s-%(day)s.xlsx") % {
        "community": community.code,
        "day": f"{timezone.localdate():%Y-%m-%d}",
    }
    return spreadsheets.response(content, name)


# ---- settings (设置) --------------------------------------------------------------------


@login_required
def settings_overview(request, community_id: int):
    """Every setting the user may change in the community, by area, one line on each."""
    community = community_for(request, community_id, "community.view")
    sections = navigation.settings_sections(request.user, community.pk)
    if not sections:
        raise PermissionDenied(_("You may not do this."))
    return render(
        request, "core/settings_overview.html", {"community": community, "sections": sections}
    )


@login_required
def community_profile(request, community_id: int):
    """The community's profile; the plan's ratios follow from the areas saved."""
    community = community_for(request, community_id, "community.change")
    form = CommunityProfileForm(request.POST or None, instance=copy(community))
    if request.method == "POST" and configure.save_form(
        request,
        form,
        perm="community.change",
        community_id=community.pk,
        obj=community,
        names=PROFILE_FIELDS,
        action="community.profile_change",
        saved=_("The community profile has been saved."),
    ):
        return redirect("settings:profile", community.pk)
    return render(request, "core/settings_profile.html", {"community": community, "form": form})


@login_required
def community_profile_history(request, community_id: int):
    community = community_for(request, community_id, "community.change")
    return configure.history(
        request,
        community,
        models_=[Community],
        title=_("Community profile: history"),
        back_url=reverse("settings:profile", args=[community.pk]),
    )


@login_required
def service_calendar_page(request, community_id: int):
    """A year of the community's service calendar, and a form to mark one of its days."""
    community = community_for(request, community_id, "community.change")
    year_form = CalendarYearForm(request.GET)
    year = year_form.cleaned_data["year"] if year_form.is_valid() else timezone.localdate().year
    if request.method == "POST":
        form = CalendarDayForm(request.POST)
        if form.is_valid():
            day = form.cleaned_data["date"]
            try:
                calendar.calendar_day_set(
                    actor=request.user,
                    community=community,
                    day=day,
                    kind=form.cleaned_data["kind"],
                    name=form.cleaned_data["name"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The calendar has been changed for %(day)s.") % {"day": day}
                )
                url = reverse("settings:calendar", args=[community.pk])
                return redirect(f"{url}?year={day.year}")
    else:
        form = CalendarDayForm(initial=_calendar_initial(request, community))
    context = {
        "community": community,
        "form": form,
        "year": year,
        "months": calendar.calendar_year(community, year),
        "no_holidays": calendar.years_without_holidays(community.company, [year]),
    }
    return render(request, "core/settings_calendar.html", context)


def _calendar_initial(request, community: Community) -> dict:
    """The form filled for the day chosen on the calendar (`?day=`), as it is now."""
    try:
        day = params.parse_day(request.GET.get("day"))
    except ValidationError:
        return {"kind": CalendarDayKind.HOLIDAY}
    own = CalendarDay.objects.filter(community=community, date=day).first()
    if own is not None:
        return {"date": day, "kind": own.kind, "name": own.name}
    working = calendar.service_calendar(community).is_working_day(day)
    kind = CalendarDayKind.HOLIDAY if working else CalendarDayKind.WORKDAY
    return {"date": day, "kind": kind}


@login_required
def service_calendar_history(request, community_id: int):
    community = community_for(request, community_id, "community.change")
    return configure.history(
        request,
        community,
        models_=[CalendarDay],
        title=_("Service calendar: history"),
        back_url=reverse("settings:calendar", args=[community.pk]),
    )


@login_required
def retention_page(request, community_id: int):
    """How long the community keeps each class of personal data, with the lawful default and
    what the last purge removed; a manager changes the periods."""
    community = community_for(request, community_id, "community.change")
    rows, last_purge = retention.overview(community.pk)
    form = RetentionForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            changes = retention.retention_periods_set(
                actor=request.user, community=community, days=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changes:
                messages.success(request, _("The retention periods have been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("settings:retention", community.pk)
    for row in rows:
        row["field"] = form[row["key"]]
    context = {
        "community": community,
        "form": form,
        "rows": rows,
        "last_purge": last_purge,
    }
    return render(request, "core/settings_retention.html", context)


@login_required
def retention_history(request, community_id: int):
    community = community_for(request, community_id, "community.change")
    return configure.history(
        request,
        community,
        models_=[RetentionPeriod],
        title=_("Data retention: history"),
        back_url=reverse("settings:retention", args=[community.pk]),
    )
