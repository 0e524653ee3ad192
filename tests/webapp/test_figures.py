"""PNG and SVG downloads of every figure (issue 14): ``/chains``, ``/borders``, ``/report``'s
figures (``/collection``'s are in test_collection.py), with the page's filters, beside a
visible link on the page.

SYNTHETIC test data (tests/data/valid): states Niedersachsen (03), Sachsen-Anhalt (15) and
Thüringen (16); districts Goslar (03153), Harz, Mansfeld-Südharz and Nordhausen."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    return ["".join(node.itertext()) for node in root.iter() if node.tag in (f"{SVG}text", f"{SVG}title")]


@pytest.mark.parametrize("path", ["/chains", "/chains?district=03153&lang=en", "/borders?level=state",
                                  "/borders?level=district", "/report/figures/borders", "/report/figures/chain",
                                  "/report/figures/collection?district=03153", "/map",
                                  "/map?_measure=actors_per_100k&lang=en"])
def test_each_figure_downloads_as_png_and_svg(client, path):
    stem, _, query = path.partition("?")
    png = client.get(f"{stem}.png" + (f"?{query}" if query else ""))
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.data.startswith(PNG_MAGIC) and len(png.data) > 1000
    assert png.headers["Content-Disposition"].startswith('attachment; filename="harzgraph-')
    svg = client.get(f"{stem}.svg" + (f"?{query}" if query else ""))
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert svg.headers["Content-Disposition"].endswith('.svg"')
    assert svg_texts(svg.data), "a parseable SVG whose labels are text"


def test_the_chain_figure_keeps_the_area(client):
    region = svg_texts(client.get("/chains.svg").data)
    goslar = svg_texts(client.get("/chains.svg?district=03153").data)
    assert any(text.endswith("Gebiet: ganze Region") for text in region)
    assert any(text.endswith("Gebiet: Goslar") for text in goslar)
    assert not any("Goslar" in text for text in region)


def test_the_border_figure_draws_the_level_asked_for(client):
    states = svg_texts(client.get("/borders.svg?level=state").data)
    districts = svg_texts(client.get("/borders.svg?level=district").data)
    assert "Niedersachsen" in states and "Goslar" not in states
    assert "Goslar" in districts and "Niedersachsen" not in districts


def test_the_map_figure_shows_the_measure_asked_for(client):
    actors = svg_texts(client.get("/map.svg").data)
    points = svg_texts(client.get("/map.svg?_measure=collection_points&lang=en").data)
    assert "Karte der Region: Zahl der Akteure" in actors
    assert "Map of the region: number of collection points" in points
    assert "Goslar" in actors and "Goslar" in points, "district names are text"
    assert "actor(s) at one place" in points, "the legend in the language asked for"


def test_the_briefing_figures_keep_the_selection(client):
    """The collection figure of the whole region has a bar per district; for Goslar, one."""
    everything = svg_texts(client.get("/report/figures/collection.svg").data)
    goslar = svg_texts(client.get("/report/figures/collection.svg?district=03153").data)
    assert "Goslar" in everything and "Nordhausen" in everything
    assert "Goslar" in goslar and "Nordhausen" not in goslar


@pytest.mark.parametrize(("path", "status"), [("/chains.svg?district=nowhere", 400), ("/borders.png?level=moon", 400),
                                              ("/report/figures/other.svg", 404), ("/chains.gif", 404),
                                              ("/map.svg?_measure=weight", 400),
                                              ("/report/figures/chain.svg?district=03153&district=03159", 400)])
def test_bad_figure_requests_are_refused_plainly(client, path, status):
    assert client.get(path).status_code == status


@pytest.mark.parametrize(("page", "links"), [
    ("/chains?district=03153", ["/chains.png?district=03153", "/chains.svg?district=03153"]),
    ("/map?_measure=actors_per_100k", ["/map.png?_measure=actors_per_100k", "/map.svg?_measure=actors_per_100k"]),
    ("/borders", ["/borders.png?level=state", "/borders.svg?level=state", "/borders.png?level=district",
                  "/borders.svg?level=district"]),
    ("/report?district=03153", ["/report/figures/chain.png?district=03153",
                                "/report/figures/borders.svg?district=03153",
                                "/report/figures/collection.svg?district=03153"]),
])
def test_pages_link_their_figures_with_their_filters(client, page, links):
    html = client.get(page).get_data(as_text=True)
    assert 'class="figure-downloads"' in html
    for link in links:
        assert f'href="{link}" download>' in html, link


def test_the_report_lists_its_figures_once_inside_the_page(client):
    html = client.get("/report").get_data(as_text=True)
    assert html.count('class="report-figures"') == 1
    assert html.index("<main") < html.index('class="report-figures"') < html.index("</main>")
    assert "<section" not in html[:html.index("</head>")]
