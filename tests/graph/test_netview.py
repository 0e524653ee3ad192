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
