"""Taking an action on an order from a page: its small form, the service call, the message.

Used by the staff pages and the owner portal alike. Which buttons a person sees comes from
`workflow.allowed_actions` (the one answer to "what may this person do now"); the service
checks again when the form is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.forms import add_service_errors

from .. import services, workflow
from ..forms import (
    SERVICE_FIELDS,
    ArriveForm,
    AssignForm,
    CommentForm,
    FormKit,
    NoteForm,
    RateForm,
    ReasonForm,
    ReplyForm,
    ResolveForm,
    TransferForm,
    VisitForm,
    to_owner_field,
)
from ..models import WorkOrder
from ..workflow import InvalidTransition

FORMS: dict[str, type[forms.Form]] = {
    "accept": NoteForm,
    "dispatch": AssignForm,
    "arrive": ArriveForm,
    "start": NoteForm,
    "hold": ReasonForm,
    "resume": NoteForm,
    "transfer": TransferForm,
    "send_back": ReasonForm,
    "resolve": ResolveForm,
    "rate": RateForm,
    "visit": VisitForm,
    "close": NoteForm,
    "reopen": ReasonForm,
    "cancel": ReasonForm,
    "chase": NoteForm,
    "comment": CommentForm,
    "approve_items": NoteForm,
    "reply": ReplyForm,
}
NEEDS_KIT = {"dispatch", "transfer", "resolve", "reply"}
# Actions taken with one click (their note is optional and left out on buttons).
ONE_CLICK = {"accept", "start", "resume", "close", "chase", "approve_items"}

BUTTONS = {
    "accept": gettext_lazy("Accept"),
    "dispatch": gettext_lazy("Dispatch"),
    "arrive": gettext_lazy("Arrived"),
    "start": gettext_lazy("Start"),
    "hold": gettext_lazy("Put on hold"),
    "resume": gettext_lazy("Resume"),
    "transfer": gettext_lazy("Transfer"),
    "send_back": gettext_lazy("Send back"),
    "resolve": gettext_lazy("Resolve"),
    "rate": gettext_lazy("Rate the work"),
    "visit": gettext_lazy("Record the call-back"),
    "close": gettext_lazy("Close"),
    "reopen": gettext_lazy("Reopen"),
    "cancel": gettext_lazy("Cancel the request"),
    "chase": gettext_lazy("Chase"),
    "comment": gettext_lazy("Comment"),
    "approve_items": gettext_lazy("Approve the items off the price list"),
    "reply": gettext_lazy("Record a reply to the owner"),
}
DONE = {
    "accept": gettext_lazy("Accepted."),
    "dispatch": gettext_lazy("Dispatched."),
    "arrive": gettext_lazy("Arrival on site recorded."),
    "start": gettext_lazy("Started."),
    "hold": gettext_lazy("Put on hold."),
    "resume": gettext_lazy("Resumed."),
    "transfer": gettext_lazy("Transferred."),
    "send_back": gettext_lazy("Sent back for dispatch."),
    "resolve": gettext_lazy("Resolved."),
    "rate": gettext_lazy("Thank you for your rating."),
    "visit": gettext_lazy("Call-back recorded."),
    "close": gettext_lazy("Closed."),
    "reopen": gettext_lazy("Reopened."),
    "cancel": gettext_lazy("Cancelled."),
    "chase": gettext_lazy("We have chased the people working on it."),
    "comment": gettext_lazy("Comment added."),
    "approve_items": gettext_lazy("Approved: the items may now be charged."),
    "reply": gettext_lazy("Reply recorded."),
}
DANGER = {"cancel", "reopen", "send_back"}
# Actions sending the order to someone: their form is the dispatch picker.
PICKED = {"dispatch", "transfer"}


@dataclass
class ActionForm:
    action: str
    label: str
    form: forms.Form
    one_click: bool
    danger: bool
    open: bool = False
    picker: Picker | None = None


@dataclass
class Picker:
    """Whom an order is sent to, as the board and the order's page offer it: the order's
    team with each person's open orders and the suggested one chosen (`form`), everyone
    else behind "Show everyone" (`everyone_form`, the same form with its own ids). Both
    post the same fields; the form checks who may be assigned."""

    action: str
    form: forms.Form
    everyone_form: forms.Form
    candidates: list
    everyone: list
    suggestion: object
    chosen: int | None
    from_everyone: bool


def picker(
    action: str, order: WorkOrder, kit: FormKit, user, failed: forms.Form | None = None
) -> Picker:
    """The picker of `action` (dispatch or transfer) on `order`; a transfer leaves out the
    person the order is with. `failed` is shown with its errors in the list it was sent
    from."""
    leave_out = order.assignee_id if action == "transfer" else None
    candidates, suggestion = kit.offer(order, leave_out)
    chosen = suggestion.user.pk if suggestion else None
    if failed is not None:
        chosen = failed["assignee"].value()
        chosen = int(chosen) if str(chosen or "").isdigit() else None
    from_everyone = failed is not None and all(c.user.pk != chosen for c in candidates)
    team_form = action_form(action, order, kit, user, auto_id="id_%s")
    everyone_form = action_form(action, order, kit, user, auto_id="everyone_%s")
    if failed is not None:
        if from_everyone:
            everyone_form = failed
            failed.auto_id = "everyone_%s"
        else:
            team_form = failed
    return Picker(
        action,
        team_form,
        everyone_form,
        candidates,
        kit.everyone(order.community),
        suggestion,
        chosen,
        from_everyone,
    )


def action_form(
    action: str, order: WorkOrder, kit: FormKit, user, data=None, files=None, auto_id="id_%s"
) -> forms.Form:
    """The form of `action` on `order` for `user`: staff may write its note as a reply to
    the owner where the action allows it (the owner's own notes are theirs anyway)."""
    kwargs = {"kit": kit} if action in NEEDS_KIT else {}
    if action == "resolve":
        kwargs["order"] = order
    if action == "reply":
        kwargs["user"] = user
    form = FORMS[action](data, files, prefix=f"o{order.pk}", auto_id=auto_id, **kwargs)
    if action in workflow.SHAREABLE and not workflow.reads_as_owner(user, order):
        form.fields["to_owner"] = to_owner_field()
    return form


def action_forms(user, order: WorkOrder, kit: FormKit, failed=None) -> list[ActionForm]:
    """The forms of the actions `user` may take on `order` now; `failed` (action, form) is
    shown open with its errors."""
    rows = []
    for action in workflow.allowed_actions(user, order):
        failed_form = failed[1] if failed and failed[0] == action else None
        sent_to = picker(action, order, kit, user, failed_form) if action in PICKED else None
        rows.append(
            ActionForm(
                action=action,
                label=BUTTONS[action],
                form=sent_to.form
                if sent_to
                else failed_form or action_form(action, order, kit, user),
                one_click=action in ONE_CLICK,
                danger=action in DANGER,
                open=failed_form is not None,
                picker=sent_to,
            )
        )
    return rows


def _call(action: str, order: WorkOrder, actor, form: forms.Form) -> None:
    data = dict(form.cleaned_data)
    for photo in data.pop("photos", None) or []:
        services.work_order_photo_add(order=order, data=photo.read(), actor=actor)
    if action == "resolve":
        data = {
            "result": data["result"],
            "items": form.items(),
            "withdraw_item_ids": form.withdrawn(),
        }
    getattr(services, f"work_order_{action}")(order=order, actor=actor, **data)


def perform(request, order: WorkOrder, action: str) -> tuple[int, tuple | None]:
    """Take `action` on `order` with the posted form. Returns the HTTP status for the page
    (200 done, 400 bad input, 403 not this person's, 409 not from this state) and, on bad
    input, (action, form) to show again. Nothing is written unless all of it succeeds."""
    if action not in FORMS:
        raise Http404
    kit = FormKit(order.community_id)
    form = action_form(action, order, kit, request.user, request.POST, request.FILES)
    if not form.is_valid():
        return 400, (action, form)
    try:
        with services.atomic_with_photos():
            _call(action, order, request.user, form)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
        return 409, None
    except PermissionDenied:
        messages.error(request, _("You may not do this."))
        return 403, None
    except ValidationError as exc:
        add_service_errors(form, exc, SERVICE_FIELDS)
        return 400, (action, form)
    messages.success(request, DONE[action])
    return 200, None


def next_url(request, default: str) -> str:
    """Where to go after an action: the page it was taken from, if it is ours."""
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default
