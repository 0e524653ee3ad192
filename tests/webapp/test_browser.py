"""End to end in headless Chromium: filter, search and click in the network view, open the map,
and check that the hostile name stays text, the CSP refuses nothing of ours, and no request
leaves this machine. Skipped where Debian's chromium is not installed."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers import live_server, requires_browser
from tests.webapp.conftest import IMG

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = requires_browser


@pytest.fixture(scope="module")
def base_url(app):
    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(base_url):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        seen = {"requests": [], "errors": []}
        page.on("request", lambda request: seen["requests"].append(request.url))
        page.on("console", lambda message: seen["errors"].append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: seen["errors"].append(str(error)))
        yield page, seen
        browser.close()


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_network_filter_search_click_panel(browser_page, base_url):
    page, seen = browser_page
    page.goto(f"{base_url}/network")
    page.wait_for_selector("#network canvas")
    assert page.title() == "Netzwerk der Akteure · harzgraph"

    page.locator("details.facet", has_text="Bundesland").locator("summary").click()
    with page.expect_navigation():
        page.locator("input[name=state][value='03']").check()
    assert query(page.url)["state"] == ["03"]
    assert "2 von 6 Akteuren" in page.locator("#network-describe").inner_text()

    page.fill("#net-q", "img")
    with page.expect_navigation():
        page.press("#net-q", "Enter")
    assert query(page.url)["q"] == ["img"] and query(page.url)["state"] == ["03"]
    page.locator("button[data-select='hostile-img']").click()
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert panel.locator("h2").text_content() == IMG, "the name is shown as text"
    assert query(page.url)["_sel"] == ["hostile-img"], "the selection is part of the URL"
    assert page.title() == "Netzwerk der Akteure · harzgraph", "the injected onerror never ran"

    page.reload()
    page.locator("#panel").wait_for(state="visible")
    assert page.locator("#panel h2").text_content() == IMG, "reloading the URL reproduces the view"


def test_map_and_profile(browser_page, base_url):
    page, seen = browser_page
    page.goto(f"{base_url}/map?_measure=actors_per_100k")
    assert page.locator("svg.region-map path.district").count() == 10
    assert page.locator("figcaption.licence a").get_attribute("href") == "https://www.bkg.bund.de"
    page.goto(f"{base_url}/actors/hostile-img")
    assert page.locator("h1").text_content() == IMG
    assert page.title() == f"{IMG} · harzgraph"


def test_nothing_leaves_localhost_and_the_csp_refuses_nothing(browser_page, base_url):
    page, seen = browser_page
    page.goto(f"{base_url}/network?focus=test-recycler&hops=2")
    page.wait_for_selector("#network canvas")
    assert seen["requests"], "the tests above made requests"
    assert all(url.startswith(base_url) for url in seen["requests"]), seen["requests"]
    assert seen["errors"] == []
