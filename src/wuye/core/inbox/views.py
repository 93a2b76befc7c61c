"""The inbox's pages, for staff and residents alike: the list, opening a message, marking all
read, and choosing the channels of each kind."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import notify
from ..web import paginate, run_service
from . import services


@login_required
def inbox(request):
    """The person's messages, newest first, unread ones marked; `?unread=1` shows only those."""
    unread_only = request.GET.get("unread") == "1"
    rows = services.notifications_of(request.user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = paginate(request, rows)
    for message in page:
        message.kind_label = services.kind_label(message.kind)
    return render(request, "core/inbox/list.html", {"page": page, "unread_only": unread_only})


@login_required
def message_open(request, pk: int):
    """Open a message: it is read, and the page of what it is about opens."""
    message = get_object_or_404(services.notifications_of(request.user), pk=pk)
    services.notification_read(actor=request.user, notification=message)
    if message.link and url_has_allowed_host_and_scheme(
        message.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(message.link)
    return redirect("inbox:list")


@require_POST
@login_required
def read_all(request):
    return run_service(
        request,
        lambda: services.notifications_read_all(actor=request.user),
        success=lambda n: (
            ngettext("%(count)d message marked read.", "%(count)d messages marked read.", n)
            % {"count": n}
        ),
        then=redirect("inbox:list"),
    )


def _field(kind: str, channel: str) -> str:
    return f"receive:{kind}:{channel}"


@login_required
def choices(request):
    """Which kinds of message come by which channel besides the inbox; urgent ones stay on
    for the people on duty."""
    if request.method == "POST":
        wanted = {
            (c.kind.name, c.channel): _field(c.kind.name, c.channel) in request.POST
            for c in services.choices_of(request.user)
        }
        return run_service(
            request,
            lambda: services.notification_choices_set(actor=request.user, receives=wanted),
            success=_("Your choices are saved."),
            then=redirect("inbox:choices"),
        )
    listed = services.choices_of(request.user)
    channels = notify.optional_channels()
    labels = {channel.name: channel.label for channel in channels}
    rows = [
        {
            "kind": kind,
            "cells": [
                {
                    **vars(choice),
                    "field": _field(kind.name, choice.channel),
                    "label": labels[choice.channel],
                }
                for choice in listed
                if choice.kind == kind
            ],
        }
        for kind in dict.fromkeys(choice.kind for choice in listed)
    ]
    return render(
        request,
        "core/inbox/choices.html",
        {"channels": channels, "rows": rows, "inbox_url": reverse("inbox:list")},
    )
