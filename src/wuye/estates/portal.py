"""The owner portal: a resident's own homes, household, vehicles, parking and contact details,
and the hub the other apps fill (`core.home.RESIDENT_PANELS`): what is owed, open requests,
votes and surveys, unread notices, coming events.

Everything starts from the homes the login lives in or owns (policy.resident_unit_ids), so
nothing of another home can show, even for a resident who also works for the company.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wuye.core import home as hub
from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.params import QueryParams

from . import queries, services
from .forms import ContactForm


def _not_a_resident(request):
    if policy.is_staff_member(request.user):
        return redirect("home")
    return render(request, "core/no_access.html", status=403)


@login_required
def home(request):
    user = request.user
    if not policy.is_resident(user):
        return _not_a_resident(request)
    unit_ids = policy.resident_unit_ids(user)
    homes = list(
        queries.with_current_residencies(
            queries.units_visible_to(user).filter(pk__in=unit_ids).select_related("community")
        ).order_by("community__name", "building__number", "entrance", "number")
    )
    household_ids = {r.resident_id for h in homes for r in h.current_residencies}
    vehicles = queries.vehicles_visible_to(user).filter(resident_id__in=household_ids)
    parking = (
        queries.parking_spaces_visible_to(user)
        .filter(Q(unit_id__in=unit_ids) | Q(vehicle__resident_id__in=household_ids))
        .order_by("number")
    )
    return render(
        request,
        "portal/home.html",
        {
            "homes": homes,
            "vehicles": vehicles,
            "parking_spaces": parking,
            "own_ids": set(policy.resident_ids(user)),
            "panels": hub.resident_panels_for(request, unit_ids),
        },
    )


@login_required
def profile(request):
    """A resident updates their own mobile and emergency contact."""
    user = request.user
    if not policy.is_resident(user):
        return _not_a_resident(request)
    mine = queries.residents_visible_to(user).filter(pk__in=policy.resident_ids(user))
    records = list(mine.select_related("community").order_by("community__name"))
    asked = QueryParams(request).id("resident")
    chosen = get_object_or_404(mine, pk=asked) if asked else records[0]
    form = ContactForm(request.POST or None, instance=chosen)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_update_contact(actor=user, resident=chosen, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your contact details have been updated."))
            return redirect(request.get_full_path())
    return render(
        request, "portal/profile.html", {"resident": chosen, "records": records, "form": form}
    )
