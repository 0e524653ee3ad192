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
    """One compiled constraint: a SELECT yielding ?this (and maybe ?v) per violation."""

    shape: str
    field: str | None
    message: str
    query: str


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
            target = f"?this <{RDF_TYPE}>/<{SUBCLASS}>* <{target_class}> ."
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

    def check(message: str, where: str, *, having: str | None = None) -> Check:
        if having:
            query = (f"SELECT ?this (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {target} {where} }} "
                     f"GROUP BY ?this HAVING ({having})")
        else:
            query = f"SELECT DISTINCT ?this (?v AS ?value) WHERE {{ {target} {where} }}"
        return Check(shape, field, custom or message, query)

    def values_filter(test: str) -> str:
        return f"?this {path} ?v . FILTER({test})"

    checks = []
    for term in _values(shapes, prop, SH + "minCount"):
        n = int(term.value)
        checks.append(check(f"needs at least {n} value(s)", f"OPTIONAL {{ ?this {path} ?v }}",
                            having=f"COUNT(DISTINCT ?v) < {n}"))
    for term in _values(shapes, prop, SH + "maxCount"):
        n = int(term.value)
        checks.append(check(f"may have at most {n} value(s)", f"?this {path} ?v",
                            having=f"COUNT(DISTINCT ?v) > {n}"))
    for term in _values(shapes, prop, SH + "datatype"):
        checks.append(check(f"value must be of type {_short(term.value)}",
                            values_filter(f"!isLiteral(?v) || datatype(?v) != <{term.value}>")))
    for term in _values(shapes, prop, SH + "class"):
        checks.append(check(f"value must be a {_short(term.value)}",
                            f"?this {path} ?v . FILTER NOT EXISTS {{ ?v <{RDF_TYPE}>/<{SUBCLASS}>* <{term.value}> }}"))
    for term in _values(shapes, prop, SH + "nodeKind"):
        kind = term.value.removeprefix(SH)
        checks.append(check(f"value must be a {kind}", values_filter(f"!{_NODE_KIND_TEST[kind]}")))
    for term in _values(shapes, prop, SH + "in"):
        allowed = ", ".join(_term_sparql(t) for t in _list(shapes, term))
        checks.append(check(f"value must be one of {allowed}", values_filter(f"?v NOT IN ({allowed})")))
    for term in _values(shapes, prop, SH + "pattern"):
        flags = _text(shapes, prop, SH + "flags") or ""
        pattern = _string_sparql(term.value)
        checks.append(check(f"value must match {term.value}",
                            values_filter(f'isBlank(?v) || !REGEX(STR(?v), {pattern}, "{flags}")')))
    for term in _values(shapes, prop, SH + "minLength"):
        checks.append(check(f"value must have at least {term.value} character(s)",
                            values_filter(f"isBlank(?v) || STRLEN(STR(?v)) < {int(term.value)}")))
    for term in _values(shapes, prop, SH + "minInclusive"):
        checks.append(check(f"value must be ≥ {term.value}",
                            values_filter(f"!COALESCE(?v >= {_term_sparql(term)}, false)")))
    for term in _values(shapes, prop, SH + "maxInclusive"):
        checks.append(check(f"value must be ≤ {term.value}",
                            values_filter(f"!COALESCE(?v <= {_term_sparql(term)}, false)")))
    for term in _values(shapes, prop, SH + "hasValue"):
        value = _term_sparql(term)
        checks.append(check(f"must have the value {term.value}",
                            f"FILTER NOT EXISTS {{ ?this {path} {value} }} BIND({value} AS ?v)"))
    for term in _values(shapes, prop, SH + "uniqueLang"):
        if term.value == "true":
            checks.append(check("at most one value per language",
                                f"?this {path} ?v, ?w . FILTER(?v != ?w && LANG(?v) != \"\" && LANG(?v) = LANG(?w))"))
    for term in _values(shapes, prop, SH + "languageIn"):
        langs = [t.value for t in _list(shapes, term)]
        test = " || ".join(f'langMatches(LANG(?v), "{lang}")' for lang in langs)
        checks.append(check(f"language must be one of {', '.join(langs)}",
                            values_filter(f"!isLiteral(?v) || !({test})")))
    return checks


def run_checks(store: pyoxigraph.Store, checks: list[Check]) -> list[Violation]:
    """Run compiled checks on a store; one Violation per focus node and check."""
    found: list[Violation] = []
    for check in checks:
        for solution in store.query(check.query):
            value = solution["value"]
            found.append(Violation(solution["this"].value, check.field, check.message,
                                   None if value is None else value.value))
    return sorted(set(found), key=lambda v: (v.focus, v.field or "", v.message, v.value or ""))


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
