"""Browser journeys: Playwright for Python driving Debian's Chromium against a live server."""

import os
from pathlib import Path

import pytest

from wuye.testing.people import backup_code, build_site

CHROMIUM = Path(os.environ.get("WUYE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium, live_server):
    """Open a fresh browser context; `open_page(locale=..., width=..., touch=...)` returns a
    page (a touch screen's page is tapped)."""
    contexts = []

    def _open(locale: str = "en-US", width: int = 1280, height: int = 900, touch: bool = False):
        context = chromium.new_context(
            locale=locale,
            viewport={"width": width, "height": height},
            base_url=live_server.url,
            has_touch=touch,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def people(transactional_db):
    """The test community, committed so that the live server sees it; a journey that needs
    more (fee items, teams, notices) defines its own `people` on top of `build_site()`."""
    return build_site()


@pytest.fixture
def shot():
    """Save a screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def _shot(page, name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return _shot


def log_in(page, username: str, password: str = "wuye-demo") -> None:
    """Log in through the form; someone who signs in with a second factor then gives a
    backup code (each login a fresh one, as an authenticator's code works once)."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/accounts/second-factor/" in page.url:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=username)
        page.fill("input[name=code]", backup_code(user))
        page.click("form:not([action]) button[type=submit]")
        page.wait_for_load_state("networkidle")
