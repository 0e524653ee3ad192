"""Check the graph against the SHACL shapes in ``ontology/shapes.ttl``, and point every
violation back to file, row and field.

The shapes are the single statement of what a record must look like. They are compiled
once into SPARQL queries and run on Oxigraph, because pyshacl needs minutes at 100k actors
while the queries take seconds (bench/build.py). The compiler covers the SHACL Core
constraints the shapes use — minCount, maxCount, datatype, class, nodeKind, in, pattern,
minLength, minInclusive, maxInclusive, hasValue, uniqueLang, languageIn — and SHACL-SPARQL
``sh:sparql`` constraints; any other constraint in the shapes raises, so nothing is
skipped silently. tests/graph/test_validation.py checks that pyshacl finds the same
violations on every example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from .errors import Problem
from .readers import Record

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
FIELD = "https://w3id.org/harzgraph/shapes#field"
XSD = "http://www.w3.org/2001/XMLSchema#"

SUPPORTED = {
    "minCount", "maxCount", "datatype", "class", "nodeKind", "in", "pattern", "flags",
    "minLength", "minInclusive", "maxInclusive", "hasValue", "uniqueLang", "languageIn",
    "path", "name", "message", "description", "order", "group", "severity",
}

_NODE_KIND_TEST = {
    "IRI": "isIRI(?v)",
    "Literal": "isLiteral(?v)",
    "BlankNode": "isBlank(?v)",
    "BlankNodeOrIRI": "(isBlank(?v) || isIRI(?v))",
    "BlankNodeOrLiteral": "(isBlank(?v) || isLiteral(?v))",
    "IRIOrLiteral": "(isIRI(?v) || isLiteral(?v))",
}


@dataclass(frozen=True)
class Check:
    """One compiled query: a SELECT yielding ?this (and ?value) per violation.

    A plain check has one ``message``. A cardinality check has ``counts`` (min, max) and
    ?value is the number of values. A value check has ``tests`` (one message per boolean
    ?f0, ?f1 … it binds).
    """

    shape: str
    field: str | None
    message: str
    query: str
    counts: tuple[int, int | None] | None = None
    tests: tuple[str, ...] = ()

    def messages(self, solution) -> list[str]:
        if self.counts is not None:
            low, high = self.counts
            n = int(solution["value"].value)
            wrong = f"needs at least {low} value(s)" if n < low else f"may have at most {high} value(s)"
            return [self.message or f"{wrong}, has {n}"]
        if self.tests:
            raised = [m for i, m in enumerate(self.tests)
                      if solution[f"f{i}"] is not None and solution[f"f{i}"].value == "true"]
            return [self.message or m for m in raised]
        return [self.message]


@dataclass(frozen=True)
class Violation:
    focus: str
    field: str | None
    message: str
    value: str | None


def compile_shapes(shapes_file: Path) -> list[Check]:
    """Compile every node shape of ``shapes_file`` into SPARQL checks."""
    shapes = pyoxigraph.Store()
    shapes.load(path=str(shapes_file), format=pyoxigraph.RdfFormat.TURTLE)
    prologue = _declared_prefixes(shapes)
    checks: list[Check] = []
    for node_shape in _objects_of_type(shapes, SH + "NodeShape"):
        targets = [t.value for t in _values(shapes, node_shape, SH + "targetClass")]
        for target_class in targets:
            target = _class_marker("?this", target_class)
            for prop in _values(shapes, node_shape, SH + "property"):
                checks += _compile_property(shapes, prop, target, node_shape.value)
            for constraint in _values(shapes, node_shape, SH + "sparql"):
                select = _one(shapes, constraint, SH + "select").value
                checks.append(Check(
                    node_shape.value, _text(shapes, constraint, FIELD),
                    _text(shapes, constraint, SH + "message") or "violates a SPARQL constraint",
                    f"{prologue}SELECT DISTINCT ?this ?value WHERE {{ {target} {{ {select} }} }}",
                ))
    return checks


def _compile_property(shapes: pyoxigraph.Store, prop, target: str, shape: str) -> list[Check]:
    path_node = _one(shapes, prop, SH + "path")
    if not isinstance(path_node, pyoxigraph.NamedNode):
        raise ValueError(f"{shape}: only simple property paths are supported by the compiler")
    path = f"<{path_node.value}>"
    field = _text(shapes, prop, SH + "name")
    custom = _text(shapes, prop, SH + "message")
    used = {q.predicate.value.removeprefix(SH) for q in shapes.quads_for_pattern(prop, None, None)
            if q.predicate.value.startswith(SH)}
    unsupported = used - SUPPORTED
    if unsupported:
        raise ValueError(f"{shape}, path {path}: unsupported SHACL constraints {sorted(unsupported)}")

    def check(message: str, where: str) -> Check:
        query = f"SELECT DISTINCT ?this (?v AS ?value) WHERE {{ {target} {where} }}"
        return Check(shape, field, custom or message, query)

    checks = []
    # Cardinality: one grouped query for sh:minCount and sh:maxCount together.
    low = [int(t.value) for t in _values(shapes, prop, SH + "minCount")]
    high = [int(t.value) for t in _values(shapes, prop, SH + "maxCount")]
    if low or high:
        bounds = [f"COUNT(DISTINCT ?v) < {n}" for n in low] + [f"COUNT(DISTINCT ?v) > {n}" for n in high]
        pattern = f"OPTIONAL {{ ?this {path} ?v }}" if low else f"?this {path} ?v"
        query = (f"SELECT ?this (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {target} {pattern} }} "
                 f"GROUP BY ?this HAVING ({' || '.join(bounds)})")
        checks.append(Check(shape, field, custom or "", query, counts=(min(low, default=0), min(high, default=None))))
    # Value tests: one query per property, one boolean per constraint, so the store is
    # scanned once per property instead of once per constraint.
    tests: list[tuple[str, str]] = []
    for term in _values(shapes, prop, SH + "datatype"):
        tests.append((f"value must be of type {_short(term.value)}",
                      f"!isLiteral(?v) || datatype(?v) != <{term.value}>"))
    for term in _values(shapes, prop, SH + "class"):
        tests.append((f"value must be a {_short(term.value)}",
                      f"NOT EXISTS {{ {_class_marker('?v', term.value)} }}"))
    for term in _values(shapes, prop, SH + "nodeKind"):
        kind = term.value.removeprefix(SH)
        tests.append((f"value must be a {kind}", f"!{_NODE_KIND_TEST[kind]}"))
    for term in _values(shapes, prop, SH + "in"):
        allowed = ", ".join(_term_sparql(t) for t in _list(shapes, term))
        tests.append((f"value must be one of {allowed}", f"?v NOT IN ({allowed})"))
    for term in _values(shapes, prop, SH + "pattern"):
        flags = _text(shapes, prop, SH + "flags") or ""
        tests.append((f"value must match {term.value}",
                      f'isBlank(?v) || !REGEX(STR(?v), {_string_sparql(term.value)}, "{flags}")'))
    for term in _values(shapes, prop, SH + "minLength"):
        tests.append((f"value must have at least {term.value} character(s)",
                      f"isBlank(?v) || STRLEN(STR(?v)) < {int(term.value)}"))
    for term in _values(shapes, prop, SH + "minInclusive"):
        tests.append((f"value must be ≥ {term.value}", f"!COALESCE(?v >= {_term_sparql(term)}, false)"))
    for term in _values(shapes, prop, SH + "maxInclusive"):
        tests.append((f"value must be ≤ {term.value}", f"!COALESCE(?v <= {_term_sparql(term)}, false)"))
    for term in _values(shapes, prop, SH + "languageIn"):
        langs = [t.value for t in _list(shapes, term)]
        test = " || ".join(f'langMatches(LANG(?v), "{lang}")' for lang in langs)
        tests.append((f"language must be one of {', '.join(langs)}", f"!isLiteral(?v) || !({test})"))
    if tests:
        binds = " ".join(f"BIND(COALESCE({test}, false) AS ?f{i})" for i, (_m, test) in enumerate(tests))
        flags = " ".join(f"?f{i}" for i in range(len(tests)))
        any_flag = " || ".join(f"?f{i}" for i in range(len(tests)))
        query = (f"SELECT DISTINCT ?this (?v AS ?value) {flags} WHERE {{ {target} ?this {path} ?v . "
                 f"{binds} FILTER({any_flag}) }}")
        checks.append(Check(shape, field, custom or "", query, tests=tuple(m for m, _t in tests)))
    for term in _values(shapes, prop, SH + "hasValue"):
        value = _term_sparql(term)
        checks.append(check(f"must have the value {term.value}",
                            f"FILTER NOT EXISTS {{ ?this {path} {value} }} BIND({value} AS ?v)"))
    for term in _values(shapes, prop, SH + "uniqueLang"):
        if term.value == "true":
            checks.append(check("at most one value per language",
                                f"?this {path} ?v, ?w . FILTER(?v != ?w && LANG(?v) != \"\" && LANG(?v) = LANG(?w))"))
    return checks


def _class_marker(variable: str, cls: str) -> str:
    """Stands for "variable is an instance of cls or of a subclass"; see :func:`_expand_classes`."""
    return f"#CLASS {variable} <{cls}>#"


_CLASS_MARKER = re.compile(r"#CLASS (\?\w+) <([^>]+)>#")


def _expand_classes(query: str, store: pyoxigraph.Store, cache: dict[str, list[str]]) -> str:
    """Replace class markers by ``VALUES ?c { C and its subclasses } ?x a ?c``.

    The subclass closure is read once per class from the store (rdfs:subClassOf+); a
    property path ``rdf:type/rdfs:subClassOf*`` per focus node was three times slower.
    """

    def values(match: re.Match) -> str:
        variable, cls = match.groups()
        if cls not in cache:
            sub = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s <{SUBCLASS}>+ <{cls}> }}")
            cache[cls] = sorted({cls, *(row["s"].value for row in sub if isinstance(row["s"], pyoxigraph.NamedNode))})
        name = f"?cls_{variable[1:]}"
        listed = " ".join(f"<{c}>" for c in cache[cls])
        return f"VALUES {name} {{ {listed} }} {variable} <{RDF_TYPE}> {name} ."

    return _CLASS_MARKER.sub(values, query)


def run_checks(store: pyoxigraph.Store, checks: list[Check]) -> list[Violation]:
    """Run compiled checks on a store; one Violation per focus node, field and message."""
    found: set[Violation] = set()
    classes: dict[str, list[str]] = {}
    for check in checks:
        for solution in store.query(_expand_classes(check.query, store, classes)):
            value = solution["value"]
            text = None if value is None else value.value
            for message in check.messages(solution):
                found.add(Violation(solution["this"].value, check.field, message, text))
    return sorted(found, key=lambda v: (v.focus, v.field or "", v.message, v.value or ""))


def violations_to_problems(violations: list[Violation], origins: dict[str, Record],
                           ontology_label: str = "ontology/vocab") -> list[Problem]:
    """Name the file, row and field of each violation (the vocabularies have no rows)."""
    problems = []
    for v in violations:
        record = origins.get(v.focus) or origins.get(v.focus.split("#", 1)[0])
        value = f" (value: {v.value})" if v.value else ""
        if record is None:
            problems.append(Problem(ontology_label, None, v.field, f"<{v.focus}>: {v.message}{value}"))
        else:
            problems.append(Problem(record.file, record.row, v.field, f"{v.message}{value}"))
    return problems


# ------------------------------------------------------------------ small helpers

def _objects_of_type(store, cls: str):
    return sorted({q.subject for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(RDF_TYPE),
                                                               pyoxigraph.NamedNode(cls))}, key=str)


def _values(store, subject, predicate: str):
    return sorted((q.object for q in store.quads_for_pattern(subject, pyoxigraph.NamedNode(predicate), None)), key=str)


def _one(store, subject, predicate: str):
    values = _values(store, subject, predicate)
    if len(values) != 1:
        raise ValueError(f"{subject}: expected exactly one {predicate}, found {len(values)}")
    return values[0]


def _text(store, subject, predicate: str) -> str | None:
    values = _values(store, subject, predicate)
    return values[0].value if values else None


def _list(store, head) -> list:
    items = []
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    while head != pyoxigraph.NamedNode(rdf + "nil"):
        items.append(_one(store, head, rdf + "first"))
        head = _one(store, head, rdf + "rest")
    return items


def _declared_prefixes(store) -> str:
    lines = []
    for declaration in _values_any(store, SH + "declare"):
        prefix = _one(store, declaration, SH + "prefix").value
        namespace = _one(store, declaration, SH + "namespace").value
        lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(set(lines)))


def _values_any(store, predicate: str):
    return [q.object for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(predicate), None)]


def _term_sparql(term) -> str:
    if isinstance(term, pyoxigraph.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, pyoxigraph.Literal):
        return str(term)
    raise ValueError(f"cannot use {term} in a compiled check")


def _string_sparql(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _short(iri: str) -> str:
    return iri.removeprefix(XSD).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
