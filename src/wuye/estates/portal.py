"""The owner portal: a resident's own homes, household, vehicles and parking."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import queries


@login_required
def home(request):
    units = queries.with_current_residencies(queries.units_visible_to(request.user))
    return render(request, "portal/home.html", {"units": units})


@login_required
def profile(request):
    return render(request, "portal/home.html", {})
