"""Everyone can use the viewer (issue 14): axe-core finds no WCAG 2.1 A/AA violation on any page
state (both languages, 1440 px and a 390 px phone), no page is wider than a phone, the skip link
and focus style work, and a keyboard alone or a finger on a phone can use the network.

axe-core comes from the ``axe-playwright-python`` package (axe-core's minified file with its
MPL-2.0 licence header), injected by Playwright into Debian's chromium."""

from __future__ import annotations

import pytest

from tests.helpers import requires_browser

pytestmark = requires_browser

PATHS = ["/", "/actors", "/actors/test-recycler", "/network", "/network?focus=test-recycler&_sel=test-recycler",
         "/map", "/gaps", "/chains", "/borders", "/brokers", "/report", "/sparql", "/id/actor/test-recycler",
         "/collection", "/quality", "/changes", "/ns", "/communities", "/periphery", "/no-such-page"]
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def with_lang(path: str, lang: str) -> str:
    return path if lang == "de" else path + ("&" if "?" in path else "?") + "lang=en"


@pytest.fixture(scope="module", params=list(WIDTHS))
def page(request, browser):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    opened = context.new_page()
    yield opened
    context.close()


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(
        f"{' '.join(n['target'][:1])} {n.get('failureSummary', '')[:160]!r}" for n in v["nodes"][:4])
        for v in violations)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", PATHS)
def test_axe_finds_no_wcag_violation(page, base_url, path, lang):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + with_lang(path, lang))
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert violations == [] or pytest.fail(describe(violations))
    # Tables scroll inside their own box: the page itself is never wider than the screen.
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_axe_sees_a_violation_when_there_is_one(page, base_url):
    """The check can fail: a text in light grey on white is found."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + "/")
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'faint';
        p.style.color = '#dddddd'; p.style.background = '#ffffff'; document.querySelector('main').append(p); }""")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    assert "color-contrast" in [v["id"] for v in results.response["violations"]]


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, base_url):
    page.goto(base_url + "/actors")
    page.keyboard.press("Tab")
    first = page.evaluate("[document.activeElement.getAttribute('href'), document.activeElement.offsetHeight]")
    assert first[0] == "#main" and first[1] > 0, "the skip link shows when it has focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_clearly_visible(page, base_url):
    page.goto(base_url + "/actors")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert outline[0] != "none" and outline[1] >= 2


def tab_until(page, script: str, limit: int = 80) -> None:
    """Press Tab until ``script`` (about ``document.activeElement``) is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({script}); }})()"):
            return
    raise AssertionError(f"no tab stop where {script}")


def test_keyboard_alone_finds_an_actor_in_the_network_opens_it_and_follows_a_relation(browser, base_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/network")
    page.wait_for_selector("#network canvas")
    tab_until(page, "el.id === 'net-q'")
    page.keyboard.type("Refiner")
    page.keyboard.press("Enter")
    page.wait_for_selector("#network-results button[data-select='test-refiner']")
    tab_until(page, "el.getAttribute('data-select') === 'test-refiner'")
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").text_content() == "SYNTHETIC Test Refiner AG"
    assert page.evaluate("document.activeElement.tagName") == "H2", "focus moved into the opened panel"
    tab_until(page, "el.closest('.panel-links')")
    assert page.evaluate("document.activeElement.textContent") == "SYNTHETIC Test Recycler GmbH"
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").text_content() == "SYNTHETIC Test Recycler GmbH", "the relation was followed"
    assert page.locator(".network-nodes [data-select='test-recycler']").get_attribute("aria-current") == "true", \
        "the nodes table follows the selection"
    tab_until(page, "el.closest('#panel') && el.tagName === 'A'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/actors/test-recycler*")
    assert page.locator("h1").text_content() == "SYNTHETIC Test Recycler GmbH"
    context.close()


def test_the_tables_reach_every_node_and_edge_by_keyboard(client):
    html = client.get("/network").get_data(as_text=True)
    for actor in ("test-recycler", "test-refiner", "test-cluster", "hostile-img", "hostile-formula"):
        assert f'data-select="{actor}"' in html
    assert html.count('<table class="data network-edges">') == 1
    assert "&lt;img src=x" in html and "<img src=x" not in html


def swipe(page, x: int, y: int, dy: int) -> None:
    """One finger moves ``dy`` pixels up (negative: down) from (x, y), as a real touch gesture."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 21):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - dy * step / 20}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_one_finger_on_a_phone_scrolls_past_the_network_and_back(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/network")
    page.wait_for_selector("html[data-network-drawn]")
    canvas = page.locator("#network").bounding_box()
    assert canvas["y"] < 844 / 2 and canvas["height"] >= 844 * 0.5, "the drawing comes first, at a usable height"
    view = page.get_attribute("#network", "data-view")
    x, y = 195, int(canvas["y"] + canvas["height"] / 2)
    swipe(page, x, y, 300)
    page.wait_for_timeout(400)
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 200, "the finger on the drawing scrolled the page"
    swipe(page, x, 300, -scrolled - 200)
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") == 0
    box = page.locator("#network").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, "the drawing is back in view"
    assert page.get_attribute("#network", "data-view") == view, "and it shows the same view: the swipes never panned it"
    context.close()


@pytest.mark.parametrize(("path", "first_field"), [("/actors", "q"), ("/gaps", "f-state")])
def test_on_a_phone_the_results_come_first_and_the_filters_open_in_a_drawer(browser, base_url, path, first_field):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    heading = page.locator("main h1").bounding_box()
    results = page.locator(".results > :is(.scroll-x, ol.suggestions, p.empty)").first.bounding_box()
    assert heading["y"] < 200 and results["y"] < 844, "the results start on the first screen"
    drawer, opener = page.locator("#filters"), page.locator("[data-drawer-open]")
    assert not drawer.is_visible() and opener.is_visible()
    assert opener.get_attribute("aria-expanded") == "false"
    opener.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert drawer.is_visible() and opener.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == first_field, "focus moves into the drawer"
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}}).response["violations"]
    assert violations == [] or pytest.fail(describe(violations))
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not drawer.is_visible() and opener.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.hasAttribute('data-drawer-open')"), "focus returns to the button"
    context.close()


@pytest.mark.parametrize("path", ["/actors", "/gaps"])
def test_without_javascript_a_link_leads_to_the_filters_below_the_results(browser, base_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + path)
    link = page.locator(".drawer-opener a[href='#filters']")
    assert link.is_visible() and not page.locator("[data-drawer-open]").is_visible()
    assert page.locator("#filters").is_visible()
    assert page.locator("#filters").bounding_box()["y"] > page.locator("main h1").bounding_box()["y"]
    assert page.locator("#filters select, #filters input[type=search]").first.is_visible()
    context.close()
