"""Fund-usage publicity on the staff pages, in the owners' portal, as PDFs and in the API."""

from datetime import date

import pytest
from django.urls import reverse

from wuye.engagement.models import CommitteeMember, FundPeriod
from wuye.engagement.publicity import services
from wuye.testing.api import bearer
from wuye.testing.pdf import assert_fonts_embedded, pdf_text

from .fixtures import draft, published, seat

QUARTERS = [date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)]


def _url(name, site, *args):
    return reverse(f"engagement:{name}", args=[site.community.pk, *args])


# ---- staff pages ---------------------------------------------------------------------------


def test_the_manager_prepares_fills_and_publishes_a_period_on_the_staff_pages(client, site):
    client.force_login(site.manager)
    response = client.post(_url("publicity_list", site), {"kind": "quarter", "start": "2026-07-01"})
    period = FundPeriod.objects.get()
    assert response.url == _url("publicity", site, period.pk)
    client.post(
        _url("publicity_line_add", site, period.pk),
        {"category": "parking", "description": "Ground parking", "amount": "4500.50"},
    )
    client.post(
        _url("publicity_line_add", site, period.pk),
        {"category": "staff", "description": "Wages", "amount": "9000"},
    )
    client.post(_url("publicity_fill", site, period.pk))
    line = period.lines.get(category="staff")
    client.post(_url("publicity_line_remove", site, period.pk, line.pk))
    assert list(period.lines.values_list("category", flat=True)) == ["parking"]
    html = client.get(_url("publicity", site, period.pk)).content.decode()
    assert "Publish" in html and "<svg" in html and "¥2,250.25" in html
    client.post(_url("publicity_publish", site, period.pk))
    period.refresh_from_db()
    assert period.is_published
    html = client.get(_url("publicity", site, period.pk)).content.decode()
    assert "Remove" not in html and "Start a correction" in html
    response = client.post(_url("publicity_correct", site, period.pk), {"note": "Ads missing"})
    correction = FundPeriod.objects.get(corrects=period)
    assert response.url == _url("publicity", site, correction.pk)
    html = client.get(_url("publicity", site, period.pk)).content.decode()
    assert "Corrected by" in html


def test_a_bad_period_or_line_is_refused_with_a_message_naming_the_problem(client, site):
    client.force_login(site.manager)
    response = client.post(_url("publicity_list", site), {"kind": "quarter", "start": "2026-08-01"})
    assert response.status_code == 200
    assert "A quarter starts on 1 January" in response.content.decode()
    period = draft(site, lines=[])
    response = client.post(
        _url("publicity_line_add", site, period.pk),
        {"category": "staff", "description": "Wages", "amount": "-1"},
        follow=True,
    )
    assert not period.lines.exists()
    assert "greater than or equal to 0.01" in response.content.decode()


def test_who_may_open_prepare_and_publish_on_the_staff_pages(client, site):
    period = draft(site)
    for user, status in ((site.guard, 403), (site.electrician, 403), (site.other_manager, 403)):
        client.force_login(user)
        assert client.get(_url("publicity_list", site)).status_code == status
    client.force_login(site.frontdesk)
    assert client.get(_url("publicity", site, period.pk)).status_code == 200
    assert client.post(_url("publicity_publish", site, period.pk)).status_code == 403
    client.force_login(site.cashier)
    assert "Start the draft" not in client.get(_url("publicity_list", site)).content.decode()
    assert client.post(_url("publicity_fill", site, period.pk)).status_code == 403
    period.refresh_from_db()
    assert not period.is_published


def test_the_staff_list_does_not_grow_in_queries_with_periods(
    client, site, django_assert_max_num_queries
):
    client.force_login(site.manager)
    published(site, start=QUARTERS[0])
    client.get(_url("publicity_list", site))
    with django_assert_max_num_queries(12) as few:
        client.get(_url("publicity_list", site))
    for start in QUARTERS[1:]:
        published(site, start=start)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("publicity_list", site))
    assert response.content.decode().count("data-period=") == 4


def test_the_manager_keeps_the_committee_register(client, site):
    client.force_login(site.manager)
    response = client.post(
        _url("committee", site),
        {"resident": site.residents["owner"].pk, "role": "chair", "start_date": "2025-03-01"},
    )
    assert response.status_code == 302
    member = CommitteeMember.objects.get()
    client.post(_url("committee_end", site, member.pk), {"end_date": "2025-12-31"})
    member.refresh_from_db()
    assert member.end_date == date(2025, 12, 31)
    response = client.post(
        _url("committee", site),
        {"resident": site.residents["tenant"].pk, "role": "member", "start_date": "2025-03-01"},
    )
    assert "Select a valid choice" in response.content.decode()
    client.force_login(site.frontdesk)
    assert client.get(_url("committee", site)).status_code == 403


def test_the_admin_seats_committee_members_through_the_services(client, site):
    client.force_login(site.admin)
    response = client.post(
        reverse("admin:engagement_committeemember_add"),
        {
            "community": site.community.pk,
            "resident": site.residents["tenant"].pk,
            "role": "member",
            "start_date": "2025-03-01",
        },
    )
    assert response.status_code == 200 and not CommitteeMember.objects.exists()
    assert "Choose an owner of this community." in response.content.decode()
    client.post(
        reverse("admin:engagement_committeemember_add"),
        {
            "community": site.community.pk,
            "resident": site.residents["owner2"].pk,
            "role": "vice_chair",
            "start_date": "2025-03-01",
        },
    )
    member = CommitteeMember.objects.get()
    assert (member.resident, member.created_by) == (site.residents["owner2"], site.admin)


# ---- the owners' portal --------------------------------------------------------------------


def test_owners_see_totals_and_committee_members_see_the_lines(client, site):
    period = published(site)
    url = reverse("engagement_portal:publicity", args=[period.pk])
    client.force_login(site.owner)
    html = client.get(url).content.decode()
    assert "Outsourced cleaning" not in html  # a category with no money is left out
    assert "Staff" in html and "Wages" not in html and "data-line=" not in html
    assert html.count("chart chart-wide") == 3 and "¥21,000.25" in html
    seat(site, resident="owner2")
    client.force_login(site.owner2)
    html = client.get(url).content.decode()
    assert "Wages" in html and "data-detail" in html
    client.force_login(site.other_owner)
    assert client.get(url).status_code == 404
    drafted = draft(site, start=date(2026, 1, 1))
    client.force_login(site.owner)
    assert client.get(reverse("engagement_portal:publicity", args=[drafted.pk])).status_code == 404


def test_the_corrected_publication_points_owners_to_its_correction(client, site):
    original = published(site)
    correction = services.fund_period_correct(actor=site.manager, period=original)
    client.force_login(site.tenant)
    url = reverse("engagement_portal:publicity", args=[original.pk])
    assert "data-corrected-by" not in client.get(url).content.decode()
    services.fund_period_publish(actor=site.manager, period=correction)
    html = client.get(url).content.decode()
    assert "data-corrected-by" in html
    assert reverse("engagement_portal:publicity", args=[correction.pk]) in html


def test_portal_pages_do_not_grow_in_queries_with_periods_or_lines(
    client, site, django_assert_max_num_queries
):
    seat(site, resident="owner")
    client.force_login(site.owner)
    first = published(site, start=QUARTERS[0], lines=[("staff", "Wages", "100")])
    list_url = reverse("engagement_portal:publicity_list")
    client.get(list_url)
    with django_assert_max_num_queries(12) as listing:
        client.get(list_url)
    with django_assert_max_num_queries(14) as page:
        client.get(reverse("engagement_portal:publicity", args=[first.pk]))
    many = [(c, f"{c} {n}", "10") for n in range(12) for c in ("staff", "parking", "repairs")]
    last = None
    for start in QUARTERS[1:]:
        last = published(site, start=start, lines=many)
    with django_assert_max_num_queries(len(listing.captured_queries)):
        response = client.get(list_url)
    assert response.content.decode().count("data-period=") == 4
    with django_assert_max_num_queries(len(page.captured_queries)):
        response = client.get(reverse("engagement_portal:publicity", args=[last.pk]))
    assert response.content.decode().count("data-line=") == 36


def test_the_bulletin_board_pdf_is_a4_in_chinese_with_lines_for_the_committee(client, site):
    period = published(site)
    client.force_login(site.owner)
    url = reverse("engagement_portal:publicity_pdf", args=[period.pk])
    board = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert board["Content-Type"] == "application/pdf"
    assert board.content.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in board.content
    text = pdf_text(board.content)
    assert "2025年第3季度 财务公示" in text or "财务公示" in text
    assert "收入" in text and "¥300,000.00" in text
    assert_fonts_embedded(board.content)
    seat(site, resident="owner2")
    client.force_login(site.owner2)
    detailed = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert len(detailed.content) > len(board.content)
    assert "物业费 Property fees" in pdf_text(detailed.content)
    client.force_login(site.manager)
    response = client.get(_url("publicity_pdf", site, draft(site, start=QUARTERS[0]).pk))
    assert response.content.startswith(b"%PDF")


# ---- the API -------------------------------------------------------------------------------


def test_the_api_lists_totals_for_owners_and_lines_for_the_committee(client, site):
    period = published(site)
    draft(site, start=date(2026, 10, 1))
    response = client.get("/api/v1/publicity", headers=bearer(site.owner))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == period.pk and item["status"] == "published"
    assert item["lines"] is None
    assert (item["income"], item["spending"]) == ("352000.50", "215000.00")
    assert (item["common_area_income"], item["common_area_costs"]) == ("52000.50", "10000.00")
    assert (item["top_up_percent"], item["maintenance_fund_top_up"]) == ("50.00", "21000.25")
    assert {t["category"]: t["amount"] for t in item["totals"]}["advertising"] == "12000.50"
    assert item["end"] == "2026-09-30"
    seat(site, resident="owner")
    detail = client.get(f"/api/v1/publicity/{period.pk}", headers=bearer(site.owner)).json()
    assert len(detail["lines"]) == 6


def test_staff_list_drafts_in_the_api_and_can_filter_them(client, site):
    published(site)
    prepared = draft(site, start=date(2026, 10, 1))
    headers = bearer(site.cashier)
    everything = client.get("/api/v1/publicity", headers=headers).json()
    assert everything["count"] == 2
    drafts = client.get("/api/v1/publicity?status=draft", headers=headers).json()
    assert [i["id"] for i in drafts["items"]] == [prepared.pk]
    assert drafts["items"][0]["lines"] is not None
    owner = client.get(f"/api/v1/publicity/{prepared.pk}", headers=bearer(site.owner))
    assert owner.status_code == 404


@pytest.mark.parametrize("count", [1, 4])
def test_the_api_list_does_not_grow_in_queries_with_periods(
    client, site, django_assert_max_num_queries, count
):
    for start in QUARTERS[:count]:
        published(site, start=start)
    headers = bearer(site.owner)
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/publicity", headers=headers)
    assert response.json()["count"] == count
