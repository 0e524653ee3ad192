"""The W3C SPARQL 1.1 Protocol tests, and the syntax suites, against ``/sparql`` (issue 5).

The manifests come from ``tests/w3c`` (a copy of w3c/rdf-tests, SPARQL 1.1 ``protocol``,
``syntax-query`` and ``syntax-update-1``; W3C test-suite licence, see ``LICENSE.md`` and
``ORIGIN.txt`` there). Each protocol test is a list of HTTP requests (method, path, headers,
body) with the expected status class, result format and ASK answer; they run in order
against the Flask test client, ``/sparql/`` of the manifest being our ``/sparql``.

* Query tests (``query_*``) must pass as written. Their dataset parameters name the graphs
  ``http://kasei.us/2009/09/sparql/data/data0.rdf`` … ``data3.rdf``; the endpoint never
  fetches a graph, so the test store holds them (``data1``–``data3`` from the suite's
  ``.nt`` files, as the manifest's ``ut:graphData`` says; ``data0``, which has no file in the
  suite and is only named by tests whose query needs no data, as an empty graph).
* Update tests (``update_*``) expect the update to succeed: this endpoint never runs
  SPARQL Update, so each is refused with 403 by policy, and the store's N-Quads are the
  same afterwards.
* Tests of bad requests (``bad_*``) must get a 4xx.

The syntax suites go through the endpoint as well: every positive query is accepted (one
calls an undefined extension function and fails as an evaluation error, still a 400 but
not a syntax error), every negative one gets 400 with line and column, every update is
refused before it runs. The store is synthetic test data, not real organisations.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

from graph import store as store_mod
from graph.settings import Settings
from tests.helpers import dump

SUITES = Path(__file__).resolve().parents[1] / "w3c" / "sparql" / "sparql11"
PROTOCOL = SUITES / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
KASEI = "http://kasei.us/2009/09/sparql/data/"
W3C_BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
#: Where ``FROM <file>`` of ``syntax-construct-where-02`` points with the endpoint's URL as base.
FILE_GRAPH = "http://localhost/file"


def _protocol_tests() -> list[tuple[str, list[dict]]]:
    """``(name, requests)`` of every entry, in manifest order; each request a dict of method,
    path, headers, body bytes and the expected status classes, format and boolean."""
    manifest = Graph()
    manifest.parse(PROTOCOL / "manifest.ttl", format="turtle", publicID=W3C_BASE + "protocol/manifest.ttl")
    root = URIRef(W3C_BASE + "protocol/manifest.ttl")
    tests = []
    for test in Collection(manifest, manifest.value(root, MF.entries)):
        action = manifest.value(test, MF.action)
        requests = []
        for request in Collection(manifest, manifest.value(action, HT.requests)):
            body = manifest.value(request, HT.body)
            headers = {}
            header_list = manifest.value(request, HT.headers)
            for header in Collection(manifest, header_list) if header_list else []:
                headers[str(manifest.value(header, HT.fieldName))] = str(manifest.value(header, HT.fieldValue))
            response = manifest.value(request, HT.resp)
            encoding = str(manifest.value(body, CNT.characterEncoding)) if body else "UTF-8"
            requests.append({
                "method": str(manifest.value(request, HT.methodName)),
                "path": str(manifest.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
                "headers": headers,
                "body": str(manifest.value(body, CNT.chars)).encode(encoding.lower()) if body else None,
                "status": sorted(str(s).removeprefix(HTS) for s in manifest.objects(response, MF.expectedStatus)),
                "format": str(manifest.value(response, MF.expectedFormat) or "") or None,
                "boolean": manifest.value(response, MF.expectedBoolean),
            })
        tests.append((str(test).rsplit("#", 1)[1], requests))
    return tests


PROTOCOL_TESTS = _protocol_tests()
QUERY = [t for t in PROTOCOL_TESTS if t[0].startswith("query_")]
UPDATE = [t for t in PROTOCOL_TESTS if t[0].startswith("update_")]
BAD = [t for t in PROTOCOL_TESTS if t[0].startswith("bad_")]


@pytest.fixture(scope="module")
def w3c_app(tmp_path_factory):
    """An app on a store holding the suite's graphs (see the module docstring)."""
    from webapp import create_app
    
    root = tmp_path_factory.mktemp("w3c-protocol")
    store_dir = root / "store"
    with store_mod.new_version(store_dir) as folder:
        store = ox.Store(str(folder))
        for n in (1, 2, 3):
            graph = ox.NamedNode(f"{KASEI}data{n}.rdf")
            for triple in ox.parse(path=str(PROTOCOL / f"data{n}.nt"), format=ox.RdfFormat.N_TRIPLES):
                store.add(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
        store.add_graph(ox.NamedNode(f"{KASEI}data0.rdf"))
        example = ox.NamedNode("http://example.org/s")
        store.add(ox.Quad(example, ox.NamedNode("http://example.org/p"), ox.Literal("1"), ox.NamedNode(FILE_GRAPH)))
        store.add(ox.Quad(example, ox.NamedNode("http://example.org/p"), ox.Literal("1")))
        store.flush()
        del store
    store_mod.publish(store_dir, folder)
    app = create_app(Settings(data_dir=root, store_dir=store_dir, query_timeout_s=5.0))
    yield app
    app.extensions["harzgraph"].close_runner()


def _send(client, request: dict):
    headers = dict(request["headers"])
    content_type = headers.pop("content-type", None)
    return client.open(request["path"], method=request["method"], data=request["body"], headers=headers,
                       content_type=content_type)


def _check_result(response, request: dict) -> None:
    media_type = response.mimetype
    if request["format"] == "boolean":
        assert media_type == "application/sparql-results+json"
        assert isinstance(response.get_json(force=True)["boolean"], bool)
        if request["boolean"] is not None:
            assert response.get_json(force=True)["boolean"] is request["boolean"].toPython()
    elif request["format"] == "tabular":
        assert media_type in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                              "text/tab-separated-values")
        parsed = ox.parse_query_results(response.data, format=ox.QueryResultsFormat.JSON)
        assert [v.value for v in parsed.variables] == ["value"]
        assert [s["value"].value for s in parsed] == ["1"]
    elif request["format"] == "RDF":
        assert media_type in ("text/turtle", "application/n-triples", "application/rdf+xml")
        list(ox.parse(response.data, format=ox.RdfFormat.TURTLE))


def test_the_manifest_is_complete():
    """The counts at the recorded commit, so that a change of the suite is noticed."""
    assert (len(QUERY), len(UPDATE), len(BAD), len(PROTOCOL_TESTS)) == (13, 7, 14, 34)


@pytest.mark.parametrize(("name", "requests"), [pytest.param(*t, id=t[0]) for t in QUERY])
def test_query(w3c_app, name, requests):
    client = w3c_app.test_client()
    for request in requests:
        response = _send(client, request)
        assert f"{response.status_code // 100}xx" in request["status"], response.get_data(as_text=True)
        _check_result(response, request)


@pytest.mark.parametrize(("name", "requests"), [pytest.param(*t, id=t[0]) for t in UPDATE])
def test_update_is_refused_by_policy(w3c_app, name, requests):
    """The update of each test is refused before anything runs; the store is unchanged."""
    settings = w3c_app.extensions["harzgraph"].settings
    before = dump(settings.store_dir)
    client = w3c_app.test_client()
    update, *checks = requests
    response = _send(client, update)
    assert response.status_code == 403
    assert "SPARQL Update is not offered" in response.get_data(as_text=True)
    assert dump(settings.store_dir) == before
    for check in checks:  # the follow-up ASK runs, and finds nothing the update would have made
        response = _send(client, check)
        assert response.status_code == 200
        assert response.get_json(force=True)["boolean"] is False


@pytest.mark.parametrize(("name", "requests"), [pytest.param(*t, id=t[0]) for t in BAD])
def test_bad_request(w3c_app, name, requests):
    settings = w3c_app.extensions["harzgraph"].settings
    before = dump(settings.store_dir)
    client = w3c_app.test_client()
    for request in requests:
        response = _send(client, request)
        assert 400 <= response.status_code < 500, (response.status_code, response.get_data(as_text=True))
        assert "Traceback" not in response.get_data(as_text=True)
    assert dump(settings.store_dir) == before


# ---- the syntax suites, through the endpoint -------------------------------------------------

def _syntax_entries(suite: str) -> list[tuple[str, str, Path]]:
    base = f"{W3C_BASE}{suite}/"
    manifest = Graph()
    manifest.parse(SUITES / suite / "manifest.ttl", format="turtle", publicID=base + "manifest.ttl")
    entries = []
    for test in Collection(manifest, manifest.value(URIRef(base + "manifest.ttl"), MF.entries)):
        action = str(manifest.value(test, MF.action))
        kind = str(manifest.value(test, RDF.type)).rsplit("#", 1)[1]
        entries.append((str(manifest.value(test, MF.name)), kind, SUITES / suite / action.removeprefix(base)))
    return entries


SYNTAX_QUERY = _syntax_entries("syntax-query")
SYNTAX_UPDATE = _syntax_entries("syntax-update-1")
#: Positive syntax tests that parse but cannot be evaluated (see tests/graph/test_w3c_syntax.py).
EVALUATION_FAILS = {"syntax-select-expr-04.rq"}


def _post_query(client, path: Path):
    return client.post("/sparql", data=path.read_bytes(), content_type="application/sparql-query",
                       headers={"Accept": "application/json, application/sparql-results+json, text/turtle"})


def test_syntax_query_positive_accepted(w3c_app):
    client = w3c_app.test_client()
    positive = [e for e in SYNTAX_QUERY if e[1] == "PositiveSyntaxTest11"]
    refused = {}
    for _name, _, path in positive:
        response = _post_query(client, path)
        if response.status_code != 200:
            refused[path.name] = response.get_data(as_text=True)[:200]
    assert len(positive) == 63
    assert set(refused) == EVALUATION_FAILS, refused
    assert "syntax error" not in next(iter(refused.values()))


def test_syntax_query_negative_refused_with_position(w3c_app):
    client = w3c_app.test_client()
    negative = [e for e in SYNTAX_QUERY if e[1] == "NegativeSyntaxTest11"]
    accepted = []
    for _name, _, path in negative:
        response = _post_query(client, path)
        body = response.get_json(force=True) if response.status_code == 400 else None
        if body is None or not body["errors"] or not body["errors"][0].get("line"):
            accepted.append((path.name, response.status_code))
    assert len(negative) == 31
    assert accepted == []


def test_syntax_update_refused_store_unchanged(w3c_app):
    settings = w3c_app.extensions["harzgraph"].settings
    before = dump(settings.store_dir)
    client = w3c_app.test_client()
    statuses = {}
    for _name, _, path in SYNTAX_UPDATE:
        as_query = _post_query(client, path).status_code
        as_update = client.post("/sparql", data=path.read_bytes(), content_type="application/sparql-update")
        as_form = client.post("/sparql", data={"update": path.read_text(encoding="utf-8")})
        statuses[path.name] = (as_query, as_update.status_code, as_form.status_code)
    assert len(statuses) == 54
    assert {s for s in statuses.values()} == {(400, 403, 403)}
    assert dump(settings.store_dir) == before
