"""Changes to the certificates: add one, correct or renew it (a new number, a new expiry),
and the daily reminders 60, 30 and 7 days before one expires.

A certificate is never deleted: one entered by mistake is corrected. Each service checks the
permission, refuses bad input with the reason and changes nothing then, and writes the
change with its audit entry in one transaction.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.models import Community, Membership
from wuye.core.validators import clean_code, conflict

from ..organisation.models import Assignment
from . import notifications
from .models import REMINDER_DAYS, Certificate, CertificateKind, CertificateReminder

FIELDS = ("kind", "number", "issuer", "issued_on", "valid_until")


def _clean(community: Community, data: dict, certificate: Certificate | None = None) -> dict:
    kind = data.get("kind")
    if kind not in CertificateKind.values:
        raise ValidationError({"kind": _("Choose a kind of certificate.")})
    number = clean_code(data.get("number") or "")
    if not number:
        raise ValidationError({"number": _("Enter the certificate's number.")})
    if len(number) > 60:
        raise ValidationError({"number": _("A certificate number is at most 60 characters.")})
    issuer = (data.get("issuer") or "").strip()[:100]
    issued_on, valid_until = data.get("issued_on"), data.get("valid_until")
    if issued_on and valid_until and valid_until < issued_on:
        raise ValidationError(
            {"valid_until": _("A certificate is valid until after it is issued.")}
        )
    if issued_on and issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("A certificate cannot be issued in the future.")})
    taken = Certificate.objects.filter(community=community, kind=kind, number=number)
    if certificate is not None:
        taken = taken.exclude(pk=certificate.pk)
    if taken.exists():
        raise ValidationError(
            {"number": conflict(_("Another certificate of this kind already has this number."))}
        )
    return {
        "kind": kind,
        "number": number,
        "issuer": issuer,
        "issued_on": issued_on,
        "valid_until": valid_until,
    }


def _saved(certificate: Certificate) -> Certificate:
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        raise ValidationError(
            {"number": conflict(_("Another certificate of this kind already has this number."))}
        ) from None
    return certificate


def certificate_add(*, actor, community: Community, holder, **data) -> Certificate:
    """Record a certificate `holder` (a member of staff of the community) holds."""
    policy.require_perm(actor, "certificate.manage", community.pk)
    if not Membership.objects.filter(community=community, user=holder, active=True).exists():
        raise ValidationError({"holder": _("Choose a member of staff of this community.")})
    values = _clean(community, data)
    with transaction.atomic():
        certificate = _saved(Certificate(community=community, user=holder, **values))
        audit.record(
            actor=actor,
            action="certificate.add",
            obj=certificate,
            changes={k: str(v) if v is not None else None for k, v in values.items()},
        )
    return certificate


def certificate_update(*, actor, certificate: Certificate, **data) -> Certificate:
    """Correct or renew a certificate: its kind, number, issuer and dates."""
    policy.require_perm(actor, "certificate.manage", certificate.community_id)
    values = _clean(certificate.community, data, certificate)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        changes = {
            k: [str(getattr(locked, k)), str(v)]
            for k, v in values.items()
            if getattr(locked, k) != v
        }
        if not changes:
            return locked
        for key, value in values.items():
            setattr(locked, key, value)
        _saved(locked)
        audit.record(actor=actor, action="certificate.update", obj=locked, changes=changes)
    return locked


def threshold_for(days_left: int) -> int | None:
    """The reminder due with `days_left` days to go: the nearest threshold not yet passed
    (20 days left: the 30-day one), none beyond the first."""
    due = [days for days in REMINDER_DAYS if days_left <= days]
    return min(due) if due else None


def department_head(certificate: Certificate):
    assignment = (
        Assignment.objects.filter(
            community_id=certificate.community_id,
            user_id=certificate.user_id,
            ended_on__isnull=True,
        )
        .select_related("post__department__head")
        .first()
    )
    return assignment.post.department.head if assignment else None


def _lines(certificate: Certificate, days_left: int):
    def compose() -> tuple[str, str]:
        subject = _("%(kind)s expires in %(days)s days") % {
            "kind": certificate.get_kind_display(),
            "days": days_left,
        }
        holder = certificate.user.get_full_name() or certificate.user.username
        body = _(
            "%(holder)s's %(kind)s no. %(number)s is valid until %(day)s. Renew it in time: "
            "the post requires it."
        ) % {
            "holder": holder,
            "kind": certificate.get_kind_display(),
            "number": certificate.number,
            "day": f"{certificate.valid_until:%Y-%m-%d}",
        }
        return subject, body

    return compose


def certificates_remind(today: date | None = None) -> int:
    """Remind the holders (and their department heads) of the certificates reaching 60, 30
    or 7 days before their expiry: one reminder per threshold and expiry date, however often
    this runs. Returns how many reminders were sent."""
    today = today or timezone.localdate()
    last = today + timedelta(days=max(REMINDER_DAYS))
    due = (
        Certificate.objects.filter(valid_until__gte=today, valid_until__lte=last)
        .select_related("community", "user")
        .order_by("pk")
    )
    sent = 0
    for certificate in due.iterator():
        days_left = (certificate.valid_until - today).days
        threshold = threshold_for(days_left)
        if threshold is None:
            continue
        try:
            with transaction.atomic():
                _reminder, created = CertificateReminder.objects.get_or_create(
                    certificate=certificate,
                    days_before=threshold,
                    valid_until=certificate.valid_until,
                )
        except IntegrityError:
            continue
        if not created:
            continue
        recipients = [certificate.user]
        head = department_head(certificate)
        if head is not None and head.pk != certificate.user_id:
            recipients.append(head)
        notify.deliver(
            recipients,
            _lines(certificate, days_left),
            kind=notifications.EXPIRING,
            about=certificate,
            community=certificate.community,
        )
        sent += 1
    return sent


def staff_choices(community: Community):
    ids = Membership.objects.filter(community=community, active=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .order_by("first_name", "last_name", "username")
    )
