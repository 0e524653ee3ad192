"""The app as a whole: security headers, errors without tracebacks, language, offline pages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from webapp.security import CSP

PAGES = ["/", "/actors", "/actors/test-recycler", "/network", "/map", "/actors?kind=recycler&lang=en"]


class _Refs(HTMLParser):
    """Every URL a page would load by itself: src of any tag, href of <link>, url() in styles."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.styles: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loaded.append(attrs["href"])
        if "style" in attrs:
            self.styles.append(attrs["style"])
        if tag == "script":
            self._in_script = attrs

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None and self._in_script.get("type") != "application/json" and data.strip():
            self.inline_scripts.append(data)


def refs(html: str) -> _Refs:
    parser = _Refs()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_nothing_from_another_host_and_run_no_inline_script(client, path):
    response = client.get(path)
    assert response.status_code == 200
    found = refs(response.get_data(as_text=True))
    assert found.loaded, "a page loads at least its stylesheet"
    for url in found.loaded:
        assert url.startswith("/"), f"{path} loads {url} from elsewhere"
        assert not url.startswith("//")
    assert found.inline_scripts == []
    assert found.styles == [], "style attributes would be refused by the CSP"


@pytest.mark.parametrize("path", [*PAGES, "/index.json", "/actors.csv", "/nothing", "/actors/nope.json"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "default-src 'none'" in CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_static_files_are_served_from_our_own_folder(client):
    for path in ("/static/css/harzgraph.css", "/static/js/network.js", "/static/vendor/vis-network/vis-network.min.js",
                 "/static/vendor/vis-network/vis-data.min.js", "/static/vendor/vis-network/vis-network.min.css",
                 "/static/geo/districts.geojson"):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()


def test_unknown_page_is_404_in_html_and_json(client):
    html = client.get("/nothing")
    assert html.status_code == 404 and html.mimetype == "text/html"
    assert "Nicht gefunden" in html.get_data(as_text=True)
    body = client.get("/nothing.json")
    assert body.status_code == 404 and body.mimetype == "application/json"
    assert body.get_json() == {"ok": False, "status": 404, "error": body.get_json()["error"], "errors": []}


def test_json_error_when_the_client_prefers_json(client):
    response = client.get("/nothing", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.get_json()["ok"] is False


@pytest.mark.parametrize(("path", "query", "parameter"), [
    pytest.param("/", "lang=fr", "lang", id="language"),
    pytest.param("/actors", "kind=recyclr", "kind", id="unknown-kind"),
    pytest.param("/actors", "_sort=size", "_sort", id="unknown-sort"),
    pytest.param("/actors", "_page=0", "_page", id="page-zero"),
    pytest.param("/actors", "q=" + "x" * 201, "q", id="search-too-long"),
    pytest.param("/network", "hops=9", "hops", id="too-many-hops"),
    pytest.param("/network", "from=test-recycler", "to", id="path-without-end"),
    pytest.param("/network", "focus=Not%20An%20Id", "focus", id="bad-id"),
    pytest.param("/network", "relation=likes", "relation", id="unknown-relation"),
    pytest.param("/map", "_measure=area", "_measure", id="unknown-measure"),
])
def test_bad_parameter_is_400_naming_it(client, path, query, parameter):
    html = client.get(f"{path}?{query}")
    assert html.status_code == 400
    assert f"„{parameter}“" in html.get_data(as_text=True)
    body = client.get(f"{'/index' if path == '/' else path}.json?{query}")
    assert body.status_code == 400
    assert body.get_json()["ok"] is False
    assert body.get_json()["errors"][0]["parameter"] == parameter


def test_unknown_value_lists_the_allowed_ones(client):
    body = client.get("/actors.json?kind=recyclr").get_json()
    assert "recycler" in body["errors"][0]["allowed"]


def test_unexpected_error_is_a_plain_500_without_traceback(client, monkeypatch):
    import webapp.home

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(webapp.home, "cached", broken)
    for path, kind in (("/", "text/html"), ("/index.json", "application/json")):
        response = client.get(path)
        text = response.get_data(as_text=True)
        assert response.status_code == 500 and response.mimetype == kind
        assert "Traceback" not in text and "secret internal detail" not in text and "RuntimeError" not in text


def test_method_not_allowed(client):
    response = client.post("/actors")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_english_with_lang_en_and_links_keep_it(client):
    html = client.get("/actors?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Actors" in html and "Recycling company" in html
    assert 'href="/actors/test-recycler?lang=en"' in html
    assert 'href="/actors?lang=en&amp;kind=recycler"' in html, "facet links keep the language"
    german = client.get("/actors").get_data(as_text=True)
    assert '<html lang="de">' in german and "Recyclingunternehmen" in german
    assert 'href="/actors?lang=en"' in german, "the language switch keeps the page"


def test_store_missing_is_a_clear_error(tmp_path):
    from graph.errors import StoreError
    from graph.settings import Settings
    from webapp import create_app

    with pytest.raises(StoreError, match="harzgraph build"):
        create_app(Settings(data_dir=tmp_path, store_dir=tmp_path / "empty"))


def test_app_follows_a_new_build_without_restart(tmp_path):
    """Build, start the app, rename an actor and build again: the running app shows the new
    name (the version it opened first may be pruned by later builds)."""
    import shutil
    from pathlib import Path

    from graph.build import ingest
    from graph.settings import Settings
    from tests.helpers import set_cell
    from webapp import create_app

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "valid", data)
    settings = Settings(data_dir=data, store_dir=tmp_path / "store")
    ingest.build(settings)
    client = create_app(settings).test_client()
    assert "SYNTHETIC Test Recycler GmbH" in client.get("/actors/test-recycler").get_data(as_text=True)
    set_cell(data / "actors.csv", 2, "name", "SYNTHETIC Renamed Recycler GmbH")
    for _ in range(3):  # three builds: the first version is pruned
        ingest.build(settings)
    page = client.get("/actors/test-recycler").get_data(as_text=True)
    assert "SYNTHETIC Renamed Recycler GmbH" in page
