"""Personal data kept for a limited time (个人信息保护法 第十九、四十七条): each class's lawful
default or the community's own period, the purge that removes what has outlived it, its
audit entry of counts, and the bytes gone from the database file."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.core import retention
from wuye.core.models import AuditEntry, RetentionPeriod
from wuye.core.retention import DataClass
from wuye.core.schedule import discover
from wuye.core.tests.fixtures import file_bytes
from wuye.estates.models import Resident
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

VISITOR = "Visitor Zhou Xiaomei"
VISITOR_ZH = "访客周晓梅"


def purge_visitors(community_id: int, before) -> int:
    """A class of the test's own: visitors (residents named "Visitor …" or "访客…") logged
    before `before` are deleted."""
    expired = Resident.objects.filter(
        Q(name__startswith="Visitor") | Q(name__startswith="访客"),
        community_id=community_id,
        created_at__lt=before,
    )
    deleted, _by_model = expired.delete()
    return deleted


VISITORS = DataClass("test_visitors", "Visitors", 90, purge_visitors)


@pytest.fixture
def visitors_only(monkeypatch):
    """The visitors are the only class kept for a limited time."""
    monkeypatch.setattr(retention, "DATA_CLASSES", [VISITORS])


def visitor(community, name: str, *, days_ago: int) -> Resident:
    person = f.ResidentFactory(community=community, name=name)
    when = timezone.now() - timedelta(days=days_ago)
    Resident.objects.filter(pk=person.pk).update(created_at=when)
    return person


def names_left(community) -> list[str]:
    return sorted(Resident.objects.filter(community=community).values_list("name", flat=True))


def test_a_class_is_kept_for_its_lawful_default_unless_the_community_says_otherwise(
    site, visitors_only
):
    RetentionPeriod.objects.create(community=site.other, key="test_visitors", days=30)

    assert retention.period(site.community.pk, "test_visitors") == 90
    assert retention.period(site.other.pk, "test_visitors") == 30
    assert retention.periods(site.other.pk) == {"test_visitors": 30}


def test_the_register_declares_former_residents_with_three_years_after_moving_out():
    kept = retention.data_class("former_residents")
    assert kept.default_days == 3 * 365
    with pytest.raises(LookupError):
        retention.data_class("no_such_class")


def test_the_purge_removes_what_outlived_each_communitys_period_and_counts_it(site, visitors_only):
    RetentionPeriod.objects.create(community=site.other, key="test_visitors", days=30)
    visitor(site.community, "Visitor Old", days_ago=91)
    visitor(site.community, "Visitor Recent", days_ago=60)
    visitor(site.other, "Visitor Month", days_ago=31)
    visitor(site.other, "Visitor Week", days_ago=7)

    assert retention.purge() == {"test_visitors": 2}

    assert "Visitor Recent" in names_left(site.community)
    assert "Visitor Old" not in names_left(site.community)
    assert "Wang Fang" in names_left(site.community)
    assert [n for n in names_left(site.other) if n.startswith("Visitor")] == ["Visitor Week"]


def test_one_entry_per_community_holds_the_counts_and_periods_and_no_name(site, visitors_only):
    visitor(site.community, VISITOR, days_ago=100)
    visitor(site.community, "Visitor Two", days_ago=100)

    retention.purge()

    entry = AuditEntry.objects.get(action=retention.PURGED)
    assert entry.community_id == site.community.pk
    assert entry.actor is None
    assert entry.changes == {"counts": {"test_visitors": 2}, "days": {"test_visitors": 90}}
    assert VISITOR not in f"{entry.object_repr} {entry.changes}"


def test_a_second_purge_changes_nothing_and_writes_nothing(site, visitors_only):
    visitor(site.community, VISITOR, days_ago=100)
    now = timezone.now()
    retention.purge(now=now)

    assert retention.purge(now=now) == {"test_visitors": 0}
    assert AuditEntry.objects.filter(action=retention.PURGED).count() == 1


def test_the_purge_of_one_community_leaves_the_others(site, visitors_only):
    visitor(site.community, "Visitor Here", days_ago=100)
    visitor(site.other, "Visitor There", days_ago=100)

    assert retention.purge(site.other) == {"test_visitors": 1}
    assert "Visitor Here" in names_left(site.community)


def test_a_dry_run_counts_and_changes_nothing(site, visitors_only):
    visitor(site.community, VISITOR, days_ago=100)
    out = io.StringIO()

    call_command("purge", "--dry-run", stdout=out)

    assert "test_visitors  1" in out.getvalue()
    assert VISITOR in names_left(site.community)
    assert not AuditEntry.objects.filter(action=retention.PURGED).exists()

    call_command("purge", stdout=io.StringIO())
    assert VISITOR not in names_left(site.community)


def test_the_purge_runs_every_night():
    schedule = {entry.name: entry.cron for entry in discover()}
    assert schedule["wuye.core.tasks.purge_expired_personal_data"] == "40 3 * * *"


@pytest.mark.parametrize("name", [VISITOR, VISITOR_ZH])
def test_no_purged_name_is_left_in_the_database_file(file_database, name, visitors_only):
    community = f.CommunityFactory()
    visitor(community, name, days_ago=100)
    visitor(community, "Visitor Still Welcome", days_ago=1)
    written = name.encode()
    assert written in file_bytes(file_database)

    assert retention.purge() == {"test_visitors": 1}

    on_disk = file_bytes(file_database)
    assert written not in on_disk
    assert b"Visitor Still Welcome" in on_disk


# ---- the settings page ------------------------------------------------------------------


def page(site, community=None):
    return reverse("settings:retention", args=[(community or site.community).pk])


@pytest.fixture
def two_classes(monkeypatch):
    parcels = DataClass("test_parcels", "Parcels", 180, lambda community_id, before: 0)
    monkeypatch.setattr(retention, "DATA_CLASSES", [VISITORS, parcels])


def test_the_page_shows_each_class_its_default_period_and_the_last_purge(client, site, two_classes):
    RetentionPeriod.objects.create(community=site.community, key="test_parcels", days=60)
    visitor(site.community, VISITOR, days_ago=100)
    retention.purge()
    client.force_login(site.manager)

    response = client.get(page(site))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="test_visitors" value="90"' in html
    assert 'name="test_parcels" value="60"' in html
    assert "Lawful default: 180 days" in html
    assert "1 removed last time" in html
    assert "第四十七条" in html
    assert VISITOR not in html


def test_a_manager_changes_a_period_and_the_change_is_audited(client, site, two_classes):
    client.force_login(site.manager)

    response = client.post(page(site), {"test_visitors": "30", "test_parcels": "180"})

    assert response.status_code == 302
    assert retention.periods(site.community.pk) == {"test_visitors": 30, "test_parcels": 180}
    assert retention.periods(site.other.pk) == {"test_visitors": 90, "test_parcels": 180}
    entry = AuditEntry.objects.get(action=retention.PERIOD_CHANGED)
    assert entry.changes == {"days": ["90", "30"]}
    assert entry.object_repr == "Visitors"
    assert RetentionPeriod.objects.count() == 1  # an unchanged default is not written
    history = client.get(reverse("settings:retention_history", args=[site.community.pk]))
    assert "Visitors" in history.content.decode()


@pytest.mark.parametrize(
    "typed, error",
    [
        ("0", "Keep it at least one day."),
        ("-5", "Keep it at least one day."),
        ("3651", "Keep it at most 3650 days (ten years)."),
        ("thirty", "Give a whole number of days."),
        ("", "Give a whole number of days."),
        ("1.5", "Give a whole number of days."),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_changes_nothing(
    client, site, two_classes, typed, error
):
    client.force_login(site.manager)

    response = client.post(page(site), {"test_visitors": "30", "test_parcels": typed})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not RetentionPeriod.objects.exists()
    assert not AuditEntry.objects.filter(action=retention.PERIOD_CHANGED).exists()


def test_the_error_is_in_chinese_for_a_chinese_reader(client, site, two_classes):
    client.force_login(site.manager)

    response = client.post(
        page(site), {"test_visitors": "0", "test_parcels": "180"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert "至少保留一天" in response.content.decode()


@pytest.mark.parametrize("who", ["frontdesk", "guard", "owner", "other_manager"])
def test_only_the_communitys_managers_may_see_or_change_the_periods(client, site, who):
    client.force_login(getattr(site, who))
    key = retention.DATA_CLASSES[0].key

    assert client.get(page(site)).status_code == 403
    assert client.post(page(site), {key: "5"}).status_code == 403
    assert not RetentionPeriod.objects.exists()


def test_the_page_reads_with_the_same_queries_however_many_classes_and_periods(
    client, site, monkeypatch
):
    client.force_login(site.manager)
    client.get(page(site))  # the session and the menu, warmed

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page(site)).status_code == 200
        return len(captured)

    monkeypatch.setattr(retention, "DATA_CLASSES", [VISITORS])
    one = queries()
    many = [
        DataClass(f"test_{n}", f"Class {n}", 30 + n, lambda community_id, before: 0)
        for n in range(8)
    ]
    monkeypatch.setattr(retention, "DATA_CLASSES", [VISITORS, *many])
    for data_class in many:
        RetentionPeriod.objects.create(community=site.community, key=data_class.key, days=7)
    visitor(site.community, VISITOR, days_ago=100)
    retention.purge()

    assert queries() == one
