"""The findings pages' rows precomputed for every actor and area (graph/derived.py writes them;
/communities, /periphery and /chains select from them): each selection equals the rows the
page computed for that filter before. Hand-drawn SYNTHETIC graphs."""

from __future__ import annotations

import pytest

from graph.analyse import periphery, value_chain_coverage, value_chain_matrix
from graph.analyse.communities import communities, community_findings, community_gaps
from graph.views import gaps as views
from tests.graph.analyse.builders import make_graph
from tests.graph.analyse.test_communities import hand_graph


def _graph():
    """The communities' hand graph (C1 = A–D, C2 = E–H, C3 = X–Y–Z, C4 = I alone) with kinds:
    A (district 03901, state 03) and X (15901, state 15) are recyclers, the rest "other"
    without a district."""
    G = hand_graph()
    G.nodes["A"]["kind"] = G.nodes["X"]["kind"] = "recycler"
    return G


def test_one_partition_gives_both_community_analyses():
    G = _graph()
    assert community_findings(G) == (communities(G), community_gaps(G))
    assert community_findings(G, min_size=1, top=2)[1] == community_gaps(G, min_size=1, top=2)


@pytest.mark.parametrize(("selected", "pairs"), [
    # Only X is in 15901 (C3): the two pairs with C3.
    ({"district": ("15901",)}, [("C1", "C3"), ("C2", "C3")]),
    # A recycler of state 03 is A (C1): the pairs with C1.
    ({"state": ("03",), "kind": ("recycler",)}, [("C1", "C3"), ("C1", "C2")]),
    # Nobody in C1–C3 is a recycler of state 15 except X; state 16: nobody at all.
    ({"state": ("16",)}, []),
    # Without a district: B, C, D (C1), E–H (C2), Y, Z (C3): every pair.
    ({"district": ("none",)}, [("C1", "C3"), ("C2", "C3"), ("C1", "C2")]),
    # One actor must be both: A is a recycler in 03901, B is "other" without a district.
    ({"district": ("03901",), "kind": ("other",)}, []),
    ({}, [("C1", "C3"), ("C2", "C3"), ("C1", "C2")]),
])
def test_a_community_filter_selects_what_the_page_computed(selected, pairs):
    G = _graph()
    groups, found = community_findings(G)
    table = views.community_table(G, found, groups, lang="en")
    picked = list(table.select(selected))
    assert [(r["community_a"], r["community_b"]) for r in picked] == pairs
    assert picked == views.community_rows(G, found, groups, lang="en", selected=selected)


@pytest.mark.parametrize(("selected", "actors"), [
    # The edge: I alone (degree 0) first, then the island X–Y–Z (3 actors apart from the 8).
    ({}, ["Actor I", "Actor X", "Actor Y", "Actor Z"]),
    ({"district": ("15901",)}, ["Actor X"]),
    ({"kind": ("other",), "district": ("none",)}, ["Actor I", "Actor Y", "Actor Z"]),
    ({"state": ("03",)}, []),
])
def test_a_periphery_filter_selects_what_the_page_computed(selected, actors):
    G = _graph()
    found = periphery(G)
    picked = list(views.periphery_table(G, found, lang="de").select(selected))
    assert [r["name"] for r in picked] == actors
    assert picked == views.periphery_rows(G, found, lang="de", selected=selected)


def test_selected_rows_are_decoded_by_page():
    G = _graph()
    table = views.periphery_table(G, periphery(G), lang="en")
    picked = table.select({"kind": ("other",)})
    assert len(picked) == 3 and [r["name"] for r in picked[1:]] == ["Actor Y", "Actor Z"]
    assert picked[-1]["name"] == "Actor Z"
    with pytest.raises(ValueError, match="material"):
        table.select({"material": ("copper",)})


def test_every_area_of_the_chain_at_once_equals_each_area_alone():
    """A copper collector in 03901 and a copper shredder (TS-09) in 15901. District 03901:
    TS-01 single, the other stages missing; state 15: TS-09 single; the region: both single.
    03901's first gap is TS-05 (TS-RR, re-use, is off the recycling path); no other district
    has a sorter and no later stage is held in 03901, so the chain ends there in the region."""
    G = make_graph({"A": {"stages": ["TS-01"], "materials": ["copper"], "district": "03901"},
                    "B": {"stages": ["TS-09"], "materials": ["copper"], "district": "15901"}})
    levels = ("region", "state", "district")
    rows = views.chain_rows_by_area(G, value_chain_matrix(G, levels=levels), lang="en")
    gaps = views.chain_gaps_by_area(G, value_chain_coverage(G, levels=levels), lang="en")
    copper = {area: {r["stage"]: r["status"] for r in cells if r["item"] == "copper" and r["actors"]}
              for area, cells in rows.items()}
    assert copper["district", "03901"] == {"TS-01": "single"}
    assert copper["state", "15"] == {"TS-09": "single"}
    assert copper["region", None] == {"TS-01": "single", "TS-09": "single"}
    assert gaps["district", "03901"]["copper"]["kind"] == "region_end"
    for level, area in [("region", None), ("state", "03"), ("state", "15"), ("state", "16"),
                        ("district", "03901"), ("district", "15901"), ("district", "16901")]:
        assert rows.get((level, area), []) == views.chain_rows(G, level=level, area=area, lang="en"), area
        assert gaps.get((level, area), {}) == views.chain_gaps(G, level=level, area=area, lang="en"), area
