"""Staff pages of the certificates: the list (expired first, then those expiring soon),
who lacks a certificate their post requires, and adding or correcting one."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.params import QueryParams
from wuye.core.web import community_for, paginate

from . import queries, services
from .forms import CertificateForm
from .models import Certificate, CertificateKind

DEFAULT_WITHIN = 60


@login_required
def certificate_list(request, community_id: int):
    community = community_for(request, community_id, "certificate.view")
    today = timezone.localdate()
    params = QueryParams(request)
    show = params.choice("show", ["expiring", "expired", "all"], "expiring")
    within = params.choice("within", ["7", "30", "60", "90", "180", "365"], str(DEFAULT_WITHIN))
    kind = params.choice("kind", CertificateKind.values, None)
    if show == "expiring":
        # The expired first, then those expiring within the days chosen.
        rows = queries.certificate_list(community.pk, today, kind=kind).filter(
            valid_until__lte=today + timedelta(days=int(within))
        )
    else:
        rows = queries.certificate_list(
            community.pk, today, kind=kind, expired=True if show == "expired" else None
        )
    page = paginate(request, rows)
    labels = dict(CertificateKind.choices)
    for certificate in page:
        certificate.days_left = queries.days_left(certificate, today)
    context = {
        "community": community,
        "page": page,
        "filters": {"show": show, "within": within, "kind": kind},
        "kinds": CertificateKind.choices,
        "withins": ["7", "30", "60", "90", "180", "365"],
        "missing": [
            (person, post, [labels.get(k, k) for k in kinds])
            for person, post, kinds in queries.missing(community.pk, today)
        ],
        "can_manage": policy.has_perm(request.user, "certificate.manage", community.pk),
    }
    return render(request, "staff/certificates/list.html", context)


def _form_page(request, community, form, title):
    back = reverse("staff:certificates", args=[community.pk])
    return render(
        request,
        "core/form.html",
        {"community": community, "form": form, "title": title, "back_url": back},
    )


@login_required
def certificate_add(request, community_id: int):
    community = community_for(request, community_id, "certificate.manage")
    staff = services.staff_choices(community)
    form = CertificateForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certificate = services.certificate_add(
                actor=request.user,
                community=community,
                holder=data["holder"],
                **{k: data[k] for k in services.FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Certificate %(number)s saved.") % {"number": certificate.number}
            )
            return redirect("staff:certificates", community.pk)
    return _form_page(request, community, form, _("Add a certificate"))


@login_required
def certificate_edit(request, community_id: int, pk: int):
    community = community_for(request, community_id, "certificate.manage")
    certificate = get_object_or_404(
        Certificate.objects.select_related("user"), pk=pk, community=community
    )
    initial = {k: getattr(certificate, k) for k in services.FIELDS}
    form = CertificateForm(request.POST or None, initial=initial, adding=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_update(
                actor=request.user,
                certificate=certificate,
                **{k: form.cleaned_data[k] for k in services.FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Certificate %(number)s saved.") % {"number": certificate.number}
            )
            return redirect("staff:certificates", community.pk)
    holder = certificate.user.get_full_name() or certificate.user.username
    return _form_page(request, community, form, _("Certificate of %(holder)s") % {"holder": holder})
