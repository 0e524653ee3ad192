"""Value-chain coverage, checked on hand-drawn actor sets (synthetic test data)."""

from __future__ import annotations

import pytest

from graph.analyse._stages import chain
from graph.analyse.chains import value_chain_coverage, value_chain_matrix
from tests.graph.analyse.builders import CHAIN, STAGE_ORDER, make_graph


def hand_graph():
    """
    actor  district (state)          stages         materials / categories
    A      03901 (03)                TS-01          copper / EEE-CAT-5
    B      15901 (15)                TS-05, TS-08   copper
    C      15901 (15)                TS-08          copper, tantalum
    D      outside the region        TS-09          copper
    E      16902 (16, candidate)     TS-09          copper
    Ties do not matter here.
    """
    return make_graph(
        {
            "A": {"district": "03901", "stages": ["TS-01"], "materials": ["copper"],
                  "categories": ["EEE-CAT-5"]},
            "B": {"district": "15901", "stages": ["TS-05", "TS-08"], "materials": ["copper"]},
            "C": {"district": "15901", "stages": ["TS-08"], "materials": ["copper", "tantalum"]},
            "D": {"state": "03", "stages": ["TS-09"], "materials": ["copper"]},
            "E": {"district": "16902", "stages": ["TS-09"], "materials": ["copper"]},
        }
    )  # fmt: skip


def find(rows, item, level="region", area=None):
    [row] = [r for r in rows if (r["item"], r["level"], r["area"]) == (item, level, area)]
    return row


def test_copper_in_the_region():
    # Copper: TS-01 {A}, TS-05 {B}, TS-08 {B, C}, TS-09 {E}; D is outside the region.
    # 4 of 10 stages → 0.4; single actors at TS-01, TS-05, TS-09. Along the recycling path
    # (without re-use, energy recovery and disposal) the first stage missing after TS-01
    # is TS-06.
    row = find(value_chain_coverage(hand_graph()), "copper")
    assert row["actors"] == 4
    assert row["stages_present"] == ["TS-01", "TS-05", "TS-08", "TS-09"]
    assert row["stages_missing"] == ["TS-RR", "TS-06", "TS-07", "TS-MR", "TS-12", "TS-13"]
    assert row["single_actor_stages"] == ["TS-01", "TS-05", "TS-09"]
    assert row["first_gap"] == "TS-06"
    assert row["coverage"] == 0.4
    assert (row["item_type"], row["item_de"], row["area_en"]) == ("material", "Kupfer", "region")


def test_restricted_chain_and_path():
    # Only the back end of the chain: TS-08 and TS-09 present, 2 of 3; the chain breaks at TS-MR.
    row = find(value_chain_coverage(hand_graph(), stages=["TS-08", "TS-09", "TS-MR"]), "copper")
    assert (row["stages_missing"], row["first_gap"]) == (["TS-MR"], "TS-MR")
    assert row["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    # With re-use counted as a step of the path, the first gap after collection is TS-RR.
    assert find(value_chain_coverage(hand_graph(), off_path=()), "copper")["first_gap"] == "TS-RR"


def test_only_off_path_stages_give_no_first_gap():
    G = make_graph({"A": {"district": "03901", "stages": ["TS-RR"], "materials": ["gold"]}})
    row = find(value_chain_coverage(G, levels=["region"]), "gold")
    assert (row["stages_present"], row["first_gap"]) == (["TS-RR"], None)


def test_candidate_districts_can_be_left_out():
    rows = value_chain_coverage(hand_graph(), include_candidates=False)
    row = find(rows, "copper")
    assert row["stages_present"] == ["TS-01", "TS-05", "TS-08"] and row["actors"] == 3
    assert not [r for r in rows if r["area"] == "16902"]


def test_per_state_and_district():
    rows = value_chain_coverage(hand_graph())
    st = find(rows, "copper", "state", "15")
    assert (st["actors"], st["stages_present"], st["single_actor_stages"]) == (2, ["TS-05", "TS-08"], ["TS-05"])
    assert (st["area_de"], st["area_en"]) == ("Sachsen-Anhalt", "Saxony-Anhalt")
    ni = find(rows, "copper", "district", "03901")
    assert ni["stages_present"] == ["TS-01"] and ni["first_gap"] == "TS-05"
    west = find(rows, "copper", "district", "03902")
    assert (west["actors"], west["stages_present"], west["first_gap"]) == (0, [], None)
    assert west["reasons_en"] == "copper (Testkreis West): no actor is known to handle it at any stage of the chain"


def test_categories_are_covered_like_materials():
    row = find(value_chain_coverage(hand_graph(), levels=["region"]), "EEE-CAT-5")
    assert (row["item_type"], row["stages_present"]) == ("category", ["TS-01"])


def test_reasons():
    row = find(value_chain_coverage(hand_graph(), levels=["region"]), "tantalum")
    assert row["reasons_en"] == (
        "tantalum (region): 1 of 10 stages has a known actor; missing: Collection, Re-use and "
        "repair, Sorting, First treatment and 5 more; only one actor at Manual dismantling "
        "(Actor C); the chain ends at “Mechanical processing” in the whole region: the flow presumably leaves "
        "the region there"
    )
    assert row["reasons_de"].startswith("Tantal (Region): 1 von 10 Stufen hat einen bekannten Akteur")


def test_rows_are_sorted_by_level_area_type_and_item():
    rows = value_chain_coverage(hand_graph())
    keys = [(r["level"], r["area"] or "", r["item_type"], r["item"]) for r in rows]
    rank = {"region": 0, "state": 1, "district": 2}
    assert keys == sorted(keys, key=lambda k: (rank[k[0]], k[1], k[2] != "material", k[3]))
    # region + 3 states + 5 districts, each with 4 materials and 6 categories
    assert len(rows) == 9 * 10


def test_matrix_counts_actors_per_stage():
    rows = value_chain_matrix(hand_graph(), items=["copper"])
    assert [r["stage"] for r in rows] == CHAIN
    assert {r["stage"]: r["actors"] for r in rows if r["actors"]} == {"TS-01": 1, "TS-05": 1, "TS-08": 2, "TS-09": 1}
    assert next(r for r in rows if r["stage"] == "TS-08")["actor_iris"] == ["B", "C"]


def test_empty_graph_lists_every_known_item_as_missing():
    rows = value_chain_coverage(make_graph(), levels=["region"])
    assert [r["item"] for r in rows if r["item_type"] == "material"] == ["cobalt", "copper", "gold", "tantalum"]
    assert all(r["stages_present"] == [] and r["actors"] == 0 for r in rows)


def test_graph_without_vocabulary_gives_no_rows():
    assert value_chain_coverage(make_graph(labels={}, materials={}, districts={}, states={}, categories=[])) == []


def test_one_actor_and_disconnected_parts_are_counted_alike():
    one = make_graph({"A": {"district": "03901", "stages": ["TS-09"], "materials": ["gold"]}})
    two = make_graph({"A": {"district": "03901", "stages": ["TS-09"], "materials": ["gold"]}},
                     [("B", "C")])  # fmt: skip
    for G in (one, two):
        row = find(value_chain_coverage(G, levels=["region"]), "gold")
        assert (row["stages_present"], row["first_gap"]) == (["TS-09"], "TS-MR")


@pytest.mark.parametrize(
    ("options", "word"),
    [
        pytest.param({"levels": ["country"]}, "levels", id="unknown-level"),
        pytest.param({"stages": ["TS-10"]}, "stages", id="sub-stage"),
    ],
)
def test_bad_options_name_the_parameter(options, word):
    with pytest.raises(ValueError, match=word):
        value_chain_coverage(hand_graph(), **options)


def test_chain_takes_the_group_stage_of_each_position():
    # TS-01 before TS-01a–c (shorter), TS-RR before TS-02–04 and TS-MR before TS-10/11 (not numbers).
    assert chain(make_graph()) == CHAIN
    shuffled = dict(sorted(STAGE_ORDER.items(), key=lambda kv: kv[0][::-1]))
    assert chain(make_graph(stage_order=shuffled)) == CHAIN
    assert chain(make_graph(stage_chain=["TS-01", "TS-MR"])) == ["TS-01", "TS-MR"]


def test_three_kinds_of_gap():
    """Defect 6: not every first gap is where the flow leaves the region.

    Copper in Testkreis Nord: collected (A) and refined (B), nobody sorts there — but C sorts
    copper in Testkreis West, so at district level the gap is "elsewhere: Testkreis West".
    In the region, sorting is held (C), so the first gap is first treatment (TS-06); B refines
    later on the path: an inner hole, probably missing data. Tantalum is only dismantled (D);
    nobody in the region works at the next stage: the chain ends there in the whole region."""
    from tests.graph.analyse.builders import make_graph

    G = make_graph({"A": {"stages": ["TS-01"], "materials": ["copper"], "district": "03901"},
                    "B": {"stages": ["TS-MR"], "materials": ["copper"], "district": "03901"},
                    "C": {"stages": ["TS-05"], "materials": ["copper"], "district": "03902"},
                    "D": {"stages": ["TS-08"], "materials": ["tantalum"], "district": "03902"}})
    rows = value_chain_coverage(G, levels=["region", "district"])
    nord = find(rows, "copper", "district", "03901")
    assert (nord["first_gap"], nord["gap_kind"], nord["gap_where"]) == ("TS-05", "elsewhere", ["03902"])
    assert "no actor is known at “Sorting” here, but there is one in Testkreis West" in nord["reasons_en"]
    region = find(rows, "copper")
    assert (region["first_gap"], region["gap_kind"]) == ("TS-06", "hole")
    assert "data are probably missing" in region["reasons_en"]
    tantalum = find(rows, "tantalum")
    assert (tantalum["first_gap"], tantalum["gap_kind"]) == ("TS-09", "region_end")
    assert "vermutlich die Region" in tantalum["reasons_de"]
