"""Static files named by their content (issue 14): ``/static/js/network.<hash>.js`` is the
real file, cached for a year; the plain name still works with a short cache; text is compressed."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli
import pytest

STATIC = Path(__file__).resolve().parents[2] / "webapp" / "static"
YEAR = "public, max-age=31536000, immutable"


def _digest(relative: str) -> str:
    return hashlib.sha256((STATIC / relative).read_bytes()).hexdigest()[:12]


def _get(client, url: str, **kwargs) -> tuple[int, dict, bytes]:
    """Status, headers and body of ``url``, the response closed (a file Flask opened is released)."""
    with client.get(url, **kwargs) as response:
        return response.status_code, response.headers, response.get_data()


def test_pages_link_static_files_by_their_content_hash(client):
    html = client.get("/network").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert urls, "the page loads static files"
    # network.js's hash is the first 12 hex digits of its SHA-256, in the name, no query string.
    assert f"/static/js/network.{_digest('js/network.js')}.js" in urls
    assert f"/static/css/harzgraph.{_digest('css/harzgraph.css')}.css" in urls
    assert not any("?" in url for url in urls)
    assert all(re.search(r"\.[0-9a-f]{12}\.[a-z]+$", url) for url in urls), urls


@pytest.mark.parametrize("relative", ["js/network.js", "css/harzgraph.css", "vendor/vis-network/vis-data.min.js",
                                      "geo/districts.geojson", "favicon.svg"])
def test_a_hashed_name_serves_the_real_file_cached_for_a_year(client, relative):
    stem, ext = relative.rsplit(".", 1)
    status, headers, body = _get(client, f"/static/{stem}.{_digest(relative)}.{ext}")
    assert status == 200
    assert headers["Cache-Control"] == YEAR
    assert body == (STATIC / relative).read_bytes()


def test_the_plain_name_still_works_with_a_short_cache(client):
    status, headers, body = _get(client, "/static/js/network.js")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=300"
    assert body == (STATIC / "js/network.js").read_bytes()


def test_a_stale_hash_serves_the_current_file_without_the_long_cache(client):
    status, headers, body = _get(client, "/static/js/network.000000000000.js")
    assert status == 200
    assert "immutable" not in headers["Cache-Control"]
    assert body == (STATIC / "js/network.js").read_bytes()


@pytest.mark.parametrize("path", ["/static/js/nothing.js", "/static/js/nothing.0123456789ab.js",
                                  "/static/../pyproject.toml"])
def test_unknown_static_files_are_404(client, path):
    assert _get(client, path)[0] == 404


@pytest.mark.parametrize(("coding", "decode"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_static_text_is_compressed_as_the_browser_asks(client, coding, decode):
    url = f"/static/js/network.{_digest('js/network.js')}.js"
    response = client.get(url, headers={"Accept-Encoding": coding})
    assert response.headers["Content-Encoding"] == coding
    assert response.headers["Cache-Control"] == YEAR
    assert len(response.get_data()) < (STATIC / "js/network.js").stat().st_size
    assert decode(response.get_data()) == (STATIC / "js/network.js").read_bytes()


def test_pages_are_compressed_too(client):
    response = client.get("/actors", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "<h1" in gzip.decompress(response.get_data()).decode("utf-8")
