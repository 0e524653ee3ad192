"""End to end in headless Chromium: filter, search and click in the network view, open the map,
and check that the hostile name stays text, the CSP refuses nothing of ours, and no request
leaves this machine. Skipped where Debian's chromium is not installed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.helpers import requires_browser
from tests.webapp.conftest import IMG

pytestmark = requires_browser


def wait_until(page, script: str, seconds: float = 10) -> None:
    """Poll ``script`` (page.wait_for_function would need eval, which our CSP refuses)."""
    for _ in range(int(seconds / 0.05)):
        if page.evaluate(script):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {script}")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_network_filter_search_click_panel(browser_page, base_url):
    page, seen = browser_page
    page.goto(f"{base_url}/network")
    page.wait_for_selector("#network canvas")
    assert page.title() == "Netzwerk der Akteure · harzgraph"

    page.locator("details.facet", has_text="Bundesland").locator("summary").click()
    page.evaluate("window.__samePage = true")
    page.locator("input[name=state][value='03']").check()
    wait_until(page, "document.getElementById('network-describe').textContent.includes('2 von 6')")
    assert query(page.url)["state"] == ["03"], "the filter applied at once, and the address says so"
    assert page.evaluate("window.__samePage"), "without a reload"
    assert page.evaluate("document.activeElement.value") == "03", "focus stays on the checkbox"
    # The counts beside the choices follow the view (2 recyclers in Lower Saxony, no actor in 15085).
    wait_until(page, "document.querySelector('[data-count=\"district=15085\"]').textContent === '0'")
    assert page.locator("[data-count='kind=recycler']").text_content() == "2"
    assert page.locator("[data-count='state=15']").text_content() == "0"

    page.fill("#net-q", "img")
    page.press("#net-q", "Enter")
    wait_until(page, "new URL(location.href).searchParams.get('q') === 'img'")
    assert query(page.url)["q"] == ["img"] and query(page.url)["state"] == ["03"]
    page.locator("button[data-select='hostile-img']").wait_for()
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
