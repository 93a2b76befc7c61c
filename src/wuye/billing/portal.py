"""The owner portal's bills: what each home owes and has paid, receipts, fee standards.

Bills are the owner's business (and the owner's family's): they start from
`queries.bill_unit_ids`, so a tenant or a neighbour never sees them.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from wuye.core import policy

from . import queries


def _resident_only(view):
    def wrapped(request, *args, **kwargs):
        if not policy.is_resident(request.user):
            if policy.is_staff_member(request.user):
                return redirect("home")
            return render(request, "core/no_access.html", status=403)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(wrapped)


@_resident_only
def bills(request):
    """Each home's bills: still owed (oldest first), recently paid, and the prepaid balance."""
    statements = [queries.statement(request.user, pk) for pk in queries.bill_unit_ids(request.user)]
    return render(request, "billing/portal/bills.html", {"statements": statements})


@_resident_only
def statement(request, unit_id: int):
    """A home's full statement; 404 for a home whose bills are not the user's."""
    if unit_id not in queries.bill_unit_ids(request.user):
        raise Http404
    home = queries.statement(request.user, unit_id)
    return render(request, "billing/portal/statement.html", {"statement": home})


@_resident_only
def payments(request):
    """Payments made for the user's homes, newest first, each with its receipt."""
    rows = (
        queries.payments_visible_to(request.user)
        .filter(unit_id__in=queries.bill_unit_ids(request.user))
        .select_related("unit__building")
        .order_by("-received_at", "-pk")
    )
    return render(request, "billing/portal/payments.html", {"payments": rows})


@_resident_only
def fee_standards(request):
    """The community's published fee standards (收费公示)."""
    return render(
        request,
        "billing/portal/fees.html",
        {"items": queries.published_fee_items(request.user)},
    )
