"""Partner suggestions about a chosen topic, funders, borders and equal ranks, on hand-drawn
graphs (synthetic test data); the arithmetic is written beside each assertion."""

from __future__ import annotations

import math

import pytest

from graph.analyse.partners import PUBLIC_KINDS, missing_partnerships
from graph.concepts import Hierarchy
from tests.graph.analyse.builders import make_graph

BATTERIES = Hierarchy({"material": {"batteries": (), "lead-acid-batteries": ("batteries",),
                                    "lithium-ion-batteries": ("batteries",), "lead": (), "copper": ()}})
LABELS = {"batteries": {"de": "Batterien", "en": "batteries"},
          "lead-acid-batteries": {"de": "Blei-Säure-Batterien", "en": "lead-acid batteries"},
          "lithium-ion-batteries": {"de": "Lithium-Ionen-Batterien", "en": "lithium-ion batteries"}}


def test_a_local_pair_sharing_a_rare_material_outranks_a_distant_pair_with_only_a_common_partner():
    # L1 (TS-08) and L2 (TS-09) in one district share tantalum, which only they hold:
    #   specificity 1, value chain 1/2; no partners, competencies or border: 0.5·0.5 = 0.25.
    # D1 (Lower Saxony) and D2 (Thuringia) share C, which has two partners: Adamic–Adar
    #   1/ln 2 = 1.4427, proximity 1.4427/2.4427 = 0.5906; competencies disjoint: 1; border:
    #   1 × value chain 0 = 0. Score 0.25·0.5906 + 0.1·1 = 0.2477 < 0.25.
    # (With the old weights the border bonus lifted D1–D2 to 0.477 over L1–L2's 0.2.)
    G = make_graph({"L1": {"stages": ["TS-08"], "materials": ["tantalum"], "district": "03901"},
                    "L2": {"stages": ["TS-09"], "materials": ["tantalum"], "district": "03901"},
                    "D1": {"competencies": ["dismantling"], "district": "03901"},
                    "D2": {"competencies": ["shredding"], "district": "16901"}},
                   [("D1", "C"), ("D2", "C")])
    rows = missing_partnerships(G)
    assert [(r["actor_a"], r["actor_b"], r["score"]) for r in rows] == [
        ("L1", "L2", 0.25), ("D1", "D2", round(0.25 * (1 / math.log(2)) / (1 + 1 / math.log(2)) + 0.1, 4))]
    assert rows[1]["border"] == 0.0


def battery_graph():
    """
    R1 recycler TS-09, lead-acid batteries        R2 smelter TS-MR, lead-acid batteries, lead
    U  university, no stage, lithium-ion batteries K  TS-09, copper     K2 TS-MR, copper (03902)
    F  funder, tied to R1 and U (so F is their common partner)
    All in district 03901 except K2.
    """
    return make_graph(
        {"R1": {"kind": "recycler", "stages": ["TS-09"], "materials": ["lead-acid-batteries"], "district": "03901"},
         "R2": {"kind": "refiner_smelter", "stages": ["TS-MR"], "materials": ["lead", "lead-acid-batteries"],
                "district": "03901"},
         "U": {"kind": "university", "materials": ["lithium-ion-batteries"], "district": "03901"},
         "K": {"kind": "recycler", "stages": ["TS-09"], "materials": ["copper"], "district": "03901"},
         "K2": {"kind": "refiner_smelter", "stages": ["TS-MR"], "materials": ["copper"], "district": "03902"},
         "F": {"kind": "funder", "competencies": ["funding"], "district": "03901"}},
        [("F", "R1"), ("F", "U")],
        hierarchy=BATTERIES, labels={**make_graph().graph["labels"], **LABELS})


def test_a_topic_ranks_pairs_by_how_they_complement_each_other_on_it():
    # Five actors hold items; lead-acid batteries are held by two: specificity 1.
    # R1–R2: both hold batteries (narrower concepts count) at adjacent stages: t = 1;
    #        base = 0.5 · (1/(1+1)) = 0.25 (no partners, no competencies, one district);
    #        score 1 · (0.5 + 0.5·0.25) = 0.625.
    # R1–U:  both hold batteries, U has no stage: t = 0.6; common partner F (2 partners):
    #        proximity 0.5906, base 0.25·0.5906 = 0.1477; score 0.6·(0.5 + 0.0738) = 0.3443.
    # R2–U:  both, not adjacent: 0.6 · 0.5 = 0.3.
    # K–R2, K2–R1: one holds batteries, the other works at the adjacent stage: t = 0.4, base
    #        0 (copper is not shared) → 0.2 each, equal ranks.
    # K–R1, K–U, K2–R2, K2–U would have one holder only and nothing else (t = 0.2): no
    # common partner, no adjacent stage — they are not even candidates.
    # K–K2 share copper at adjacent stages but neither holds batteries: left out. F is a funder: left out.
    rows = missing_partnerships(battery_graph(), top=None, topic={"material": ["batteries"]})
    got = [(r["rank"], r["actor_a"], r["actor_b"], r["score"]) for r in rows]
    assert got == [(1, "R1", "R2", 0.625), (2, "R1", "U", 0.3443), (3, "R2", "U", 0.3),
                   (4, "K", "R2", 0.2), (4, "K2", "R1", 0.2)]
    first = rows[0]
    assert first["topic"] == 1.0 and first["topic_a"] == ["lead-acid-batteries"]
    assert first["reasons"][0]["code"] == "topic_chain"
    assert first["reasons_en"].startswith(
        "Actor R1 and Actor R2 could work together: both work on batteries (lead-acid batteries); "
        "Actor R1 at “Mechanical processing”, Actor R2 right after it at “Metallurgy and refining”")
    assert "zum Thema Batterien (Blei-Säure-Batterien)" in first["reasons_de"]
    # Every suggestion names the topic in its reasons.
    assert all("batteries" in r["reasons_en"] for r in rows)


def test_without_a_topic_the_copper_pair_leads_and_funders_are_never_suggested():
    # K–K2: copper (2 of 5 holders: specificity 1) at adjacent stages: 0.25, districts 03901 and
    # 03902 of one state: border 0.5 × chain 0.5 = 0.25 → 0.25 + 0.15·0.25 = 0.2875.
    rows = missing_partnerships(battery_graph(), top=None)
    assert (rows[0]["actor_a"], rows[0]["actor_b"], rows[0]["score"]) == ("K", "K2", 0.2875)
    assert not any("F" in (r["actor_a"], r["actor_b"]) for r in rows)
    # With a tie K–R1, F and K are two steps apart (through R1): a candidate pair, left out
    # by default because F is a funder, and back when funders are asked for.
    G = battery_graph()
    G.add_edge("K", "R1", relations=["cooperates_with"], weight=1.0, sources=["s"], via=[], years=[],
               confidence="high")
    assert not any("F" in (r["actor_a"], r["actor_b"]) for r in missing_partnerships(G, top=None))
    asked = missing_partnerships(G, top=None, include_funders=True)
    assert ("F", "K") in [(r["actor_a"], r["actor_b"]) for r in asked]


def test_leaving_out_kinds_and_an_area():
    rows = missing_partnerships(battery_graph(), top=None, topic={"material": ["batteries"]},
                                leave_out_kinds=("university",))
    assert not any("U" in (r["actor_a"], r["actor_b"]) for r in rows)
    assert set(PUBLIC_KINDS) == {"funder", "public_body"}
    # district 03902 keeps the pairs with K2 only (scores as in the topic test).
    rows = missing_partnerships(battery_graph(), top=None, topic={"material": ["batteries"]},
                                area={"district": ["03902"]})
    assert [(r["rank"], r["actor_a"], r["actor_b"], r["score"]) for r in rows] == [(1, "K2", "R1", 0.2)]


def test_equal_scores_share_a_rank():
    # Star around H: the three pairs of X1, X2, X3 have one common partner of three partners each.
    G = make_graph([], [("H", "X3"), ("H", "X1"), ("H", "X2")])
    assert [r["rank"] for r in missing_partnerships(G)] == [1, 1, 1]


def test_a_bad_topic_facet_or_area_level_is_refused():
    with pytest.raises(ValueError, match="topic facet"):
        missing_partnerships(battery_graph(), topic={"colour": ["red"]})
    with pytest.raises(ValueError, match="area level"):
        missing_partnerships(battery_graph(), area={"county": ["x"]})


def test_a_broad_topic_samples_each_holders_pool_within_the_cap(monkeypatch):
    """Ten holders of a topic, none tied: each holder's pool (the nine others, listed in a
    pool of 10 entries) exceeds 4 · cap for cap = 2, so it is drawn, not listed: at most 2
    pairs per holder, never the holder itself or a partner, the same for the same seed."""
    import networkx as nx

    from graph.analyse import partners
    from graph.analyse.partners import _profiles, _topic_candidates

    draws = []
    real = partners._drawn
    monkeypatch.setattr(partners, "_drawn", lambda *args: draws.append(1) or real(*args))
    G = nx.Graph()
    for i in range(10):
        G.add_node(f"h{i}", materials=["copper"])
    G.add_edge("h0", "h1")
    nodes = sorted(G)
    index = {v: i for i, v in enumerate(nodes)}
    adj = [frozenset(index[x] for x in G[v]) for v in nodes]
    profiles = _profiles(G, nodes, 1, {"material": ["copper"]})
    pairs = _topic_candidates(profiles, adj, 1, 2, 0)
    drawn: dict[int, set[int]] = {u: set() for u in range(10)}
    for lo, his in pairs.items():
        for hi in his:
            drawn[lo].add(hi)
            drawn[hi].add(lo)
    assert all(u not in partners for u, partners in drawn.items())
    assert index["h1"] not in drawn[index["h0"]], "a tied pair is no candidate"
    # Each holder adds at most 2 pairs of its own: at most 10 · 2 pairs in all.
    assert 0 < sum(len(his) for his in pairs.values()) <= 20
    assert len(draws) == 10, "every pool was drawn from, none listed"
    assert pairs == _topic_candidates(profiles, adj, 1, 2, 0)
