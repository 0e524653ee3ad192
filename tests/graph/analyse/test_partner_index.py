"""The ranking from the partner index (anchored on the actors a filter is about, bounded by a
budget) against the plain ranking, on hand-drawn and seeded random graphs (synthetic test data)."""

from __future__ import annotations

import math
import random

import pytest

from graph.analyse.partners import missing_partnerships, partner_index, rank_partnerships
from tests.graph.analyse.builders import COMPETENCIES, DISTRICTS, MATERIALS, STAGE_ORDER, make_graph
from tests.graph.analyse.test_partner_topics import battery_graph
from tests.graph.analyse.test_partners import hand_graph

FILTERS = [
    {},
    {"topic": {"material": ["copper"]}},
    {"topic": {"material": ["batteries"]}},
    {"topic": {"material": ["batteries"]}, "area": {"district": ["03902"]}},
    {"topic": {"material": ["copper"], "stage": ["TS-08"]}, "area": {"district": ["03902"]}},
    {"area": {"state": ["16"]}},
    {"area": {"district": ["03901", "16901"]}, "leave_out_kinds": ("funder", "public_body")},
    {"topic": {"competency": ["repair"]}, "area": {"state": ["03"]}, "include_funders": True},
    {"include_funders": True},
]


def random_graph(seed: int):
    """20–150 SYNTHETIC actors with random kinds, stages, materials, competencies, districts and ties."""
    rng = random.Random(seed)
    actors = {}
    for i in range(rng.randint(20, 150)):
        actors[f"a{i:03d}"] = {
            "kind": rng.choice(["recycler", "funder", "public_body", "university", "dismantler"]),
            "stages": rng.sample(list(STAGE_ORDER), rng.randint(0, 2)),
            "materials": rng.sample(list(MATERIALS), rng.randint(0, 2)),
            "competencies": rng.sample(list(COMPETENCIES), rng.randint(0, 2)),
            "district": rng.choice(list(DISTRICTS))}
    names = list(actors)
    ties = [tuple(rng.sample(names, 2)) for _ in range(int(len(names) * rng.uniform(0.5, 3)))]
    return make_graph(actors, ties)


@pytest.mark.parametrize("graph", [hand_graph, battery_graph, *(lambda s=s: random_graph(s) for s in range(12))])
def test_the_indexed_ranking_equals_the_plain_one_where_nothing_is_sampled(graph):
    # Below every cap (at most 150 actors: no (item, stage) link nor topic pool over 500 pairs)
    # the anchored ranking looks at exactly the plain ranking's candidates: the same rows,
    # ranks, parts and reasons, for every filter and cut.
    G = graph()
    index = partner_index(G)
    for options in FILTERS:
        for top in (None, 3, 17):
            ranking = rank_partnerships(index, lambda actors: G, top=top, **options)
            assert not ranking.sampled
            assert list(ranking.rows) == missing_partnerships(G, top=top, **options), (options, top)


def test_the_rows_are_worded_from_the_graph_of_their_actors_only():
    # graph_of is asked for the two ends and their common partners (A–B: C), never the whole graph.
    G = hand_graph()
    asked = []

    def graph_of(actors):
        asked.append(set(actors))
        return G.subgraph(actors).copy()

    ranking = rank_partnerships(partner_index(G), graph_of, top=None)
    first = ranking.rows[0]
    assert (first["actor_a"], first["actor_b"]) == ("A", "B") and asked == [{"A", "B", "C"}]
    assert list(ranking.rows) == missing_partnerships(G, top=None)


def tiny_graph():
    """
    Topic copper, no ties, one district, no competencies; four actors hold items (n = 4):
    H TS-08 copper    P TS-09 copper    Q TS-01 copper    N TS-09 gold
    """
    return make_graph({"H": {"stages": ["TS-08"], "materials": ["copper"], "district": "03901"},
                       "P": {"stages": ["TS-09"], "materials": ["copper"], "district": "03901"},
                       "Q": {"stages": ["TS-01"], "materials": ["copper"], "district": "03901"},
                       "N": {"stages": ["TS-09"], "materials": ["gold"], "district": "03901"}}, [])


def test_a_tiny_budget_keeps_the_best_level_pairs_first():
    # copper: 3 of the 4 actors with items: specificity ln(4/3)/ln(4/2) = 0.4150.
    # H–P: both hold copper at adjacent stages (TS-08, TS-09): t = 1; value chain
    #      0.4150/1.4150 = 0.2933, base 0.5·0.2933 = 0.1466 → 1·(0.5 + 0.0733) = 0.5733.
    # H–Q, P–Q: both hold copper, TS-01 is not adjacent: t = 0.6, base 0 → 0.3.
    # H–N: H holds copper, N works right after it (TS-09): t = 0.4, base 0 → 0.2.
    # (P–N: same stage; Q–N: far apart — no candidates.)
    spec = math.log(4 / 3) / math.log(2)
    top_score = round(1 * (0.5 + 0.5 * (0.5 * spec / (1 + spec))), 4)
    assert top_score == 0.5733
    G = tiny_graph()
    full = rank_partnerships(partner_index(G), lambda actors: G, top=None, topic={"material": ["copper"]})
    assert [p[:3] for p in full.rows.pairs] == [("H", "P", 0.5733), ("H", "Q", 0.3), ("P", "Q", 0.3),
                                                ("H", "N", 0.2)]
    assert not full.sampled and list(full.rows) == missing_partnerships(G, top=None, topic={"material": ["copper"]})
    # With at most 2 topic pairs per holder, each holder takes the two holders first (its own
    # pool of holders — H, P, Q — has 3 entries, so that group is sampled and the list says so):
    # H–N, the pair of the lowest level (0.4), is never drawn; H–P (level 1, also an (item,
    # stage) pair) stays first with its score.
    for seed in range(5):
        index = partner_index(G, max_pairs_per_chain_link=2, seed=seed)
        small = rank_partnerships(index, lambda actors: G, top=None, topic={"material": ["copper"]})
        pairs = [p[:3] for p in small.rows.pairs]
        assert small.sampled
        assert pairs[0] == ("H", "P", 0.5733)
        assert ("H", "N", 0.2) not in pairs
        assert set(pairs[1:]) <= {("H", "Q", 0.3), ("P", "Q", 0.3)}


def test_the_budget_bounds_the_pairs_each_anchor_draws(monkeypatch):
    # 30 holders of copper at one stage, no ties: each holder's pool of holders has 30 entries.
    # With max_pairs_per_chain_link = 4 (and the minimal share of 20 above it), each draws at
    # most 4 pairs: at most 30·4 = 120 pairs are scored, far fewer than the 435 pairs there are.
    from graph.analyse import partners

    G = make_graph({f"h{i:02d}": {"stages": ["TS-08"], "materials": ["copper"]} for i in range(30)}, [])
    scored = []
    real = partners._scores
    monkeypatch.setattr(partners, "_scores", lambda index, lo, *rest: scored.append(len(lo)) or real(index, lo, *rest))
    ranking = rank_partnerships(partner_index(G, max_pairs_per_chain_link=4), lambda actors: G, top=None,
                                topic={"material": ["copper"]})
    assert ranking.sampled and 0 < scored[0] <= 120 and len(ranking.rows) == scored[0]
    # Every pair scores the same (0.6·0.5 = 0.3: same stage, copper held by all, no partners).
    assert {p[2] for p in ranking.rows.pairs} == {0.3}
    scored.clear()
    complete = rank_partnerships(partner_index(G), lambda actors: G, top=None, topic={"material": ["copper"]})
    assert not complete.sampled and scored == [30 * 29 // 2] and len(complete.rows) == 435


def test_place_matches_answers_as_the_graph_does():
    # battery_graph: F is a funder in 03901; the states come from the districts (03).
    from graph.views.gaps import actor_matches

    G = battery_graph()
    index = partner_index(G)
    for selected in ({"kind": ["funder"]}, {"district": ["03902"]}, {"state": ["03"]}, {"state": ["16"]},
                     {"kind": ["recycler"], "district": ["03901"]}, {"kind": ["none"]}):
        for actor in ("F", "K2", "R1", "U", "nobody"):
            assert index.place_matches(actor, selected) == actor_matches(G, actor, selected), (actor, selected)
    assert index.place_matches("K2", {"district": ["03902"]}) and not index.place_matches("K", {"district": ["03902"]})


def test_bad_options_are_refused():
    index = partner_index(hand_graph())
    with pytest.raises(ValueError, match="budget"):
        rank_partnerships(index, lambda actors: None, budget=0)
    with pytest.raises(ValueError, match="topic facet"):
        rank_partnerships(index, lambda actors: None, topic={"colour": ["red"]})


@pytest.mark.parametrize("seed", range(4))
def test_funders_or_no_public_bodies_beside_the_list_without_filters(seed):
    # "Leave out funders and public bodies" and "suggest funders too" are computed from the list
    # without filters (and, for funders, the pairs with a funder ranked apart): the same rows,
    # ranks counted again, as ranking everything with that option — when that list is complete.
    from graph.compact import CompactGraph
    from graph.views import gaps as gap_views

    G = battery_graph() if seed == 0 else random_graph(seed)
    source = gap_views.RankingSource(partner_index(G), CompactGraph.from_graph(G))
    listed = gap_views.partner_suggestions(G, lang="en")
    for criteria in (gap_views.PairFilter(without_public=True), gap_views.PairFilter(funders=True),
                     gap_views.PairFilter(without_public=True, funders=True)):
        merged = gap_views.suggestions_beside(listed, source, criteria, lang="en")
        assert list(merged) == list(gap_views.partner_suggestions(G, lang="en", criteria=criteria)), criteria
        kept = gap_views.filter_suggestions(source.index, merged, gap_views.PairFilter({"kind": ("recycler",)}))
        assert [r["rank"] for r in kept] == [r["rank"] for r in merged if "recycler" in
                                              (G.nodes[r["iri_a"]].get("kind"), G.nodes[r["iri_b"]].get("kind"))]
    # From a cut list (its best 3), leaving out public bodies gives the first rows of the full answer.
    cut = gap_views.partner_suggestions(G, lang="en", limit=3)
    criteria = gap_views.PairFilter(without_public=True)
    first = list(gap_views.suggestions_beside(cut, source, criteria, lang="en", limit=3))
    assert first == list(gap_views.partner_suggestions(G, lang="en", criteria=criteria))[:len(first)]
