"""The organisation's pages: the chart and the staff list for supervisors, forms for the
manager, and the export named in the reader's language."""

from datetime import date

import pytest
from django.urls import reverse

from wuye.staff.organisation.models import Assignment, Department
from wuye.testing.downloads import saved_as


def url(site, name, *args):
    return reverse(f"staff:{name}", args=[site.community.pk, *args])


@pytest.mark.parametrize("who", ["manager", "engineer", "admin"])
def test_supervisors_see_the_chart_and_the_staff_list(client, site, office, who):
    client.force_login(getattr(site, who))

    chart = client.get(url(site, "organisation"))
    people = client.get(url(site, "people"))

    assert chart.status_code == people.status_code == 200
    page = chart.content.decode()
    assert "<svg" in page and "人行岗" in page and "工程维修部" in page
    assert 'data-person="guard"' in people.content.decode()


@pytest.mark.parametrize("who", ["guard", "frontdesk", "cashier", "owner", "other_manager"])
def test_others_get_403_on_the_staff_pages(client, site, office, who):
    client.force_login(getattr(site, who))
    for name, args in [
        ("people", ()),
        ("organisation", ()),
        ("people_export", ()),
        ("person", (site.guard.pk,)),
        ("organisation_manage", ()),
    ]:
        assert client.get(url(site, name, *args)).status_code == 403, name


def test_a_supervisor_may_not_manage(client, site, office):
    client.force_login(site.engineer)
    assert client.get(url(site, "organisation_manage")).status_code == 403
    assert client.get(url(site, "post_assign", office.gate.pk)).status_code == 403


def test_the_staff_list_filters_by_department(client, site, office):
    client.force_login(site.manager)
    page = client.get(url(site, "people"), {"department": office.security.pk}).content.decode()
    assert 'data-person="guard"' in page and 'data-person="manager"' not in page
    junk = client.get(url(site, "people"), {"department": "x", "state": "nope", "q": "a" * 99})
    assert junk.status_code == 200


def test_the_staff_list_reads_in_the_same_queries_however_many_people(
    client, site, office, django_assert_max_num_queries
):
    from wuye.testing import factories as f

    client.force_login(site.manager)
    client.get(url(site, "people"))
    with django_assert_max_num_queries(20) as few:
        client.get(url(site, "people"))
    before = len(few.captured_queries)
    for n in range(8):
        f.MembershipFactory(
            user=f.UserFactory(username=f"guard-{n}"), community=site.community, role="guard"
        )
    with django_assert_max_num_queries(before):
        client.get(url(site, "people"))


def test_the_export_downloads_under_a_chinese_name(client, site, office):
    client.force_login(site.manager)
    client.cookies["django_language"] = "zh-hans"

    response = client.get(url(site, "people_export"), headers={"accept-language": "zh-hans"})

    assert response.status_code == 200
    disposition, name = saved_as(response)
    assert disposition == "attachment"
    assert name.startswith("员工名单") and name.endswith(".xlsx")


def test_the_person_page_shows_post_and_history(client, site, office):
    client.force_login(site.manager)
    page = client.get(url(site, "person", site.guard.pk)).content.decode()
    assert 'data-current-post="pedestrian-gate"' in page
    assert client.get(url(site, "person", site.owner.pk)).status_code == 404
    assert client.get(url(site, "person", site.other_manager.pk)).status_code == 404


def test_the_manager_adds_a_department_assigns_and_ends_a_post(client, site, office):
    client.force_login(site.manager)

    added = client.post(
        url(site, "department_add"), {"name": "会所", "kind": "clubhouse", "order": "70"}
    )
    assigned = client.post(
        url(site, "post_assign", office.gate.pk),
        {"user": site.frontdesk.pk, "started_on": "2026-04-01"},
    )
    held = Assignment.objects.get(user=site.frontdesk)
    ended = client.post(url(site, "assignment_end", held.pk), {"ended_on": "2026-05-01"})

    assert added.status_code == assigned.status_code == ended.status_code == 302
    assert Department.objects.filter(name="会所").exists()
    held.refresh_from_db()
    assert held.post == office.gate and held.ended_on == date(2026, 5, 1)


def test_a_refused_assignment_shows_why_and_changes_nothing(client, site, office):
    client.force_login(site.manager)
    response = client.post(
        url(site, "post_assign", office.gate.pk),
        {"user": site.guard.pk, "started_on": "2026-04-01"},
    )
    assert response.status_code == 400
    assert Assignment.objects.filter(user=site.guard).count() == 1
