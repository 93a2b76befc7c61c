"""A leak from report to close: the owner, the front desk and the electrician on their pages."""

import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from playwright.sync_api import expect

from wuye.servicedesk.models import PriceListItem, Status, Team, TeamMember, WorkOrder
from wuye.testing.people import build_site

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    site = build_site()
    team = Team.objects.create(
        community=site.community, name="Engineering", categories=["repair_home", "repair_common"]
    )
    TeamMember.objects.create(team=team, user=site.electrician, skills=["leak", "plumbing"])
    PriceListItem.objects.create(
        community=site.community, name="Replace a pipe joint", unit="piece", price=Decimal("35")
    )
    return site


def both_languages(page, shot, name: str, prepare=lambda: None, stay: bool = True) -> None:
    """Screenshot the page in English, then in Simplified Chinese, and switch back (reloading
    the page in English when the journey goes on from it); `prepare` fills the page in again
    after each load."""
    prepare()
    shot(page, f"servicedesk-{name}-en")
    origin = re.match(r"https?://[^/]+/", page.url).group(0)
    cookie = {"name": "django_language", "url": origin}
    page.context.add_cookies([{**cookie, "value": "zh-hans"}])
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    prepare()
    shot(page, f"servicedesk-{name}-zh")
    page.context.add_cookies([{**cookie, "value": "en"}])
    if stay:
        page.reload()
        prepare()


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_leak_goes_from_the_owners_phone_to_closed(people, open_page, shot, tmp_path):
    photo = tmp_path / "leak.png"
    Image.new("RGB", (64, 48), (70, 120, 200)).save(photo)
    community = people.community.pk

    # The owner, on a phone, reports a leak with a photo, having seen the repair prices.
    owner = open_page(width=390, height=844)
    log_in(owner, "owner")
    owner.goto("/portal/service/new/")
    expect(owner.locator("main")).to_contain_text("Replace a pipe joint")

    def report():
        owner.select_option("select[name=subcategory]", "leak")
        owner.fill("textarea[name=description]", "Water drips from the kitchen ceiling")
        owner.set_input_files("input[name=photos]", str(photo))

    both_languages(owner, shot, "owner-report", report)
    owner.click("main button[type=submit]")
    expect(owner.locator(".alert-success")).to_be_visible()
    order = WorkOrder.objects.get()
    assert order.photos.count() == 1
    fits(owner, 390)

    # The front desk takes a call on the intake page: the caller found by mobile, the promise.
    desk = open_page()
    log_in(desk, "frontdesk")
    desk.goto(f"/c/{community}/service/new/")

    def call():
        desk.fill("#lookup", "13912340001")
        desk.locator("#lookup-results button").first.click()
        expect(desk.locator("input[name=contact_phone]")).to_have_value("13912340001")
        desk.select_option("select[name=category]", "complaint")
        desk.select_option("select[name=complainant_type]", "shouting")
        expect(desk.locator("#promise .hint")).to_have_count(1)
        desk.fill("textarea[name=description]", "Neighbour's music after midnight")

    both_languages(desk, shot, "intake", call, stay=False)

    # The front desk sees the leak on the board, accepts it and sends it to the electrician.
    desk.goto(f"/c/{community}/service/")
    card = desk.locator(f"[data-order='{order.number}']")
    expect(card).to_contain_text("Water drips")
    both_languages(desk, shot, "board")
    card.locator("a").first.click()
    desk.click("[data-action=accept]")
    expect(desk.locator(".alert-success")).to_contain_text("Accepted")
    desk.goto(f"/c/{community}/service/")
    desk.locator(f"[data-order='{order.number}'] [data-action=dispatch]").click()
    expect(desk.locator(".alert-success")).to_contain_text("Dispatched")
    order.refresh_from_db()
    assert (order.status, order.assignee) == (Status.DISPATCHED, people.electrician)

    # The electrician, on a 390 × 844 phone, starts and resolves it with a priced item.
    tech = open_page(width=390, height=844)
    log_in(tech, "electrician")
    tech.goto(f"/c/{community}/service/mine/")
    expect(tech.locator(f"[data-order='{order.number}']")).to_be_visible()
    both_languages(tech, shot, "technician-phone")
    fits(tech, 390)
    tech.click("[data-action=start]")
    expect(tech.locator(".alert-success")).to_contain_text("Started")
    tech.click("summary[data-action=resolve]")
    tech.fill(f"textarea[name=o{order.pk}-result]", "Replaced the joint under the sink above")
    joint = PriceListItem.objects.get(name="Replace a pipe joint")
    tech.select_option(f"select[name=o{order.pk}-item_1]", str(joint.pk))
    shot(tech, "servicedesk-technician-resolve-en")
    fits(tech, 390)
    tech.locator("details:has(> summary[data-action=resolve]) button[type=submit]").click()
    expect(tech.locator(".alert-success")).to_contain_text("Resolved")
    order.refresh_from_db()
    assert order.status == Status.RESOLVED and order.amount_owed == Decimal("35.00")

    # The owner follows the timeline and rates the work.
    owner.goto(f"/portal/service/{order.pk}/")
    owner.click("summary[data-action=rate]")
    owner.check(f"input[name=o{order.pk}-score][value='5']")
    owner.fill(f"textarea[name=o{order.pk}-comment]", "Quick and tidy")
    owner.locator("details[open] button[type=submit]").click()
    expect(owner.locator(".alert-success")).to_be_visible()
    both_languages(owner, shot, "owner-order", stay=False)
    fits(owner, 390)

    # The front desk calls the owner back and closes the order.
    desk.goto(f"/c/{community}/service/call-backs/")
    row = desk.locator(f"[data-order='{order.number}']")
    both_languages(desk, shot, "call-backs", lambda: row.locator("input[value=yes]").check())
    row.locator("[data-action=visit]").click()
    expect(desk.locator(".alert-success")).to_contain_text("Call-back recorded")
    desk.locator(f"[data-order='{order.number}'] [data-action=close]").click()
    expect(desk.locator(".alert-success")).to_contain_text("Closed")
    desk.goto(f"/c/{community}/service/orders/{order.pk}/")
    both_languages(desk, shot, "order-closed", stay=False)
    order.refresh_from_db()

    # The manager finds the closed order in the week's spot-check sample.
    manager = open_page()
    log_in(manager, "manager")
    week = order.closed_at.astimezone(ZoneInfo("Asia/Shanghai")).date()
    manager.goto(f"/c/{community}/service/supervision/?week={week.isoformat()}")
    expect(manager.locator("main")).to_contain_text(order.number)
    both_languages(manager, shot, "supervision", stay=False)
    assert order.status == Status.CLOSED
    assert list(order.events.values_list("action", flat=True)) == [
        "submit",
        "photo",
        "accept",
        "dispatch",
        "start",
        "resolve",
        "rate",
        "visit",
        "close",
    ]
