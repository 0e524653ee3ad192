"""Collection coverage, checked on hand-made districts and points (synthetic test data)."""

from __future__ import annotations

import pytest

from graph.analyse.collection import collection_coverage
from graph.words.findings import with_reasons
from tests.graph.analyse.builders import make_graph


def hand_graph():
    """
    W (TS-01) ─ S (TS-05, a sorter)      Q (TS-01, no tie)      R (TS-10, a refiner, no tie)
    Test districts: 03901 200,000 inhabitants, 1,000 km²; 15901 50,000, 500 km²;
    16902 (candidate) 80,000, 800 km²; 16901 and 03902 without points; 16901 has no figures.
    """
    return make_graph(
        {
            "W": {"stages": ["TS-01"], "district": "03901"},
            "S": {"stages": ["TS-05"]},
            "Q": {"stages": ["TS-01"]},
            "R": {"stages": ["TS-10"]},
        },
        [("W", "S")],
    )


def point(iri, district, operator, accepts):
    return {"iri": iri, "label": f"Centre {iri}", "operator": operator, "district": district,
            "accepts": accepts, "lat": None, "lon": None, "sources": ["https://example.org/test"]}  # fmt: skip


POINTS = [
    point("P1", "03901", "W", ["SG1", "SG2"]),
    point("P2", "03901", "Q", []),
    point("P6", "03901", None, ["SG3"]),
    point("P3", "15901", "R", ["SG1", "SG2", "SG3", "SG4", "SG5", "SG6"]),
    point("P4", "16902", "Q", ["SG5"]),
    point("P5", None, "W", ["SG1"]),
]


def test_hand_graph():
    # 03901: 3 centres; 3 / 200,000 · 100,000 = 1.5; 3 / 1,000 · 100 = 0.3 per 100 km²;
    #   accepted SG1–SG3 → SG4–SG6 not known; P2 names no group; P2 (Q has no tie) and P6
    #   (no operator) lack a treatment tie; W is tied to the sorter S.
    # 15901: 1 / 50,000 → 2.0; 0.2 per 100 km²; R refines itself → linked.
    # 16902: 1 / 80,000 → 1.25; 03902: 0 centres → 0.0; 16901: no population → last.
    # P5 has no district and is left out.
    rows = collection_coverage(hand_graph(), POINTS)
    assert [(r["district"], r["points"], r["per_100k"], r["per_100_km2"]) for r in rows] == [
        ("03902", 0, 0.0, 0.0),
        ("16902", 1, 1.25, 0.125),
        ("03901", 3, 1.5, 0.3),
        ("15901", 1, 2.0, 0.2),
        ("16901", 0, None, None),
    ]
    north = rows[2]
    assert north["groups_not_known"] == ["SG4", "SG5", "SG6"]
    assert north["points_without_groups"] == 1
    assert north["points_without_treatment_tie"] == ["P2", "P6"]
    assert north["operators_without_treatment_tie"] == ["Q"]
    assert (north["population"], north["population_date"], north["state"], north["state_name"]) == (
        200_000, "2023-12-31", "03", "Niedersachsen")  # fmt: skip
    east = rows[3]
    assert (east["groups_not_known"], east["points_without_treatment_tie"]) == ([], [])
    assert rows[1]["region_status"] == "candidate"


def test_reasons():
    G = hand_graph()
    rows = {r["district"]: r for r in with_reasons("collection", G, collection_coverage(G, POINTS))}
    assert rows["03901"]["reasons_en"] == (
        "Testkreis Nord: 3 known collection points; 1.5 per 100,000 inhabitants (200,000 inhabitants "
        "as of 31 Dec 2023); 0.30 per 100 km²; no centre is known to accept SG4, SG5 and SG6; for 1 "
        "centre the sources name no groups; 2 centres are run by operators with no known tie to a "
        "treatment actor (Actor Q)"
    )
    assert "1,5 je 100.000 Einwohner (200.000 Einwohner" in rows["03901"]["reasons_de"]
    assert rows["16902"]["reasons_en"].startswith("Testkreis Rand: 1 known collection point; 1.2 per 100,000")
    assert rows["16902"]["reasons_en"].endswith(
        "1 centre is run by an operator with no known tie to a treatment actor (Actor Q)"
    )
    assert rows["16901"]["reasons_en"] == (
        "Testkreis Süd: 0 known collection points; no centre is known to accept SG1, SG2, SG3, SG4, SG5 and SG6"
    )


def test_candidate_districts_can_be_left_out():
    rows = collection_coverage(hand_graph(), POINTS, include_candidates=False)
    assert "16902" not in {r["district"] for r in rows}


def test_treatment_range_is_a_parameter():
    # Counting only refining as treatment, W's tie to the sorter no longer helps.
    rows = {r["district"]: r for r in collection_coverage(hand_graph(), POINTS, treatment=("TS-MR", "TS-MR"))}
    assert rows["03901"]["points_without_treatment_tie"] == ["P1", "P2", "P6"]


def test_no_points_no_districts_and_an_unknown_operator():
    rows = collection_coverage(hand_graph(), [])
    assert all(r["points"] == 0 and r["points_without_treatment_tie"] == [] for r in rows)
    assert collection_coverage(make_graph(districts={}), POINTS) == []
    [row] = [r for r in collection_coverage(hand_graph(), [point("P9", "15901", "ghost", ["SG1"])])
             if r["district"] == "15901"]  # fmt: skip
    assert row["operators_without_treatment_tie"] == ["ghost"]


def test_unknown_treatment_stage():
    with pytest.raises(ValueError, match="treatment"):
        collection_coverage(hand_graph(), POINTS, treatment=("TS-05", "TS-99"))
