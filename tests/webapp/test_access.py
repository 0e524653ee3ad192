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
         "/no-such-page"]
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
