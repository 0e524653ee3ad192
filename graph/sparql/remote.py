"""A shared SPARQL server instead of the embedded store: publish a build to it, read from it.

Several viewer processes (on several machines) can share one store when it is a SPARQL
server the users already run. Two standard protocols are enough:

- **publish** (:func:`publish`, ``harzgraph build --publish URL``): the SPARQL 1.1 *Graph Store
  HTTP Protocol*. The built graph is PUT into a *new* named graph
  (``…/graph/<version>``); only when that upload has succeeded is the small *control graph*
  (:data:`CONTROL`) replaced — one PUT of two triples naming the current and the previous
  data graph. A reader resolves the pointer first and then reads only the graph it names, so
  it sees the old graph or the new one, never a mix. Older data graphs are deleted after the
  switch (the previous one is kept for readers still on it).
- **read** (:class:`RemoteStore`, ``harzgraph serve --sparql URL``): the SPARQL 1.1 *Protocol*
  (query operation), with the data graph as ``default-graph-uri``. :class:`RemoteStore` has
  the ``query()`` surface of ``pyoxigraph.Store`` that the views and the query worker use,
  and returns pyoxigraph terms, so every page and the public ``/sparql`` endpoint work
  unchanged, read-only, with the same guard and limits.

Tested against a real Oxigraph server (tests/graph/test_remote.py). Apache Jena Fuseki,
QLever, Virtuoso and GraphDB speak the same protocols; they are not tested here.
Only the operator's configured URLs are ever contacted, never a URL from a request.
"""

from __future__ import annotations

import io
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import StoreError

#: The named graph holding the pointer to the current data graph.
CONTROL = "https://w3id.org/harzgraph/graph/control"
GRAPH_BASE = "https://w3id.org/harzgraph/graph/"
CURRENT = "https://w3id.org/harzgraph/def#currentGraph"
PREVIOUS = "https://w3id.org/harzgraph/def#previousGraph"
#: How long a reader trusts the pointer before asking again (a request pins what it saw).
POINTER_TTL_S = 5.0
USER_AGENT = "harzgraph"


def _request(url: str, *, method: str = "GET", data=None, headers: dict[str, str] | None = None,
             timeout: float = 30.0) -> bytes:
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (operator's URL)
            return response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode("utf-8", "replace").strip()
        raise StoreError(f"{method} {_without_query(url)}: the SPARQL server answered {exc.code} {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise StoreError(f"{method} {_without_query(url)}: cannot reach the SPARQL server: {exc}") from exc


def _without_query(url: str) -> str:
    return url.split("?", 1)[0]


def _with_params(url: str, params: list[tuple[str, str]]) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)


# -- publishing ------------------------------------------------------------------------------

def publish(store: ox.Store, graph_store_url: str, version: str, *, keep_previous: bool = True,
            bulk: bool = True) -> str:
    """Upload ``store``'s default graph into a new named graph at a Graph Store Protocol
    endpoint, then switch the control graph to it; the new graph's IRI.

    Parameters
    ----------
    store : the built version (read-only is enough).
    graph_store_url : the server's Graph Store Protocol endpoint (Oxigraph: ``…/store``).
    version : the version's name (its folder name); it becomes the graph's last segment.
    keep_previous : keep the graph the pointer named before (readers may still be on it);
        the one before that is deleted.
    bulk : ask for a non-transactional bulk load of the new graph (Oxigraph's ``no_transaction``
        parameter; a server that does not know it should ignore it — untested beyond Oxigraph).
    """
    graph = GRAPH_BASE + urllib.parse.quote(version, safe="")
    # Streamed: Oxigraph writes N-Triples into a file, which is then uploaded from disk.
    import tempfile

    with tempfile.TemporaryFile() as dump:
        store.dump(dump, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        size = dump.tell()
        dump.seek(0)
        # ``no_transaction``: Oxigraph's server then bulk-loads (about 6× faster than one big
        # transaction). Safe here: no reader looks at the new graph before the pointer names it.
        params = [("graph", graph)] + ([("no_transaction", "")] if bulk else [])
        _request(_with_params(graph_store_url, params), method="PUT", data=dump,
                 headers={"Content-Type": "application/n-triples", "Content-Length": str(size)}, timeout=3600)
    old, older = pointer_from_store_endpoint(graph_store_url)
    pointer = f"<{CONTROL}> <{CURRENT}> <{graph}> .\n"
    if old and old != graph:
        pointer += f"<{CONTROL}> <{PREVIOUS}> <{old}> .\n"
    _request(_with_params(graph_store_url, [("graph", CONTROL)]), method="PUT", data=pointer.encode("utf-8"),
             headers={"Content-Type": "application/n-triples"})
    # The graph before the previous one has no reader left that the pointer could send there.
    kept = {graph, old} if keep_previous else {graph}
    stale = {g for g in (older, old) if g and g not in kept}
    for name in sorted(stale):
        _request(_with_params(graph_store_url, [("graph", name)]), method="DELETE")
    return graph


def pointer_from_store_endpoint(graph_store_url: str) -> tuple[str | None, str | None]:
    """The current and the previous data graph the control graph names (Graph Store Protocol)."""
    try:
        body = _request(_with_params(graph_store_url, [("graph", CONTROL)]),
                        headers={"Accept": "application/n-triples"})
    except StoreError as exc:
        if " 404 " in str(exc):
            return None, None
        raise
    found = {triple.predicate.value: triple.object.value
             for triple in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
    return found.get(CURRENT), found.get(PREVIOUS)


# -- reading ---------------------------------------------------------------------------------

@dataclass
class _Pointer:
    graph: str | None
    read_at: float


class RemoteStore:
    """A read-only SPARQL 1.1 query endpoint with the ``query()`` surface of ``pyoxigraph.Store``.

    Parameters
    ----------
    endpoint : the query endpoint (Oxigraph: ``…/query``).
    graph : the data graph to read; None follows the control graph's pointer (re-read at
        most every :data:`POINTER_TTL_S`).
    timeout_s : how long one HTTP request may take.
    """

    def __init__(self, endpoint: str, *, graph: str | None = None, timeout_s: float = 30.0):
        self.endpoint = endpoint
        self.fixed = graph
        self.timeout_s = timeout_s
        self._pointer = _Pointer(None, 0.0)

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r}, graph={self.fixed!r})"

    def current_graph(self) -> str:
        """The data graph to read now: the fixed one, or the one the control graph names."""
        if self.fixed:
            return self.fixed
        now = time.monotonic()
        if self._pointer.graph is None or now - self._pointer.read_at > POINTER_TTL_S:
            text = f"SELECT ?g WHERE {{ GRAPH <{CONTROL}> {{ <{CONTROL}> <{CURRENT}> ?g }} }}"
            rows = list(self._select(text, default_graph=None))
            if not rows or rows[0]["g"] is None:
                raise StoreError(f"{self.endpoint}: no harzgraph graph has been published there yet; "
                                 "run 'harzgraph build --publish URL' first")
            self._pointer = _Pointer(rows[0]["g"].value, now)
        return self._pointer.graph

    def pinned(self) -> RemoteStore:
        """A store reading the graph current now, for the whole of one request."""
        return RemoteStore(self.endpoint, graph=self.current_graph(), timeout_s=self.timeout_s)

    def query(self, query: str, *, base_iri: str | None = None, prefixes: dict[str, str] | None = None,
              default_graph=None, named_graphs=None, **_ignored):
        """Run a query at the endpoint; pyoxigraph results (solutions, a boolean, or a list of
        triples for CONSTRUCT and DESCRIBE)."""
        prologue = ""
        if base_iri:
            prologue += f"BASE <{ox.NamedNode(base_iri).value}>\n"
        for prefix, iri in (prefixes or {}).items():
            prologue += f"PREFIX {prefix}: <{ox.NamedNode(iri).value}>\n"
        graphs = [g.value if isinstance(g, ox.NamedNode) else str(g) for g in (default_graph or [])]
        named = [g.value if isinstance(g, ox.NamedNode) else str(g) for g in (named_graphs or [])]
        return self._run(prologue + query, default_graph=graphs or [self.current_graph()], named_graphs=named)

    def _select(self, text: str, *, default_graph: list[str] | None) -> Iterator:
        return iter(self._run(text, default_graph=default_graph or [], named_graphs=[]))

    def _run(self, text: str, *, default_graph: list[str], named_graphs: list[str]):
        params = [("default-graph-uri", g) for g in default_graph] + [("named-graph-uri", g) for g in named_graphs]
        url = _with_params(self.endpoint, params) if params else self.endpoint
        body = _request(url, method="POST", data=text.encode("utf-8"), timeout=self.timeout_s,
                        headers={"Content-Type": "application/sparql-query",
                                 "Accept": "application/sparql-results+json, application/n-triples;q=0.9"})
        if body.lstrip().startswith(b"{"):
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return [quad.triple for quad in ox.parse(io.BytesIO(body), format=ox.RdfFormat.N_TRIPLES)]

    def quads_for_pattern(self, subject=None, predicate=None, obj=None, graph_name=None) -> Iterator[ox.Quad]:
        """The triples of the data graph matching the pattern (None: any), as quads of the default
        graph, like ``pyoxigraph.Store.quads_for_pattern`` on a store whose default graph is the
        data graph (a named graph other than the default one holds nothing here)."""
        if graph_name is not None and not isinstance(graph_name, ox.DefaultGraph):
            return iter(())
        terms = [str(term) if term is not None else var for term, var in ((subject, "?s"), (predicate, "?p"),
                                                                           (obj, "?o"))]
        pattern = " ".join(terms)
        triples = self.query(f"CONSTRUCT {{ {pattern} }} WHERE {{ {pattern} }}")
        return (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)

    def contains_named_graph(self, graph) -> bool:
        iri = graph.value if isinstance(graph, ox.NamedNode) else str(graph)
        result = self._run(f"ASK {{ GRAPH <{ox.NamedNode(iri).value}> {{ ?s ?p ?o }} }}", default_graph=[],
                           named_graphs=[])
        return bool(result)

    def named_graphs(self) -> list[ox.NamedNode]:
        rows = self._run("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", default_graph=[], named_graphs=[])
        return [row["g"] for row in rows if row["g"] is not None]

    def __bool__(self) -> bool:
        """Always true: without this, ``if store`` would call :meth:`__len__`, which counts every
        triple of the graph on the server (seconds at 100,000 actors, once per request)."""
        return True

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        return int(rows[0]["n"].value)


def is_remote(source: str | Path | None) -> bool:
    """Whether a store location is a SPARQL endpoint URL rather than a folder."""
    return isinstance(source, str) and source.startswith(("http://", "https://"))
