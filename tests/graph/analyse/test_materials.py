"""Critical raw materials, checked on a hand-drawn actor set (synthetic test data)."""

from __future__ import annotations

import pytest

from graph.analyse.materials import critical_materials
from tests.graph.analyse.builders import make_graph


def hand_graph(**graph):
    """
    Test material table: copper and cobalt strategic (and critical), tantalum critical,
    gold neither.
    A  03901  TS-08               tantalum, gold
    B  15901  TS-10 (of TS-MR)    tantalum
    C  16901  TS-01               copper
    D  outside the region, TS-09  tantalum (does not count)
    """
    return make_graph(
        {
            "A": {"district": "03901", "stages": ["TS-08"], "materials": ["tantalum", "gold"]},
            "B": {"district": "15901", "stages": ["TS-10"], "materials": ["tantalum"]},
            "C": {"district": "16901", "stages": ["TS-01"], "materials": ["copper"]},
            "D": {"stages": ["TS-09"], "materials": ["tantalum"]},
        },
        [("A", "B")],
        **graph,
    )


def test_hand_graph():
    # Strategic first, lowest coverage first: cobalt (0/10), copper (1/10); then tantalum
    # (critical, 2/10: TS-08 and TS-MR, each with one actor; TS-09 between them is an inner
    # hole, probably missing data). Gold is not listed.
    rows = critical_materials(hand_graph())
    assert [(r["material"], r["crm"], r["coverage"]) for r in rows] == [
        ("cobalt", "strategic", 0.0),
        ("copper", "strategic", 0.1),
        ("tantalum", "critical", 0.2),
    ]
    ta = rows[2]
    assert (ta["actors"], ta["stages_present"], ta["single_actor_stages"]) == (
        2,
        ["TS-08", "TS-MR"],
        ["TS-08", "TS-MR"],
    )
    assert ta["first_gap"] == "TS-09"
    assert ta["actors_by_stage"] == ["TS-08: Actor A", "TS-MR: Actor B"]
    assert ta["material_de"] == "Tantal"
    assert ta["reasons_en"] == (
        "tantalum (region): 2 of 10 stages have a known actor; missing: Collection, Re-use and repair, "
        "Sorting, First treatment and 4 more; only one actor at Manual dismantling (Actor A) and "
        "Metallurgy and refining (Actor B); no actor is known at “Mechanical processing” although later stages "
        "are held: data are probably missing"
    )
    cobalt = rows[0]
    assert (cobalt["actors"], cobalt["stages_present"], cobalt["first_gap"], cobalt["actors_by_stage"]) == (
        0,
        [],
        None,
        [],
    )
    assert (
        cobalt["reasons_de"] == "Kobalt (Region): kein Akteur ist bekannt, der damit an einer Stufe der Kette arbeitet"
    )


def test_restricted_chain():
    rows = critical_materials(hand_graph(), stages=["TS-08", "TS-09", "TS-MR"])
    ta = next(r for r in rows if r["material"] == "tantalum")
    assert (ta["stages_missing"], ta["coverage"]) == (["TS-09"], pytest.approx(2 / 3, abs=1e-4))


def test_without_material_table_or_actors():
    assert critical_materials(hand_graph(materials={})) == []
    rows = critical_materials(make_graph())
    assert [r["material"] for r in rows] == ["cobalt", "copper", "tantalum"]
    assert all(r["actors"] == 0 for r in rows)
    one = critical_materials(make_graph({"A": {"district": "03901", "stages": ["TS-01"], "materials": ["cobalt"]}}))
    assert one[0]["material"] == "copper" and one[1]["stages_present"] == ["TS-01"]
