"""The named SPARQL queries in ``graph/queries/*.rq``: list them, run one with bound values."""

from __future__ import annotations

import re
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


def run_named(store, name: str, **bindings: object) -> Table:
    """Run a named SELECT query; keyword arguments bind variables (never string-formatted).

    A variable to bind must appear in the query's SELECT (and GROUP BY) clause. Its value is
    written into the query as an RDF term (:func:`bind`): pyoxigraph applies
    ``substitutions=`` only after evaluating the whole pattern, so one actor's relations took
    seconds at 100,000 actors; with the IRI in the pattern they take milliseconds.
    ``store`` is a pyoxigraph store or anything with the same ``query(text)`` (a SPARQL
    endpoint, :mod:`graph.sparql.remote`).
    """
    query = named_query(name)
    results = store.query(sparql_prologue() + bind(query.text, bindings))
    columns = [v.value for v in results.variables]
    rows = [{c: plain(solution[c]) for c in columns} for solution in results]
    return Table(columns, rows)


_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)
_HEAD_END = re.compile(r"\bWHERE\b|\{")


def bind(text: str, bindings: dict[str, object]) -> str:
    """``text`` with each variable of ``bindings`` replaced by its value as an RDF term.

    The value becomes a pyoxigraph term first (an IRI is checked by ``NamedNode``, a literal
    escaped by ``Literal``), and its N-Triples form is what enters the query, so no text a
    user typed can change the query's structure. The variable leaves the projection and the
    solution modifiers (GROUP BY, ORDER BY), where a constant is not allowed.

    >>> bind("SELECT ?actor ?name WHERE { ?actor <http://x/name> ?name } GROUP BY ?actor ?name",
    ...      {"actor": "https://example.org/a"})
    'SELECT  ?name WHERE { <https://example.org/a> <http://x/name> ?name } GROUP BY  ?name'
    >>> print(bind('SELECT ?n WHERE { ?n <http://x/p> ?q }', {"q": 'x" } ; DROP ALL #'}))
    SELECT ?n WHERE { ?n <http://x/p> "x\\" } ; DROP ALL #" }
    """
    if not bindings:
        return text
    text = _COMMENT.sub("", text).strip()
    head_end = _HEAD_END.search(text)
    body_end = text.rindex("}") + 1
    if head_end is None:
        raise ValueError("a named query needs a WHERE clause")
    head, body, tail = text[:head_end.start()], text[head_end.start():body_end], text[body_end:]
    for variable, value in bindings.items():
        if not re.fullmatch(r"\w+", variable):
            raise ValueError(f"not a variable name: {variable!r}")
        pattern = re.compile(r"[?$]" + variable + r"(?!\w)")
        term = str(_term(value))
        head, tail = pattern.sub("", head), pattern.sub("", tail)
        body = pattern.sub(lambda _m, term=term: term, body)
    return head + body + tail


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
