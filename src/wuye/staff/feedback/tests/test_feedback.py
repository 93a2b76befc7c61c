"""Staff suggestions and complaints: anyone on the staff writes; the manager answers once and
the author is told; an anonymous one never shows its author to the manager."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wuye.core.models import AuditEntry, Notification
from wuye.staff.feedback import services
from wuye.staff.feedback.models import FeedbackStatus, StaffFeedback


def write(site, who="guard", **data):
    values = {"kind": "suggestion", "subject": "夜班巡逻路线", "body": "建议增加地库巡逻。"} | data
    return services.feedback_submit(actor=getattr(site, who), community=site.community, **values)


def url(site, name, *args):
    return reverse(f"staff:{name}", args=[site.community.pk, *args])


@pytest.mark.parametrize(
    "bad",
    [{"kind": "praise"}, {"subject": " "}, {"body": ""}, {"subject": "x" * 121}],
)
def test_bad_input_writes_nothing(site, bad):
    with pytest.raises(ValidationError):
        write(site, **bad)
    assert not StaffFeedback.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="staff_feedback").exists()


def test_the_manager_answers_once_and_the_author_is_told(site, django_capture_on_commit_callbacks):
    item = write(site)
    with pytest.raises(PermissionDenied):
        services.feedback_answer(actor=site.guard, feedback=item, answer="好")
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_answer(actor=site.manager, feedback=item, answer="下周起增加。")
    item.refresh_from_db()
    assert item.status == FeedbackStatus.ANSWERED
    assert item.answered_by == site.manager
    assert (
        Notification.objects.filter(recipient=site.guard, kind="staff.feedback_answered").count()
        == 1
    )
    with pytest.raises(ValidationError):
        services.feedback_answer(actor=site.manager, feedback=item, answer="again")
    item.refresh_from_db()
    assert item.answer == "下周起增加。"


def test_an_anonymous_item_never_shows_its_author_to_the_manager(client, site):
    site.guard.first_name, site.guard.last_name = "建国", "王"
    site.guard.save()
    item = write(site, anonymous=True, kind="complaint", subject="排班不公")
    entry = AuditEntry.objects.get(action="staff_feedback.submit")
    assert entry.actor is None
    assert "guard" not in str(entry.changes) and str(site.guard.pk) not in str(entry.changes)

    client.force_login(site.manager)
    for page in (url(site, "feedback_list"), url(site, "feedback", item.pk)):
        content = client.get(page).content.decode()
        assert "排班不公" in content
        assert "王建国" not in content and "guard" not in content.lower().replace(
            "security_guard", ""
        )
    audit = client.get(reverse("core:audit", args=[site.community.pk])).content.decode()
    assert "王建国" not in audit

    client.force_login(site.guard)
    mine = client.get(url(site, "feedback", item.pk)).content.decode()
    assert "王建国" in mine


def test_a_named_item_shows_its_author(client, site):
    site.guard.first_name, site.guard.last_name = "建国", "王"
    site.guard.save()
    item = write(site)
    client.force_login(site.manager)
    assert "王建国" in client.get(url(site, "feedback", item.pk)).content.decode()


def test_a_guard_writes_and_sees_only_their_own(client, site):
    theirs = write(site, who="frontdesk", subject="前台空调")
    client.force_login(site.guard)
    response = client.post(
        url(site, "feedback_list"),
        {"kind": "suggestion", "subject": "岗亭照明", "body": "灯坏了", "anonymous": "on"},
    )
    assert response.status_code == 302
    mine = StaffFeedback.objects.get(subject="岗亭照明")
    assert mine.author == site.guard and mine.anonymous
    listed = client.get(url(site, "feedback_list")).content.decode()
    assert "岗亭照明" in listed and "前台空调" not in listed
    assert client.get(url(site, "feedback", theirs.pk)).status_code == 404
    assert client.post(url(site, "feedback_answer", mine.pk), {"answer": "x"}).status_code == 403


def test_the_register_lists_open_first_in_few_queries(client, site, django_assert_max_num_queries):
    answered = write(site, subject="已答复")
    services.feedback_answer(actor=site.manager, feedback=answered, answer="好")
    for n in range(8):
        write(site, subject=f"待答复{n}", anonymous=n % 2 == 0)
    client.force_login(site.manager)
    with django_assert_max_num_queries(20):
        content = client.get(url(site, "feedback_list")).content.decode()
    assert content.index("待答复") < content.index("已答复")


def test_outsiders_may_not_open_the_register(client, site):
    client.force_login(site.other_manager)
    assert client.get(url(site, "feedback_list")).status_code == 403
