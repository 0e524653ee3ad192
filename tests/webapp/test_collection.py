"""``/collection`` ("Sammlung"): every number traces to a source or is labelled an assumption;
the levers' state lives in the URL; bad parameters are a 400; names are escaped; collection
points are counted by where they lie.

Two stores: the shipped data (data/, real figures with their sources) for the walk over the
JSON twin, and the SYNTHETIC test data plus tests/data/collection for the rest.
"""

from __future__ import annotations

import shutil
from numbers import Number

import pytest

from graph.build.ingest import build
from graph.settings import Settings
from tests.conftest import REPO, TESTS, VALID
from tests.helpers import live_server, requires_browser, rows, set_cell


@pytest.fixture(scope="module")
def real_client(tmp_path_factory):
    from webapp import create_app

    root = tmp_path_factory.mktemp("collection-real")
    settings = Settings(data_dir=REPO / "data", store_dir=root / "store")
    build(settings)
    return create_app(settings).test_client()


@pytest.fixture(scope="module")
def collection_app(tmp_path_factory):
    from webapp import create_app

    root = tmp_path_factory.mktemp("collection-synthetic")
    data = root / "data"
    shutil.copytree(VALID, data)
    for name in ("collection_figures.csv", "collection_levers.csv"):
        shutil.copy(TESTS / "data" / "collection" / name, data / name)
    # cp-test lies at (51.47, 11.3) near Sangerhausen, in Mansfeld-Südharz; its district column
    # is set to Goslar here, so a count by coordinates and a count by column differ.
    points = rows(data / "collection_points.csv")
    assert points[0]["id"] == "cp-test"
    set_cell(data / "collection_points.csv", 2, "district", "Goslar")
    settings = Settings(data_dir=data, store_dir=root / "store")
    build(settings)
    return create_app(settings)


@pytest.fixture(scope="module")
def client(collection_app):
    return collection_app.test_client()


def _numbers_without_provenance(node, path="$"):
    """Paths of dicts that hold a number but neither a non-empty ``source`` nor an ``assumption``."""
    found = []
    if isinstance(node, dict):
        has_number = any(isinstance(v, Number) and not isinstance(v, bool) and v is not None
                         for k, v in node.items())
        if has_number and not (node.get("source") or node.get("assumption")):
            found.append(path)
        for key, value in node.items():
            found += _numbers_without_provenance(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _numbers_without_provenance(item, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("query", ["", "?container=10&drive-through=4&retail-takeback=1&campaign=5000&pickup=2000"])
def test_every_value_on_the_page_carries_a_source_or_an_assumption(real_client, query):
    body = real_client.get("/collection.json" + query).get_json()
    assert body["ok"] and body["definition"] == "85% of WEEE generated"
    for part in ("districts", "levers", "coverage"):
        assert body[part], part
        assert _numbers_without_provenance(body[part], part) == []
    # the flat rows (CSV twin) too: each quantity's number has its source or assumption column filled
    for row in body["rows"]:
        for name in ("population", "generated", "collected", "target", "rate", "gap", "scenario_collected",
                     "collection_points"):
            if row[f"{name}_low"] is not None:
                assert row[f"{name}_source"] or row[f"{name}_assumption"], (row["name"], name)
    # the status says what kind of number it is: Harz measured, Goslar assumed, Nordhausen estimated
    status = {d["name"]: d["collected"]["status"] for d in body["districts"] if "collected" in d}
    assert (status["Harz"], status["Goslar"], status["Nordhausen"]) == ("measured", "assumed", "estimated")


def test_levers_live_in_the_url_and_the_result_is_a_range(client):
    html = client.get("/collection?syn-container=3&district=03153").get_data(as_text=True)
    assert 'name="syn-container" min="0" max="100" step="1" value="3"' in html
    assert '<option value="03153" selected>Goslar</option>' in html
    body = client.get("/collection.json?syn-container=3&district=03153").get_json()
    goslar = next(d for d in body["districts"] if d["district"] == "03153")
    # SYNTHETIC: Goslar 1,000 t (2020, measured) + 3 containers × 1–2 t = 1,003–1,006 t
    assert (goslar["collected"]["low"], goslar["collected"]["status"]) == (1000, "measured")
    assert (goslar["scenario_collected"]["low"], goslar["scenario_collected"]["high"]) == (1003, 1006)
    # generated 20–22 kg × 134,672 / 1000 = 2,693.44–2,962.784 t;
    # rate 1,003 / 2,962.784 = 33.9 %, 1,006 / 2,693.44 = 37.4 %
    assert (goslar["scenario_rate"]["low"], goslar["scenario_rate"]["high"]) == (33.9, 37.4)
    assert body["counts"] == {"syn-container": 3}
    assert "1.003–1.006" in html  # the summary speaks in ranges (German number format)


@pytest.mark.parametrize(("query", "parameter"), [
    ("?syn-container=x", "syn-container"), ("?syn-container=101", "syn-container"), ("?syn-retail=2", "syn-retail"),
    ("?syn-container=%C2%B2", "syn-container"), ("?syn-container=-1", "syn-container"),
    ("?syn-container=1e3", "syn-container"), ("?district=99999", "district"),
])
def test_bad_parameters_are_a_400_naming_them(client, query, parameter):
    response = client.get("/collection.json" + query)
    assert response.status_code == 400
    assert parameter in response.get_data(as_text=True)


def test_district_by_name_or_key(client):
    by_name = client.get("/collection?district=goslar&syn-container=1").get_data(as_text=True)
    assert '<option value="03153" selected>Goslar</option>' in by_name and 'class="focus"' in by_name


def test_names_are_escaped_and_the_page_is_in_the_navigation(client):
    html = client.get("/collection").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Container" in html
    assert '<a href="/collection" aria-current="page">Sammlung</a>' in html
    assert 'href="/collection.json"' in html and 'href="/collection.csv"' in html
    assert "Collection" in client.get("/collection?lang=en").get_data(as_text=True)


def test_csv_twin_is_the_flat_table(client):
    response = client.get("/collection.csv?syn-container=1")
    lines = response.get_data(as_text=True).splitlines()
    assert response.status_code == 200 and lines[0].startswith("district,name,state,region_status,population_low")
    assert len(lines) == 1 + 7  # the seven districts of data/districts.csv


def test_collection_points_are_counted_where_they_lie(client):
    body = client.get("/collection.json").get_json()
    points = {d["district"]: d["collection_points"]["value"] for d in body["districts"]}
    assert points["15087"] == 1 and points["03153"] == 0
    assert "1 von 1" in body["districts"][0]["collection_points"]["assumption"]
    map_table = {row["key"]: row["collection_points"] for row in client.get("/map.json").get_json()["rows"]}
    assert map_table["15087"] == 1 and map_table["03153"] == 0
    assert "nur die bekannten Sammelstellen" in client.get("/map").get_data(as_text=True)


@requires_browser
def test_what_if_in_the_browser_keeps_its_state_in_the_url(collection_app):
    sync_api = pytest.importorskip("playwright.sync_api")
    with live_server(collection_app) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{base}/collection")
        page.fill('input[name="syn-container"]', "3")
        page.select_option('select[name="district"]', "03153")
        page.click('form.levers button[type="submit"]')
        page.wait_for_selector("section.focus")
        assert "syn-container=3" in page.url and "district=03153" in page.url
        assert "1.003–1.006" in page.inner_text("section.focus")
        assert page.locator("svg.bars rect.scenario").count() == 6  # one per district with a model
        browser.close()
    assert errors == []


def test_the_chart_downloads_as_png_and_svg_with_the_levers(client):
    import xml.etree.ElementTree as ET

    html = client.get("/collection?syn-container=3").get_data(as_text=True)
    assert 'href="/collection.svg?syn-container=3" download>' in html
    png = client.get("/collection.png?syn-container=3")
    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG\r\n\x1a\n")
    texts = {}
    for query in ("", "?syn-container=3"):
        response = client.get("/collection.svg" + query)
        assert response.mimetype == "image/svg+xml"
        texts[query] = ["".join(n.itertext()) for n in ET.fromstring(response.data).iter()
                        if n.tag == "{http://www.w3.org/2000/svg}text"]
    # Three containers add a scenario bar, and its legend entry, to Goslar.
    assert "mit Hebeln (Spanne)" in texts["?syn-container=3"] and "mit Hebeln (Spanne)" not in texts[""]
    assert "Goslar" in texts[""]
    assert client.get("/collection.svg?syn-container=x").status_code == 400


def test_the_sources_list_is_written_as_the_template_wrote_it():
    """webapp/collection.py writes the numbered sources once per list; the same bytes as the
    template's loop, escaping included."""
    from jinja2 import Environment

    from webapp.collection import _source_items

    numbers = {"https://example.org/a?x=1&y=<2>": 1, 'https://example.org/"b"': 2, "https://example.org/c": 3}
    loop = Environment(autoescape=True).from_string(
        "{% for url, n in numbers|dictsort(by='value') %}<li id=\"src-{{ n }}\"><a href=\"{{ url }}\" "
        "rel=\"noopener noreferrer\">{{ url }}</a></li>{% endfor %}")
    assert str(_source_items(tuple(numbers))) == loop.render(numbers=numbers)
    assert "&amp;y=&lt;2&gt;" in _source_items(tuple(numbers))
