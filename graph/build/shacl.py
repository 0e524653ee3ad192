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

from graph.build.readers import Origin
from graph.errors import Problem

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
class Slot:
    """One property shape inside a merged check: its field, bounds and value tests."""

    field: str | None
    message: str | None
    low: int = 0
    high: int | None = None
    tests: tuple[tuple[str, str], ...] = ()  # (message, SPARQL expression true on violation)


@dataclass(frozen=True)
class Check:
    """One compiled SELECT; every solution is a violation of ?this.

    ``mode`` says how to read a solution: "plain" (one ``message`` for ``field``),
    "missing" (slot ?i has no value), "duplicates" (slot ?i allows one value and has more),
    "counts" (slot ?i has ?value values, out of bounds) or
    "values" (value ?value of slot ?i fails the tests whose flags ?f0, ?f1 … are true).
    """

    shape: str
    query: str
    field: str | None = None
    message: str = ""
    mode: str = "plain"
    slots: tuple[Slot, ...] = ()
    flag_slots: tuple[tuple[int, str], ...] = ()  # per flag: (slot index, message)

    def messages(self, solution) -> list[tuple[str | None, str]]:
        if self.mode == "plain":
            return [(self.field, self.message)]
        if self.mode == "values":
            raised = []
            for k, (i, message) in enumerate(self.flag_slots):
                flag = solution[f"f{k}"]
                if flag is not None and flag.value == "true":
                    raised.append((self.slots[i].field, self.slots[i].message or message))
            return raised
        slot = self.slots[int(solution["i"].value)]
        if self.mode == "missing":
            wrong = f"needs at least {slot.low} value(s), has none"
        elif self.mode == "duplicates":
            wrong = "may have at most 1 value, has more"
        else:
            n = int(solution["value"].value)
            wrong = (f"needs at least {slot.low} value(s), has {n}" if n < slot.low
                     else f"may have at most {slot.high} value(s), has {n}")
        return [(slot.field, slot.message or wrong)]


@dataclass(frozen=True)
class Violation:
    focus: str
    field: str | None
    message: str
    value: str | None


def compile_shapes(shapes_file: Path) -> list[Check]:
    """Compile every node shape of ``shapes_file`` into a few SPARQL checks.

    The property shapes of one node shape are merged into three queries — values missing,
    too many values, values failing a test — so the store is scanned a few times per shape
    instead of once per constraint.
    """
    shapes = pyoxigraph.Store()
    shapes.load(path=str(shapes_file), format=pyoxigraph.RdfFormat.TURTLE)
    prologue = _declared_prefixes(shapes)
    checks: list[Check] = []
    for node_shape in _objects_of_type(shapes, SH + "NodeShape"):
        shape = node_shape.value
        for target_class in [t.value for t in _values(shapes, node_shape, SH + "targetClass")]:
            target = _class_marker("?this", target_class, focus=True)
            plans = [_plan_property(shapes, prop, shape) for prop in _values(shapes, node_shape, SH + "property")]
            checks += _merged_checks(shape, target, [(path, slot) for path, slot, _extra in plans])
            for path, slot, extra in plans:
                for message, where in extra:
                    query = f"SELECT DISTINCT ?this (?v AS ?value) WHERE {{ {target} {where.replace('PATH', path)} }}"
                    checks.append(Check(shape, query, slot.field, slot.message or message))
            for constraint in _values(shapes, node_shape, SH + "sparql"):
                select = _one(shapes, constraint, SH + "select").value
                checks.append(Check(
                    shape, f"{prologue}SELECT DISTINCT ?this ?value WHERE {{ {target} {{ {select} }} }}",
                    _text(shapes, constraint, FIELD),
                    _text(shapes, constraint, SH + "message") or "violates a SPARQL constraint"))
    return checks


def _plan_property(shapes: pyoxigraph.Store, prop, shape: str) -> tuple[str, Slot, list[tuple[str, str]]]:
    """Read one property shape: (path, Slot, extra checks as (message, WHERE using PATH))."""
    path_node = _one(shapes, prop, SH + "path")
    if not isinstance(path_node, pyoxigraph.NamedNode):
        raise ValueError(f"{shape}: only simple property paths are supported by the compiler")
    path = f"<{path_node.value}>"
    used = {q.predicate.value.removeprefix(SH) for q in shapes.quads_for_pattern(prop, None, None)
            if q.predicate.value.startswith(SH)}
    unsupported = used - SUPPORTED
    if unsupported:
        raise ValueError(f"{shape}, path {path}: unsupported SHACL constraints {sorted(unsupported)}")

    def each(constraint: str):
        return _values(shapes, prop, SH + constraint)

    tests: list[tuple[str, str]] = []
    for term in each("datatype"):
        tests.append((f"value must be of type {_short(term.value)}",
                      f"!isLiteral(?v) || datatype(?v) != <{term.value}>"))
    for term in each("class"):
        tests.append((f"value must be a {_short(term.value)}", f"NOT EXISTS {{ {_class_marker('?v', term.value)} }}"))
    for term in each("nodeKind"):
        kind = term.value.removeprefix(SH)
        tests.append((f"value must be a {kind}", f"!{_NODE_KIND_TEST[kind]}"))
    for term in each("in"):
        allowed = ", ".join(_term_sparql(t) for t in _list(shapes, term))
        tests.append((f"value must be one of {allowed}", f"?v NOT IN ({allowed})"))
    for term in each("pattern"):
        flags = _text(shapes, prop, SH + "flags") or ""
        tests.append((f"value must match {term.value}",
                      f'isBlank(?v) || !REGEX(STR(?v), {_string_sparql(term.value)}, "{flags}")'))
    for constraint, (message, failing) in _BOUNDS.items():
        for term in each(constraint):
            tests.append((message.format(v=term.value), failing.format(t=_term_sparql(term))))
    for term in each("languageIn"):
        langs = [t.value for t in _list(shapes, term)]
        either = " || ".join(f'langMatches(LANG(?v), "{lang}")' for lang in langs)
        tests.append((f"language must be one of {', '.join(langs)}", f"!isLiteral(?v) || !({either})"))
    extra: list[tuple[str, str]] = []
    for term in each("hasValue"):
        value = _term_sparql(term)
        extra.append((f"must have the value {term.value}",
                      f"FILTER NOT EXISTS {{ ?this PATH {value} }} BIND({value} AS ?v)"))
    if any(term.value == "true" for term in each("uniqueLang")):
        extra.append(("at most one value per language",
                      '?this PATH ?v, ?w . FILTER(?v != ?w && LANG(?v) != "" && LANG(?v) = LANG(?w))'))
    low = max((int(t.value) for t in each("minCount")), default=0)
    high = min((int(t.value) for t in each("maxCount")), default=None)
    slot = Slot(_text(shapes, prop, SH + "name"), _text(shapes, prop, SH + "message"), low, high, tuple(tests))
    return path, slot, extra


#: Constraints bounding one value: the message and the SPARQL test that fails (``{t}`` is
#: the bound as a SPARQL term; a literal's lexical form for minLength).
_BOUNDS = {
    "minLength": ("value must have at least {v} character(s)", "isBlank(?v) || STRLEN(STR(?v)) < {t}"),
    "minInclusive": ("value must be ≥ {v}", "!COALESCE(?v >= {t}, false)"),
    "maxInclusive": ("value must be ≤ {v}", "!COALESCE(?v <= {t}, false)"),
}


def _merged_checks(shape: str, target: str, plans: list[tuple[str, Slot]]) -> list[Check]:
    """The three merged queries of one node shape: missing, counts, values."""
    slots = tuple(slot for _path, slot in plans)

    def values_clause(indices: list[int]) -> str:
        return "VALUES (?p ?i) { " + " ".join(f"({plans[i][0]} {i})" for i in indices) + " }"

    checks = []
    required = [i for i, slot in enumerate(slots) if slot.low > 0]
    if required:
        checks.append(Check(shape, f"SELECT ?this ?i WHERE {{ {target} {values_clause(required)} "
                                   f"FILTER NOT EXISTS {{ ?this ?p ?any }} }}", mode="missing", slots=slots))
    single = [i for i, slot in enumerate(slots) if slot.high == 1]
    if single:
        # "At most one" as a self-join: a second, different value is the violation. Far
        # cheaper than grouping and counting every focus node's values.
        branches = " UNION ".join(f"{{ ?this {plans[i][0]} ?v, ?w . FILTER(?v != ?w) BIND({i} AS ?i) }}"
                                  for i in single)
        checks.append(Check(shape, f"SELECT DISTINCT ?this ?i WHERE {{ {target} {branches} }}",
                            mode="duplicates", slots=slots))
    bounded = [i for i, slot in enumerate(slots) if slot.low > 1 or (slot.high is not None and slot.high > 1)]
    if bounded:
        conditions = []
        for i in bounded:
            parts = ([f"COUNT(DISTINCT ?v) < {slots[i].low}"] if slots[i].low > 1 else []) + \
                    ([f"COUNT(DISTINCT ?v) > {slots[i].high}"] if slots[i].high is not None else [])
            conditions.append(f"(?i = {i} && ({' || '.join(parts)}))")
        checks.append(Check(shape, f"SELECT ?this ?i (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {target} "
                                   f"{values_clause(bounded)} ?this ?p ?v }} GROUP BY ?this ?i "
                                   f"HAVING ({' || '.join(conditions)})", mode="counts", slots=slots))
    tested = [i for i, slot in enumerate(slots) if slot.tests]
    if tested:
        # One UNION branch per property, each evaluating only its own tests: binding every
        # flag for every value was 2× slower.
        flag_slots, branches = [], []
        for i in tested:
            binds, mine = [], []
            for message, expression in slots[i].tests:
                k = len(flag_slots)
                binds.append(f"BIND(COALESCE({expression}, false) AS ?f{k})")
                mine.append(f"?f{k}")
                flag_slots.append((i, message))
            branches.append(f"{{ ?this {plans[i][0]} ?v . {' '.join(binds)} FILTER({' || '.join(mine)}) "
                            f"BIND({i} AS ?i) }}")
        flags = " ".join(f"?f{k}" for k in range(len(flag_slots)))
        checks.append(Check(shape, f"SELECT DISTINCT ?this ?i (?v AS ?value) {flags} WHERE {{ {target} "
                                   f"{' UNION '.join(branches)} }}",
                            mode="values", slots=slots, flag_slots=tuple(flag_slots)))
    return checks


def _class_marker(variable: str, cls: str, *, focus: bool = False) -> str:
    """Stands for "variable is an instance of cls or of a subclass"; see :func:`_expand_classes`.
    ``focus``: this is the target of a shape, whose instances are the focus nodes."""
    return f"#{'FOCUS' if focus else 'CLASS'} {variable} <{cls}>#"


_CLASS_MARKER = re.compile(r"#(CLASS|FOCUS) (\?\w+) <([^>]+)>#")


def _expand_classes(query: str, store: pyoxigraph.Store, cache: dict[str, list[str]],
                    focus_graph: str | None = None) -> str:
    """Replace class markers by ``VALUES ?c { C and its subclasses } ?x a ?c``.

    The subclass closure is read once per class from the store (rdfs:subClassOf+); a
    property path ``rdf:type/rdfs:subClassOf*`` per focus node was three times slower.
    With ``focus_graph``, a shape's focus nodes are only those typed in that named graph
    (the subjects a batch owns, :mod:`graph.build.batches`).
    """

    def values(match: re.Match) -> str:
        kind, variable, cls = match.groups()
        if cls not in cache:
            sub = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s <{SUBCLASS}>+ <{cls}> }}")
            cache[cls] = sorted({cls, *(row["s"].value for row in sub if isinstance(row["s"], pyoxigraph.NamedNode))})
        name = f"?cls_{variable[1:]}"
        listed = " ".join(f"<{c}>" for c in cache[cls])
        typed = f"{variable} <{RDF_TYPE}> {name} ."
        if kind == "FOCUS" and focus_graph is not None:
            typed = f"GRAPH <{focus_graph}> {{ {typed} }}"
        return f"VALUES {name} {{ {listed} }} {typed}"

    return _CLASS_MARKER.sub(values, query)


def run_checks(store: pyoxigraph.Store, checks: list[Check], *, focus_graph: str | None = None) -> list[Violation]:
    """Run compiled checks on a store; one Violation per focus node, field and message.

    ``focus_graph``: check only the focus nodes whose rdf:type is (also) in that named graph;
    all else is read from the default graph."""
    found: set[Violation] = set()
    classes: dict[str, list[str]] = {}
    for check in checks:
        for solution in store.query(_expand_classes(check.query, store, classes, focus_graph)):
            value = solution["value"] if check.mode not in ("missing", "duplicates") else None
            text = None if value is None else value.value
            for field, message in check.messages(solution):
                found.add(Violation(solution["this"].value, field, message, text))
    return sorted(found, key=lambda v: (v.focus, v.field or "", v.message, v.value or ""))


def violations_to_problems(violations: list[Violation], origins: dict[str, Origin],
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
