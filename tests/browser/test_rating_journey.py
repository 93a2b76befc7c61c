"""Every score can be given: the owner taps each of the five stars on a phone, and the same
stars are walked with the keyboard on a desktop."""

import pytest
from playwright.sync_api import expect

from wuye.servicedesk.models import CallBack, Status
from wuye.servicedesk.tests.fixtures import order_in

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

STARS = [
    "1 star — very dissatisfied",
    "2 stars — dissatisfied",
    "3 stars — neutral",
    "4 stars — satisfied",
    "5 stars — very satisfied",
]


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None
    return found


def apart(a: dict, b: dict) -> bool:
    """Whether two boxes do not overlap."""
    return (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_the_owner_taps_each_of_the_five_stars_on_a_phone(people, open_page, shot):
    orders = [order_in(people, Status.RESOLVED) for _ in STARS]
    page = open_page(width=390, height=844, touch=True)
    log_in(page, "owner")
    for score, (order, label) in enumerate(zip(orders, STARS, strict=True), start=1):
        page.goto(f"/portal/service/{order.pk}/")
        page.locator("summary[data-action=rate]").tap()
        form = page.locator("details[open] form")
        star = form.get_by_label(label)
        target = box(star)
        assert target["width"] >= 44 and target["height"] >= 44
        star.tap()
        expect(star).to_be_checked()
        expect(form.locator(".stars")).to_contain_text(label)
        if score == 1:
            # Nothing of the control lies over the comment box or the button.
            stars = box(form.locator(".stars"))
            assert apart(stars, box(form.locator("textarea")))
            assert apart(stars, box(form.locator("button[type=submit]")))
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            shot(page, "rating-phone-en")
        form.locator("button[type=submit]").tap()
        expect(page.locator(".alert-success")).to_be_visible()
        order.refresh_from_db()
        assert order.owner_score == score
    expect(page.locator("main")).to_contain_text("★★★★★")


def test_the_stars_are_walked_with_the_keyboard_on_a_desktop(people, open_page, shot):
    rated, called_back = order_in(people, Status.RESOLVED), order_in(people, Status.RESOLVED)
    owner = open_page(width=1366, height=900)
    log_in(owner, "owner")
    owner.goto(f"/portal/service/{rated.pk}/")
    owner.locator("summary[data-action=rate]").click()
    form = owner.locator("details[open] form")
    form.get_by_label(STARS[4]).focus()
    for key, expected in (("ArrowLeft", 3), ("ArrowLeft", 2), ("ArrowRight", 3)):
        owner.keyboard.press(key)
        expect(form.get_by_label(STARS[expected])).to_be_checked()
        expect(form.get_by_label(STARS[expected])).to_be_focused()
    # The focused star shows where the keyboard is.
    outline = form.locator(".star").nth(3).evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"
    shot(owner, "rating-desktop-en")
    owner.keyboard.press("Tab")
    owner.keyboard.type("Came on time")
    form.locator("button[type=submit]").click()
    expect(owner.locator(".alert-success")).to_be_visible()
    rated.refresh_from_db()
    assert (rated.owner_score, rated.owner_comment) == (4, "Came on time")

    # The front desk records a call-back in Chinese: "no score" first, then the stars.
    desk = open_page(locale="zh-CN", width=1366, height=900)
    log_in(desk, "frontdesk")
    desk.goto(f"/c/{people.community.pk}/service/call-backs/")
    row = desk.locator(f"[data-order='{called_back.number}']")
    expect(row.get_by_label("不评分")).to_be_checked()
    row.get_by_label("满意", exact=True).check()
    row.get_by_label("不评分").press("ArrowRight")
    row.get_by_label("1星 — 非常不满意").press("ArrowRight")
    expect(row.get_by_label("2星 — 不满意")).to_be_checked()
    shot(desk, "rating-call-back-zh")
    row.locator("[data-action=visit]").click()
    expect(desk.locator(".alert-success")).to_be_visible()
    assert CallBack.objects.get(order=called_back).score == 2
