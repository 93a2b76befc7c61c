"""Reading the organisation: the tree with holders and vacancies, the staff list's states."""

from datetime import date

from wuye.staff.certificates.models import Certificate
from wuye.staff.organisation import queries, services
from wuye.staff.people import queries as people

from .conftest import OPENED

TODAY = date(2026, 6, 1)


def certificate(site, user, kind, until, number):
    return Certificate.objects.create(
        community=site.community, user=user, kind=kind, number=number, valid_until=until
    )


def test_the_tree_has_holders_and_vacancies(site, office):
    roots = queries.organisation_tree(site.community)

    assert [r.department.name for r in roots] == ["管理处"]
    children = {c.department.name: c for c in roots[0].children}
    assert set(children) == {"安管部", "工程维修部"}
    gate = children["安管部"].posts[0]
    assert gate.holders == [site.guard] and gate.vacancies == 1


def test_the_tree_is_read_in_three_queries_however_large(site, office, django_assert_num_queries):
    with django_assert_num_queries(3):
        queries.organisation_tree(site.community)
    for n in range(5):
        post = services.post_create(
            actor=site.manager, department=office.security, title=f"岗{n}", code=f"p{n}"
        )
        services.assignment_start(
            actor=site.manager, post=post, user=site.cashier, started_on=date(2025, 4, 1 + n)
        )
    with django_assert_num_queries(3):
        queries.organisation_tree(site.community)


def test_certificate_states_valid_expiring_expired_and_missing(site, office):
    certificate(site, site.guard, "security_guard", date(2026, 7, 1), "G1")  # 30 days left
    certificate(site, site.manager, "other", date(2027, 1, 1), "M1")
    certificate(site, site.cashier, "health", date(2026, 5, 31), "H1")  # yesterday

    rows = {r.user.username: r for r in people.staff_rows(site.community, today=TODAY)}

    assert rows["guard"].state == people.EXPIRING
    assert rows["manager"].state == people.VALID
    assert rows["cashier"].state == people.EXPIRED
    assert rows["electrician"].state == people.MISSING
    assert rows["electrician"].missing == ["electrician"]
    assert rows["frontdesk"].state == people.NONE and rows["frontdesk"].post is None
    assert "owner" not in rows and "other_manager" not in rows
    assert rows["admin"].user == site.admin  # the company's administrator is staff too


def test_an_expired_required_certificate_is_missing(site, office):
    certificate(site, site.electrician, "electrician", date(2026, 1, 1), "E1")
    row = people.staff_rows(site.community, text="electrician", today=TODAY)[0]
    assert row.state == people.MISSING


def test_filters_by_department_post_state_and_name(site, office):
    assert {
        r.user for r in people.staff_rows(site.community, department_id=office.security.pk)
    } == {site.guard}
    assert [r.user for r in people.staff_rows(site.community, post_id=office.manager_post.pk)] == [
        site.manager
    ]
    missing = people.staff_rows(site.community, state=people.MISSING, today=TODAY)
    assert {r.user for r in missing} == {site.guard, site.electrician}
    assert [r.user for r in people.staff_rows(site.community, text="CASH")] == [site.cashier]


def test_the_staff_list_is_read_in_a_fixed_number_of_queries(
    site, office, django_assert_num_queries
):
    with django_assert_num_queries(3):
        people.staff_rows(site.community, today=TODAY)
    certificate(site, site.guard, "security_guard", date(2027, 7, 1), "G2")
    certificate(site, site.engineer, "electrician", date(2027, 7, 1), "E2")
    services.assignment_start(
        actor=site.manager, post=office.gate, user=site.frontdesk, started_on=OPENED
    )
    with django_assert_num_queries(3):
        people.staff_rows(site.community, today=TODAY)
