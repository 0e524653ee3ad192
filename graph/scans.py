"""Whole-store reads as one single-pattern scan per predicate, joined in Python (issue 15).

The collaboration graph, the actor index and the search index read a few facts of *every*
actor and relation. As SPARQL joins over the whole store (``network_relations``,
``actor_list``, …) they took minutes at 100,000 actors: Oxigraph looks up each further
triple pattern of a row in its on-disk indexes, and an ``EXISTS`` per row doubles that. A
pattern with one bound predicate, ``SELECT ?s ?o WHERE { ?s <p> ?o }``, is read straight
from one index instead (measured at 100k, load ≈ 4: 200,000 ``rdf:subject`` triples in
0.8 s, against 68 s for the nine-column ``network_relations``, see bench/derive.py), and
joining a handful of such scans in Python dictionaries is cheap. A :class:`StoreScan` keeps
each scan it made, so the build's precompute step (:mod:`graph.derived`) reads each
predicate once for the graph, the actor index and the search index together.

The scans go through ``store.query`` only, so they work on a SPARQL endpoint too
(:mod:`graph.sparql.remote`). The predicates the callers read as single-valued
(``one``: an actor's label, kind, confidence; a relation's ends and type) are single-valued
by the SHACL shapes; should a subject have several values, the smallest is taken, so the
result does not depend on the order a store returns its triples in.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from sys import intern

import pyoxigraph

from graph.sparql.catalog import plain

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
HGNS = "https://w3id.org/harzgraph/ns#"
ORGANIZATION = "http://www.w3.org/ns/org#Organization"
RELATIONSHIP = HGNS + "Relationship"
WGS_LAT = "http://www.w3.org/2003/01/geo/wgs84_pos#lat"
WGS_LONG = "http://www.w3.org/2003/01/geo/wgs84_pos#long"
SOURCE = "http://purl.org/dc/terms/source"
NOTATION = SKOS + "notation"
#: The many-valued facets of an actor: predicate and the facet's name (singular, as the
#: actor list and ``actor_facets`` name it).
FACET_PREDICATES = ((HGNS + "worksAtStage", "stage"), (HGNS + "handlesMaterial", "material"),
                    (HGNS + "handlesCategory", "category"), (SCHEMA + "knowsAbout", "competency"))


def _key(value: object) -> tuple[str, str]:
    return (type(value).__name__, str(value))


class StoreScan:
    """Cached single-pattern scans of one store (for as long as its content does not change).

    >>> store = pyoxigraph.Store()
    >>> ex = "http://example.org/"
    >>> store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(ex + "a"), pyoxigraph.NamedNode(ex + "p"),
    ...                           pyoxigraph.Literal("3", datatype=pyoxigraph.NamedNode(
    ...                               "http://www.w3.org/2001/XMLSchema#integer"))))
    >>> StoreScan(store).one(ex + "p")
    {'http://example.org/a': 3}
    """

    def __init__(self, store):
        self.store = store
        self._pairs: dict[tuple[str, bool], list[tuple[str, object]]] = {}
        self._one: dict[str, dict[str, object]] = {}
        self._many: dict[str, dict[str, list[object]]] = {}
        self._instances: dict[str, frozenset[str]] = {}
        self._memo: dict[str, object] = {}

    def pairs(self, predicate: str, *, terms: bool = False) -> list[tuple[str, object]]:
        """Every ``(subject, object)`` of ``predicate``: the subject's IRI (or blank node id)
        and the object as a plain value (:func:`graph.sparql.catalog.plain`), or as the
        pyoxigraph term when ``terms`` (to read a literal's language)."""
        key = (predicate, terms)
        if key not in self._pairs:
            self._pairs[key] = list(self._read(predicate, terms=terms))
        return self._pairs[key]

    def _read(self, predicate: str, *, terms: bool = False):
        """The pairs of :meth:`pairs`, read afresh. IRIs are interned: an actor's IRI is read
        with each of a dozen predicates, and kept once instead of a dozen times."""
        if (predicate, terms) in self._pairs:
            yield from self._pairs[predicate, terms]
            return
        text = f"SELECT ?s ?o WHERE {{ ?s {pyoxigraph.NamedNode(predicate)} ?o }}"
        for solution in self.store.query(text):
            o = solution[1]
            if terms:
                yield intern(solution[0].value), o
            elif isinstance(o, pyoxigraph.NamedNode):
                yield intern(solution[0].value), intern(o.value)
            else:
                yield intern(solution[0].value), plain(o)

    def one(self, predicate: str) -> dict[str, object]:
        """Subject → its value of ``predicate`` (the smallest when it has several)."""
        if predicate not in self._one:
            out: dict[str, object] = {}
            for s, o in self._read(predicate):
                if s not in out or _key(o) < _key(out[s]):
                    out[s] = o
            self._one[predicate] = out
        return self._one[predicate]

    def many(self, predicate: str) -> dict[str, list[object]]:
        """Subject → every value of ``predicate`` (each once, in the order read)."""
        if predicate not in self._many:
            out: dict[str, list[object]] = {}
            for s, o in self._read(predicate):
                values = out.setdefault(s, [])
                if o not in values:
                    values.append(o)
            self._many[predicate] = out
        return self._many[predicate]

    def many_terms(self, predicate: str) -> dict[str, list[pyoxigraph.Literal]]:
        """Subject → every object of ``predicate`` as a pyoxigraph term (a literal's
        ``language`` and ``value``), in the order read."""
        key = "terms " + predicate
        if key not in self._many:
            out: dict[str, list] = {}
            for s, o in self._read(predicate, terms=True):
                out.setdefault(s, []).append(o)
            self._many[key] = out
        return self._many[key]  # type: ignore[return-value]

    def memo(self, key: str, compute):
        """``compute(self)`` once; later calls with the same ``key`` return that value."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    def instances(self, cls: str) -> frozenset[str]:
        """The subjects typed ``cls``."""
        if cls not in self._instances:
            text = f"SELECT ?s WHERE {{ ?s a {pyoxigraph.NamedNode(cls)} }}"
            self._instances[cls] = frozenset(intern(s[0].value) for s in self.store.query(text))
        return self._instances[cls]

    def notation(self, iri: object) -> str | None:
        """The ``skos:notation`` of a concept IRI (None for None or a concept without one)."""
        return self.one(NOTATION).get(iri) if iri is not None else None  # type: ignore[return-value]

    def notations(self, iri: object) -> list[object]:
        """Every ``skos:notation`` of a concept IRI."""
        return self.many(NOTATION).get(iri, []) if iri is not None else []  # type: ignore[arg-type]

    def forget(self, predicates: Iterable[str] = ()) -> None:
        """Drop the kept scans (of ``predicates``, or all), to free their memory."""
        wanted = set(predicates)
        for cache in (self._pairs, self._one, self._many):
            for key in list(cache):
                name = key[0] if isinstance(key, tuple) else key.removeprefix("terms ")
                if not wanted or name in wanted:
                    del cache[key]
        if not wanted:
            self._instances.clear()
            self._memo.clear()


class FileScan(StoreScan):
    """A :class:`StoreScan` that reads the build's own triples instead of the store it loaded
    them into (the build's precompute step, :mod:`graph.derived`).

    Reading a pattern back from the on-disk store costs Oxigraph a look-up per term (about
    13 µs a triple at 100,000 actors, 38 s for what the collaboration graph reads); one pass of
    the N-Triples the build has just written, with Oxigraph's parser, reads them all in a
    fraction of that. ``sources``: the N-Triples files (the mapped data) and quads (the
    vocabularies) that were loaded into ``store`` — together exactly its content. Only the
    triples of ``predicates`` and ``rdf:type`` are kept; any other predicate is read from the
    store. Duplicates are dropped as the store drops them.
    """

    def __init__(self, store, sources: Iterable[Path | Iterable[pyoxigraph.Quad | pyoxigraph.Triple]],
                 predicates: Iterable[str]):
        super().__init__(store)
        # Kept lean (4 million triples at 100,000 actors): the subject and an IRI object as
        # interned strings, a literal object as its term (its datatype and language).
        kept: dict[str, list[tuple[str, object]]] = {p: [] for p in (*predicates, RDF + "type")}
        for source in sources:
            triples = (pyoxigraph.parse(path=str(source), format=pyoxigraph.RdfFormat.N_TRIPLES)
                       if isinstance(source, Path) else source)
            for triple in triples:
                bucket = kept.get(triple.predicate.value)
                if bucket is not None:
                    o = triple.object
                    bucket.append((intern(triple.subject.value), intern(o.value) if type(o) is pyoxigraph.NamedNode
                                   else o))
        self._terms = kept
        types: dict[str, set[str]] = {}
        for s, o in self._terms.pop(RDF + "type"):
            types.setdefault(o, set()).add(s)
        self._types = {cls: frozenset(subjects) for cls, subjects in types.items()}

    def _kept(self, predicate: str) -> list[tuple[str, object]]:
        """The kept pairs of ``predicate``, each once (the store holds a triple once)."""
        return list(dict.fromkeys(self._terms[predicate]))

    def _read(self, predicate: str, *, terms: bool = False):
        if predicate not in self._terms or (predicate, terms) in self._pairs:
            yield from super()._read(predicate, terms=terms)
            return
        for s, o in self._kept(predicate):
            if isinstance(o, str):
                yield s, (pyoxigraph.NamedNode(o) if terms else o)
            else:
                yield s, (o if terms else plain(o))

    def instances(self, cls: str) -> frozenset[str]:
        return self._types.get(cls, frozenset())

    def raw_pairs(self, predicate: str) -> list[tuple[str, object]] | None:
        """Every ``(subject, object)`` of ``predicate`` once, in the order read: the subject's
        IRI, an IRI object as its string, a literal as its term; None for a predicate not kept
        (read it from the store)."""
        return self._kept(predicate) if predicate in self._terms else None

    def forget(self, predicates: Iterable[str] = ()) -> None:
        super().forget(predicates)
        for predicate in set(predicates) or set(self._terms):
            self._terms.pop(predicate, None)


def scan_of(store) -> StoreScan:
    """``store`` itself when it is a :class:`StoreScan`, else a new one over it."""
    return store if isinstance(store, StoreScan) else StoreScan(store)


def actor_facets(scan: StoreScan) -> dict[str, dict[str, set[str]]]:
    """Actor IRI → facet (``stage``, ``material``, ``category``, ``competency``) → notations;
    the rows of the ``actor_facets`` query, by actor (computed once per scan; do not change it)."""
    return scan.memo("actor_facets", _actor_facets)


def _actor_facets(scan: StoreScan) -> dict[str, dict[str, set[str]]]:
    actors = scan.instances(ORGANIZATION)
    out: dict[str, dict[str, set[str]]] = {}
    for predicate, facet in FACET_PREDICATES:
        for actor, concept in scan.pairs(predicate):
            if actor in actors:
                values = scan.notations(concept)
                if values:
                    out.setdefault(actor, {}).setdefault(facet, set()).update(str(v) for v in values)
    return out


def listed_actors(scan: StoreScan) -> list[str]:
    """The actors with a label, a kind with a notation and an evidence level (what the actor
    list and the network show: the required columns of the actor table), sorted."""
    labels, kinds, confidence = scan.one(RDFS + "label"), scan.one(HGNS + "kind"), scan.one(HGNS + "confidence")
    return sorted(a for a in scan.instances(ORGANIZATION)
                  if a in labels and a in confidence and scan.notation(kinds.get(a)) is not None)
