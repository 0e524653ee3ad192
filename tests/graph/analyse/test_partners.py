"""Missing partnerships, checked on hand-drawn graphs (synthetic test data)."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analyse.partners import missing_partnerships
from tests.graph.analyse.builders import make_graph

AA_C = 1 / math.log(3)  # C has three partners: 0.9102
PROX = AA_C / (1 + AA_C)  # 0.4765


def hand_graph():
    """
    A (TS-08; tantalum, copper; dismantling, repair; 03901 Niedersachsen)
    B (TS-09; tantalum; shredding; 16901 Thüringen)
    D (TS-01; copper; dismantling; 03902 Niedersachsen)
    E (TS-MR; copper; 15901 Sachsen-Anhalt) — no tie

        A     B
         \\   /
           C        E
           |
           D
    """
    return make_graph(
        {
            "A": {"stages": ["TS-08"], "materials": ["tantalum", "copper"],
                  "competencies": ["dismantling", "repair"], "district": "03901"},
            "B": {"stages": ["TS-09"], "materials": ["tantalum"], "competencies": ["shredding"],
                  "district": "16901"},
            "C": {"district": "03901"},
            "D": {"stages": ["TS-01"], "materials": ["copper"], "competencies": ["dismantling"],
                  "district": "03902"},
            "E": {"stages": ["TS-MR"], "materials": ["copper"], "district": "15901"},
        },
        [("A", "C"), ("B", "C"), ("C", "D")],
    )  # fmt: skip


def test_hand_graph_ranking_and_parts():
    # Weights 0.5 value chain, 0.25 proximity, 0.1 competence, 0.15 border (× value chain).
    # A–B: value chain 1 shared item at TS-08 → TS-09, tantalum, held by 2 actors (so its
    #      specificity is 1): 1/2; proximity via C: 0.4765;
    #      competencies disjoint: 1; states 03 vs 16: 1 × chain 0.5 = 0.5.
    #      0.5·0.5 + 0.25·0.4765 + 0.1·1 + 0.15·0.5 = 0.5441
    # B–D: no chain (TS-09 vs TS-01); proximity 0.4765; competence 1; border 1 × 0 = 0
    #      → 0.1191 + 0.1 = 0.2191
    # A–D: no chain; proximity 0.4765; Jaccard {dismantling} / 2 → 0.5; border 0:
    #      0.1191 + 0.05 = 0.1691
    # E has no common partner, and copper at TS-MR is two stages from A's TS-08: no candidate.
    rows = missing_partnerships(hand_graph())
    assert [(r["actor_a"], r["actor_b"]) for r in rows] == [("A", "B"), ("B", "D"), ("A", "D")]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    ab, bd, ad = rows
    assert ab["value_chain"] == 0.5
    assert ab["proximity"] == pytest.approx(PROX, abs=1e-4)
    assert (ab["competence"], ab["border"]) == (1.0, 0.5)
    assert ab["score"] == pytest.approx(0.25 + 0.25 * PROX + 0.1 + 0.075, abs=1e-4)
    assert bd["score"] == pytest.approx(0.25 * PROX + 0.1, abs=1e-4)
    assert (ad["competence"], ad["border"]) == (0.5, 0.0)
    assert ad["score"] == pytest.approx(0.25 * PROX + 0.05, abs=1e-4)
    assert ab["shared_items"] == ["tantalum"] and bd["shared_items"] == []
    assert ab["common_partners"] == ["C"]
    assert (ab["state_a"], ab["state_b"]) == ("03", "16")


def test_reasons_are_worded_as_hypotheses_in_both_languages():
    ab = missing_partnerships(hand_graph())[0]
    assert ab["reasons_en"] == (
        "Actor A and Actor B could work together: both handle tantalum; Actor A works at “Manual "
        "dismantling”, Actor B right after it at “Mechanical processing”; one common partner could "
        "introduce them: Actor C; Actor A brings dismantling and repair; Actor B brings shredding; "
        "would cross the state border Lower Saxony–Thuringia"
    )
    assert ab["reasons_de"].startswith("Actor A und Actor B könnten zusammenarbeiten: gemeinsam bearbeitet: ")
    assert "Tantal" in ab["reasons_de"] and "Niedersachsen–Thüringen" in ab["reasons_de"]
    assert [r["code"] for r in ab["reasons"]] == ["chain", "partners", "brings", "state_border"]


def test_wider_stage_gap_adds_the_chain_pair_without_common_partners():
    # A (TS-08) and E (TS-MR) are two steps apart on the path. Four actors hold items and
    # three of them copper, so copper's specificity is ln(4/3) / ln(4/2) = 0.4150:
    # chain 0.4150 / 1.4150 = 0.2933 → 0.5·0.2933 = 0.1466; no common partner; E has no
    # competencies → 0; states 03 vs 15 → 0.15 · 1 · 0.2933 = 0.0440. Score 0.1906, above
    # A–D's 0.1691.
    rows = missing_partnerships(hand_graph(), max_stage_gap=2)
    pairs = [(r["actor_a"], r["actor_b"], r["score"]) for r in rows]
    assert ("A", "E", 0.1906) in pairs
    assert [p[:2] for p in pairs] == [("A", "B"), ("B", "D"), ("A", "E"), ("A", "D")]
    ae = rows[2]
    assert ae["common_partners"] == [] and ae["proximity"] == 0.0
    assert "Actor E later at “Metallurgy and refining”" in ae["reasons_en"]


def test_sub_stages_count_for_their_group():
    # TS-10 (pyrometallurgy) sits at the position of TS-MR, right after TS-09.
    G = make_graph({"A": {"stages": ["TS-09"], "materials": ["copper"]},
                    "B": {"stages": ["TS-10"], "materials": ["copper"]}})  # fmt: skip
    [row] = missing_partnerships(G, proximity_weight=0, competence_weight=0, border_weight=0)
    assert (row["value_chain"], row["score"]) == (0.5, 0.25)


def test_two_shared_items_weigh_more_than_one():
    # c shared items give c / (1 + c): 2 → 0.6667.
    G = make_graph({"A": {"stages": ["TS-05"], "materials": ["copper"], "categories": ["EEE-CAT-4"]},
                    "B": {"stages": ["TS-06"], "materials": ["copper"], "categories": ["EEE-CAT-4"]}})  # fmt: skip
    [row] = missing_partnerships(G)
    assert row["value_chain"] == pytest.approx(2 / 3, abs=1e-4)
    assert row["shared_items"] == ["EEE-CAT-4", "copper"]


def test_same_stage_is_no_value_chain_link():
    G = make_graph({"A": {"stages": ["TS-08"], "materials": ["copper"]},
                    "B": {"stages": ["TS-08"], "materials": ["copper"]}})  # fmt: skip
    assert missing_partnerships(G) == []


@pytest.mark.parametrize("index", ["adamic_adar", "resource_allocation"])
def test_proximity_equals_networkx_link_prediction(index):
    G = make_graph([], list(nx.gnm_random_graph(30, 60, seed=4).edges()))
    G = nx.relabel_nodes(G, {v: f"n{v:02d}" for v in G})
    rows = missing_partnerships(G, top=None, proximity=index, hub_limit=None, value_chain_weight=0,
                                competence_weight=0, border_weight=0)  # fmt: skip
    nx_index = nx.adamic_adar_index if index == "adamic_adar" else nx.resource_allocation_index
    two_steps = [(u, v) for u, v in nx.non_edges(G) if set(G[u]) & set(G[v])]
    expected = {tuple(sorted((u, v))): s for u, v, s in nx_index(G, two_steps)}
    assert {(r["actor_a"], r["actor_b"]) for r in rows} == set(expected)
    for r in rows:
        s = expected[r["actor_a"], r["actor_b"]]
        assert r["proximity"] == pytest.approx(s / (1 + s), abs=1e-4)
        assert r["common_partners"] == sorted(set(G[r["actor_a"]]) & set(G[r["actor_b"]]))
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_hub_limit_ignores_common_partners_with_many_partners():
    # H has 3 partners; with hub_limit=2 it no longer counts, so no pair remains.
    G = make_graph([], [("H", "X"), ("H", "Y"), ("H", "Z")])
    assert len(missing_partnerships(G)) == 3
    assert missing_partnerships(G, hub_limit=2) == []


def test_ties_are_broken_by_iri_and_top_keeps_the_first():
    # Star around H: X1, X2, X3 each pair scores the same (one common partner of degree 3).
    G = make_graph([], [("H", "X3"), ("H", "X1"), ("H", "X2")])
    rows = missing_partnerships(G)
    assert [(r["actor_a"], r["actor_b"]) for r in rows] == [("X1", "X2"), ("X1", "X3"), ("X2", "X3")]
    assert len({r["score"] for r in rows}) == 1
    top = missing_partnerships(G, top=2)
    assert [(r["actor_a"], r["actor_b"]) for r in top] == [("X1", "X2"), ("X1", "X3")]
    assert missing_partnerships(G, top=0) == []


def test_top_keeps_the_best_pairs_even_when_they_come_last_by_iri():
    # Star H–X1, H–X2, H–X3: each X pair has one common partner of 3 partners,
    # s = 1/ln 3 = 0.9102, proximity 0.9102/1.9102 = 0.4765, score 0.25 · 0.4765 = 0.1191.
    # Path Y1–K–Y2: one common partner of 2, s = 1/ln 2 = 1.4427, proximity 0.5906,
    # score 0.25 · 0.5906 = 0.1477 — the best pair, though its IRIs sort last.
    G = make_graph([], [("H", "X1"), ("H", "X2"), ("H", "X3"), ("K", "Y1"), ("K", "Y2")])
    full = missing_partnerships(G, top=None)
    assert [(r["actor_a"], r["actor_b"], r["score"], r["rank"]) for r in full] == [
        ("Y1", "Y2", 0.1477, 1), ("X1", "X2", 0.1191, 2), ("X1", "X3", 0.1191, 2), ("X2", "X3", 0.1191, 2)]
    assert missing_partnerships(G, top=2) == full[:2]
    assert missing_partnerships(G, top=1) == full[:1]


def test_a_rare_shared_item_outranks_a_broad_one():
    # Six actors hold items. P (TS-08) and Q (TS-09) share tantalum, which only they hold:
    # specificity 1, chain 1/2. R (TS-08) and S (TS-09) share only "weee-small", which all six
    # hold: ln(6/6) / ln(3) = 0 → floor 0.25, chain 0.25 / 1.25 = 0.2. No partners, no
    # competencies, no states: scores 0.5·0.5 = 0.25 and 0.5·0.2 = 0.1.
    actors = {
        "P": {"stages": ["TS-08"], "materials": ["tantalum", "weee-small"]},
        "Q": {"stages": ["TS-09"], "materials": ["tantalum", "weee-small"]},
        "R": {"stages": ["TS-08"], "materials": ["weee-small"]},
        "S": {"stages": ["TS-09"], "materials": ["weee-small"]},
        "T": {"stages": ["TS-01"], "materials": ["weee-small"]},
        "U": {"stages": ["TS-01"], "materials": ["weee-small"]},
    }
    rows = missing_partnerships(make_graph(actors), top=None)
    scores = {(r["actor_a"], r["actor_b"]): r["score"] for r in rows}
    # P–Q share tantalum (1) and weee-small (0.25): chain 1.25 / 2.25 = 0.5556 → 0.2778.
    assert scores[("P", "Q")] == pytest.approx(0.2778, abs=1e-4)
    assert scores[("R", "S")] == pytest.approx(0.1, abs=1e-4)


def test_sampling_of_a_large_chain_link_is_seeded():
    # 3 collectors × 3 sorters handling copper: 9 pairs, sampled down to 2.
    actors = {f"c{i}": {"stages": ["TS-01"], "materials": ["copper"]} for i in range(3)}
    actors |= {f"s{i}": {"stages": ["TS-RR"], "materials": ["copper"]} for i in range(3)}
    G = make_graph(actors)
    assert len(missing_partnerships(G, top=None)) == 9
    first = missing_partnerships(G, top=None, max_pairs_per_chain_link=2, seed=7)
    assert len(first) == 2
    assert first == missing_partnerships(G, top=None, max_pairs_per_chain_link=2, seed=7)


@pytest.mark.parametrize(
    "G",
    [
        pytest.param(make_graph(), id="empty"),
        pytest.param(make_graph(["A"]), id="one-actor"),
        pytest.param(make_graph([], [("A", "B"), ("C", "D")]), id="disconnected-no-profile"),
        pytest.param(make_graph([], [("A", "B"), ("B", "C"), ("A", "C")]), id="complete"),
    ],
)
def test_graphs_without_candidates_give_no_rows(G):
    assert missing_partnerships(G) == []


def test_disconnected_parts_are_joined_through_the_value_chain():
    G = make_graph({"A": {"stages": ["TS-01"], "materials": ["gold"]},
                    "B": {"stages": ["TS-RR"], "materials": ["gold"]}},
                   [("A", "X"), ("B", "Y")])  # fmt: skip
    [row] = missing_partnerships(G)
    assert (row["actor_a"], row["actor_b"], row["proximity"]) == ("A", "B", 0.0)


@pytest.mark.parametrize("kind", [nx.DiGraph, nx.MultiGraph])
def test_refuses_directed_graphs_and_multigraphs(kind):
    with pytest.raises(nx.NetworkXNotImplemented):
        missing_partnerships(kind([("A", "B")]))


@pytest.mark.parametrize(
    ("options", "word"),
    [
        pytest.param({"value_chain_weight": -1}, "value_chain_weight", id="negative-weight"),
        pytest.param(
            {"value_chain_weight": 0, "proximity_weight": 0, "competence_weight": 0, "border_weight": 0},
            "at least one",
            id="all-zero",
        ),  # fmt: skip
        pytest.param({"proximity": "jaccard"}, "proximity", id="unknown-index"),
        pytest.param({"max_stage_gap": 0}, "max_stage_gap", id="gap-zero"),
        pytest.param({"hub_limit": 1}, "hub_limit", id="hub-limit-one"),
        pytest.param({"top": -1}, "top", id="negative-top"),
    ],
)
def test_bad_options_name_the_parameter(options, word):
    with pytest.raises(ValueError, match=word):
        missing_partnerships(hand_graph(), **options)
