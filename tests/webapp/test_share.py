"""Sharing the network (issue 14): the standalone offline file built with pyvis, and the
embeddable view."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from graph.errors import HarzgraphError
from graph.settings import Settings
from tests.helpers import requires_browser
from tests.webapp.conftest import IMG

BREAKOUT = "</script><script>document.title='X'</script>"


def test_standalone_file_is_an_attachment_with_every_node_and_edge(client):
    response = client.get("/network/standalone.html?state=03")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="harzgraph-network.html"'
    html = response.get_data(as_text=True)
    nodes = json.loads(re.search(r'<script type="application/json" id="hg-nodes">(.*?)</script>', html, re.S)[1])
    edges = json.loads(re.search(r'<script type="application/json" id="hg-edges">(.*?)</script>', html, re.S)[1])
    network = client.get("/network.json?state=03").get_json()
    assert sorted(n["id"] for n in nodes) == sorted(row["id"] for row in network["rows"])
    assert len(edges) == len(network["edges"])
    assert not re.search(r'<(script|link)[^>]+(src|href)=', html), "nothing is loaded from a URL"
    assert IMG not in html, "the hostile name is never raw markup"


def test_standalone_html_escapes_a_name_that_closes_the_script(tmp_path):
    from pathlib import Path

    from graph.views.standalone import standalone_html

    script = tmp_path / "dummy.js"
    script.write_text("window.vis = window.vis || {};", encoding="utf-8")
    html = standalone_html([{"id": "a", "label": BREAKOUT, "x": 0, "y": 0, "color": "#000000", "size": 5,
                             "title": BREAKOUT}], [], title=BREAKOUT, description=IMG, lang="en",
                           scripts=[Path(script)], words={"made": "made"})
    assert BREAKOUT not in html and IMG not in html
    assert "&lt;/script&gt;&lt;script&gt;" in html, "in the heading, the name is HTML-escaped"


@requires_browser
def test_the_standalone_file_opens_offline_with_no_request_to_another_host(client, browser, tmp_path):
    path = tmp_path / "network.html"
    path.write_bytes(client.get("/network/standalone.html").data)
    context = browser.new_context(viewport={"width": 1000, "height": 700}, offline=True)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-network-drawn]")
    assert requests == [path.as_uri()], "the file itself, and nothing else"
    assert errors == []
    assert page.title() == "Netzwerk der Akteure", "the hostile onerror never ran"
    labels = page.evaluate("JSON.parse(document.getElementById('hg-nodes').textContent).map(n => n.label)")
    assert IMG in labels, "the hostile name is drawn as text"
    context.close()


def test_embed_view_has_no_site_chrome_and_stays_unframeable_by_default(client):
    response = client.get("/network?embed=1")
    html = response.get_data(as_text=True)
    assert '<header class="site">' not in html and '<footer class="site">' not in html
    assert 'name="embed" value="1"' in html, "filtering keeps the embed view"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert '<header class="site">' in client.get("/network").get_data(as_text=True)


def test_configured_origins_may_frame_the_embed_view_only(web_settings):
    from webapp import create_app

    framed = create_app(replace(web_settings, frame_ancestors=("https://example.org",))).test_client()
    embed = framed.get("/network?embed=1")
    assert embed.headers["Content-Security-Policy"].endswith("frame-ancestors https://example.org")
    assert "X-Frame-Options" not in embed.headers
    for path in ("/network", "/actors?embed=1", "/sparql?embed=1"):
        response = framed.get(path, headers={"Accept": "text/html"})
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_a_frame_origin_that_is_no_origin_is_refused():
    with pytest.raises(HarzgraphError, match="is not an origin"):
        Settings.from_env({"HARZGRAPH_FRAME_ANCESTORS": "https://example.org; script-src *"})
    assert Settings.from_env({"HARZGRAPH_FRAME_ANCESTORS": "https://a.example http://b.example:8080"}
                             ).frame_ancestors == ("https://a.example", "http://b.example:8080")


@requires_browser
def test_png_and_svg_downloads_of_the_network_view(browser, base_url, tmp_path):
    context = browser.new_context(viewport={"width": 1200, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + "/network")
    page.wait_for_selector("html[data-network-drawn]")
    with page.expect_download() as png:
        page.click("#network-png")
    assert png.value.suggested_filename == "harzgraph-network.png"
    assert png.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as svg:
        page.click("#network-svg")
    tree = ET.fromstring(svg.value.path().read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    circles = tree.findall(f"{ns}circle")
    assert len(circles) == 6 and len(tree.findall(f"{ns}line")) == len(
        page.evaluate("JSON.parse(document.getElementById('network-data').textContent).edges"))
    assert IMG in [c.find(f"{ns}title").text for c in circles], "the hostile name is text in the SVG"
    assert tree.find(f".//{ns}img") is None and tree.find(".//img") is None
    context.close()
