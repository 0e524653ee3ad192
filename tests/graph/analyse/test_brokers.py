"""Brokers and fragility, checked on hand-drawn graphs and against NetworkX (synthetic test data)."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analyse.brokers import brokers, cut_pieces, effective_size
from graph.words.findings import with_reasons
from tests.graph.analyse.builders import make_graph


def hand_graph():
    """
    A
    |\\
    | C — D — E        F
    |/
    B
    """
    return make_graph(["F"], [("A", "B"), ("A", "C"), ("B", "C"), ("C", "D"), ("D", "E")])


def by_actor(rows):
    return {r["actor"]: r for r in rows}


def test_hand_graph():
    # n = 6, 10 pairs of other actors for normalisation ((n-1)(n-2)/2).
    # Betweenness: C lies on the paths A–D, A–E, B–D, B–E → 4/10; D on A–E, B–E, C–E → 3/10.
    # Constraint (p = 1/k for unweighted ties):
    #   E: one partner → 1;  D: C and E unrelated → (1/2)² + (1/2)² = 0.5
    #   C: to A: (1/3 + 1/3·1/2)² = 1/4, to B the same, to D: (1/3)² = 1/9 → 0.6111
    #   A: to B: (1/2 + 1/2·1/3)² = 4/9, to C: (1/2 + 1/2·1/2)² = 9/16 → 1.0069
    # Effective size k − 2t/k: C 3 − 2/3 = 2.3333; D 2; A 2 − 1 = 1; E 1; F none.
    # Leaving: C splits {A, B} from {D, E} (equal: the part with A stays, D and E cut off);
    # D cuts off E. Bridges: C–D and D–E.
    rows = brokers(hand_graph())
    assert [r["actor"] for r in rows] == ["C", "D", "A", "B", "E", "F"]
    r = by_actor(rows)
    assert (r["C"]["betweenness"], r["D"]["betweenness"], r["A"]["betweenness"]) == (0.4, 0.3, 0.0)
    assert r["E"]["constraint"] == 1.0 and r["D"]["constraint"] == 0.5
    assert r["C"]["constraint"] == pytest.approx(1 / 4 + 1 / 4 + 1 / 9, abs=1e-4)
    assert r["A"]["constraint"] == pytest.approx(4 / 9 + 9 / 16, abs=1e-4)
    assert r["C"]["effective_size"] == pytest.approx(7 / 3, abs=1e-4)
    assert r["C"]["efficiency"] == pytest.approx(7 / 9, abs=1e-4)
    assert (r["D"]["effective_size"], r["A"]["effective_size"], r["A"]["efficiency"]) == (2.0, 1.0, 0.5)
    assert (r["C"]["splits"], r["C"]["cut_off_count"], r["C"]["cut_off"]) == (2, 2, ["D", "E"])
    assert (r["D"]["splits"], r["D"]["cut_off_count"], r["D"]["cut_off"]) == (2, 1, ["E"])
    assert (r["A"]["splits"], r["A"]["cut_off_count"]) == (1, 0)
    assert (r["C"]["bridges"], r["D"]["bridges"], r["E"]["bridges"], r["A"]["bridges"]) == (
        ["D"],
        ["C", "E"],
        ["D"],
        [],
    )
    f = r["F"]
    assert (f["degree"], f["constraint"], f["effective_size"], f["efficiency"], f["splits"]) == (0, None, None, None, 0)


def test_reasons():
    G = hand_graph()
    r = by_actor(with_reasons("brokers", G, brokers(G)))
    assert r["D"]["reasons_en"] == (
        "lies on 30.0% of the shortest paths between other actors; if it left, Actor E "
        "would lose every known path to the rest; its tie to Actor C and Actor E is in each case the "
        "only known link between two parts"
    )
    assert r["C"]["reasons_de"].startswith("liegt auf 40,0\u00a0% der kürzesten Wege")  # CLDR: no-break space
    assert r["F"]["reasons_en"] == "has no recorded tie"
    assert r["A"]["reasons_en"] == "no notable brokerage"


def random_graphs():
    yield nx.gnm_random_graph(40, 70, seed=1)
    yield nx.random_labeled_tree(25, seed=2)
    yield nx.barabasi_albert_graph(50, 2, seed=3)
    G = nx.disjoint_union(nx.path_graph(5), nx.cycle_graph(4))
    G.add_node(99)
    yield G


@pytest.mark.parametrize("G", [pytest.param(nx.relabel_nodes(G, lambda v: f"n{v:03d}"), id=f"g{i}")
                               for i, G in enumerate(random_graphs())])  # fmt: skip
def test_networkx_and_igraph_agree(G):
    ref = by_actor(brokers(G, backend="networkx"))
    fast = by_actor(brokers(G, backend="igraph"))
    assert ref.keys() == fast.keys()
    for v in ref:
        for key in ("betweenness", "constraint", "effective_size", "splits", "cut_off_count", "bridges"):
            a, b = ref[v][key], fast[v][key]
            assert a == pytest.approx(b, abs=1e-4) if isinstance(a, float) else a == b, (v, key)


@pytest.mark.parametrize("G", [pytest.param(nx.relabel_nodes(G, lambda v: f"n{v:03d}"), id=f"g{i}")
                               for i, G in enumerate(random_graphs())])  # fmt: skip
def test_measures_equal_the_networkx_reference(G):
    rows = by_actor(brokers(G, backend="networkx"))
    betweenness = nx.betweenness_centrality(G)
    constraint = nx.constraint(G)
    reference = nx.effective_size(G)
    for v, row in rows.items():
        assert row["betweenness"] == pytest.approx(betweenness[v], abs=1e-4)
        if G.degree(v):
            assert row["constraint"] == pytest.approx(constraint[v], abs=1e-4)
            assert row["effective_size"] == pytest.approx(reference[v], abs=1e-4)
        else:
            assert math.isnan(reference[v]) and row["effective_size"] is None


@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_effective_size_triangle_formula_equals_networkx(backend):
    G = nx.relabel_nodes(nx.gnm_random_graph(30, 80, seed=5), str)
    G.add_node("alone")
    ours = effective_size(G, backend=backend)
    theirs = nx.effective_size(G)
    for v in G:
        assert ours[v] is None if G.degree(v) == 0 else ours[v] == pytest.approx(theirs[v])


@pytest.mark.parametrize("G", [pytest.param(nx.relabel_nodes(G, lambda v: f"n{v:03d}"), id=f"g{i}")
                               for i, G in enumerate(random_graphs())])  # fmt: skip
def test_cut_pieces_equal_removing_the_actor(G):
    pieces = cut_pieces(G, max_listed=1000)
    assert {v for v, p in pieces.items() if p[0] >= 2} == set(nx.articulation_points(G))
    bridges = {frozenset(e) for e in nx.bridges(G)}
    for v, (splits, count, cut_off, bridge_partners) in pieces.items():
        own = nx.node_connected_component(G, v) - {v}
        parts = list(nx.connected_components(G.subgraph(own)))
        assert splits == len(parts)
        assert count == len(own) - max((len(p) for p in parts), default=0)
        assert len(cut_off) == count and set(cut_off) <= own
        assert bridge_partners == sorted(x for x in G[v] if frozenset((v, x)) in bridges)


def test_cut_off_list_is_capped_but_the_count_is_not():
    # Hub H with 30 leaves: leaving, H cuts off 29 of them (one leaf's part is kept).
    G = nx.star_graph(["H"] + [f"L{i:02d}" for i in range(30)])
    [h] = [r for r in brokers(G, max_listed=5) if r["actor"] == "H"]
    assert (h["splits"], h["cut_off_count"], len(h["cut_off"])) == (30, 29, 5)


def test_estimated_betweenness_is_seeded():
    G = nx.relabel_nodes(nx.barabasi_albert_graph(60, 2, seed=1), str)
    for backend in ("networkx", "igraph"):
        first = brokers(G, backend=backend, exact_limit=10, sample=20, seed=3)
        assert first == brokers(G, backend=backend, exact_limit=10, sample=20, seed=3)
        exact = by_actor(brokers(G, backend=backend))
        # The estimate puts one of the three strongest brokers first.
        strongest = sorted(exact, key=lambda v: -exact[v]["betweenness"])[:3]
        assert first[0]["actor"] in strongest


def test_empty_graph_and_one_actor():
    assert brokers(make_graph()) == []
    G = make_graph(["A"])
    [row] = with_reasons("brokers", G, brokers(G))
    assert (row["betweenness"], row["constraint"], row["splits"], row["reasons_en"]) == (
        0.0,
        None,
        0,
        "has no recorded tie",
    )


def test_ties_in_score_are_broken_by_iri_and_top_cuts():
    # A cycle: everyone alike.
    G = nx.cycle_graph(["D", "B", "A", "C"])
    rows = brokers(G)
    assert [r["actor"] for r in rows] == ["A", "B", "C", "D"]
    assert len({r["betweenness"] for r in rows}) == 1
    assert [r["actor"] for r in brokers(G, top=2)] == ["A", "B"]


@pytest.mark.parametrize("kind", [nx.DiGraph, nx.MultiGraph])
def test_refuses_directed_graphs_and_multigraphs(kind):
    with pytest.raises(nx.NetworkXNotImplemented):
        brokers(kind([("A", "B")]))


@pytest.mark.parametrize(
    ("options", "word"),
    [
        pytest.param({"backend": "gephi"}, "backend", id="unknown-backend"),
        pytest.param({"sample": 0}, "sample", id="sample-zero"),
        pytest.param({"top": -2}, "top", id="negative-top"),
    ],
)
def test_bad_options_name_the_parameter(options, word):
    with pytest.raises(ValueError, match=word):
        brokers(hand_graph(), **options)
