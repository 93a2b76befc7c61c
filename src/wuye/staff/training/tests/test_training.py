"""Training: recording sessions, the scores, a person's record, and each department's hours
per quarter; who may do what; a refused change changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wuye.core.models import AuditEntry
from wuye.staff.organisation.models import Assignment, Department, Post
from wuye.staff.training import queries, services
from wuye.staff.training.models import Course, TrainingRecord, TrainingSession
from wuye.testing import factories as f
from wuye.testing.bombs import png_claiming


@pytest.fixture
def course(site):
    return services.course_create(
        actor=site.manager, community=site.community, title="消防安全", topic="safety", hours="2"
    )


def record(site, course, day, people, **extra):
    return services.session_record(
        actor=extra.pop("actor", site.manager),
        course=course,
        date=day,
        hours=extra.pop("hours", "2"),
        trainer=extra.pop("trainer", site.engineer),
        attendees=people,
        **extra,
    )


def counts():
    return (
        TrainingSession.objects.count(),
        TrainingRecord.objects.count(),
        AuditEntry.objects.filter(action__startswith="training.session").count(),
    )


def test_a_session_credits_each_attendee_its_hours_and_scores(site, course):
    session = record(
        site,
        course,
        date(2026, 3, 10),
        [site.guard, site.electrician],
        hours="1.5",
        scores={site.guard: 85, site.electrician: None},
        place="会议室",
    )
    rows = {r.user_id: r for r in session.records.all()}
    assert rows[site.guard.pk].hours == Decimal("1.5")
    assert rows[site.guard.pk].score == 85
    assert rows[site.electrician.pk].score is None
    assert AuditEntry.objects.filter(action="training.session_record").count() == 1

    services.session_update_scores(
        actor=site.manager, session=session, scores={site.electrician.pk: "70"}
    )
    assert TrainingRecord.objects.get(session=session, user=site.electrician).score == 70


@pytest.mark.parametrize(
    "bad",
    [
        {"hours": "0"},
        {"hours": "100"},
        {"hours": "abc"},
        {"trainer": None},
        {"people": []},
        {"people": "outsider"},
        {"scores": "101"},
        {"scores": "-1"},
        {"scores": "nine"},
        {"attachment": "text"},
        {"attachment": "bomb"},
    ],
)
def test_bad_input_records_nothing(site, course, bad):
    people = [site.guard]
    extra = {}
    if "hours" in bad:
        extra["hours"] = bad["hours"]
    if "trainer" in bad:
        extra["trainer"] = None
    if bad.get("people") == []:
        people = []
    if bad.get("people") == "outsider":
        people = [site.guard, site.other_manager]
    if "scores" in bad:
        extra["scores"] = {site.guard: bad["scores"]}
    if bad.get("attachment") == "text":
        extra["attachment"] = SimpleUploadedFile("a.txt", b"hello world", "text/plain")
    if bad.get("attachment") == "bomb":
        extra["attachment"] = png_claiming(30_000, 30_000)
    before = counts()
    with pytest.raises(ValidationError):
        record(site, course, date(2026, 3, 10), people, **extra)
    assert counts() == before


def test_an_outside_trainer_by_name_and_a_pdf_sheet(site, course, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sheet = SimpleUploadedFile("sheet.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    session = record(
        site,
        course,
        date(2026, 3, 10),
        [site.guard],
        trainer=None,
        trainer_name="消防支队 王教官",
        attachment=sheet,
    )
    assert session.trainer_name == "消防支队 王教官"
    assert session.attachment.name.endswith(".pdf")


def test_only_managers_and_supervisors_record(site, course):
    with pytest.raises(PermissionDenied):
        record(site, course, date(2026, 3, 10), [site.guard], actor=site.guard)
    with pytest.raises(PermissionDenied):
        services.course_create(actor=site.frontdesk, community=site.community, title="x")


def test_course_titles_are_unique_in_a_community(site, course):
    with pytest.raises(ValidationError):
        services.course_create(actor=site.manager, community=site.community, title="消防安全")
    assert Course.objects.filter(community=site.community).count() == 1


def _organisation(site):
    security = Department.objects.create(community=site.community, name="安管部", order=40)
    engineering = Department.objects.create(community=site.community, name="工程维修部", order=30)
    gate = Post.objects.create(
        community=site.community, department=security, title="人行岗", code="pedestrian-gate"
    )
    duty = Post.objects.create(
        community=site.community, department=engineering, title="值班电工", code="duty-electrician"
    )
    # The guard moved from security to engineering on 1 July.
    Assignment.objects.create(
        community=site.community,
        post=gate,
        user=site.guard,
        started_on=date(2025, 1, 1),
        ended_on=date(2026, 6, 30),
    )
    Assignment.objects.create(
        community=site.community, post=duty, user=site.guard, started_on=date(2026, 7, 1)
    )
    Assignment.objects.create(
        community=site.community, post=duty, user=site.electrician, started_on=date(2025, 1, 1)
    )
    return security, engineering


def test_department_hours_follow_the_post_held_on_the_day(site, course, django_assert_num_queries):
    security, engineering = _organisation(site)
    record(site, course, date(2026, 2, 3), [site.guard, site.electrician, site.frontdesk])
    record(site, course, date(2026, 6, 30), [site.guard], hours="1.5")
    record(site, course, date(2026, 7, 1), [site.guard, site.electrician], hours="3")
    record(site, course, date(2026, 12, 31), [site.frontdesk], hours="0.5")
    record(site, course, date(2025, 12, 31), [site.guard], hours="4")  # another year

    with django_assert_num_queries(3):
        rows = queries.department_hours(site.community.pk, 2026)

    found = {row.name: row.by_quarter() for row in rows}
    assert [row.name for row in rows] == ["工程维修部", "安管部", "No department"]
    assert found["安管部"] == [Decimal("2"), Decimal("1.5"), 0, 0]
    assert found["工程维修部"] == [Decimal("2"), 0, Decimal("6"), 0]
    assert found["No department"] == [Decimal("2"), 0, 0, Decimal("0.5")]
    assert queries.year_totals(rows) == [Decimal("6"), Decimal("1.5"), Decimal("6"), Decimal("0.5")]


def test_a_persons_record_counts_this_years_hours(site, course):
    record(site, course, date(2025, 11, 3), [site.guard], hours="4", scores={site.guard: 60})
    record(site, course, date(2026, 2, 3), [site.guard], scores={site.guard: 90})
    found = queries.person_record(site.community.pk, site.guard.pk, date(2026, 12, 7))
    assert found.total_hours == Decimal("6")
    assert found.year_hours == Decimal("2")
    assert found.average_score == 75
    assert [r.session.date for r in found.records] == [date(2026, 2, 3), date(2025, 11, 3)]


# ---- pages ------------------------------------------------------------------------------


def url(site, name, *args):
    return reverse(f"staff:{name}", args=[site.community.pk, *args])


@pytest.mark.parametrize("who", ["manager", "engineer", "admin"])
def test_supervisors_open_every_page(client, site, course, who):
    session = record(site, course, date(2026, 3, 10), [site.guard])
    client.force_login(getattr(site, who))
    for name, args in [
        ("training_sessions", ()),
        ("training_courses", ()),
        ("training_course_create", ()),
        ("training_record", ()),
        ("training_hours", ()),
        ("training_session", (session.pk,)),
        ("training_person", (site.guard.pk,)),
    ]:
        assert client.get(url(site, name, *args)).status_code == 200, name


@pytest.mark.parametrize("who", ["guard", "frontdesk", "other_manager"])
def test_others_may_not_open_training(client, site, course, who):
    client.force_login(getattr(site, who))
    assert client.get(url(site, "training_sessions")).status_code == 403
    assert client.get(url(site, "training_record")).status_code == 403


def test_recording_through_the_page(client, site, course):
    client.force_login(site.manager)
    response = client.post(
        url(site, "training_record"),
        {
            "course": course.pk,
            "date": "2026-03-10",
            "trainer": site.engineer.pk,
            "attendees": [site.guard.pk, site.electrician.pk],
            f"score_{site.guard.pk}": "88",
        },
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert session.hours == course.hours == Decimal("2")
    assert {r.user_id: r.score for r in session.records.all()} == {
        site.guard.pk: 88,
        site.electrician.pk: None,
    }

    refused = client.post(
        url(site, "training_record"),
        {
            "course": course.pk,
            "date": "2026-03-11",
            "hours": "2",
            "trainer_name": "",
            "attendees": [site.guard.pk],
            f"score_{site.guard.pk}": "188",
        },
    )
    assert refused.status_code == 400
    assert TrainingSession.objects.count() == 1


def test_lists_take_a_fixed_number_of_queries(client, site, course, django_assert_max_num_queries):
    _organisation(site)
    for day in range(1, 4):
        record(site, course, date(2026, 3, day), [site.guard, site.electrician, site.frontdesk])
    client.force_login(site.manager)
    for name, args in [
        ("training_sessions", ()),
        ("training_hours", ()),
        ("training_person", (site.guard.pk,)),
        ("training_record", ()),
    ]:
        with django_assert_max_num_queries(20):
            assert client.get(url(site, name, *args)).status_code == 200
    many = 12
    for day in range(4, 4 + many):
        record(site, course, date(2026, 3, day), [site.guard, site.electrician])
    with django_assert_max_num_queries(20):
        client.get(url(site, "training_sessions"))
    with django_assert_max_num_queries(20):
        client.get(url(site, "training_hours") + "?year=2026")
    with django_assert_max_num_queries(20):
        client.get(url(site, "training_person", site.guard.pk))


def test_hours_page_shows_the_chart_and_the_table(client, site, course):
    _organisation(site)
    record(site, course, date(2026, 2, 3), [site.guard])
    client.force_login(site.manager)
    page = client.get(url(site, "training_hours") + "?year=2026").content.decode()
    assert "chart-wide" in page and "chart-phone" in page
    assert "安管部" in page
    assert client.get(url(site, "training_hours") + "?year=abc").status_code == 200


def test_a_person_of_another_community_is_not_found(client, site):
    client.force_login(site.manager)
    outsider = f.UserFactory()
    assert client.get(url(site, "training_person", outsider.pk)).status_code == 404


def test_odd_digits_in_the_address_and_the_form_are_refused_not_a_crash(client, site, course):
    session = record(site, course, date(2026, 3, 10), [site.guard])
    client.force_login(site.manager)
    assert client.get(url(site, "training_hours") + "?year=%C2%B2").status_code == 200
    assert client.get(url(site, "training_record") + "?course=%C2%B2").status_code == 200
    response = client.post(
        url(site, "training_record"),
        {
            "course": course.pk,
            "date": "2026-03-11",
            "trainer": site.engineer.pk,
            "attendees": [site.guard.pk],
            f"score_{site.guard.pk}": "\u00b2",
        },
    )
    assert response.status_code == 400
    client.post(url(site, "training_scores", session.pk), {f"score_{site.guard.pk}": "\u00b2"})
    assert TrainingRecord.objects.get(session=session).score is None
    with pytest.raises(ValidationError):
        services.session_update_scores(
            actor=site.manager, session=session, scores={site.guard.pk: "1_0"}
        )
