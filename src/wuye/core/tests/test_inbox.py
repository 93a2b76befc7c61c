"""The message centre as a person meets it: the bell on every page, the inbox, marking read,
choosing channels kind by kind, and the channels behind one interface."""

import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify
from wuye.core.inbox import services as inbox
from wuye.core.models import AuditEntry, Notification, NotificationOptOut

pytestmark = pytest.mark.django_db

HELLO = notify.Kind("core-test.hello", _("Test message."), audience=notify.EVERYONE)
ALARM = notify.Kind("core-test.alarm", _("Another message."), audience=notify.STAFF, urgent=True)
notify.register(kinds=[HELLO, ALARM])


def tell(people, kind=HELLO, subject="Hello", community=None):
    notify.deliver(people, lambda: (subject, "Body"), kind=kind, community=community)


def test_the_bell_counts_unread_messages_on_staff_and_portal_pages(client, site):
    tell([site.manager, site.owner])
    tell([site.manager])
    read = Notification.objects.filter(recipient=site.manager).first()
    inbox.notification_read(actor=site.manager, notification=read)

    client.force_login(site.manager)
    page = client.get(reverse("estates:overview", args=[site.community.pk])).content.decode()
    assert "Messages: 1 unread" in page
    client.force_login(site.owner)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Messages: 1 unread" in page and reverse("inbox:list") in page


def test_the_bell_says_99_plus_without_counting_further(client, site):
    Notification.objects.bulk_create(
        Notification(recipient=site.guard, subject=f"N{n}", body="") for n in range(120)
    )
    client.force_login(site.guard)
    page = client.get(reverse("inbox:list")).content.decode()
    assert ">99+<" in page


def test_the_inbox_lists_ones_own_messages_newest_first_unread_marked(client, site):
    tell([site.frontdesk], subject="First")
    tell([site.frontdesk], subject="Second")
    tell([site.cashier], subject="Not yours")
    client.force_login(site.frontdesk)
    page = client.get(reverse("inbox:list")).content.decode()
    assert page.index("Second") < page.index("First")
    assert "Not yours" not in page
    assert page.count("list-group-item-action unread") == 2

    stranger = Notification.objects.get(recipient=site.cashier)
    assert client.get(reverse("inbox:open", args=[stranger.pk])).status_code == 404
    assert Notification.objects.get(pk=stranger.pk).read_at is None

    client.post(reverse("inbox:read_all"))
    assert not Notification.objects.filter(recipient=site.frontdesk, read_at=None).exists()
    assert Notification.objects.get(pk=stranger.pk).read_at is None


def test_the_inbox_takes_the_same_queries_for_three_messages_as_for_forty(client, site):
    client.force_login(site.engineer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("inbox:list")).status_code == 200
        return len(captured)

    for _n in range(3):
        tell([site.engineer])
    few = queries()
    for _n in range(37):
        tell([site.engineer])
    assert queries() == few


def test_the_api_list_takes_the_same_queries_for_few_and_many(client, site):
    from wuye.testing.api import bearer

    headers = bearer(site.engineer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/notifications", headers=headers).status_code == 200
        return len(captured)

    tell([site.engineer])
    queries()  # the token's first use is recorded once
    few = queries()
    for _n in range(20):
        tell([site.engineer])
    assert queries() == few


def test_read_all_through_the_api_touches_only_ones_own(client, site):
    from wuye.testing.api import bearer

    tell([site.engineer, site.guard])
    answer = client.post("/api/v1/notifications/read-all", headers=bearer(site.engineer))
    assert answer.json() == {"marked": 1, "unread": 0}
    assert Notification.objects.get(recipient=site.guard).read_at is None


# ---- choosing channels ----------------------------------------------------------------------


def test_a_person_who_opts_out_of_email_still_gets_the_message_in_the_inbox(site):
    site.owner.email = "owner@example.com"
    site.owner.save()
    inbox.notification_choices_set(actor=site.owner, receives={(HELLO.name, "email"): False})
    tell([site.owner])
    assert Notification.objects.filter(recipient=site.owner, kind=HELLO.name).exists()
    assert mail.outbox == []
    entry = AuditEntry.objects.get(action="notifications.choose")
    assert entry.changes == {f"{HELLO.name} email": ["on", "off"]}

    inbox.notification_choices_set(actor=site.owner, receives={(HELLO.name, "email"): True})
    tell([site.owner])
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]


def test_the_people_on_duty_cannot_switch_an_urgent_kind_off(client, site):
    with pytest.raises(ValidationError, match="urgent"):
        inbox.notification_choices_set(
            actor=site.electrician, receives={(ALARM.name, "email"): False}
        )
    assert not NotificationOptOut.objects.exists()

    client.force_login(site.electrician)
    page = client.get(reverse("inbox:choices")).content.decode()
    assert "Urgent: always sent to the people on duty" in page
    # A form sent without the urgent box ticked is refused as a whole.
    answer = client.post(reverse("inbox:choices"), {}, follow=True)
    assert "the people on duty cannot switch it off" in answer.content.decode()
    assert not NotificationOptOut.objects.exists()


def test_the_refusal_is_in_the_persons_language(client, site):
    client.force_login(site.electrician)
    client.cookies["django_language"] = "zh-hans"
    answer = client.post(reverse("inbox:choices"), {}, follow=True)
    assert "值班人员不能关闭" in answer.content.decode()


def test_a_resident_sees_no_staff_kinds_and_may_not_choose_them(client, site):
    assert ALARM not in inbox.kinds_for(site.owner)
    with pytest.raises(ValidationError):
        inbox.notification_choices_set(actor=site.owner, receives={(ALARM.name, "sms"): False})
    with pytest.raises(ValidationError):
        inbox.notification_choices_set(actor=site.owner, receives={(HELLO.name, "inbox"): False})


# ---- channels ---------------------------------------------------------------------------


def test_text_messages_go_to_residents_mobiles_through_the_console_adapter(site, caplog):
    with caplog.at_level(logging.INFO, logger="wuye.notify"):
        tell([site.owner, site.manager], subject="Water off at 9")
    sent = [r.getMessage() for r in caplog.records]
    assert "sms to 139****0001: Water off at 9" in sent
    assert "wechat to 139****0001: Water off at 9" in sent
    assert len(sent) == 2  # the manager has no mobile on the register


def test_a_failing_channel_is_logged_and_the_others_still_deliver(site, settings, caplog):
    settings.NOTIFY_CHANNELS = ["wuye.core.tests.test_inbox.Broken"]
    tell([site.owner])
    assert Notification.objects.filter(recipient=site.owner).exists()
    assert "Notification through Broken failed" in caplog.text
    assert [c.name for c in notify.channels()] == ["inbox", "broken"]


class Broken:
    name = "broken"
    label = "Broken"
    optional = True

    def send(self, message):
        raise ConnectionError("provider down")
