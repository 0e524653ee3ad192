"""The read-only SPARQL runner: refusals before anything runs, the network sandbox, time
limits, caps, result formats (issue 5).

The store is synthetic test data, not real organisations: 30 nodes ``ex:n0`` … ``ex:n29``
in a ring (``ex:n{i} ex:next ex:n{i+1 mod 30}``), each with an ``ex:value`` {i} (an
integer) and an ``ex:label`` of twenty "a"s; plus one triple in the named graph ``ex:g1``.
"""

from __future__ import annotations

import csv
import io
import json
import platform
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph import store as store_mod
from graph.errors import QueryError, QuerySyntaxError, QueryTimeout, QueryTooBusy, StoreError
from graph.settings import Settings
from graph.sparql.guard import MAX_NESTING, ParsedQuery
from graph.sparql.runner import (
    FORMATS,
    QueryRunner,
    check_query,
    result_format_for,
    run_query,
    run_query_table,
)

EX = "https://example.org/"
PREFIX = f"PREFIX ex: <{EX}>\n"
N = 30
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
GRAPH = EX + "g1"

# Queries that would run for minutes; each must be stopped at the time limit.
RUNAWAY = {
    # 30 × 60 … triples to the fourth power, each through a REGEX that backtracking
    # engines take exponential time on (pyoxigraph's is linear, the product is not).
    "redos-regex": "SELECT (COUNT(*) AS ?n) { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w "
    'FILTER(REGEX(CONCAT(STR(?x), STR(?y), STR(?z), STR(?w), "!"), '
    '"^(a|a?)+$")) }',
    "cartesian": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }",
    "property-path": PREFIX + "SELECT (COUNT(*) AS ?n) { ?a (ex:next|^ex:next)* ?b . "
    "?c (ex:next|^ex:next)* ?d . ?e (ex:next|^ex:next)* ?f }",
}


def _build(store_dir: Path, extra: int = 0) -> None:
    """Publish the synthetic ring (plus ``extra`` more ``ex:value`` triples) as a version."""
    with store_mod.new_version(store_dir) as folder:
        store = ox.Store(str(folder))
        nxt, value, label = (ox.NamedNode(EX + p) for p in ("next", "value", "label"))
        for i in range(N):
            node = ox.NamedNode(f"{EX}n{i}")
            store.add(ox.Quad(node, nxt, ox.NamedNode(f"{EX}n{(i + 1) % N}")))
            store.add(ox.Quad(node, value, ox.Literal(str(i), datatype=XSD_INTEGER)))
            store.add(ox.Quad(node, label, ox.Literal("a" * 20)))
        for i in range(extra):
            store.add(ox.Quad(ox.NamedNode(f"{EX}extra{i}"), value, ox.Literal(str(i), datatype=XSD_INTEGER)))
        store.add(
            ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "inGraph"), ox.Literal("g1 only"), ox.NamedNode(GRAPH))
        )
        store.flush()
        del store
    store_mod.publish(store_dir, folder)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sparql") / "store"
    _build(path)
    return path


@pytest.fixture(scope="module")
def qsettings(store_dir: Path) -> Settings:
    return Settings(store_dir=store_dir, query_timeout_s=10.0)


@pytest.fixture(scope="module")
def runner(store_dir: Path, qsettings: Settings):
    with QueryRunner(store_dir, settings=qsettings, workers=2) as pool:
        yield pool


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it is offered."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def _bindings(result) -> list[dict]:
    return json.loads(result.body)["results"]["bindings"]


# -- refused before anything runs ----------------------------------------------------------

SERVICE_QUERIES = {
    "plain": "SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "silent": "SELECT * {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "lower-case": "select * {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "variable": "SELECT * {{ VALUES ?svc {{ <{url}> }} SERVICE ?svc {{ ?s ?p ?o }} }}",
    # pyoxigraph reads SERVICE:x as the keyword followed by the prefixed name :x
    "no-space": "PREFIX : <{url}> SELECT * {{ ?s ?p ?o . SERVICE:x{{ ?s ?p ?o }} }}",
    "after-number": "SELECT * {{ ?s ?p 1SERVICE <{url}> {{ ?s ?p ?o }} }}",
    # ... and trueSERVICE as true + SERVICE, SERVICEx:{…} as SERVICE + x:
    "after-true": "SELECT * {{ ?s ?p trueSERVICE <{url}> {{ ?s ?p ?o }} }}",
    "inside-a-prefix": "PREFIX x: <{url}> SELECT * {{ ?s ?p ?o . SERVICEx:{{ ?s ?p ?o }} }}",
    "glued": "SELECT * {{ BIND(1 AS ?x)SERVICE<{url}>{{ ?s ?p ?o }} }}",
    "in-exists": "SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "ask": "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
}
UPDATE_QUERIES = {
    "insert-data": "INSERT DATA {{ <{url}a> <{url}b> <{url}c> }}",
    "delete-where": "DELETE WHERE {{ ?s ?p ?o }}",
    "drop-all": "DROP ALL",
    "load": "LOAD <{url}>",
    "load-silent-lower": "load silent <{url}> into graph <{url}g>",
    "clear": "CLEAR DEFAULT",
    "create": "CREATE GRAPH <{url}g>",
    "add-move-copy": "ADD DEFAULT TO <{url}g> ; MOVE <{url}g> TO DEFAULT ; COPY DEFAULT TO <{url}g>",
    "after-prologue": "PREFIX ex: <{url}> WITH ex:g DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
}


@pytest.mark.parametrize("template", [pytest.param(q, id=k) for k, q in SERVICE_QUERIES.items()])
def test_service_is_refused_and_nothing_connects(runner, listener, template):
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        runner.run(template.format(url=listener.url))
    time.sleep(0.05)
    assert listener.connections == 0


@pytest.mark.parametrize("template", [pytest.param(q, id=k) for k, q in UPDATE_QUERIES.items()])
def test_updates_are_refused_and_the_store_is_unchanged(runner, listener, store_dir, template):
    before = store_mod.open_read_only(store_dir).dump(format=ox.RdfFormat.N_QUADS)
    with pytest.raises(QueryError, match="SPARQL Update"):
        runner.run(template.format(url=listener.url))
    assert listener.connections == 0
    assert store_mod.open_read_only(store_dir).dump(format=ox.RdfFormat.N_QUADS) == before


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_dataset_clause_naming_a_remote_graph_is_refused(runner, listener, clause):
    with pytest.raises(QueryError, match=rf"{clause} <{listener.url}>: the store has no graph"):
        runner.run(f"SELECT * {clause} <{listener.url}> {{ ?s ?p ?o }}")
    with pytest.raises(QueryError, match="default-graph-uri"):
        runner.run("SELECT * { ?s ?p ?o }", default_graphs=[listener.url])
    time.sleep(0.05)
    assert listener.connections == 0


def test_dataset_clause_naming_a_graph_of_the_store_works(runner):
    result = runner.run(f"SELECT ?o FROM <{GRAPH}> {{ ?s ?p ?o }}")
    assert [b["o"]["value"] for b in _bindings(result)] == ["g1 only"]
    named = runner.run_table(f"SELECT ?g ?o FROM NAMED <{GRAPH}> {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert named.rows == [{"g": GRAPH, "o": "g1 only"}]
    relative = runner.run("SELECT ?o FROM <g1> { ?s ?p ?o }", base_iri=EX)
    assert len(_bindings(relative)) == 1


@pytest.mark.parametrize(
    "query, expected",
    [
        pytest.param(
            'SELECT ?service { BIND("SERVICE INSERT DROP LOAD" AS ?service) }', "SERVICE INSERT DROP LOAD", id="string"
        ),
        pytest.param(
            "SELECT ?x { BIND('''a\nSERVICE <http://127.0.0.1:1/> {}\n''' AS ?x) }",
            "a\nSERVICE <http://127.0.0.1:1/> {}\n",
            id="long-string",
        ),
        pytest.param(
            "SELECT ?x { BIND(<http://example.org/SERVICE/DELETE> AS ?x) }",
            "http://example.org/SERVICE/DELETE",
            id="iri",
        ),
        pytest.param("SELECT ?x # SERVICE <http://127.0.0.1:1/> { } ; DROP ALL\n{ BIND(1 AS ?x) }", 1, id="comment"),
        pytest.param(
            "PREFIX schema: <https://schema.org/>\nSELECT ?x { BIND(schema:Service AS ?x) }",
            "https://schema.org/Service",
            id="local-name",
        ),
    ],
)
def test_keywords_inside_strings_iris_comments_and_names_are_not_refused(runner, query, expected):
    assert runner.run_table(query).rows == [{"x" if "?x" in query else "service": expected}]


@pytest.mark.parametrize(
    "query, line, column",
    [
        pytest.param("SELECT *\nWHERE {\n  ?s ?p\n}", 4, 2, id="parser"),  # as pyoxigraph says
        pytest.param("SELECT * {\n  ?s ?p ?o", 1, 10, id="unclosed-brace"),
        pytest.param("SELECT * { ?s ?p ?o )", 1, 21, id="wrong-bracket"),
        pytest.param("PREFIX ex: <x:>\n\nSELEC * {}", 3, 1, id="no-query-form"),
    ],
)
def test_syntax_error_reports_line_and_column(runner, query, line, column):
    with pytest.raises(QuerySyntaxError) as caught:
        runner.run(query)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert str(caught.value).startswith(f"line {line}, column {column}: ")


def test_parser_message_is_kept_without_its_character_ranges(runner):
    with pytest.raises(QuerySyntaxError) as caught:
        runner.run("SELECT * { ?s ?p ?o } LIMIT x")
    assert str(caught.value) == ("line 1, column 29: syntax error, expected one of HAVING, OFFSET, OPTIONAL, VALUES, …")


def test_a_query_of_a_megabyte_is_refused(runner):
    big = "SELECT * { ?s ?p ?o } " + "#" * 1_000_000
    with pytest.raises(QueryError, match="at most 200,000"):
        runner.run(big)
    with pytest.raises(QueryError, match="at most 200,000"):
        runner.run(big.encode())


def test_invalid_utf8_is_refused_with_its_position(runner):
    with pytest.raises(QuerySyntaxError, match="not valid UTF-8") as caught:
        runner.run(b'SELECT * {\n ?s ?p "caf\xe9" }')
    assert (caught.value.line, caught.value.column) == (2, 12)
    with pytest.raises(QuerySyntaxError, match="surrogate"):
        runner.run('SELECT * { ?s ?p "\udcff" }')
    assert runner.run('ASK { ?s ?p "caf\u00e9" }'.encode()).body == b'{"head":{},"boolean":false}'


def test_deep_nesting_is_refused_and_the_runner_keeps_working(runner):
    deep = "SELECT * { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }"
    with pytest.raises(QuerySyntaxError, match=f"nested more than {MAX_NESTING} levels"):
        runner.run(deep)
    fine = "SELECT * { FILTER(" + "(" * (MAX_NESTING - 2) + "true" + ")" * (MAX_NESTING - 2) + ") }"
    assert len(_bindings(runner.run(fine))) == 1
    # Even past the check, 5,000 levels do not take a worker down (large parser stack).
    bypass = runner._run_parsed(ParsedQuery(deep, "SELECT"), "json", 5, None, None, (), ())
    assert bypass[0]["count"] == 1
    assert runner.run_table("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows == [{"n": 3 * N}]


# -- the sandbox: even a SERVICE that got past the checks reaches nobody -------------------


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.machine() not in ("x86_64", "aarch64"),
    reason="the seccomp sandbox exists on Linux x86_64/aarch64 only",
)
def test_workers_cannot_open_network_connections(runner, listener):
    runner.run("ASK {}")
    assert runner.sandboxed is True
    plain = ParsedQuery(f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", "SELECT")
    with pytest.raises(QueryError, match="Permission denied"):
        runner._run_parsed(plain, "json", 5, None, None, (), ())
    silent = ParsedQuery(f"SELECT * {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}", "SELECT")
    runner._run_parsed(silent, "json", 5, None, None, (), ())
    time.sleep(0.05)
    assert listener.connections == 0


# -- time limits and concurrency -----------------------------------------------------------


@pytest.mark.parametrize("query", [pytest.param(q, id=k) for k, q in RUNAWAY.items()])
def test_runaway_query_is_stopped_while_others_are_answered(runner, query):
    limit = 4.0  # generous: on 2 busy shared cores the quick query must still fit inside it
    outcome: dict = {}

    def slow():
        try:
            runner.run(query, timeout_s=limit)
        except QueryError as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.2)
    answer = runner.run_table("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    still_running = thread.is_alive()  # the quick answer came while the runaway one ran
    thread.join()
    assert answer.rows == [{"n": 3 * N}]
    assert still_running
    assert isinstance(outcome["error"], QueryTimeout)
    assert "longer than 4 s" in str(outcome["error"])
    assert runner.run("ASK { ?s ?p ?o }").body == b'{"head":{},"boolean":true}'


def test_limits_can_be_lowered_never_raised_and_a_full_pool_says_when_to_retry(store_dir):
    settings = Settings(store_dir=store_dir, query_timeout_s=1.0)
    with QueryRunner(store_dir, settings=settings, workers=1, wait_s=0.2) as pool:
        outcome: dict = {}

        def slow():
            with pytest.raises(QueryTimeout) as caught:
                pool.run(RUNAWAY["cartesian"], timeout_s=60)  # asks for more than allowed
            outcome["error"] = caught.value

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.3)
        with pytest.raises(QueryTooBusy, match="all 1 query workers are busy") as busy:
            pool.run("ASK {}")
        thread.join()
        assert busy.value.retry_after == 1
        assert "longer than 1 s" in str(outcome["error"])
        assert pool.run("ASK { ?s ?p ?o }").body == b'{"head":{},"boolean":true}'


def test_a_query_that_exhausts_its_memory_stops_only_its_worker(store_dir):
    # Time enough for the memory to run out first, on a busy machine too (at 10 s the time
    # limit stopped it first under a load average of 4).
    roomy = Settings(store_dir=store_dir, query_timeout_s=120.0)
    with QueryRunner(store_dir, settings=roomy, workers=1, memory_limit=1 << 30) as pool:
        with pytest.raises(QueryError, match="stopped its worker process"):
            pool.run("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o } ORDER BY ?a", timeout_s=120)
        assert pool.run_table("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows == [{"n": 3 * N}]


# -- caps ----------------------------------------------------------------------------------


def test_row_cap_truncates_and_says_so(runner, monkeypatch):
    query = PREFIX + "SELECT ?n ?v { ?n ex:value ?v } ORDER BY ?v"
    result = runner.run(query, max_rows=5)
    assert (result.count, result.truncated, result.truncated_by) == (5, True, "rows")
    assert [int(b["v"]["value"]) for b in _bindings(result)] == [0, 1, 2, 3, 4]
    whole = runner.run(query, max_rows=N)
    assert (whole.count, whole.truncated) == (N, False)
    # A caller may lower the cap, never raise it.
    monkeypatch.setattr(runner, "settings", replace(runner.settings, query_max_rows=7))
    table = runner.run_table(query, max_rows=1000)
    assert (len(table), table.truncated) == (7, True)
    assert table.notes == ["only the first 7 rows are shown"]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv", "table"])
def test_byte_cap_truncates_between_solutions(runner, monkeypatch, fmt):
    monkeypatch.setattr(runner, "settings", replace(runner.settings, query_max_bytes=1000))
    query = PREFIX + "SELECT ?n ?label { ?n ex:label ?label }"
    if fmt == "table":
        table = runner.run_table(query)
        assert table.truncated and 0 < len(table) < N
        return
    result = runner.run(query, result_format=fmt)
    assert result.truncated_by == "bytes"
    assert 0 < result.count < N
    assert len(result.body) <= 1000
    readers = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "tsv": ox.QueryResultsFormat.TSV}
    if fmt in readers:  # pyoxigraph reads these back; CSV it only writes
        assert len(list(ox.parse_query_results(result.body, readers[fmt]))) == result.count
    else:
        assert result.body.count(b"\r\n") == result.count + 1


# -- formats -------------------------------------------------------------------------------

SELECT = PREFIX + "SELECT ?n ?v ?none { ?n ex:value ?v FILTER(?v < 3) } ORDER BY ?v"


def test_select_as_json(runner):
    result = runner.run(SELECT)
    data = json.loads(result.body)
    assert data["head"]["vars"] == ["n", "v", "none"]
    assert [b["v"]["value"] for b in data["results"]["bindings"]] == ["0", "1", "2"]
    assert result.media_type == "application/sparql-results+json"
    assert result.variables == ("n", "v", "none")


def test_select_as_xml(runner):
    root = ET.fromstring(runner.run(SELECT, result_format="xml").body)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["n", "v", "none"]
    assert [e.text for e in root.findall("r:results/r:result/r:binding[@name='v']/r:literal", ns)] == ["0", "1", "2"]


def test_select_as_csv_and_tsv(runner):
    rows = list(csv.reader(io.StringIO(runner.run(SELECT, result_format="text/csv").body.decode())))
    assert rows == [["n", "v", "none"], [f"{EX}n0", "0", ""], [f"{EX}n1", "1", ""], [f"{EX}n2", "2", ""]]
    tsv = runner.run(SELECT, result_format="tsv").body
    parsed = list(ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV))
    assert [s["v"] for s in parsed] == [ox.Literal(str(i), datatype=XSD_INTEGER) for i in range(3)]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_ask_in_every_results_format(runner, fmt):
    yes = runner.run(PREFIX + "ASK { ex:n0 ex:next ex:n1 }", result_format=fmt)
    no = runner.run(PREFIX + "ASK { ex:n1 ex:next ex:n0 }", result_format=fmt)
    if fmt in ("json", "xml"):
        assert bool(ox.parse_query_results(yes.body, getattr(ox.QueryResultsFormat, fmt.upper())))
        assert not bool(ox.parse_query_results(no.body, getattr(ox.QueryResultsFormat, fmt.upper())))
    else:
        assert (yes.body, no.body) == (b"true", b"false")


@pytest.mark.parametrize(
    "fmt, rdf_format",
    [
        ("turtle", ox.RdfFormat.TURTLE),
        ("ntriples", ox.RdfFormat.N_TRIPLES),
        ("jsonld", ox.RdfFormat.JSON_LD),
    ],
)
def test_construct_and_describe_parse_back(runner, fmt, rdf_format):
    construct = runner.run(PREFIX + "CONSTRUCT { ?a ex:before ?b } WHERE { ?b ex:next ?a }", result_format=fmt)
    triples = {q.triple for q in ox.parse(construct.body, rdf_format)}
    expected = {
        ox.Triple(ox.NamedNode(f"{EX}n{(i + 1) % N}"), ox.NamedNode(EX + "before"), ox.NamedNode(f"{EX}n{i}"))
        for i in range(N)
    }
    assert triples == expected and construct.count == N
    describe = runner.run(PREFIX + "DESCRIBE ex:n3", result_format=fmt)
    described = {q.triple for q in ox.parse(describe.body, rdf_format)}
    assert (
        ox.Triple(ox.NamedNode(EX + "n3"), ox.NamedNode(EX + "value"), ox.Literal("3", datatype=XSD_INTEGER))
        in described
    )
    assert len(described) == 3


def test_turtle_uses_our_prefixes(runner):
    body = runner.run(
        "PREFIX hg: <https://w3id.org/harzgraph/ns#> CONSTRUCT { ?s hg:kind "
        "<https://w3id.org/harzgraph/id/concept/kind/recycler> } WHERE { ?s "
        f"<{EX}value> 0 }}"
    ).body.decode()
    assert "@prefix hg: <https://w3id.org/harzgraph/ns#> ." in body
    assert "hg:kind kind:recycler" in body


@pytest.mark.parametrize(
    "form_query, fmt",
    [
        pytest.param(PREFIX + "CONSTRUCT WHERE { ?s ex:next ?o }", "csv", id="construct-csv"),
        pytest.param("SELECT * {}", "turtle", id="select-turtle"),
        pytest.param("ASK {}", "application/ld+json", id="ask-jsonld"),
        pytest.param("ASK {}", "image/png", id="unknown"),
    ],
)
def test_a_format_that_does_not_fit_the_form_is_refused(runner, form_query, fmt):
    with pytest.raises(QueryError, match="choose|unknown result format"):
        runner.run(form_query, result_format=fmt)


def test_formats_table_covers_the_protocol():
    assert {f.media_type for f in FORMATS.values()} == {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
    }
    assert result_format_for("application/sparql-results+xml; charset=utf-8", "ASK").name == "xml"


def test_table_cells_are_plain_values(runner):
    table = runner.run_table(SELECT)
    assert table.columns == ["n", "v", "none"]
    assert table.rows[0] == {"n": f"{EX}n0", "v": 0, "none": None}
    mixed = runner.run_table(
        "SELECT ?b ?d ?f ?l ?bn { BIND(true AS ?b) BIND(2.5 AS ?d) "
        'BIND("NaN"^^<http://www.w3.org/2001/XMLSchema#double> AS ?f) '
        'BIND(STRLANG("Harz", "de") AS ?l) BIND(BNODE("x") AS ?bn) }'
    )
    row = mixed.rows[0]
    assert (row["b"], row["d"], row["f"], row["l"]) == (True, 2.5, "NaN", "Harz")
    assert row["bn"].startswith("_:")
    assert json.loads(mixed.to_json())["count"] == 1
    assert runner.run_table("ASK {}").rows == [{"boolean": True}]
    described = runner.run_table(PREFIX + "CONSTRUCT { ex:n0 ?p ?o } WHERE { ex:n0 ?p ?o }")
    assert described.columns == ["subject", "predicate", "object"]
    assert {r["object"] for r in described.rows} == {f"{EX}n1", 0, "a" * 20}


def test_check_query_tells_the_form():
    settings = Settings()
    forms = {
        q: check_query(q, settings=settings)
        for q in (
            "BASE <http://example.org/> PREFIX select: <x> SELECT * {}",
            "ask {}",
            "CONSTRUCT WHERE { ?s ?p ?o }",
            "DESCRIBE <http://example.org/a>",
        )
    }
    assert [p.form for p in forms.values()] == ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
    assert [p.is_graph for p in forms.values()] == [False, False, True, True]


def test_check_query_resolves_dataset_clauses():
    parsed = check_query(
        "BASE <http://example.org/a/> PREFIX g: <graphs/>\nSELECT * FROM g:one FROM NAMED <two> FROM NAMED nope:x {}",
        settings=Settings(),
    )
    assert parsed.dataset == (
        ("FROM", "http://example.org/a/graphs/one"),
        ("FROM NAMED", "http://example.org/a/two"),
        ("FROM NAMED", None),
    )


def test_check_query_is_fast_on_hostile_input():
    settings = Settings()
    for hostile in ("'''" * 60_000, "<" * 190_000, "_:a" + "." * 190_000, "?" * 190_000):
        with pytest.raises(QueryError):  # refused (its speed is measured in bench/sparql.py)
            check_query(hostile, settings=settings)


# -- the store behind the runner -----------------------------------------------------------


def test_workers_follow_a_new_store_version(tmp_path):
    store_dir = tmp_path / "store"
    _build(store_dir)
    settings = Settings(store_dir=store_dir)
    query = PREFIX + "SELECT (COUNT(*) AS ?n) { ?s ex:value ?v }"
    with QueryRunner(store_dir, settings=settings, workers=1) as pool:
        assert pool.run_table(query).rows == [{"n": N}]
        _build(store_dir, extra=5)
        assert pool.run_table(query).rows == [{"n": N + 5}]


def test_no_store_yet_is_a_store_error(tmp_path):
    settings = Settings(store_dir=tmp_path / "empty")
    with QueryRunner(tmp_path / "empty", settings=settings, workers=1) as pool:
        with pytest.raises(StoreError, match="no graph has been built here yet"):
            pool.run("ASK {}")


def test_run_query_without_a_runner_starts_and_stops_its_own(store_dir, qsettings):
    result = run_query(store_dir, PREFIX + "ASK { ex:n0 ex:next ex:n1 }", settings=qsettings)
    assert result.body == b'{"head":{},"boolean":true}' and result.elapsed_s > 0
    table = run_query_table(store_dir, PREFIX + "SELECT ?v { ex:n7 ex:value ?v }", settings=qsettings)
    assert table.rows == [{"v": 7}]


def test_workers_stop_when_their_parent_dies(store_dir):
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN, str(store_dir), RUNAWAY["cartesian"]],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        worker_pid = int(parent.stdout.readline())
        time.sleep(0.5)  # the runaway query is running in the worker now
        assert _alive(worker_pid)
    finally:
        parent.kill()
        parent.wait()
        parent.stdout.close()
    deadline = time.monotonic() + 5
    while _alive(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker_pid)


_ORPHAN = """
import sys, threading
from graph.settings import Settings
from graph.sparql.runner import QueryRunner
runner = QueryRunner(sys.argv[1], settings=Settings(store_dir=sys.argv[1]), workers=1)
runner.run("ASK {}")
print(runner._idle[0].process.pid, flush=True)
runner.run(sys.argv[2])
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"  # a zombie has stopped
    except FileNotFoundError:
        return False


def test_a_closed_runner_refuses_work(store_dir, qsettings):
    pool = QueryRunner(store_dir, settings=qsettings, workers=1)
    pool.close()
    with pytest.raises(RuntimeError, match="closed"):
        pool.run("ASK {}")
