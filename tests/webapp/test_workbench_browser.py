"""The SPARQL workbench in headless Chromium (defect 14): the error marker sits at the
parser's line and column, a view tab clicked after a failed query throws nothing, and a
concept is completed from its German or English label (synthetic test data)."""

from __future__ import annotations

from tests.helpers import requires_browser

pytestmark = requires_browser


def editor_type(page, text: str) -> None:
    page.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def test_error_marker_and_tabs_after_a_failed_query(browser_page, base_url):
    page, seen = browser_page
    page.goto(f"{base_url}/sparql")
    page.wait_for_selector(".cm-content")
    # A good query first, so that the tabs have something, then a bad one.
    editor_type(page, "SELECT ?s WHERE { ?s a org:Organization }")
    page.click("#wb-run")
    page.wait_for_selector("#wb-view-table table")
    errors_before = len(seen["errors"])
    # "ä" before the error: the parser counts characters, the editor UTF-16 units; the
    # astral "😀" would shift a naive marker by one.
    editor_type(page, 'SELECT * WHERE {\n  ?s ?p "😀ä" . FILTER(?s = ) }')
    page.click("#wb-run")
    page.wait_for_selector("#wb-error:not([hidden])")
    at = page.locator("#wb-error .wb-error-at").inner_text()
    assert "2" in at, at  # the parser names line 2
    marked = page.locator(".cm-lintRange-error")
    assert marked.count() == 1
    line_text = page.locator(".cm-line").nth(1).inner_text()
    assert marked.inner_text() in line_text
    for tab in ("bar", "table"):
        page.evaluate(f"document.getElementById('wb-tab-{tab}').click()")
    thrown = [e for e in seen["errors"][errors_before:] if not e.startswith("Failed to load resource")]
    assert thrown == [], "no TypeError after a failed query"


def test_concepts_are_completed_by_their_labels(browser_page, base_url):  # noqa: F811
    page, _seen = browser_page
    page.goto(f"{base_url}/sparql")
    page.wait_for_selector(".cm-content")
    editor_type(page, "SELECT * WHERE { ?a hg:worksAtStage ")
    page.keyboard.type("Manuelle")
    page.keyboard.press("Control+Space")
    tooltip = page.locator(".cm-tooltip-autocomplete")
    tooltip.wait_for()
    assert "stage:TS-08" in tooltip.inner_text()
    tooltip.locator("li", has_text="stage:TS-08").first.click()
    assert "hg:worksAtStage stage:TS-08" in page.locator(".cm-content").inner_text()


def test_the_bar_chart_downloads_as_png_and_svg(browser, base_url):
    """Actors per kind as bars; the SVG file keeps the kinds' names as escaped text."""
    import xml.etree.ElementTree as ET

    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.goto(f"{base_url}/sparql")
    page.wait_for_selector(".cm-content")
    editor_type(page, "SELECT ?name (COUNT(?a) AS ?n) WHERE { ?a a org:Organization ; "
                      "skos:prefLabel|schema:name ?name } GROUP BY ?name ORDER BY DESC(?n)")
    page.click("#wb-run")
    page.wait_for_selector("#wb-view-table table")
    page.evaluate("document.getElementById('wb-tab-bar').click()")
    page.wait_for_selector("#wb-view-bar .wb-bar-chart")
    with page.expect_download() as svg_download:
        page.click("#wb-view-bar button[data-figure=svg]")
    svg = svg_download.value.path().read_bytes()
    root = ET.fromstring(svg)
    texts = ["".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")]
    assert len(root.findall(".//{http://www.w3.org/2000/svg}rect")) > 2
    assert any("<img" in text for text in texts), "the hostile name is in the file as text"
    assert b"<img" not in svg, "and escaped"
    with page.expect_download() as png_download:
        page.click("#wb-view-bar button[data-figure=png]")
    assert png_download.value.path().read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert svg_download.value.suggested_filename == "harzgraph-chart.svg"
    page.close()
