"""graph.views.network: the layout and one view's nodes and edges."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.build.ingest import build
from graph.network import collaboration_graph
from graph.store import open_read_only
from graph.views import network as netview


def test_layout_of_empty_graph_is_empty():
    assert netview.layout(nx.Graph()) == {}


def test_layout_is_repeatable_and_packs_components_apart():
    # A triangle a–b–c, a pair d–e and an isolated f: three components in three squares.
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e")])
    G.add_node("f")
    pos = netview.layout(G)
    assert pos == netview.layout(G.copy())
    assert set(pos) == set("abcdef")
    triangle_right = max(pos[n][0] for n in "abc")
    assert all(pos[n][0] > triangle_right for n in "def"), "smaller components sit right of the largest"
    assert len({pos[n] for n in pos}) == 6, "no two actors on the same spot"


def test_large_component_uses_the_seeded_layout():
    G = nx.barabasi_albert_graph(1100, 1, seed=3)
    G = nx.relabel_nodes(G, {n: f"n{n:04d}" for n in G})
    assert netview.layout(G, seed=5) == netview.layout(G, seed=5)


def test_very_large_component_places_the_rest_around_its_core():
    # A hub "h" with three spokes a, b, c (degree 1 each) and, hanging from a, the chain a-x-y.
    # With core_max=2 the core is the two best-connected nodes: h (degree 3) and a (degree 2);
    # x and y are placed from their placed neighbours, so every node gets a distinct spot.
    G = nx.Graph([("h", "a"), ("h", "b"), ("h", "c"), ("a", "x"), ("x", "y")])
    pos = netview.layout(G, core_max=2)
    assert sorted(pos) == ["a", "b", "c", "h", "x", "y"]
    assert pos == netview.layout(G.copy(), core_max=2)
    assert len(set(pos.values())) == 6
    # The whole component still fits its square: unit 60 × max(1, sqrt(6) × 1.5) = 220.5 px.
    side = 60 * max(1.0, 6 ** 0.5 * 1.5)
    assert all(0 <= x <= side and 0 <= y <= side for x, y in pos.values())


@pytest.fixture
def graph_and_store(settings):
    build(settings)
    store = open_read_only(settings.store_dir)
    G = collaboration_graph(store)
    return G, netview.layout(G), store


def test_whole_view(graph_and_store):
    G, pos, store = graph_and_store
    view = netview.network_view(G, pos, netview.NetworkFilter(), store, lang="en")
    assert [n["id"] for n in view["nodes"]] == ["test-authority", "test-cluster", "test-recycler", "test-refiner"]
    assert (view["total_nodes"], view["total_edges"]) == (4, 2)
    assert view["notes"] == [] and view["path"] is None
    recycler = next(n for n in view["nodes"] if n["id"] == "test-recycler")
    assert (recycler["kind_label"], recycler["degree"], recycler["stages"]) == (
        "Recycling company", 2, ["Manual dismantling"])


def test_unknown_focus_and_path_are_notes_not_errors(graph_and_store):
    G, pos, store = graph_and_store
    view = netview.network_view(G, pos, netview.NetworkFilter(focus="nobody", path=("nobody", "test-refiner")), store)
    assert view["notes"] == ["path_unknown", "focus_unknown"]
    assert len(view["nodes"]) == 4


def test_facet_counts_and_names(graph_and_store):
    G, _pos, _store = graph_and_store
    counts = netview.facet_counts(G)
    assert counts["confidence"] == [("high", 2), ("low", 1), ("medium", 1)]
    assert dict(counts["relation"]) == {"member_of": 1, "cooperates_with": 1, "joint_project": 1}
    assert [pair[1] for pair in netview.actor_names(G)] == ["test-cluster", "test-recycler", "test-refiner",
                                                            "test-authority"]


def test_too_many_ties_keep_the_strongest_and_say_so(graph_and_store):
    G, pos, store = graph_and_store
    # recycler–refiner weighs 2 (cooperates_with 1 + joint_project 1), recycler–cluster 1 (member_of).
    view = netview.network_view(G, pos, netview.NetworkFilter(), store, lang="en", max_edges=1)
    assert [(e["from"], e["to"]) for e in view["edges"]] == [("test-recycler", "test-refiner")]
    assert view["notes"] == ["edges_capped"]
    assert len(view["nodes"]) == 4, "the actors stay; only ties are left out"


def test_node_measures_number_communities_by_size_and_give_betweenness():
    from graph.namespaces import actor_iri

    # A star s–x, s–y, s–z and a separate pair d–e (6 actors). The star is the larger
    # community (1), the pair the other (2). Of the pairs of actors, only x–y, x–z and y–z
    # pass through s: 3 shortest paths; normalised by (n−1)(n−2)/2 = 5·4/2 = 10 pairs of
    # other actors, s scores 3/10 = 0.3; every other actor lies on no path between two others.
    G = nx.Graph([(actor_iri("s"), actor_iri(leaf)) for leaf in "xyz"] + [(actor_iri("d"), actor_iri("e"))])
    measures = netview.node_measures(G)
    assert measures["s"] == (1, 0.3)
    assert {measures[n] for n in "xyz"} == {(1, 0.0)}
    assert measures["d"] == measures["e"] == (2, 0.0)


def test_year_span_of_the_dated_ties():
    G = nx.Graph([("a", "b", {"years": [2015, 2019]}), ("b", "c", {"years": [2012]}), ("c", "d", {"years": []})])
    assert netview.year_span(G) == (2012, 2019)
    assert netview.year_span(nx.Graph([("a", "b", {"years": []})])) is None


# --- filtered views on the packed graph (issue 15) -----------------------------------------------

def _actors(G: nx.Graph, rows: dict[str, tuple[str, str | None, list[str]]]) -> None:
    """Add actors ``name → (kind, state, materials)`` with the attributes the view reads."""
    from graph.namespaces import actor_iri

    for name, (kind, state, materials) in rows.items():
        G.add_node(actor_iri(name), label=name.upper(), kind=kind, state=state, district=None, confidence="high",
                   stages=[], materials=materials, categories=[], competencies=[])


def _tie(G: nx.Graph, a: str, b: str, *relations: str) -> None:
    from graph.namespaces import actor_iri

    G.add_edge(actor_iri(a), actor_iri(b), relations=list(relations), weight=float(len(relations)),
               sources=[f"s-{a}{b}"], via=[], years=[], confidence="high")


@pytest.fixture
def small():
    """Six actors: a, b recyclers in 03; c, d refiners in 16; e a cluster in 15; f alone (no
    state). Ties: a–b supplies, b–c cooperates_with, c–d supplies, d–e member_of,
    a–e member_of. Degrees: a 2, b 2, c 2, d 2, e 2, f 0. f holds lead-acid batteries, a
    narrower material than batteries, which b holds."""
    from graph.concepts import Hierarchy

    G = nx.Graph(hierarchy=Hierarchy({"material": {"lead-acid-batteries": ("batteries",), "batteries": ()}}))
    _actors(G, {"a": ("recycler", "03", []), "b": ("recycler", "03", ["batteries"]),
                "c": ("refiner", "16", []), "d": ("refiner", "16", []), "e": ("cluster", "15", []),
                "f": ("repairer", None, ["lead-acid-batteries"])})
    _tie(G, "a", "b", "supplies")
    _tie(G, "b", "c", "cooperates_with")
    _tie(G, "c", "d", "supplies")
    _tie(G, "d", "e", "member_of")
    _tie(G, "a", "e", "member_of")
    return G


class _NoStore:
    """network_view asks the store only for labels and project names, given here."""


def _view(G, criteria, **options):
    return netview.network_view(G, {}, criteria, _NoStore(), lang="en", labels={}, projects={}, **options)


def _ids(view) -> tuple[list[str], list[tuple[str, str]]]:
    return [n["id"] for n in view["nodes"]], [(e["from"], e["to"]) for e in view["edges"]]


def test_a_node_filter_keeps_its_actors_with_their_whole_graph_degree(small):
    view = _view(small, netview.NetworkFilter({"kind": ("recycler",)}))
    assert _ids(view) == (["a", "b"], [("a", "b")])
    # a's degree counts its tie to e, which the view leaves out: 2, not 1.
    assert [n["degree"] for n in view["nodes"]] == [2, 2]
    assert (view["total_nodes"], view["total_edges"]) == (6, 5)
    # A concept matches its narrower ones: batteries keeps b and f (lead-acid batteries).
    assert _ids(_view(small, netview.NetworkFilter({"material": ("batteries",)})))[0] == ["b", "f"]
    assert _ids(_view(small, netview.NetworkFilter({"state": ("none",)})))[0] == ["f"]


def test_a_relation_filter_keeps_those_ties_and_the_actors_that_have_one(small):
    assert _ids(_view(small, netview.NetworkFilter({"relation": ("supplies",)}))) == (
        ["a", "b", "c", "d"], [("a", "b"), ("c", "d")])
    # With a state: only 16's supplies tie c–d.
    assert _ids(_view(small, netview.NetworkFilter({"relation": ("supplies",), "state": ("16",)}))) == (
        ["c", "d"], [("c", "d")])


def test_a_focus_counts_its_own_ties_to_kept_actors_even_when_it_is_left_out(small):
    recyclers = {"kind": ("recycler",)}
    # c is no recycler, but its tie to the recycler b counts; two steps add a (b–a).
    assert _ids(_view(small, netview.NetworkFilter(recyclers, focus="c", hops=1)))[0] == ["b", "c"]
    assert _ids(_view(small, netview.NetworkFilter(recyclers, focus="c", hops=2))) == (
        ["a", "b", "c"], [("a", "b")])
    # Without filters, two steps from a: b, e (one), c, d (two); f never.
    view = _view(small, netview.NetworkFilter(focus="a", hops=2))
    assert _ids(view)[0] == ["a", "b", "c", "d", "e"] and [n["id"] for n in view["nodes"] if n["focus"]] == ["a"]


def test_a_path_is_searched_in_the_whole_graph_along_kept_ties(small):
    # a–e–d (2 ties) is shorter than a–b–c–d (3).
    assert _view(small, netview.NetworkFilter(path=("a", "d")))["path"] == ["a", "e", "d"]
    # Only supplies ties: a–b and c–d do not meet.
    view = _view(small, netview.NetworkFilter({"relation": ("supplies",)}, path=("a", "d")))
    assert view["path"] is None and view["notes"] == ["path_none"]
    # Refiners only: the ends' own ties count, so b (a recycler) reaches d through c.
    view = _view(small, netview.NetworkFilter({"kind": ("refiner",)}, path=("b", "d")))
    assert view["path"] == ["b", "c", "d"] and _ids(view)[0] == ["b", "c", "d"]
    assert [e["on_path"] for e in view["edges"]] == [True, True]
    assert _view(small, netview.NetworkFilter(path=("a", "f")))["notes"] == ["path_none"]


def test_a_capped_view_keeps_the_path_and_the_best_connected(small):
    # Every tied actor has degree 2: ties broken by IRI, so the two kept are a and b.
    view = _view(small, netview.NetworkFilter(), max_nodes=2)
    assert _ids(view)[0] == ["a", "b"] and view["notes"] == ["capped"]
    # The path c–d–e is pinned (3 actors); one more place goes to the best-connected other, a.
    view = _view(small, netview.NetworkFilter(path=("c", "e")), max_nodes=4)
    assert view["path"] == ["c", "d", "e"] and _ids(view)[0] == ["a", "c", "d", "e"]


def test_the_packed_graph_gives_the_same_views_and_counts(small):
    from graph.compact import CompactGraph

    small.add_edge(*[next(iter(small))] * 2, relations=["related_to"], weight=0.5, sources=[], via=[], years=[],
                   confidence="low")  # a self-loop on a: a tie, but no neighbour
    C = CompactGraph.from_graph(small)
    columns = netview.network_columns(C)
    from_graph = netview.network_columns(small)
    assert columns.degree.tolist() == from_graph.degree.tolist() == [4, 2, 2, 2, 2, 0]
    assert columns.rank.tolist() == from_graph.rank.tolist() == [0, 1, 2, 3, 4, 5]
    assert {f: {v: m.tolist() for v, m in values.items()} for f, values in columns.facets.items()} == \
        {f: {v: m.tolist() for v, m in values.items()} for f, values in from_graph.facets.items()}
    assert {t: m.tolist() for t, m in columns.ties.items()} == {t: m.tolist() for t, m in from_graph.ties.items()}
    for criteria in (netview.NetworkFilter(), netview.NetworkFilter({"relation": ("related_to",)}),
                     netview.NetworkFilter({"material": ("batteries",)}, q="b", focus="b", hops=2),
                     netview.NetworkFilter({"state": ("16",)}, path=("a", "d"))):
        view = _view(C, criteria, columns=columns)
        assert view == _view(small, criteria), criteria
        assert netview.shown_counts(C, view["nodes"], view["edges"], columns=columns) == \
            netview.shown_counts(small, view["nodes"], view["edges"])
    # The relation filter related_to keeps a alone (its self-loop).
    assert _ids(_view(C, netview.NetworkFilter({"relation": ("related_to",)}), columns=columns))[0] == ["a"]
