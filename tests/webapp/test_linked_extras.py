"""Linked-data extras (issue 14): the whole graph as one download, the ontology at its
namespace IRI, dereferenceable skolem IRIs, and a profile's link to its RDF."""

from __future__ import annotations

import gzip
import html as html_module
import re

import pyoxigraph as ox

from tests.helpers import dump


def test_the_whole_graph_downloads_as_gzip_nquads_with_every_quad(client, web_settings):
    response = client.get("/dump.nq.gz")
    assert response.status_code == 200 and response.mimetype == "application/gzip"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="harzgraph-')
    lines = set(gzip.decompress(response.data).decode("utf-8").splitlines())
    assert lines == dump(web_settings.store_dir), "every quad of the current version, none added"
    assert 'href="/dump.nq.gz"' in client.get("/").get_data(as_text=True), "linked from every page"


def test_the_ontology_is_served_at_its_namespace(client):
    turtle = client.get("/ns", headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle"
    graph = list(ox.parse(turtle.data, format=ox.RdfFormat.TURTLE))
    kinds = [t for t in graph if t.subject == ox.NamedNode("https://w3id.org/harzgraph/ns#kind")]
    assert kinds, "hg:kind is defined there"
    page = client.get("/ns", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "harzgraph-Ontologie" in page.get_data(as_text=True)


def test_skolem_iris_are_dereferenceable(client, web_settings):
    subjects = {line.split(" ")[0] for line in dump(web_settings.store_dir) if "/.well-known/genid/" in line}
    assert subjects, "the vocabularies have skolemised blank nodes"
    iri = sorted(subjects)[0].strip("<>")
    path = iri.removeprefix("https://w3id.org/harzgraph")
    response = client.get(path, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert any(line.startswith(f"<{iri}> ") for line in response.get_data(as_text=True).splitlines()), \
        "what the graph says about it"
    assert client.get("/.well-known/genid/no-such-1", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/.well-known/genid/..%2Fetc", headers={"Accept": "text/turtle"}).status_code == 404


def test_a_profile_links_to_its_rdf(client):
    response = client.get("/actors/test-recycler")
    assert '</id/actor/test-recycler>; rel="alternate"; type="text/turtle"' in response.headers["Link"]
    assert 'href="/id/actor/test-recycler?format=turtle"' in response.get_data(as_text=True)
    rdf = client.get("/id/actor/test-recycler", headers={"Accept": "text/turtle"})
    assert rdf.status_code == 200 and rdf.mimetype == "text/turtle"


def test_the_briefing_has_json_and_csv_twins_with_the_same_findings(client):
    body = client.get("/report.json").get_json()
    document = html_module.unescape(client.get("/report/briefing.html").get_data(as_text=True))
    findings = re.search(r'<ol class="findings">(.*?)</ol>\s*</section>', document, re.S)[1]
    assert body["count"] == findings.count('<div class="finding-foot">') > 0
    for row in body["rows"]:
        assert row["finding"] in document and row["text"] in document
        assert all(url in document for url in row["sources"]), "the twin names the sources the document cites"
    csv_text = client.get("/report.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0] == "number,finding,text,section,sources,more_sources,thin"
    assert '</report.json>; rel="alternate"' in client.get("/report").headers["Link"]


def test_json_twins_come_in_pages_linked_by_next(client):
    whole = client.get("/actors.json").get_json()
    assert whole["next"] is None and whole["count"] == whole["total_rows"] == 6 == len(whole["rows"])
    seen, url, pages = [], "/actors.json?_limit=4&_sort=name", 0
    while url:
        body = client.get(url).get_json()
        assert body["count"] == len(body["rows"]) <= 4 and body["total_rows"] == 6
        seen += [row["id"] for row in body["rows"]]
        url, pages = body["next"], pages + 1
    assert pages == 2, "6 rows in pages of 4: 4 + 2"
    assert client.get("/actors.json?_limit=3&_offset=3").get_json()["next"] is None, "3 + 3: no third page"
    assert seen == [row["id"] for row in client.get("/actors.json?_sort=name").get_json()["rows"]]
    assert client.get("/actors.json?_limit=0").status_code == 400
    assert client.get("/actors.json?_limit=10001").status_code == 400
