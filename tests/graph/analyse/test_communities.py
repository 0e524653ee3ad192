"""Communities and their gaps, checked on hand-drawn graphs (synthetic test data)."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.analyse.communities import communities, community_gaps, partition
from graph.words.findings import with_reasons
from tests.graph.analyse.builders import make_graph


def hand_graph(order_seed=None):
    """
    Two groups of four, everyone tied inside, joined by D–E; a triangle X–Y–Z apart;
    I alone. Stages: A collects (TS-01), X refines (TS-MR).

      A ─ B       E ─ F
      │ ╳ │ ─── │ ╳ │        X ─ Y        I
      C ─ D       G ─ H         \\ /
                                 Z
    (the tie between the groups is D–E)
    """
    ties = [(u, v) for g in ("ABCD", "EFGH") for i, u in enumerate(g) for v in g[i + 1 :]]
    ties += [("D", "E"), ("X", "Y"), ("Y", "Z"), ("X", "Z")]
    actors = {"I": {}, "A": {"stages": ["TS-01"], "district": "03901"}, "X": {"stages": ["TS-10"], "district": "15901"}}
    if order_seed is not None:
        random.Random(order_seed).shuffle(ties)
    return make_graph(actors, ties)


def test_communities_of_the_hand_graph():
    # m = 6 + 6 + 1 + 3 = 16. Degree sums: {A..D} 3+3+3+4 = 13, {E..H} 13, {X,Y,Z} 6, {I} 0.
    # Q = Σ L_c/m − (d_c/2m)² = 2·(6/16 − (13/32)²) + (3/16 − (6/32)²) = 0.5723.
    G = hand_graph()
    rows = communities(G)
    assert [(r["community"], r["members"]) for r in rows] == [
        ("C1", ["A", "B", "C", "D"]),
        ("C2", ["E", "F", "G", "H"]),
        ("C3", ["X", "Y", "Z"]),
        ("C4", ["I"]),
    ]
    q = 2 * (6 / 16 - (13 / 32) ** 2) + (3 / 16 - (6 / 32) ** 2)
    assert all(r["modularity"] == pytest.approx(q, abs=1e-4) for r in rows)
    c1 = rows[0]
    assert (c1["internal_ties"], c1["external_ties"], c1["size"]) == (6, 1, 4)
    assert c1["examples"] == ["Actor D", "Actor A", "Actor B"]  # D has 4 ties, then by IRI
    assert (c1["stages"], c1["states"]) == (["TS-01"], ["03"])
    assert rows[2]["stages"] == ["TS-MR"]  # TS-10 counts for its group
    assert with_reasons("community", G, [c1])[0]["reasons_en"] == (
        "C1: 4 actors, e.g. Actor D, Actor A and Actor B; states: Lower Saxony; stages: Collection"
    )


def test_gaps_of_the_hand_graph():
    # Groups of at least 3: C1, C2, C3. C1–C2: one tie (D–E); C1–C3 and C2–C3: none.
    # Fewest ties first; among equals the larger pair (4 + 3) and then by number.
    G = hand_graph()
    rows = with_reasons("communities", G, community_gaps(G))
    assert [(r["community_a"], r["community_b"], r["links"]) for r in rows] == [
        ("C1", "C3", 0),
        ("C2", "C3", 0),
        ("C1", "C2", 1),
    ]
    one = rows[2]
    assert (one["ties"], one["link_actors"]) == (["D – E"], ["D", "E"])
    first = rows[0]
    assert (first["stages_only_a"], first["stages_only_b"]) == (["TS-01"], ["TS-MR"])
    assert first["reasons_en"] == (
        "C1 (e.g. Actor D and Actor A) and C3 (e.g. Actor X and Actor Y) have no known tie; only C1 works "
        "at these stages: Collection; only C3 works at these stages: Metallurgy and refining; a first contact "
        "could connect the two groups"
    )
    assert one["reasons_en"].startswith(
        "C1 (e.g. Actor D and Actor A) and C2 (e.g. Actor E and Actor F) are linked by one known tie only: "
        "Actor D – Actor E"
    )
    assert "könnte die beiden Gruppen verbinden" in first["reasons_de"]


def test_gap_options():
    # With the lone actor I (C4) the pairs with it come in between, by size of the pair.
    rows = community_gaps(hand_graph(), min_size=1)
    assert [(r["community_a"], r["community_b"]) for r in rows] == [
        ("C1", "C3"), ("C2", "C3"), ("C1", "C4"), ("C2", "C4"), ("C3", "C4"), ("C1", "C2"),
    ]  # fmt: skip
    assert [r["links"] for r in community_gaps(hand_graph(), max_links=0)] == [0, 0]
    assert len(community_gaps(hand_graph(), top=1)) == 1


@pytest.mark.parametrize("order_seed", [1, 2, 3])
def test_result_does_not_depend_on_insertion_order(order_seed):
    assert communities(hand_graph(order_seed)) == communities(hand_graph())


def test_louvain_and_leiden_agree_on_clear_groups():
    G = hand_graph()
    assert partition(G, backend="networkx") == partition(G, backend="igraph")
    caveman = nx.relabel_nodes(nx.connected_caveman_graph(5, 6), lambda v: f"n{v:02d}")
    ref, q_ref = partition(caveman, backend="networkx")
    fast, q_fast = partition(caveman, backend="igraph")
    assert ref == fast and q_ref == pytest.approx(q_fast)


def test_seeded_runs_repeat():
    G = nx.relabel_nodes(nx.barabasi_albert_graph(80, 2, seed=1), str)
    for backend in ("networkx", "igraph"):
        assert partition(G, backend=backend, seed=5) == partition(G, backend=backend, seed=5)


def test_resolution_changes_granularity():
    G = hand_graph()
    assert len(communities(G, resolution=0.05)) < len(communities(G))


def test_empty_graph_one_actor_and_no_ties():
    assert communities(make_graph()) == [] and community_gaps(make_graph()) == []
    [row] = communities(make_graph(["A"]))
    assert (row["community"], row["members"], row["modularity"]) == ("C1", ["A"], 0.0)
    assert community_gaps(make_graph(["A", "B", "C"]), min_size=1)[0]["links"] == 0


@pytest.mark.parametrize("kind", [nx.DiGraph, nx.MultiGraph])
def test_refuses_directed_graphs_and_multigraphs(kind):
    with pytest.raises(nx.NetworkXNotImplemented):
        communities(kind([("A", "B")]))
    with pytest.raises(nx.NetworkXNotImplemented):
        community_gaps(kind([("A", "B")]))


@pytest.mark.parametrize(
    ("options", "word"),
    [
        pytest.param({"resolution": 0}, "resolution", id="resolution-zero"),
        pytest.param({"backend": "gephi"}, "backend", id="unknown-backend"),
        pytest.param({"min_size": 0}, "min_size", id="min-size-zero"),
        pytest.param({"max_links": -1}, "max_links", id="negative-max-links"),
    ],
)
def test_bad_options_name_the_parameter(options, word):
    with pytest.raises(ValueError, match=word):
        community_gaps(hand_graph(), **options)
