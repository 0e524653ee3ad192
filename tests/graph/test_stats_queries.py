"""The counting queries behind ``harzgraph stats``, the overview and the briefing, on a graph
small enough to count by hand (they were rewritten to count per IRI first, issue 15)."""

from __future__ import annotations

import pyoxigraph as ox

from graph.namespaces import PREFIXES, sparql_prologue
from graph.sparql.catalog import run_named

HG, ORG, SKOS, RDFS = PREFIXES["hg"], PREFIXES["org"], PREFIXES["skos"], PREFIXES["rdfs"]
SCHEMA, DCT = PREFIXES["schema"], PREFIXES["dcterms"]
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _store() -> ox.Store:
    """Actors a1 and a2 in district D (of state S), a3 in no district; a1 in state S, the
    others in none. A collection point in D, and D itself in S, are not actors. One
    relation of type T between a1 and a2; a1 and the relation cite one source each, a2 the
    same source as a1, a3 none."""
    ex = "https://example.org/"
    triples = [
        (ex + "a1", TYPE, ORG + "Organization"), (ex + "a2", TYPE, ORG + "Organization"),
        (ex + "a3", TYPE, ORG + "Organization"),
        (ex + "a1", HG + "kind", ex + "K"), (ex + "a2", HG + "kind", ex + "K"), (ex + "a3", HG + "kind", ex + "L"),
        (ex + "a1", HG + "district", ex + "D"), (ex + "a2", HG + "district", ex + "D"),
        (ex + "a1", HG + "state", ex + "S"),
        (ex + "site", TYPE, SCHEMA + "RecyclingCenter"), (ex + "site", HG + "district", ex + "D"),
        (ex + "D", HG + "state", ex + "S"),
        (ex + "r", TYPE, HG + "Relationship"), (ex + "r", HG + "relationType", ex + "T"),
        (ex + "a1", DCT + "source", ex + "src1"), (ex + "a2", DCT + "source", ex + "src1"),
        (ex + "r", DCT + "source", ex + "src2"),
    ]
    store = ox.Store()
    for s, p, o in triples:
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)))
    labels = [("K", "Art K"), ("L", "Art L"), ("T", "Typ T"), ("S", "Land S")]
    for key, label in labels:
        store.add(ox.Quad(ox.NamedNode(ex + key), ox.NamedNode(SKOS + "notation"), ox.Literal(key.lower())))
        store.add(ox.Quad(ox.NamedNode(ex + key), ox.NamedNode(SKOS + "prefLabel"), ox.Literal(label, language="de")))
    store.add(ox.Quad(ox.NamedNode(ex + "D"), ox.NamedNode(SKOS + "notation"), ox.Literal("d")))
    store.add(ox.Quad(ox.NamedNode(ex + "D"), ox.NamedNode(RDFS + "label"), ox.Literal("Kreis D")))
    store.add(ox.Quad(ox.NamedNode(ex + "D"), ox.NamedNode(HG + "regionStatus"), ox.NamedNode(ex + "C")))
    store.add(ox.Quad(ox.NamedNode(ex + "C"), ox.NamedNode(SKOS + "notation"), ox.Literal("confirmed")))
    assert sparql_prologue()  # the named queries run with the project's prefixes
    return store


def test_totals_count_each_kind_of_thing_once():
    [row] = run_named(_store(), "totals").rows
    # 3 actors, 1 relation, 0 projects, 1 collection point; sources src1 and src2 (src1 cited
    # twice counts once); a3 alone cites nothing: 3 − 2 sourced actors = 1.
    assert row == {"actors": 3, "relations": 1, "projects": 0, "collection_points": 1, "sources": 2,
                   "actors_without_source": 1}


def test_actors_by_district_count_only_actors_and_the_ones_without_a_district():
    rows = run_named(_store(), "actors_by_district").rows
    # a1 and a2 in D (the collection point there is no actor); a3 in the row without a district.
    assert sorted((r["district"] or "", r["actors"]) for r in rows) == [("", 1), ("d", 2)]
    assert [r["region_status"] for r in rows if r["district"] == "d"] == ["confirmed"]


def test_actors_by_state_count_only_actors_and_the_ones_without_a_state():
    rows = run_named(_store(), "actors_by_state", lang="de").rows
    # a1 in S (district D is in S too, but is no actor); a2 and a3 without a state: 2.
    assert sorted((r["state"] or "", r["state_name"] or "", r["actors"]) for r in rows) == [("", "", 2),
                                                                                           ("s", "Land S", 1)]


def test_actors_by_kind_and_relations_by_type():
    kinds = run_named(_store(), "actors_by_kind", lang="de").rows
    assert [(r["kind"], r["kind_label"], r["actors"]) for r in kinds] == [("k", "Art K", 2), ("l", "Art L", 1)]
    [relations] = run_named(_store(), "relations_by_type", lang="de").rows
    assert (relations["relation"], relations["relation_label"], relations["relations"]) == ("t", "Typ T", 1)
