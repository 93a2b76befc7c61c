"""What every staff and portal page does alike: the community gate, paging, and a POST that
runs one service and comes back with its outcome said above the page."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from . import policy
from .models import Community


def community_for(request, community_id: int, perm: str) -> Community:
    """The community of the URL, if the user holds `perm` there; remembered for the header."""
    policy.require_perm(request.user, perm, community_id)
    if request.session.get("community_id") != community_id:
        request.session["community_id"] = community_id
    return get_object_or_404(Community.objects.select_related("standard"), pk=community_id)


def paginate(request, rows) -> Page:
    """The page of `rows` that `?page=` asks for, `PAGE_SIZE` rows long (the first page when
    the number is missing or not a number, the last when it is past the end)."""
    return Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def error_message(request, error: ValidationError) -> None:
    """Say above the page why a service refused, all its reasons in one message."""
    messages.error(request, " ".join(error.messages))


def run_service(
    request,
    action: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    then: HttpResponse,
) -> HttpResponse:
    """Run `action` (a service call), say that it was done or why the service refused, and
    answer `then` either way. `success` may be a function of what the action returned."""
    try:
        result = action()
    except ValidationError as error:
        error_message(request, error)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return then
