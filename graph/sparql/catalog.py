"""The named SPARQL queries in ``graph/queries/*.rq``: list them, run one with bound values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from graph.errors import NotFound
from graph.namespaces import sparql_prologue
from graph.tables import Table

QUERIES = Path(__file__).parent / "queries"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str


def named_query(name: str) -> NamedQuery:
    """The query ``queries/<name>.rq`` with its header comments as title and description."""
    path = QUERIES / f"{name}.rq"
    if not path.is_file():
        raise NotFound(f"no named query '{name}'")
    text = path.read_text(encoding="utf-8")
    meta = {}
    for line in text.splitlines():
        if line.startswith("# ") and ":" in line:
            key, _, value = line[2:].partition(":")
            meta[key.strip()] = value.strip()
    return NamedQuery(name, meta.get("title", name), meta.get("description", ""), text)


def run_named(store: pyoxigraph.Store, name: str, **bindings: object) -> Table:
    """Run a named SELECT query; keyword arguments bind variables (never string-formatted).

    A variable to bind must appear in the query's SELECT (and GROUP BY) clause.
    """
    query = named_query(name)
    substitutions = {pyoxigraph.Variable(k): _term(v) for k, v in bindings.items()}
    results = store.query(sparql_prologue() + query.text, substitutions=substitutions)
    # Bound variables must be projected for substitution (SEP-0007); they are not columns.
    columns = [v.value for v in results.variables if v.value not in bindings]
    rows = [{c: plain(solution[c]) for c in columns} for solution in results]
    return Table(columns, rows)


def plain(term: object) -> str | int | float | bool | None:
    """An RDF term as a plain Python value: numbers as numbers, everything else as text."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in ("integer", "int", "long", "nonNegativeInteger"):
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return float(term.value)
        if datatype == "boolean":
            return term.value == "true"
    return term.value


def _term(value: object):
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return pyoxigraph.NamedNode(value)
    if isinstance(value, bool):
        return pyoxigraph.Literal(str(value).lower(), datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return pyoxigraph.Literal(str(value), datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return pyoxigraph.Literal(str(value))
