"""The web layer's defects of issue 10, each as it was found: 500s (defect 5), amplification
(defect 6) and a redirect to a spoofed host (defect 9). None may answer 5xx or show a traceback."""

from __future__ import annotations

import urllib.parse

import pytest

TRACEBACK = b"Traceback"


def sparql(client, query: str):
    return client.get("/sparql?" + urllib.parse.urlencode({"query": query}),
                      headers={"Accept": "application/sparql-results+json"})


@pytest.mark.parametrize("query", [
    r"SELECT * FROM <\UFFFFFFFF> WHERE { ?s ?p ?o }",
    r"BASE <\U00110000> SELECT * WHERE { ?s ?p ?o }",
    r"SELECT * FROM <\uD800> WHERE { ?s ?p ?o }",
    "BASE <http://[x/> SELECT * FROM <g> WHERE { ?s ?p ?o }",
    "BASE <http://[x/> PREFIX p: <y> SELECT * FROM p:z WHERE { ?s ?p ?o }",
])
def test_iris_that_cannot_be_decoded_or_resolved_are_a_400(client, query):
    response = sparql(client, query)
    assert response.status_code == 400, response.data[:300]
    assert TRACEBACK not in response.data


@pytest.mark.parametrize(("path", "name"), [
    ("/actors?_page=²", "_page"),
    ("/actors?_page=%D9%A3", "_page"),  # ARABIC-INDIC DIGIT THREE
    ("/network?focus=test-recycler&hops=¹", "hops"),
    ("/actors?_page=" + "9" * 5000, "_page"),
    ("/gaps?_page=+1", "_page"),
])
def test_integer_parameters_are_parsed_strictly(client, path, name):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["parameter"] == name


def test_unknown_parameters_are_not_echoed_into_links(client):
    junk = "J" * 2000
    plain = client.get("/actors")
    response = client.get(f"/actors?kind=recycler&junk={junk}")
    assert response.status_code == 200
    assert junk.encode() not in response.data
    assert junk not in response.headers.get("Link", "")
    assert "kind=recycler" in response.headers.get("Link", "")
    assert len(response.data) < 2 * len(plain.data)


def test_a_huge_query_string_is_refused_at_once(client):
    response = client.get("/actors?junk=" + "J" * 200_000, headers={"Accept": "text/html"})
    assert response.status_code == 414
    assert len(response.data) < 20_000
    assert response.mimetype == "text/html"  # the error page itself rendered (the language was set first)


def test_redirects_never_follow_the_host_header(client):
    for path in ("/id//actor/test-recycler", "/id/actor/test-recycler"):
        response = client.get(path, headers={"Host": "evil.example", "Accept": "text/html"})
        assert response.status_code in (301, 303, 308), (path, response.status_code)
        assert "evil.example" not in response.headers["Location"]
        assert response.headers["Location"].startswith("/")


def test_redirects_use_the_configured_base_url(web_settings):
    from dataclasses import replace

    from webapp import create_app

    app = create_app(replace(web_settings, base_url="https://harzgraph.example.org"))
    response = app.test_client().get("/id//actor/test-recycler", headers={"Host": "evil.example"})
    assert response.headers["Location"].startswith("https://harzgraph.example.org/id/actor/test-recycler")
    resolved = app.test_client().get("/sparql", headers={"Host": "evil.example"},
                                     query_string={"query": 'SELECT (IRI("x") AS ?i) WHERE {}', "format": "json"})
    assert resolved.get_json()["results"]["bindings"][0]["i"]["value"] == "https://harzgraph.example.org/x"
    app.extensions["harzgraph"].close_runner()


def test_a_label_with_dollar_signs_does_not_break_the_briefing(settings):
    """matplotlib read "$…$" in a label as mathtext and failed (a 500 on /report)."""
    from graph import store as store_mod
    from graph.build import ingest
    from graph.report.briefing import build_report
    from tests.helpers import set_cell

    set_cell(settings.data_dir / "districts.csv", 2, "name", r"Goslar $\frac{a}{$ x_1^2")
    set_cell(settings.data_dir / "actors.csv", 2, "district", "03153")
    ingest.build(settings)
    html = build_report(store_mod.open_read_only(settings.store_dir), lang="de")
    assert "<svg" in html


HOSTILE = 'SELECT ?name WHERE { ?a rdfs:label ?name FILTER(STRSTARTS(?name, "=")) }'


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_workbench_downloads_are_formula_safe_and_the_protocol_answer_stays_raw(client, fmt):
    """A shared download link must not deliver a live formula to a spreadsheet; a SPARQL
    client asking for CSV/TSV still gets the protocol's exact answer (defect 7)."""
    from tests.webapp.conftest import FORMULA

    query = urllib.parse.urlencode({"query": HOSTILE, "format": fmt})
    raw = client.get(f"/sparql?{query}")
    assert raw.status_code == 200 and FORMULA.split("(")[0] in raw.get_data(as_text=True)
    safe = client.get(f"/sparql?{query}&_download=spreadsheet")
    assert safe.status_code == 200
    assert safe.headers["Content-Disposition"].startswith("attachment")
    cells = [cell for line in safe.get_data(as_text=True).splitlines()[1:]
             for cell in line.split("\t" if fmt == "tsv" else ",")]
    assert cells and all(not cell.lstrip('"').startswith(("=", "+", "-", "@")) for cell in cells)
    assert any("'=HYPERLINK" in cell for cell in cells)


def test_the_workbench_offers_the_formula_safe_download():
    from pathlib import Path

    script = (Path(__file__).parents[2] / "webapp" / "static" / "js" / "workbench.js").read_text()
    assert 'params.set("_download", "spreadsheet")' in script


@pytest.mark.parametrize("path", ["/actors/test-recycler?actor=0", "/actors/test-recycler.json?actor=x&fmt=csv"])
def test_a_parameter_named_like_a_path_part_is_no_500(client, path):
    """Found by the web fuzzer: the links of the page repeated ``actor`` and failed."""
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert TRACEBACK not in response.data


@pytest.mark.parametrize("literal", ["\\u0000", "\\uFFFF", "\\u001B"])
def test_xml_results_are_never_malformed(client, literal):
    """A query can make characters XML 1.0 cannot carry (defect 8): refused, never sent."""
    import xml.dom.minidom

    query = f'SELECT ("a{literal}b" AS ?x) WHERE {{}}'
    response = client.get("/sparql", query_string={"query": query, "format": "xml"})
    assert response.status_code == 400 and b"XML 1.0 cannot carry" in response.data
    fine = client.get("/sparql", query_string={"query": 'SELECT ("ab" AS ?x) WHERE {}', "format": "xml"})
    xml.dom.minidom.parseString(fine.data)
    as_json = client.get("/sparql", query_string={"query": query, "format": "json"})
    assert as_json.status_code == 200
