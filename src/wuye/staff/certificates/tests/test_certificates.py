"""Certificates: numbers unique per kind, the reminders before expiry, the lists."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry, Notification
from wuye.staff.certificates import queries, services
from wuye.staff.certificates.models import CertificateReminder
from wuye.staff.organisation.models import Assignment, Department, Post

TODAY = date(2026, 5, 4)


def _add(site, holder=None, number="G-1", kind="security_guard", valid_until=None, **data):
    return services.certificate_add(
        actor=site.manager,
        community=site.community,
        holder=holder or site.guard,
        kind=kind,
        number=number,
        valid_until=valid_until,
        **data,
    )


def _security_head(site):
    department = Department.objects.create(
        community=site.community, name="安管部", kind="security", head=site.engineer
    )
    post = Post.objects.create(
        community=site.community,
        department=department,
        title="巡逻岗",
        code="patrol",
        required_certificates=["security_guard", "fire_facilities"],
    )
    Assignment.objects.create(
        community=site.community, post=post, user=site.guard, started_on=date(2025, 1, 1)
    )
    return post


def test_a_certificate_is_added_and_its_number_is_unique_per_kind(site):
    certificate = _add(site, number=" g 1 ", valid_until=date(2027, 1, 1))
    assert certificate.number == "G1"
    assert AuditEntry.objects.filter(action="certificate.add").exists()
    with pytest.raises(ValidationError, match="already has this number") as refused:
        _add(site, holder=site.electrician, number="G1")
    assert refused.value.error_dict["number"][0].code == "conflict"
    _add(site, holder=site.electrician, number="G1", kind="electrician")  # another kind


def test_bad_input_and_strangers_are_refused(site):
    with pytest.raises(ValidationError, match="after it is issued"):
        _add(site, issued_on=date(2025, 1, 2), valid_until=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="member of staff"):
        _add(site, holder=site.owner)
    with pytest.raises(PermissionDenied):
        services.certificate_add(
            actor=site.guard, community=site.community, holder=site.guard, kind="health", number="1"
        )


def test_a_renewal_is_an_update_with_its_audit(site):
    certificate = _add(site, valid_until=date(2026, 6, 1))
    renewed = services.certificate_update(
        actor=site.manager,
        certificate=certificate,
        kind="security_guard",
        number="G-1",
        valid_until=date(2029, 6, 1),
    )
    assert renewed.valid_until == date(2029, 6, 1)
    entry = AuditEntry.objects.get(action="certificate.update")
    assert entry.changes["valid_until"] == ["2026-06-01", "2029-06-01"]


@pytest.mark.parametrize(
    ("days_left", "threshold"), [(61, None), (60, 60), (45, 60), (20, 30), (7, 7), (0, 7)]
)
def test_the_threshold_due(days_left, threshold):
    assert services.threshold_for(days_left) == threshold


def test_reminders_reach_holder_and_head_once_per_threshold_and_expiry(site):
    _security_head(site)
    certificate = _add(site, valid_until=TODAY + timedelta(days=20))

    assert services.certificates_remind(TODAY) == 1
    assert services.certificates_remind(TODAY + timedelta(days=1)) == 0  # still the 30-day one
    (sent,) = CertificateReminder.objects.all()
    assert (sent.days_before, sent.valid_until) == (30, TODAY + timedelta(days=20))
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "guard",
        "engineer",
    }
    assert services.certificates_remind(TODAY + timedelta(days=13)) == 1  # 7 days left
    assert services.certificates_remind(TODAY + timedelta(days=14)) == 0

    services.certificate_update(
        actor=site.manager,
        certificate=certificate,
        kind=certificate.kind,
        number=certificate.number,
        valid_until=TODAY + timedelta(days=70),
    )
    assert services.certificates_remind(TODAY + timedelta(days=14)) == 1  # the new date's 60
    assert CertificateReminder.objects.count() == 3


def test_the_periodic_task_runs_on_the_days_clock(site):
    from wuye.staff.certificates.tasks import remind_expiring_certificates

    _add(site, valid_until=TODAY + timedelta(days=7))
    with time_machine.travel(TODAY, tick=False):
        assert remind_expiring_certificates.call() == 1


def test_lists_filter_by_expiry_and_the_missing_are_named(site, django_assert_max_num_queries):
    _security_head(site)
    soon = _add(site, valid_until=TODAY + timedelta(days=20))
    old = _add(
        site,
        holder=site.electrician,
        number="E1",
        kind="electrician",
        valid_until=TODAY - timedelta(days=1),
    )
    never = _add(site, holder=site.frontdesk, number="H1", kind="health")

    def listed(**filters):
        return list(queries.certificate_list(site.community.pk, TODAY, **filters))

    assert listed() == [old, soon, never]
    assert listed(expiring_within_days=30) == [soon]
    assert listed(expiring_within_days=60) == [soon]
    assert listed(expiring_within_days=10) == []
    assert listed(expired=True) == [old]
    assert listed(kind="health") == [never]
    with django_assert_max_num_queries(2):
        found = queries.missing(site.community.pk, TODAY)
    assert [(p, lacking) for p, _post, lacking in found] == [(site.guard, ["fire_facilities"])]
