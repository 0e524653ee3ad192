"""A real SPARQL client, SPARQLWrapper, against ``/sparql`` on a waitress server at 127.0.0.1
(issue 5): SELECT as JSON, XML, CSV and TSV, ASK, CONSTRUCT as Turtle, N-Triples and JSON-LD,
by GET and POST, and its exceptions for refused queries. Synthetic test data, not real
organisations."""

from __future__ import annotations

import csv
import io
import urllib.error

import pytest
from rdflib import Graph, Literal, URIRef

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, TSV, TURTLE, XML  # noqa: E402
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed  # noqa: E402

from tests.helpers import live_server  # noqa: E402

NAMES = ("SELECT ?name WHERE { ?a a <http://www.w3.org/ns/org#Organization> ; "
         "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name")
LABELS = ("CONSTRUCT { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?name } WHERE { "
          "?a a <http://www.w3.org/ns/org#Organization> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name }")
RECYCLER = URIRef("https://w3id.org/harzgraph/id/actor/test-recycler")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture(scope="module")
def endpoint(app):
    with live_server(app) as url:
        yield f"{url}/sparql"
    app.extensions["harzgraph"].close_runner()


def wrapper(endpoint: str, query: str, fmt: str, method: str = GET):
    client = SPARQLWrapper.SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [GET, POST])
def test_select_json(endpoint, method):
    result = wrapper(endpoint, NAMES, JSON, method).queryAndConvert()
    names = [b["name"]["value"] for b in result["results"]["bindings"]]
    assert result["head"]["vars"] == ["name"]
    assert len(names) == 6 and names == sorted(names)
    assert "SYNTHETIC Test Recycler GmbH" in names


def test_select_xml(endpoint):
    document = wrapper(endpoint, NAMES, XML).queryAndConvert()
    names = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert len(names) == 6 and "SYNTHETIC Test Recycler GmbH" in names


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_select_csv_and_tsv(endpoint, fmt, delimiter):
    body = wrapper(endpoint, NAMES, fmt).queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(body), delimiter=delimiter))
    assert rows[0] == (["name"] if fmt == CSV else ["?name"])
    assert len(rows) == 7


def test_ask(endpoint):
    assert wrapper(endpoint, f"ASK {{ <{RECYCLER}> ?p ?o }}", JSON).queryAndConvert()["boolean"] is True
    assert wrapper(endpoint, "ASK { <urn:x:none> ?p ?o }", XML).queryAndConvert().getElementsByTagName(
        "boolean")[0].firstChild.data == "false"


@pytest.mark.parametrize(("fmt", "rdflib_format"), [(TURTLE, "turtle"), (N3, "turtle")])
def test_construct_turtle(endpoint, fmt, rdflib_format):
    body = wrapper(endpoint, LABELS, fmt).queryAndConvert()
    graph = Graph().parse(data=body.decode("utf-8") if isinstance(body, bytes) else body, format=rdflib_format)
    assert len(graph) == 6
    assert (RECYCLER, RDFS_LABEL, Literal("SYNTHETIC Test Recycler GmbH")) in graph


def test_construct_jsonld_body(endpoint):
    client = wrapper(endpoint, LABELS, JSONLD)
    response = client.query()
    assert response.response.headers["Content-Type"].startswith("application/ld+json")
    assert b"SYNTHETIC Test Recycler GmbH" in response.response.read()


@pytest.mark.parametrize("query", [
    pytest.param("SELECT * WHERE { ?s ?p ", id="syntax"),
    pytest.param("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", id="service"),
])
def test_refusals_reach_the_client_as_bad_queries(endpoint, query):
    with pytest.raises(QueryBadFormed) as caught:
        wrapper(endpoint, query, JSON, POST).query()
    assert "line 1, column" in str(caught.value)


def test_an_update_is_refused_with_403(endpoint, web_settings):
    """SPARQLWrapper sends an update as the protocol's update operation (POST update=)."""
    from tests.helpers import dump

    before = dump(web_settings.store_dir)
    client = wrapper(endpoint, "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    assert b"answers queries only" in caught.value.read()
    assert dump(web_settings.store_dir) == before
