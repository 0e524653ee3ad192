"""``/sparql``: the SPARQL 1.1 Protocol over the read-only runner, its refusals and limits,
and the workbench page (issue 5).

Runs against the synthetic test store of ``conftest.py`` (not real organisations), with a
time limit of 2 s and a row cap of 50 so that the limits can be reached quickly. The tests
of time limits and concurrency go through a waitress server on 127.0.0.1, as a client would.
"""

from __future__ import annotations

import gc
import json
import re
import select
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.helpers import dump, live_server, requires_browser
from tests.webapp.conftest import IMG
from tests.webapp.test_app import refs
from webapp.security import CSP

LIMIT_S = 2.0
MAX_ROWS = 50
COUNT_ACTORS = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a org:Organization }"
ACTOR_NAMES = "SELECT ?name WHERE { ?a a org:Organization ; rdfs:label ?name } ORDER BY ?name"
CONSTRUCT = "CONSTRUCT { ?a rdfs:label ?name } WHERE { ?a a org:Organization ; rdfs:label ?name }"
HEAVY = {
    # The classic ReDoS pattern: Oxigraph's regex engine is linear, so the pattern alone cannot
    # blow up; over the product of every object with every other it still runs far past 2 s.
    "redos-regex": 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f '
                   'FILTER(REGEX(CONCAT(STR(?c), STR(?f)), "^(([a-z])+.)+[A-Z]([a-z])+$")) }',
    "cartesian": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "property-path": "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<urn:x:none>|^!<urn:x:none>)* ?b }",
}


@pytest.fixture(scope="module")
def sparql_app(web_settings):
    from webapp import create_app
    
    app = create_app(replace(web_settings, query_timeout_s=LIMIT_S, query_max_rows=MAX_ROWS))
    yield app
    app.extensions["harzgraph"].close_runner()


@pytest.fixture
def sc(sparql_app):
    return sparql_app.test_client()


@pytest.fixture(scope="module")
def server(sparql_app):
    with live_server(sparql_app, threads=8) as url:
        yield url


@pytest.fixture
def listener():
    """A socket on a free loopback port that counts every connection made to it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def connections(sock: socket.socket, wait: float = 0.3) -> int:
    count = 0
    while select.select([sock], [], [], wait)[0]:
        conn, _ = sock.accept()
        conn.close()
        count += 1
        wait = 0
    return count


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
          timeout: float = 30) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def q(text: str, **more: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": text, **more})


def names(response) -> list[str]:
    return [b["name"]["value"] for b in json.loads(response.data)["results"]["bindings"]]


# ---- the three ways to send a query ----------------------------------------------------------

def test_get_form_post_and_direct_post_give_the_same_answer(sc):
    by_get = sc.get(q(ACTOR_NAMES))
    by_form = sc.post("/sparql", data={"query": ACTOR_NAMES})
    by_body = sc.post("/sparql", data=ACTOR_NAMES.encode(), content_type="application/sparql-query")
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.mimetype == "application/sparql-results+json"
    assert names(by_get) == names(by_form) == names(by_body)
    assert IMG in names(by_get) and "SYNTHETIC Test Recycler GmbH" in names(by_get)
    assert names(by_get) == sorted(names(by_get))


def test_predeclared_prefixes_and_base_iri_is_the_endpoint(sc):
    for lang in ("de", "en"):
        response = sc.get(q("SELECT ?here WHERE { BIND(<> AS ?here) }", lang=lang))
        assert json.loads(response.data)["results"]["bindings"][0]["here"]["value"] == "http://localhost/sparql"
    response = sc.get(q("ASK { actor:test-recycler a org:Organization }"))
    assert json.loads(response.data) == {"head": {}, "boolean": True}


# ---- content negotiation ----------------------------------------------------------------------

@pytest.mark.parametrize(("accept", "media_type"), [
    pytest.param(None, "application/sparql-results+json", id="no-accept"),
    pytest.param("*/*", "application/sparql-results+json", id="any"),
    pytest.param("application/sparql-results+json", "application/sparql-results+json", id="json"),
    pytest.param("application/json", "application/sparql-results+json", id="plain-json"),
    pytest.param("application/sparql-results+xml", "application/sparql-results+xml", id="xml"),
    pytest.param("text/csv", "text/csv", id="csv"),
    pytest.param("text/tab-separated-values", "text/tab-separated-values", id="tsv"),
    pytest.param("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", id="quality"),
])
def test_select_by_accept(sc, accept, media_type):
    response = sc.get(q(COUNT_ACTORS), headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    if media_type == "text/csv":  # lossy, so pyoxigraph does not read it back
        assert response.data == b"n\r\n6\r\n"
        return
    parsed = ox.parse_query_results(response.data, format=ox.QueryResultsFormat.from_media_type(media_type))
    assert [s["n"].value for s in parsed] == ["6"]


@pytest.mark.parametrize(("accept", "rdf_format"), [
    pytest.param(None, ox.RdfFormat.TURTLE, id="no-accept"),
    pytest.param("text/turtle", ox.RdfFormat.TURTLE, id="turtle"),
    pytest.param("application/n-triples", ox.RdfFormat.N_TRIPLES, id="ntriples"),
    pytest.param("application/ld+json", ox.RdfFormat.JSON_LD, id="jsonld"),
    pytest.param("application/rdf+xml;q=0.9, text/turtle;q=0.5", ox.RdfFormat.TURTLE, id="best-we-have"),
])
def test_construct_by_accept(sc, accept, rdf_format):
    response = sc.get(q(CONSTRUCT), headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == rdf_format.media_type
    labels = {t.object.value for t in ox.parse(response.data, format=rdf_format)}
    assert IMG in labels and len(labels) == 6


@pytest.mark.parametrize(("text", "fmt", "media_type"), [
    pytest.param(COUNT_ACTORS, "csv", "text/csv", id="select-csv"),
    pytest.param(COUNT_ACTORS, "text/tab-separated-values", "text/tab-separated-values", id="select-tsv-type"),
    pytest.param(COUNT_ACTORS, "xml", "application/sparql-results+xml", id="select-xml"),
    pytest.param(CONSTRUCT, "ntriples", "application/n-triples", id="construct-nt"),
    pytest.param(CONSTRUCT, "jsonld", "application/ld+json", id="construct-jsonld"),
    pytest.param(CONSTRUCT, "application/ld+json,application/x-json+ld", "application/ld+json", id="list"),
    pytest.param(CONSTRUCT, "n3", "text/turtle", id="n3-is-turtle"),
])
def test_format_parameter_wins_over_accept(sc, text, fmt, media_type):
    response = sc.get(q(text, format=fmt), headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == media_type


def test_unfitting_format_and_accept_are_refused(sc):
    assert sc.get(q(COUNT_ACTORS, format="turtle")).status_code == 406
    assert sc.get(q(CONSTRUCT, format="csv")).status_code == 406
    assert sc.get(q(CONSTRUCT, format="xml")).status_code == 406, "no RDF/XML"
    assert sc.get(q(CONSTRUCT, format="nonsense"), headers={"Accept": "text/turtle"}).mimetype == "text/turtle"
    response = sc.get(q(COUNT_ACTORS), headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/csv" in response.get_data(as_text=True)


# ---- refused before anything runs -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    pytest.param("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", id="insert-data"),
    pytest.param("DROP ALL", id="drop-all"),
    pytest.param("LOAD <http://127.0.0.1:1/data.ttl>", id="load"),
    pytest.param("DELETE WHERE { ?s ?p ?o }", id="delete-where"),
    pytest.param("CLEAR DEFAULT", id="clear"),
])
def test_updates_sent_as_queries_are_refused_and_the_store_is_unchanged(sc, web_settings, text):
    before = dump(web_settings.store_dir)
    for response in (sc.get(q(text)), sc.post("/sparql", data={"query": text}),
                     sc.post("/sparql", data=text.encode(), content_type="application/sparql-query")):
        assert response.status_code == 400
        assert "SPARQL Update" in response.get_data(as_text=True)
    assert dump(web_settings.store_dir) == before


def test_the_update_operation_is_refused(sc, web_settings):
    before = dump(web_settings.store_dir)
    text = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    for response in (sc.get("/sparql?" + urllib.parse.urlencode({"update": text})),
                     sc.post("/sparql", data={"update": text}),
                     sc.post("/sparql", data=text.encode(), content_type="application/sparql-update")):
        assert response.status_code == 403
        assert "answers queries only" in response.get_data(as_text=True)
    assert dump(web_settings.store_dir) == before


@pytest.mark.parametrize("template", [
    pytest.param("SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", id="service"),
    pytest.param("SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}", id="service-silent"),
    pytest.param("select * where {{ service <{url}> {{ ?s ?p ?o }} }}", id="lower-case"),
    pytest.param("SELECT * WHERE {{ BIND(<{url}> AS ?x) SERVICE ?x {{ ?s ?p ?o }} }}", id="variable"),
    pytest.param("SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", id="from"),
    pytest.param("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", id="from-named"),
    pytest.param("LOAD <{url}>", id="load"),
])
def test_nothing_is_fetched(server, listener, template):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    status, _, body = fetch(server + q(template.format(url=url)))
    assert status == 400, body
    assert connections(listener) == 0


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_protocol_dataset_naming_a_remote_graph_is_refused(server, listener, parameter):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    status, _, body = fetch(server + q("SELECT * WHERE { ?s ?p ?o }", **{parameter: url}))
    assert status == 400
    assert b"never loads graphs from elsewhere" in body
    assert connections(listener) == 0


# ---- malformed requests -----------------------------------------------------------------------

def test_syntax_error_names_line_and_column(sc):
    text = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  BIND(1 AS ?s ?t)\n}"
    response = sc.get(q(text), headers={"Accept": "application/json"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["ok"] is False and body["status"] == 400
    assert body["errors"] == [{"line": 3, "column": 16}]
    assert body["error"].startswith("line 3, column 16: syntax error, expected \")\"")
    plain = sc.get(q(text))
    assert plain.mimetype == "text/plain"
    assert plain.get_data(as_text=True).startswith("400 Bad request: line 3, column 16: syntax error")


@pytest.mark.parametrize(("send", "status"), [
    pytest.param(lambda c: c.get("/sparql"), 400, id="no-query"),
    pytest.param(lambda c: c.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D"), 400, id="two-queries"),
    pytest.param(lambda c: c.post("/sparql", data=b"ASK {}", content_type="text/plain"), 415, id="text-plain"),
    pytest.param(lambda c: c.post("/sparql", data=b"ASK {}"), 415, id="no-content-type"),
    pytest.param(lambda c: c.post("/sparql", data="ASK {}".encode("utf-16"),
                                  content_type="application/sparql-query; charset=UTF-16"), 415, id="utf-16"),
    pytest.param(lambda c: c.put("/sparql?query=ASK%7B%7D"), 405, id="put"),
    pytest.param(lambda c: c.get("/sparql?query=ASK%7B%7D&timeout=soon"), 400, id="bad-timeout"),
    pytest.param(lambda c: c.get("/sparql?query=ASK%7B%7D&timeout=-1"), 400, id="negative-timeout"),
])
def test_malformed_requests(sc, send, status):
    response = send(sc)
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("send", [
    pytest.param(lambda c: c.get("/sparql?query=SELECT%20*%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D"), id="get"),
    pytest.param(lambda c: c.post("/sparql", data=b"query=SELECT%20*%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D",
                                  content_type="application/x-www-form-urlencoded"), id="form"),
    pytest.param(lambda c: c.post("/sparql", data=b'SELECT * { ?s ?p "\xff" }',
                                  content_type="application/sparql-query"), id="direct"),
])
def test_invalid_utf8_is_refused_with_its_position(sc, send):
    response = send(sc)
    assert response.status_code == 400
    assert "line 1, column 19: the query is not valid UTF-8" in response.get_data(as_text=True)


def test_deep_nesting_is_refused_and_the_server_lives(server):
    status, _, body = fetch(server + "/sparql", data=b"SELECT * WHERE { FILTER(" + b"(" * 5000 + b"1" +
                            b")" * 5000 + b") }", headers={"Content-Type": "application/sparql-query"})
    assert status == 400
    assert b"nested more than 64 levels" in body
    status, _, body = fetch(server + q(COUNT_ACTORS))
    assert status == 200 and b'"6"' in body


def test_long_queries_are_refused(server):
    padding = "# " + "x" * 1_048_576 + "\n"
    status, _, _ = fetch(server + "/sparql", data=(padding + "ASK {}").encode(),
                         headers={"Content-Type": "application/sparql-query"})
    assert status == 413, "a 1 MB body is larger than the app accepts"
    status, _, body = fetch(server + "/sparql", data=urllib.parse.urlencode({"query": padding[:300_000] + "\nASK {}"})
                            .encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"at most 200,000 are accepted" in body


# ---- limits ---------------------------------------------------------------------------------

def test_results_cut_at_the_row_cap_say_so(sc):
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    response = sc.get(q(text))
    assert response.headers["X-Harzgraph-Truncated"] == "rows"
    assert response.headers["X-Harzgraph-Count"] == str(MAX_ROWS)
    assert len(json.loads(response.data)["results"]["bindings"]) == MAX_ROWS
    small = sc.get(q(COUNT_ACTORS))
    assert "X-Harzgraph-Truncated" not in small.headers and small.headers["X-Harzgraph-Count"] == "1"
    assert float(small.headers["X-Harzgraph-Elapsed-Ms"]) > 0


@pytest.mark.parametrize("name", list(HEAVY))
def test_heavy_queries_stop_at_the_limit_while_others_are_answered(server, name):
    outcome = {}

    def heavy():
        outcome["heavy"] = fetch(server + q(HEAVY[name]), headers={"Accept": "application/json"})

    thread = threading.Thread(target=heavy)
    thread.start()
    time.sleep(0.3)
    status, _, body = fetch(server + q(COUNT_ACTORS))
    heavy_still_running = thread.is_alive()
    thread.join(LIMIT_S + 10)
    assert status == 200 and b'"6"' in body
    assert heavy_still_running, "a light query is answered while the heavy one runs"
    heavy_status, _, heavy_body = outcome["heavy"]
    assert heavy_status == 503
    assert json.loads(heavy_body)["error"].startswith("the query ran longer than 2 s and was stopped")


def test_a_client_may_lower_the_time_limit_but_not_raise_it(server):
    status, _, body = fetch(server + q(HEAVY["cartesian"], timeout="0.5"))
    assert status == 503 and b"longer than 0.5 s" in body
    status, _, body = fetch(server + q(HEAVY["cartesian"], timeout="3600"))
    assert status == 503 and b"longer than 2 s" in body


def test_too_many_heavy_queries_get_429_with_retry_after(web_settings):
    from webapp import create_app
    
    app = create_app(replace(web_settings, query_timeout_s=LIMIT_S))
    app.extensions["harzgraph"].runner_workers = 1
    client = app.test_client()
    try:
        thread = threading.Thread(target=lambda: app.test_client().get(q(HEAVY["cartesian"])))
        client.get(q(COUNT_ACTORS))  # starts the one worker
        thread.start()
        time.sleep(0.3)
        response = client.get(q(COUNT_ACTORS), headers={"Accept": "application/json"})
        thread.join(LIMIT_S + 5)
        assert response.status_code == 429
        assert 1 <= int(response.headers["Retry-After"]) <= LIMIT_S
        assert "busy" in response.get_json()["error"]
        assert client.get(q(COUNT_ACTORS)).status_code == 200, "answered again once the worker is free"
    finally:
        app.extensions["harzgraph"].close_runner()


# ---- one runner per app -------------------------------------------------------------------

def test_one_runner_per_app_started_lazily_and_closed_with_the_app(web_settings):
    from webapp import create_app

    app = create_app(web_settings)
    state = app.extensions["harzgraph"]
    assert state.runner is None, "no worker starts before the first query"
    client = app.test_client()
    client.get(q(COUNT_ACTORS))
    runner = state.runner
    client.get(q(COUNT_ACTORS))
    assert state.runner is runner
    processes = [w.process for w in runner._idle if w is not None]
    assert processes and all(p.poll() is None for p in processes)
    del app, client, state
    gc.collect()
    assert runner._closed
    assert all(p.wait(5) is not None for p in processes)


# ---- CORS, for tools in the browser such as YASGUI ------------------------------------------

def test_cors(sc):
    response = sc.get(q(COUNT_ACTORS), headers={"Origin": "https://yasgui.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Harzgraph-Truncated" in response.headers["Access-Control-Expose-Headers"]
    preflight = sc.options("/sparql", headers={"Origin": "https://yasgui.example",
                                               "Access-Control-Request-Method": "POST",
                                               "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]


# ---- the workbench --------------------------------------------------------------------------

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(("path", "heading", "example"), [
    pytest.param("/sparql", "SPARQL-Abfragen", "Akteure je Landkreis, mit dem Status des Landkreises in der Region",
                 id="de"),
    pytest.param("/sparql?lang=en", "SPARQL queries", "Actors per district, with the district's status in the region",
                 id="en"),
])
def test_workbench_renders_with_the_example_library(sc, path, heading, example):
    response = sc.get(path, headers=BROWSER)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == CSP
    html = response.get_data(as_text=True)
    found = refs(html)
    assert found.inline_scripts == [] and found.styles == []
    assert all(url.startswith("/static/") for url in found.loaded)
    # Static file names carry their content hash: codemirror-sparql.min.<12 hex digits>.js
    assert "/static/vendor/codemirror/codemirror-sparql.min.js" in [re.sub(r"\.[0-9a-f]{12}(\.[a-z]+)$", r"\1", url)
                                                                      for url in found.loaded]
    assert not any("vis-network" in url for url in found.loaded), "vis-network loads only with a network view"
    assert f"<h1>{heading}</h1>" in html
    from graph.sparql.examples import examples

    assert html.count('data-example="') == len(examples())  # every example of the library
    assert example.replace("'", "&#39;") in html


def test_workbench_holds_the_query_of_the_address_escaped(sc):
    hostile = 'SELECT * WHERE { ?s ?p "</textarea><script>alert(1)</script>" }'
    response = sc.get(q(hostile, _chart="bar"), headers=BROWSER)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = json.loads(html.split('<script type="application/json" id="wb-data">')[1].split("</script>")[0])
    assert data["query"] == hostile and data["autorun"] is True and data["chart"] == "bar"
    assert {"hg:worksAtStage", "org:Organization", "material:tantalum"} <= {t["label"] for t in data["terms"]}
    assert data["prefixes"]["hg"] == "https://w3id.org/harzgraph/ns#"


def test_an_example_text_marks_its_example(sc):
    from graph.sparql.examples import example

    text = example("actors_by_district").text
    html = sc.get(q(text), headers=BROWSER).get_data(as_text=True)
    assert 'data-example="actors_by_district" title=' in html
    assert 'aria-current="true"' in html.split('data-example="actors_by_district"')[1].split("</a>")[0]


# ---- in a browser -------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@requires_browser
def test_workbench_in_a_browser(server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(f"{server}/sparql")
            page.locator(".cm-content").wait_for()
            page.click("a[data-example='actors_by_district']")
            page.locator(".wb-bar-chart .wb-bar").first.wait_for()
            assert page.locator("#wb-view-table tbody tr").count() == 7, "one row per district of the test data"
            address = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
            assert address["query"][0].startswith("PREFIX hg:") and "GROUP BY ?key ?district" in address["query"][0]
            assert address["_chart"] == ["bar"], "the query and its view live in the address"
            assert page.locator("#wb-tab-bar").get_attribute("aria-selected") == "true", "the example's chart hint"
            assert page.locator(".wb-bar-chart .wb-bar").count() == 7
            assert page.locator("#wb-downloads a").all_text_contents() == ["JSON", "XML", "CSV", "TSV"]
            page.screenshot(path=str(shots / "workbench-test.png"), full_page=True, caret="initial")

            shared = page.url
            page.goto(shared)  # the address alone reproduces the query and its view
            page.locator(".wb-bar-chart .wb-bar").first.wait_for()
            assert page.locator(".cm-content").inner_text().startswith("PREFIX hg: <https://w3id.org/harzgraph/ns#>")

            page.locator(".cm-content").click()
            page.keyboard.press("Control+a")
            page.keyboard.press("Delete")  # by CodeMirror; typing over a selection lets Chrome restyle the DOM
            page.keyboard.type("SELECT ?s WHERE { ?s hg:worksAt")
            page.keyboard.press("Control+Space")
            option = page.locator(".cm-tooltip-autocomplete li", has_text="hg:worksAtStage")
            option.first.wait_for()
            page.wait_for_timeout(200)  # CodeMirror ignores keys for 75 ms after the list opens
            page.keyboard.press("Enter")  # takes the completion
            page.keyboard.type(" ?x ?y")  # one term too many (the closing brace was added by the editor)
            assert page.locator(".cm-content").inner_text() == "SELECT ?s WHERE { ?s hg:worksAtStage ?x ?y}"
            page.keyboard.press("Control+Enter")
            page.locator("#wb-error").wait_for()
            assert "Zeile 1" in page.locator("#wb-error").inner_text(), "the parser's position is shown"
        finally:
            browser.close()
    elsewhere = [url for url in requests if not url.startswith(server)]
    assert requests and elsewhere == []
    assert [e for e in errors if "400" not in e] == []
