"""The technician a work order is dispatched to finds it in their inbox, in their language,
linked to the order's page; nobody else reads or marks it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from wuye.core import notify
from wuye.core.inbox import services as inbox
from wuye.core.models import Notification
from wuye.servicedesk.models import NotificationLanguage
from wuye.testing.api import bearer

from .fixtures import order_in

pytestmark = pytest.mark.django_db


def _dispatched(site, capture, **fields):
    with capture(execute=True):
        return order_in(site, "dispatched", **fields)


@pytest.mark.parametrize(
    ("language", "line"),
    [("zh-hans", "有一张工单派给了您。"), ("en", "A work order was assigned to you.")],
)
def test_the_technician_finds_the_dispatched_order_unread_in_their_language(
    client, site, django_capture_on_commit_callbacks, language, line
):
    NotificationLanguage.objects.create(user=site.electrician, language=language)
    order = _dispatched(site, django_capture_on_commit_callbacks)

    answer = client.get("/api/v1/notifications", headers=bearer(site.electrician)).json()

    assert answer["unread"] == 1
    [message] = answer["items"]
    assert message["subject"] == f"{order.number} · {line}"
    assert message["kind"] == "servicedesk.dispatched"
    assert message["read"] is False and message["read_at"] is None
    assert message["link"] == reverse("servicedesk:order", args=[site.community.pk, order.pk])
    assert (message["about_type"], message["about_id"]) == ("servicedesk.workorder", order.pk)


def test_reading_the_message_marks_it_and_nobody_else_may(
    client, site, django_capture_on_commit_callbacks
):
    _dispatched(site, django_capture_on_commit_callbacks)
    message = Notification.objects.get(recipient=site.electrician)
    url = f"/api/v1/notifications/{message.pk}/read"

    for stranger in (site.owner, site.frontdesk, site.other_manager):
        assert client.post(url, headers=bearer(stranger)).status_code == 404
    assert Notification.objects.get(pk=message.pk).read_at is None

    answer = client.post(url, headers=bearer(site.electrician))
    assert answer.status_code == 200 and answer.json()["read"] is True
    listed = client.get("/api/v1/notifications", headers=bearer(site.electrician)).json()
    assert listed["unread"] == 0 and listed["items"][0]["read"] is True


def test_the_owner_is_told_of_the_resolution_with_a_link_to_the_portal(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_in(site, "resolved")
    message = Notification.objects.get(recipient=site.owner)
    assert message.link == reverse("servicedesk_portal:order", args=[order.pk])

    client.force_login(site.owner)
    opened = client.get(reverse("inbox:open", args=[message.pk]))
    assert opened.status_code == 302 and opened["Location"] == message.link
    assert Notification.objects.get(pk=message.pk).read_at is not None


def test_an_emergency_dispatch_is_urgent_and_cannot_be_switched_off(
    site, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError, match="the people on duty cannot switch it off"):
        inbox.notification_choices_set(
            actor=site.electrician,
            receives={("servicedesk.emergency_dispatched", "email"): False},
        )
    site.electrician.email = "electrician@example.com"
    site.electrician.save()

    _dispatched(site, django_capture_on_commit_callbacks, priority="emergency")
    message = Notification.objects.get(recipient=site.electrician)
    assert message.kind == "servicedesk.emergency_dispatched"
    assert notify.KINDS[message.kind].urgent
    assert [m.to for m in mail.outbox] == [["electrician@example.com"]]
