"""Staff pages that change the register: forms, move-in, move-out, reading an ID number and
the supervisors' checks of ID numbers typed twice.

Each page checks the policy for its community before showing anything; on POST it calls a
service, which checks again, writes in one transaction and records the audit trail.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core.forms import add_service_errors
from wuye.core.validators import normalize_plate
from wuye.core.web import community_for, run_service

from . import id_numbers, queries, services
from .forms import (
    BuildingForm,
    IdNumberReviewForm,
    MoveInForm,
    MoveOutForm,
    ParkingSpaceForm,
    ResidentForm,
    UnitForm,
    VehicleForm,
)
from .models import Residency, Unit, Vehicle
from .views import people_context


def _edit_page(request, *, community, form, save, title: str, back_url: str):
    """Show `form`; on a valid POST call `save(form)` (a service) and go to the URL it returns.

    A service's ValidationError lands on the fields it names; nothing has been written then.
    """
    if request.method == "POST" and form.is_valid():
        try:
            url = save(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(url)
    context = {"community": community, "form": form, "title": title, "back_url": back_url}
    return render(request, "core/form.html", context)


@login_required
def building_edit(request, community_id: int, pk: int | None = None):
    community = community_for(request, community_id, "register.change")
    building = (
        get_object_or_404(queries.buildings_visible_to(request.user, community.pk), pk=pk)
        if pk
        else None
    )
    form = BuildingForm(request.POST or None, instance=building)

    def save(form):
        saved = services.building_save(
            actor=request.user, community=community, building=building, data=form.service_data()
        )
        return reverse("estates:building", args=[community.pk, saved.pk])

    return _edit_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("Edit building %(name)s") % {"name": building} if building else _("New building"),
        back_url=reverse("estates:building", args=[community.pk, building.pk])
        if building
        else reverse("estates:buildings", args=[community.pk]),
    )


@login_required
def unit_edit(request, community_id: int, pk: int | None = None, building_pk: int | None = None):
    community = community_for(request, community_id, "register.change")
    if pk:
        home = get_object_or_404(queries.units_visible_to(request.user, community.pk), pk=pk)
        building = home.building
    else:
        home = None
        building = get_object_or_404(
            queries.buildings_visible_to(request.user, community.pk), pk=building_pk
        )
    form = UnitForm(request.POST or None, instance=home)

    def save(form):
        saved = services.unit_save(
            actor=request.user, building=building, unit=home, data=form.service_data()
        )
        return reverse("estates:unit", args=[community.pk, saved.pk])

    return _edit_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("Edit home %(label)s") % {"label": home.label}
        if home
        else _("New home in %(building)s") % {"building": building},
        back_url=reverse("estates:unit", args=[community.pk, home.pk])
        if home
        else reverse("estates:building", args=[community.pk, building.pk]),
    )


@login_required
def move_in(request, community_id: int, pk: int):
    community = community_for(request, community_id, "resident.move")
    home = get_object_or_404(queries.units_visible_to(request.user, community.pk), pk=pk)
    residents = queries.residents_visible_to(request.user, community.pk)
    find = request.GET.get("find", "")
    form = MoveInForm(
        request.POST or None,
        residents=residents,
        initial={"who": MoveInForm.EXISTING if find else MoveInForm.NEW},
    )
    candidates = (
        queries.resident_list(request.user, community.pk, {"q": find}).prefetch_related(
            queries.current_homes()
        )[:20]
        if find
        else []
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                resident = form.cleaned_data["resident"]
                if form.cleaned_data["who"] == MoveInForm.NEW:
                    resident = services.resident_save(
                        actor=request.user, community=community, data=form.new_resident_data()
                    )
                services.residency_move_in(
                    actor=request.user,
                    unit=home,
                    resident=resident,
                    relation=form.cleaned_data["relation"],
                    start_date=form.cleaned_data["start_date"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s moved into %(home)s.") % {"name": resident.name, "home": home.label},
            )
            return redirect("estates:unit", community_id=community.pk, pk=home.pk)
    chosen = form.cleaned_data.get("resident") if form.is_bound else None
    if chosen and chosen not in candidates:
        prefetch_related_objects([chosen], queries.current_homes())
        candidates = [chosen, *candidates]
    return render(
        request,
        "estates/move_in.html",
        people_context(request, community)
        | {"home": home, "form": form, "find": find, "candidates": candidates},
    )


@login_required
def move_out(request, community_id: int, pk: int):
    community = community_for(request, community_id, "resident.move")
    residency = get_object_or_404(
        Residency.objects.current()
        .filter(unit__in=queries.units_visible_to(request.user, community.pk))
        .select_related("unit__building", "resident"),
        pk=pk,
    )
    form = MoveOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.residency_move_out(
                actor=request.user, residency=residency, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s moved out of %(home)s.")
                % {"name": residency.resident.name, "home": residency.unit.label},
            )
            return redirect("estates:unit", community_id=community.pk, pk=residency.unit_id)
    return render(
        request,
        "estates/move_out.html",
        people_context(request, community) | {"residency": residency, "form": form},
    )


@login_required
def resident_edit(request, community_id: int, pk: int | None = None):
    community = community_for(request, community_id, "resident.change")
    person = (
        get_object_or_404(queries.residents_visible_to(request.user, community.pk), pk=pk)
        if pk
        else None
    )
    form = ResidentForm(request.POST or None, instance=person)

    def save(form):
        saved = services.resident_save(
            actor=request.user, community=community, resident=person, data=form.service_data()
        )
        return reverse("estates:resident", args=[community.pk, saved.pk])

    return _edit_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("Edit %(name)s") % {"name": person.name} if person else _("New resident"),
        back_url=reverse("estates:resident", args=[community.pk, person.pk])
        if person
        else reverse("estates:residents", args=[community.pk]),
    )


@login_required
@require_POST
def resident_id_number(request, community_id: int, pk: int):
    """The full ID-card number, for roles allowed to read it. Every read is audited."""
    community = community_for(request, community_id, "resident.view_id_number")
    person = get_object_or_404(queries.residents_visible_to(request.user, community.pk), pk=pk)
    number = services.resident_reveal_id_number(actor=request.user, resident=person)
    template = "estates/_id_number.html" if request.htmx else "estates/id_number.html"
    return render(
        request, template, {"community": community, "resident": person, "id_number": number}
    )


@login_required
def id_number_reviews(request, community_id: int):
    """ID-card numbers that another resident already had, waiting for a decision; and the
    decisions taken, latest first."""
    community = community_for(request, community_id, "resident.view_id_number")
    open_reviews = queries.id_number_reviews_open(request.user, community.pk)
    decided = queries.id_number_reviews_decided(request.user, community.pk)[:20]
    return render(
        request,
        "estates/id_number_reviews.html",
        {
            "community": community,
            "reviews": [
                (review, IdNumberReviewForm(prefix=str(review.pk))) for review in open_reviews
            ],
            "decided": decided,
        },
    )


@login_required
@require_POST
def id_number_review(request, community_id: int, pk: int):
    """A supervisor's decision on one check."""
    community = community_for(request, community_id, "resident.view_id_number")
    review = get_object_or_404(
        queries.id_number_reviews_visible_to(request.user, community.pk), pk=pk
    )
    form = IdNumberReviewForm(request.POST, prefix=str(review.pk))
    back = redirect("estates:id_number_reviews", community_id=community.pk)
    if not form.is_valid():
        messages.error(request, _("Choose whether the number is kept or dismissed."))
        return back
    return run_service(
        request,
        lambda: id_numbers.id_number_review_resolve(
            actor=request.user,
            review=review,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        ),
        success=_("The ID-card number of %(name)s has been checked.")
        % {"name": review.resident.name},
        then=back,
    )


@login_required
def vehicle_edit(request, community_id: int, pk: int | None = None, resident_pk: int | None = None):
    community = community_for(request, community_id, "register.change")
    if pk:
        vehicle = get_object_or_404(queries.vehicles_visible_to(request.user, community.pk), pk=pk)
        owner = vehicle.resident
    else:
        vehicle = None
        owner = get_object_or_404(
            queries.residents_visible_to(request.user, community.pk), pk=resident_pk
        )
    form = VehicleForm(request.POST or None, instance=vehicle)

    def save(form):
        services.vehicle_save(
            actor=request.user,
            community=community,
            vehicle=vehicle,
            data=form.service_data() | ({} if vehicle else {"resident": owner}),
        )
        if owner is None:
            return reverse("estates:vehicles", args=[community.pk])
        return reverse("estates:resident", args=[community.pk, owner.pk])

    return _edit_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("Edit vehicle %(plate)s") % {"plate": vehicle.plate}
        if vehicle
        else _("New vehicle of %(name)s") % {"name": owner.name},
        back_url=reverse("estates:resident", args=[community.pk, owner.pk])
        if owner
        else reverse("estates:vehicles", args=[community.pk]),
    )


@login_required
def parking_edit(request, community_id: int, pk: int | None = None):
    community = community_for(request, community_id, "register.change")
    space = (
        get_object_or_404(queries.parking_spaces_visible_to(request.user, community.pk), pk=pk)
        if pk
        else None
    )

    def find_unit(text: str) -> list[Unit]:
        return queries.search(request.user, community.pk, text)["units"]

    def find_vehicle(text: str) -> Vehicle | None:
        try:
            plate = normalize_plate(text)
        except ValidationError:
            return None
        return queries.vehicles_visible_to(request.user, community.pk).filter(plate=plate).first()

    form = ParkingSpaceForm(
        request.POST or None,
        instance=space,
        find_unit=find_unit,
        find_vehicle=find_vehicle,
    )

    def save(form):
        services.parking_space_save(
            actor=request.user, community=community, space=space, data=form.service_data()
        )
        return reverse("estates:parking", args=[community.pk])

    return _edit_page(
        request,
        community=community,
        form=form,
        save=save,
        title=_("Edit parking space %(number)s") % {"number": space.number}
        if space
        else _("New parking space"),
        back_url=reverse("estates:parking", args=[community.pk]),
    )
