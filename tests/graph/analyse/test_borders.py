"""Cross-border cohesion, checked on a hand-drawn graph (synthetic test data)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analyse.borders import border_cohesion
from graph.words.findings import with_reasons
from tests.graph.analyse.builders import make_graph


def hand_graph(**overrides):
    """
    Niedersachsen (03):  A, B in 03901; C in 03902      Sachsen-Anhalt (15): D in 15901
    Thüringen (16):      E in 16901 (or 16902, a candidate district, with overrides)
    X has no district (outside the region).

        A — B
         \\ /
          C — D — E          X — A
    """
    actors = {
        "A": {"district": "03901"},
        "B": {"district": "03901"},
        "C": {"district": "03902"},
        "D": {"district": "15901"},
        "E": {"district": "16901"},
        "X": {"state": "03"},
    }
    actors["E"].update(overrides)
    ties = [("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"), ("D", "E", {"weight": 2.5}), ("X", "A")]
    return make_graph(actors, ties)


def test_states():
    # Regional ties only (X–A left out): m = 5. Degrees A 2, B 2, C 3 → K_03 = 7; D 2 → K_15 = 2;
    # E 1 → K_16 = 1 (sum 10 = 2m). Expected: 03–03 49/20 = 2.45, 03–15 7·2/10 = 1.4,
    # 03–16 7/10 = 0.7, 15–15 4/20 = 0.2, 15–16 2/10 = 0.2, 16–16 1/20 = 0.05 (sum 5 = m).
    # Observed: 03–03 3, 03–15 1, 15–16 1, the others 0.
    # Weakest first: ratio 0 (by expectation, largest first) 03–16, 15–15, 16–16;
    # then 03–15 1/1.4 = 0.7143, 03–03 3/2.45 = 1.2245, 15–16 1/0.2 = 5.
    rows = border_cohesion(hand_graph())
    got = [(r["a"], r["b"], r["observed"], r["expected"], r["ratio"]) for r in rows]
    assert got == [
        ("03", "16", 0, 0.7, 0.0),
        ("15", "15", 0, 0.2, 0.0),
        ("16", "16", 0, 0.05, 0.0),
        ("03", "15", 1, 1.4, 0.7143),
        ("03", "03", 3, 2.45, 1.2245),
        ("15", "16", 1, 0.2, 5.0),
    ]
    assert sum(r["expected"] for r in rows) == pytest.approx(5)
    first = rows[0]
    assert (first["scope"], first["actors_a"], first["actors_b"]) == ("between", 3, 1)
    assert (first["a_de"], first["b_en"]) == ("Niedersachsen", "Thuringia")
    assert [r["weight"] for r in rows if (r["a"], r["b"]) == ("15", "16")] == [2.5]


def test_reasons():
    G = hand_graph()
    rows = with_reasons("borders", G, border_cohesion(G))
    assert rows[0]["reasons_en"] == (
        "Lower Saxony–Thuringia: 0 ties known, 0.7 would be expected if partners were chosen "
        "regardless of place; ratio 0.00; the border still separates: new partnerships could start here"
    )
    assert rows[0]["reasons_de"].startswith("Niedersachsen–Thüringen: 0 Verbindungen bekannt, 0,7 wären")
    within = next(r for r in rows if (r["a"], r["b"]) == ("03", "03"))
    assert within["reasons_en"].startswith("within Lower Saxony: 3 ties known")


def test_districts():
    # K: 03901 = 4 (A, B), 03902 = 3 (C), 15901 = 2, 16901 = 1; m = 5.
    # 03901–03902: observed 2 (A–C, B–C), expected 4·3/10 = 1.2 → 1.6667.
    rows = border_cohesion(hand_graph(), level="district", include_within=False)
    assert all(r["scope"] == "between" for r in rows) and len(rows) == 6
    row = next(r for r in rows if (r["a"], r["b"]) == ("03901", "03902"))
    assert (row["observed"], row["expected"], row["ratio"]) == (2, 1.2, 1.6667)
    assert row["a_de"] == "Testkreis Nord"


def test_candidate_district_left_out():
    # Without E: m = 4, state 16 has no actor and no row.
    rows = border_cohesion(hand_graph(district="16902"), include_candidates=False)
    assert {r["b"] for r in rows} == {"03", "15"}
    assert sum(r["expected"] for r in rows) == pytest.approx(4)


def test_empty_graph_one_actor_and_no_ties():
    assert border_cohesion(make_graph()) == []
    G = make_graph({"A": {"district": "03901"}})
    [row] = with_reasons("borders", G, border_cohesion(G))
    assert (row["observed"], row["expected"], row["ratio"]) == (0, 0.0, None)
    assert row["reasons_en"].startswith("nothing expected")
    rows = border_cohesion(make_graph({"A": {"district": "03901"}, "B": {"district": "15901"}}))
    assert len(rows) == 3 and all(r["ratio"] is None for r in rows)


def test_disconnected_parts_still_count():
    G = make_graph({"A": {"district": "03901"}, "B": {"district": "03901"},
                    "C": {"district": "15901"}, "D": {"district": "15901"}},
                   [("A", "B"), ("C", "D")])  # fmt: skip
    # K_03 = 2, K_15 = 2, m = 2: between 4/4 = 1 expected, 0 observed.
    [first, *_] = border_cohesion(G)
    assert (first["a"], first["b"], first["observed"], first["expected"]) == ("03", "15", 0, 1.0)


@pytest.mark.parametrize("kind", [nx.DiGraph, nx.MultiGraph])
def test_refuses_directed_graphs_and_multigraphs(kind):
    with pytest.raises(nx.NetworkXNotImplemented):
        border_cohesion(kind([("A", "B")]))


def test_unknown_level():
    with pytest.raises(ValueError, match="level"):
        border_cohesion(hand_graph(), level="country")
