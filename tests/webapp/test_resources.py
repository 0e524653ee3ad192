"""``/id/…``: the graph's IRIs answer in the app, as HTML for browsers and as RDF by Accept (issue 5).

Runs on the synthetic test store of ``conftest.py`` (not real organisations).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.namespaces import ID, PREFIXES
from graph.sparql.catalog import named_query
from graph.store import open_read_only
from tests.webapp.conftest import IMG

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
TANTALUM = "/id/concept/material/tantalum"
RECYCLER = "/id/concept/kind/recycler"


def expected(web_settings, iri: str) -> Graph:
    """What the resource query gives, run here on the store itself."""
    store = open_read_only(web_settings.store_dir)
    triples = store.query(named_query("resource").text, base_iri=iri, prefixes=PREFIXES)
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")


@pytest.mark.parametrize("path", ["actor/test-recycler", "concept/material/tantalum", "scheme/kind",
                                  "relation/hostile-img.cooperates_with.test-recycler.2020"])
@pytest.mark.parametrize(("accept", "rdflib_format"), [
    pytest.param("text/turtle", "turtle", id="turtle"),
    pytest.param("application/n-triples", "nt", id="ntriples"),
    pytest.param("application/ld+json", "json-ld", id="jsonld"),
    pytest.param(None, "turtle", id="no-accept"),
])
def test_rdf_by_accept_is_the_resource_query(client, web_settings, path, accept, rdflib_format):
    response = client.get(f"/id/{path}", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["Vary"].startswith("Accept")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    if rdflib_format == "json-ld":  # read by pyoxigraph: rdflib's JSON-LD parser warns of deprecations
        triples = ox.parse(response.data, format=ox.RdfFormat.JSON_LD)
        got = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    else:
        got = Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
    want = expected(web_settings, ID + path)
    assert len(want) > 3
    assert isomorphic(got, want)


def test_format_parameter(client):
    response = client.get(f"{TANTALUM}?format=ntriples", headers=BROWSER)
    assert response.mimetype == "application/n-triples"
    assert client.get(f"{TANTALUM}?format=csv").status_code == 400
    assert client.get(TANTALUM, headers={"Accept": "image/png"}).status_code == 406


def test_the_actor_iri_sends_a_browser_to_the_profile(client):
    response = client.get("/id/actor/test-recycler", headers=BROWSER)
    assert response.status_code == 303
    assert response.headers["Location"] == "/actors/test-recycler"


def test_a_concept_page_lists_its_triples_with_labels_links_and_the_query(client):
    response = client.get(RECYCLER, headers=BROWSER)
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "<h1>Recyclingunternehmen</h1>" in html
    assert "<code>https://w3id.org/harzgraph/id/concept/kind/recycler</code>" in html
    assert '<a href="/actors/test-recycler"' in html, "actors of this kind link to their profile"
    assert '<a href="/id/scheme/kind"' in html, "its scheme links to the scheme's page"
    assert "BASE &lt;https://w3id.org/harzgraph/id/concept/kind/recycler&gt;\nCONSTRUCT {" in html
    assert 'href="/sparql?query=BASE+%3Chttps://w3id.org/harzgraph/id/concept/kind/recycler%3E%0ACONSTRUCT' in html
    assert 'href="/id/concept/kind/recycler?format=turtle"' in html
    english = client.get(RECYCLER + "?lang=en", headers=BROWSER).get_data(as_text=True)
    assert "<h1>Recycling company</h1>" in english


def test_the_query_shown_gives_the_same_triples(client, web_settings):
    """The page's query, run at /sparql, answers what /id/ answers."""
    iri = ID + "concept/material/tantalum"
    shown = f"BASE <{iri}>\n" + "\n".join(line for line in named_query("resource").text.splitlines()
                                          if not line.startswith("#")).strip()
    response = client.post("/sparql", data={"query": shown}, headers={"Accept": "application/n-triples"})
    assert isomorphic(Graph().parse(data=response.get_data(as_text=True), format="nt"), expected(web_settings, iri))


def test_a_relation_page_shows_its_sources_and_escapes_names(client):
    html = client.get("/id/relation/hostile-img.cooperates_with.test-recycler.2020",
                      headers=BROWSER).get_data(as_text=True)
    assert '<ol class="sources"><li><a href="https://example.org/hostile-3"' in html
    assert IMG not in html and "<script>alert(1)" not in html
    assert "&lt;img src=x onerror=document.title=&#39;X&#39;&gt;" in html


@pytest.mark.parametrize("path", ["/id/actor/nobody", "/id/concept/material/unobtainium", "/id/actor/..",
                                  "/id/a/b/c/d/e", "/id/actor/x%20y", "/id/"])
@pytest.mark.parametrize("accept", ["text/turtle", BROWSER["Accept"]])
def test_unknown_resources_are_404(client, path, accept):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)
