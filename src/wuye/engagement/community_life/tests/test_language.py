"""A household that never signed in hears of its events in the community's language."""

from wuye.core.models import Community, Notification
from wuye.engagement.community_life import services

from .fixtures import announce, sign


def test_a_cancellation_reaches_who_never_signed_in_in_chinese(
    site, django_capture_on_commit_callbacks
):
    Community.objects.filter(pk=site.community.pk).update(language="zh-hans")
    site.community.refresh_from_db()
    event = announce(site, capacity=3)
    sign(site, event, "owner", "owner_home", 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(actor=site.manager, event=event, reason="沙尘暴预警")
    told = Notification.objects.get(recipient=site.owner)
    assert told.subject.startswith("活动已取消")
