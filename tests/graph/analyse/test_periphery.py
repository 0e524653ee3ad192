"""Isolated and peripheral actors, checked on a hand-drawn graph (synthetic test data)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analyse.periphery import periphery
from graph.words.findings import with_reasons
from tests.graph.analyse.builders import make_graph


def hand_graph():
    """
    A ─ B
     \\ /
      C ─ D ─ E        P ─ Q        X ─ Y        I
                                     \\ /
                                      Z
    Cores: A, B, C and X, Y, Z 2; D, E, P, Q 1; I 0. The main part is {A, B, C, D, E}.
    I repairs things (competency "repair", stage TS-RR).
    """
    ties = [("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"), ("D", "E"), ("P", "Q"),
            ("X", "Y"), ("Y", "Z"), ("X", "Z")]  # fmt: skip
    return make_graph({"I": {"competencies": ["repair"], "stages": ["TS-RR"]}}, ties)


def test_hand_graph():
    # Isolated first; then core 1 by size of the part (P, Q in a pair before E, D in the main
    # part), then degree (E 1 before D 2); then the triangle apart (core 2, part of 3).
    rows = periphery(hand_graph())
    got = [(r["actor"], r["degree"], r["core"], r["component_size"]) for r in rows]
    assert got == [
        ("I", 0, 0, 1),
        ("P", 1, 1, 2),
        ("Q", 1, 1, 2),
        ("E", 1, 1, 5),
        ("D", 2, 1, 5),
        ("X", 2, 2, 3),
        ("Y", 2, 2, 3),
        ("Z", 2, 2, 3),
    ]
    assert all(r["main_component_size"] == 5 for r in rows)
    assert rows[4]["partners"] == ["C", "E"]


def test_reasons():
    G = hand_graph()
    r = {row["actor"]: row for row in with_reasons("periphery", G, periphery(G))}
    assert r["I"]["reasons_en"] == (
        "no recorded tie – it works alone, or its ties are not yet researched; offers: repair and Re-use and repair"
    )
    assert r["E"]["reasons_en"] == "only one recorded tie: Actor D"
    assert r["D"]["reasons_en"] == "2 ties (Actor C and Actor E) but in no closed group (k-core 1)"
    assert r["P"]["reasons_en"] == (
        "only one recorded tie: Actor Q; belongs to a group of 2 actors with no tie to the main network (5 actors)"
    )
    assert r["X"]["reasons_de"].startswith("k-Kern 2; gehört zu einer Gruppe von 3 Akteuren")


@pytest.mark.parametrize(
    ("options", "actors"),
    [
        pytest.param({"max_core": 0}, ["I", "P", "Q", "X", "Y", "Z"], id="isolated-and-separate"),
        pytest.param({"max_core": 0, "include_separate": False}, ["I"], id="isolated-only"),
        pytest.param({"include_separate": False}, ["I", "P", "Q", "E", "D"], id="core-1"),
        pytest.param(
            {"max_core": 2, "include_separate": False},
            ["I", "P", "Q", "E", "D", "X", "Y", "Z", "A", "B", "C"],
            id="everyone",
        ),  # fmt: skip
    ],
)
def test_options(options, actors):
    assert [r["actor"] for r in periphery(hand_graph(), **options)] == actors


def test_networkx_and_igraph_agree():
    G = nx.relabel_nodes(nx.barabasi_albert_graph(60, 1, seed=2), str)
    G.add_edges_from([("x", "y"), ("y", "z")])
    G.add_node("alone")
    assert periphery(G, backend="networkx", max_core=2) == periphery(G, backend="igraph", max_core=2)


def test_equally_large_parts_are_not_islands():
    G = make_graph([], [("A", "B"), ("B", "C"), ("A", "C"), ("D", "E"), ("E", "F"), ("D", "F")])
    assert periphery(G) == []


def test_empty_graph_and_one_actor():
    assert periphery(make_graph()) == []
    [row] = periphery(make_graph(["A"]))
    assert (row["actor"], row["degree"], row["core"], row["component_size"]) == ("A", 0, 0, 1)


@pytest.mark.parametrize("kind", [nx.DiGraph, nx.MultiGraph])
def test_refuses_directed_graphs_and_multigraphs(kind):
    with pytest.raises(nx.NetworkXNotImplemented):
        periphery(kind([("A", "B")]))


def test_bad_max_core():
    with pytest.raises(ValueError, match="max_core"):
        periphery(hand_graph(), max_core=-1)


def test_an_item_is_named_once_even_when_a_competency_and_a_stage_share_its_label():
    """Defect 8: "Sortierung und Sortierung". The competency `sorting` and the stage TS-05 are
    both labelled "Sortierung"; the reason names it once."""
    base = "https://w3id.org/harzgraph/id/concept/"
    G = make_graph({"A": {"stages": ["TS-05"], "competencies": ["sorting"]}})
    G.graph["labels"] = {**G.graph["labels"], base + "competency/sorting": {"de": "Sortierung", "en": "sorting"},
                         base + "stage/TS-05": {"de": "Sortierung", "en": "Sorting"}}
    from graph.words.findings import reasons

    [row] = periphery(G)
    assert reasons("periphery", G, row, "de").endswith("bringt mit: Sortierung")
    assert reasons("periphery", G, row, "en").endswith("offers: sorting")
