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
