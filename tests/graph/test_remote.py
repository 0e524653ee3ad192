"""A shared SPARQL server: build --publish to a real Oxigraph server, serve --sparql from it.

The server is the ``oxigraph`` CLI from PyPI (the test extra), started on a free loopback port
with an in-memory store. SYNTHETIC test data only.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.settings import Settings
from graph.sparql import remote
from webapp import create_app

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path):
    """The base URL of a fresh Oxigraph server, stopped after the test."""
    if OXIGRAPH is None:
        pytest.fail("the oxigraph server is not installed (pip install -e '.[test]')")
    port = _free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "oxigraph"), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the oxigraph server did not start")
        yield base
    finally:
        process.kill()
        process.wait()


def _build(settings: Settings, publish: str) -> str:
    result = CliRunner().invoke(main, ["build", "--data", str(settings.data_dir), "--store", str(settings.store_dir),
                                       "--publish", publish])
    assert result.exit_code == 0, result.output
    return result.output


def _graphs(base: str) -> set[str]:
    store = remote.RemoteStore(base + "/query", graph="unused")
    return {g.value for g in store.named_graphs()}


def test_publish_then_serve_gives_the_same_pages(settings, server):
    output = _build(settings, server + "/store")
    assert "Published as <https://w3id.org/harzgraph/graph/" in output
    local = create_app(settings).test_client()
    shared = create_app(Settings(store_dir=settings.store_dir.parent / "nothing-here",
                                 sparql_url=server + "/query")).test_client()
    for url in ("/actors.json", "/actors/test-recycler.json", "/actors.json?kind=recycler&_sort=-relations",
                "/index.json"):
        mine, theirs = local.get(url), shared.get(url)
        assert (mine.status_code, theirs.status_code) == (200, 200), url
        assert theirs.get_json()["rows"] == mine.get_json()["rows"], url
    assert shared.get("/actors/test-recycler.json").get_json()["actor"]["relations"] == \
        local.get("/actors/test-recycler.json").get_json()["actor"]["relations"]
    # The public endpoint answers from the server too, with the same guard.
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://www.w3.org/ns/org#Organization> }"
    counts = [client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/csv"}).data
              for client in (local, shared)]
    assert counts[0] == counts[1] and counts[0].splitlines()[1] == b"4"
    refused = shared.get("/sparql", query_string={"query": "DROP ALL"})
    assert refused.status_code == 400


def test_readers_see_the_old_graph_or_the_new_one(settings, server):
    _build(settings, server + "/store")
    reader = remote.RemoteStore(server + "/query")
    first = reader.current_graph()
    pinned = reader.pinned()
    _build(settings, server + "/store")
    second, older = remote.pointer_from_store_endpoint(server + "/store")
    assert second != first and older == first
    # A request that pinned the first graph still reads it whole: it is kept as the previous one.
    assert len(pinned) == len(remote.RemoteStore(server + "/query", graph=second))
    time.sleep(remote.POINTER_TTL_S + 0.1)
    assert reader.current_graph() == second
    _build(settings, server + "/store")
    third, _ = remote.pointer_from_store_endpoint(server + "/store")
    # The control graph, the current and the previous data graph remain; the first is deleted.
    assert _graphs(server) == {remote.CONTROL, third, second}


def test_serve_from_a_server_with_nothing_published(server, tmp_path):
    result = CliRunner().invoke(main, ["serve", "--sparql", server + "/query"])
    assert result.exit_code == 2
    assert "no harzgraph graph has been published there yet" in result.output


def test_results_come_back_as_pyoxigraph_terms(settings, server):
    _build(settings, server + "/store")
    store = remote.RemoteStore(server + "/query")
    rows = list(store.query("SELECT ?label WHERE { <https://w3id.org/harzgraph/id/actor/test-recycler> "
                            "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"))
    assert len(rows) == 1 and isinstance(rows[0]["label"], ox.Literal)
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    assert len(triples) == 3 and all(isinstance(t, ox.Triple) for t in triples)


def test_serving_reads_the_pointer_at_most_once_per_interval_and_never_counts_the_graph(settings, server,
                                                                                           monkeypatch):
    _build(settings, server + "/store")
    sent: list[bytes] = []
    real_request = remote._request

    def counting(url, *, data=None, **options):
        sent.append(data if isinstance(data, bytes) else b"")
        return real_request(url, data=data, **options)

    monkeypatch.setattr(remote, "_request", counting)
    clock = [1000.0]
    monkeypatch.setattr(remote.time, "monotonic", lambda: clock[0])
    client = create_app(Settings(store_dir=settings.store_dir.parent / "nothing-here",
                                 sparql_url=server + "/query")).test_client()
    assert client.get("/").status_code == 200  # the first page computes its data from the server
    sent.clear()
    for _ in range(5):  # within one pointer interval: no pointer look-up at all, the page is cached
        assert client.get("/").status_code == 200
    assert [q for q in sent if remote.CONTROL.encode() in q] == []
    clock[0] += remote.POINTER_TTL_S + 1  # past the interval: one look-up for the next two requests
    for _ in range(2):
        assert client.get("/").status_code == 200
    assert len([q for q in sent if remote.CONTROL.encode() in q]) == 1
    # ``if store`` must never count the triples of the whole graph (seconds at 100,000 actors).
    assert not [q for q in sent if b"COUNT(*)" in q]


def test_every_page_answers_from_a_server(settings, server):
    """Served from the Oxigraph server with no local version folder (so nothing precomputed),
    every page without path arguments answers as it does from the embedded store: never a 500
    (/quality once called ``quads_for_pattern``, which only the embedded store had)."""
    _build(settings, server + "/store")
    local = create_app(settings)
    shared = create_app(Settings(store_dir=settings.store_dir.parent / "nothing-here",
                                 sparql_url=server + "/query"))
    for app in (local, shared):  # each answer its result, not "being prepared", on a busy machine too
        app.config["HARZGRAPH_PREPARE_WAIT_S"] = 300
    urls = sorted({rule.rule for rule in local.url_map.iter_rules()
                   if "GET" in rule.methods and rule.arguments <= set(rule.defaults or ())
                   and not rule.rule.startswith(("/static", "/edit"))})
    urls += ["/quality/rows?table=actors&measure=single_source", "/actors/test-recycler", "/gaps?kind=recycler"]
    assert "/quality" in urls and "/dump.nq.gz" in urls
    mine, theirs = local.test_client(), shared.test_client()
    for url in urls:
        expected = mine.get(url).status_code
        answered = theirs.get(url).status_code
        assert answered < 500, url
        assert answered == expected, url
    # The rows read back through quads_for_pattern are the embedded store's.
    assert theirs.get("/quality.json").get_json()["rows"] == mine.get("/quality.json").get_json()["rows"]
