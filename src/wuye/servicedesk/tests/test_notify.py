"""Who never signed in hears in their community's language (a Chinese community: Chinese),
never in the site's default; a language the person chose comes first."""

from wuye.core import notify
from wuye.core.models import Community, Notification
from wuye.servicedesk import notifications
from wuye.servicedesk.models import NotificationLanguage

from .fixtures import MONDAY_10, order_in


def inbox() -> dict[str, str]:
    return {m.recipient.username: m.subject.split(" · ", 1)[1] for m in Notification.objects.all()}


def test_a_new_community_speaks_simplified_chinese(site):
    fresh = Community.objects.create(company=site.community.company, code="NEW", name="新小区")
    assert fresh.language == "zh-hans"


def test_who_never_signed_in_hears_in_the_communitys_chinese(
    site, settings, django_capture_on_commit_callbacks
):
    assert settings.LANGUAGE_CODE == "en"
    Community.objects.filter(pk=site.community.pk).update(language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        order_in(site, "resolved", at=MONDAY_10)
    assert inbox() == {"electrician": "有一张工单派给了您。", "owner": "您的报事已办结。"}
    body = Notification.objects.get(recipient=site.owner).body
    assert "户内报修" in body and "Repair in a home" not in body


def test_a_language_the_person_chose_comes_before_the_communitys(
    site, django_capture_on_commit_callbacks
):
    Community.objects.filter(pk=site.community.pk).update(language="zh-hans")
    NotificationLanguage.objects.create(user=site.owner, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        order_in(site, "resolved", at=MONDAY_10)
    assert inbox()["owner"] == "Your request has been resolved."
    assert inbox()["electrician"] == "有一张工单派给了您。"


def test_the_work_order_notifications_are_registered_with_the_message_centre():
    kinds = {kind.name: str(kind.text) for kind in notify.kinds()}
    assert kinds["servicedesk.dispatched"] == "A work order was assigned to you."
    assert {"servicedesk.resolved", "servicedesk.escalated"} <= set(kinds)
    assert notify.KINDS["servicedesk.escalated"].urgent
    assert notify.LINKS["servicedesk.workorder"] is notifications.order_link
    assert notifications.chosen_languages in notify.LANGUAGE_SOURCES
