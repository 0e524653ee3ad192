"""The W3C SPARQL 1.1 syntax test suites against the read-only runner (issue 5).

The manifests and queries come from ``tests/w3c`` (a copy of w3c/rdf-tests, SPARQL 1.1
``syntax-query`` and ``syntax-update-1``; W3C test-suite licence, see ``LICENSE.md`` and
``ORIGIN.txt`` there). Each entry of a manifest's ``mf:entries`` list is one test case
here, named after its ``mf:name``:

* ``syntax-query``, positive: :func:`check_query` accepts the query and the worker parses
  and runs it against a small store. One query (``syntax-construct-where-02.rq``) has
  ``FROM <file>``; the runner only lets a dataset clause name a graph the store holds and
  never fetches one, so the query runs with the W3C base IRI of its file and the store
  holds a graph of the resolved name. One query calls an undefined extension function,
  which parses but cannot be evaluated; it must fail as an evaluation error, never as a
  syntax error.
* ``syntax-query``, negative: refused with :class:`QuerySyntaxError` (a
  :class:`QueryError`) giving line and column, never another exception, and the runner
  keeps answering.
* ``syntax-update-1``, positive and negative alike: refused by :func:`check_query` before
  anything runs (SPARQL Update is never run; three entries are updates with a prologue
  and no operation, refused because they hold no query), and the store's N-Quads are the
  same before and after.

The store is synthetic test data, not real organisations: two triples in the default
graph and one in the named graph ``<…/syntax-query/file>``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

from graph import store as store_mod
from graph.errors import QueryError, QuerySyntaxError
from graph.settings import Settings
from graph.sparql.runner import QueryRunner, check_query
from tests.helpers import dump

SUITES = Path(__file__).resolve().parents[1] / "w3c" / "sparql" / "sparql11"
#: The suites' own base: manifests and queries are published under it.
W3C_BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
EX = "http://example.org/"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

#: Positive syntax tests that parse but cannot be evaluated, and why.
EVALUATION_FAILS = {
    "syntax-select-expr-04.rq": "calls the extension function <http://example/function>, unknown to pyoxigraph",
}

def _entries(suite: str) -> list[tuple[str, str, str, Path]]:
    """``(id, test type, base IRI, file)`` of every entry in a suite's manifest, in order."""
    base = f"{W3C_BASE}{suite}/"
    manifest = Graph()
    manifest.parse(SUITES / suite / "manifest.ttl", format="turtle", publicID=base + "manifest.ttl")
    entries = []
    for test in Collection(manifest, manifest.value(URIRef(base + "manifest.ttl"), MF.entries)):
        name = str(manifest.value(test, MF.name))
        action = str(manifest.value(test, MF.action))
        kind = str(manifest.value(test, RDF.type)).rsplit("#", 1)[1]
        entries.append((_id(name), kind, action, SUITES / suite / action.removeprefix(base)))
    return entries


def _id(name: str) -> str:
    """A test id from an ``mf:name``: its words joined by hyphens, case kept (two names differ
    only in ``\\u`` and ``\\U``), without the file extension."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name.removesuffix(".rq").removesuffix(".ru")).strip("-")


QUERY_TESTS = _entries("syntax-query")
UPDATE_TESTS = _entries("syntax-update-1")
POSITIVE = [t for t in QUERY_TESTS if t[1] == "PositiveSyntaxTest11"]
NEGATIVE = [t for t in QUERY_TESTS if t[1] == "NegativeSyntaxTest11"]


def _params(tests):
    return [pytest.param(base, path, id=test_id) for test_id, _, base, path in tests]


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    store_dir = tmp_path_factory.mktemp("w3c") / "store"
    with store_mod.new_version(store_dir) as folder:
        store = ox.Store(str(folder))
        s, p, integer = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.NamedNode(XSD_INTEGER)
        store.add(ox.Quad(s, p, ox.Literal("1", datatype=integer)))
        store.add(ox.Quad(s, ox.NamedNode(EX + "q"), ox.NamedNode(EX + "o")))
        file_graph = ox.NamedNode(f"{W3C_BASE}syntax-query/file")
        store.add(ox.Quad(s, p, ox.Literal("1816", datatype=integer), file_graph))
        store.flush()
        del store
    store_mod.publish(store_dir, folder)
    return Settings(store_dir=store_dir, query_timeout_s=10.0)


@pytest.fixture(scope="module")
def runner(settings: Settings):
    with QueryRunner(settings.store_dir, settings=settings, workers=2) as pool:
        yield pool


def test_the_suites_are_complete():
    """The counts of the manifests at the recorded commit, so that a change is noticed."""
    assert (len(POSITIVE), len(NEGATIVE), len(QUERY_TESTS)) == (63, 31, 94)
    assert len(UPDATE_TESTS) == 54
    assert sum(1 for t in UPDATE_TESTS if t[1] == "PositiveUpdateSyntaxTest11") == 41
    assert len({t[0] for t in QUERY_TESTS}) == len(QUERY_TESTS)
    assert len({t[0] for t in UPDATE_TESTS}) == len(UPDATE_TESTS)
    assert all(path.is_file() for *_, path in QUERY_TESTS + UPDATE_TESTS)
    assert {path.name for *_, path in POSITIVE} >= set(EVALUATION_FAILS)


@pytest.mark.parametrize("base, path", _params(POSITIVE))
def test_positive_syntax_is_accepted(base, path, settings, runner):
    text = path.read_bytes()
    parsed = check_query(text, settings=settings, base_iri=base)
    assert parsed.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    if path.name in EVALUATION_FAILS:
        with pytest.raises(QueryError, match="^the query failed: .*custom function") as refused:
            runner.run_table(text, base_iri=base)
        assert not isinstance(refused.value, QuerySyntaxError)
        return
    table = runner.run_table(text, base_iri=base)
    assert isinstance(table.rows, list)
    if parsed.dataset:
        # FROM <file>, resolved against the file's base, names the graph the store holds.
        assert parsed.dataset == (("FROM", f"{W3C_BASE}syntax-query/file"),)
        assert len(table.rows) == 1


@pytest.mark.parametrize("base, path", _params(NEGATIVE))
def test_negative_syntax_is_refused(base, path, settings, runner):
    text = path.read_bytes()
    with pytest.raises(QueryError) as refused:
        runner.run_table(text, base_iri=base)
    # Every one of them is a syntax error to pyoxigraph's parser (scope rules included),
    # reported with its position; a QueryTimeout or a dead worker would fail here.
    assert type(refused.value) is QuerySyntaxError, repr(refused.value)
    assert refused.value.line >= 1 and refused.value.column >= 1
    assert str(refused.value).startswith(f"line {refused.value.line}, column {refused.value.column}: ")


@pytest.mark.parametrize("base, path", _params(UPDATE_TESTS))
def test_update_is_refused_before_it_runs(base, path, settings, runner):
    text = path.read_bytes()
    before = dump(settings.store_dir)
    # check_query is the runner's first step: what it refuses never reaches a worker.
    with pytest.raises(QueryError) as static:
        check_query(text, settings=settings, base_iri=base)
    message = str(static.value)
    assert "is SPARQL Update; this endpoint answers queries only" in message or (
        isinstance(static.value, QuerySyntaxError) and "expected SELECT, ASK, CONSTRUCT or DESCRIBE" in message
    ), message
    for run in (runner.run_table, runner.run):
        with pytest.raises(QueryError) as refused:
            run(text, base_iri=base)
        assert str(refused.value) == message
    assert dump(settings.store_dir) == before


def test_update_refusals_by_reason():
    """41 positive and 13 negative update tests: 51 refused as SPARQL Update, 3 (a prologue
    without an operation) as holding no query."""
    reasons = {"update": 0, "no query": 0}
    settings = Settings()
    for _, _, base, path in UPDATE_TESTS:
        try:
            check_query(path.read_bytes(), settings=settings, base_iri=base)
        except QuerySyntaxError:
            reasons["no query"] += 1
        except QueryError:
            reasons["update"] += 1
    assert reasons == {"update": 51, "no query": 3}


def test_the_runner_still_answers(runner):
    """Run last in this module: after every refusal the workers still answer."""
    assert runner.run_table(f"ASK {{ <{EX}s> <{EX}q> <{EX}o> }}").rows == [{"boolean": True}]
