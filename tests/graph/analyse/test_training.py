"""Training gaps, checked on a hand-drawn actor set (synthetic test data)."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import SKOS

from graph.analyse.training import holds, is_educator, needed_competencies, training_gaps
from tests.conftest import REPO
from tests.graph.analyse.builders import make_graph

# The builders' excerpt of the stage links: TS-01 → weee-collection, TS-RR → repair,
# TS-08 → dismantling, TS-09 → mechanical-processing (chain positions 1, 2, 6, 7);
# shredding is narrower than mechanical-processing.
NEEDED = ["weee-collection", "repair", "dismantling", "mechanical-processing"]


def hand_graph():
    """
    actor  district (state)       kind          stages          competencies
    A      03901 (03)             recycler      TS-08, TS-09    dismantling, shredding
    S      03901 (03)             education     SUP-EDU         education, shredding
    R      15901 (15)             repair_reuse  TS-RR           repair
    U      15901 (15)             university    SUP-RES         research, education, repair
    C      16902 (16, candidate)  education     TS-01           education, weee-collection
    D      outside the region     education     SUP-EDU         education, dismantling
    """
    return make_graph(
        {
            "A": {"district": "03901", "kind": "recycler", "stages": ["TS-08", "TS-09"],
                  "competencies": ["dismantling", "shredding"]},
            "S": {"district": "03901", "kind": "education", "stages": ["SUP-EDU"],
                  "competencies": ["education", "shredding"]},
            "R": {"district": "15901", "kind": "repair_reuse", "stages": ["TS-RR"], "competencies": ["repair"]},
            "U": {"district": "15901", "kind": "university", "stages": ["SUP-RES"],
                  "competencies": ["research", "education", "repair"]},
            "C": {"district": "16902", "kind": "education", "stages": ["TS-01"],
                  "competencies": ["education", "weee-collection"]},
            "D": {"state": "03", "kind": "education", "stages": ["SUP-EDU"],
                  "competencies": ["education", "dismantling"]},
        }
    )  # fmt: skip


def find(rows, competency, level="region", area=None):
    [row] = [r for r in rows if (r["competency"], r["level"], r["area"]) == (competency, level, area)]
    return row


def counts(row):
    return row["stages_present"], row["holder_iris"], row["trainer_iris"]


def test_the_region():
    rows = training_gaps(hand_graph(), levels=["region"])
    assert [r["competency"] for r in rows] == NEEDED  # chain order of the stage that needs it
    # weee-collection: only C (candidate district) holds and teaches it.
    assert counts(find(rows, "weee-collection")) == (["TS-01"], ["C"], ["C"])
    # repair: R and U hold it; U teaches (education by competency, though a university).
    assert counts(find(rows, "repair")) == (["TS-RR"], ["R", "U"], ["U"])
    # dismantling: A holds it; D would teach it but sits outside the region: lacking.
    assert counts(find(rows, "dismantling")) == (["TS-08"], ["A"], [])
    # mechanical processing: A and S hold it through shredding; S (education) teaches it.
    assert counts(find(rows, "mechanical-processing")) == (["TS-09"], ["A", "S"], ["S"])
    assert [r["trainers"] for r in rows] == [1, 1, 0, 1]
    assert all(r["trainers_elsewhere"] == [] for r in rows)
    # Education actors: S by kind, U by competency, C by kind; D is outside the region.
    assert {tuple(r["educator_iris"]) for r in rows} == {("C", "S", "U")}


def test_a_district_with_offers_elsewhere():
    rows = training_gaps(hand_graph(), levels=["district"])
    # 5 test districts (one a candidate) × 4 needed competencies.
    assert len(rows) == 5 * 4
    north = [r for r in rows if r["area"] == "03901"]
    assert [(r["competency"], r["holders"], r["trainers"]) for r in north] == [
        ("weee-collection", 0, 0), ("repair", 0, 0), ("dismantling", 1, 0), ("mechanical-processing", 2, 1),
    ]  # fmt: skip
    # Collection and repair are taught elsewhere in the region (C, U); dismantling nowhere.
    assert [r["trainers_elsewhere"] for r in north] == [["C"], ["U"], [], []]
    assert [r["stages_present"] for r in north] == [[], [], ["TS-08"], ["TS-09"]]
    assert {r["state"] for r in north} == {"03"}
    assert {tuple(r["educator_iris"]) for r in north} == {("S",)}
    # A district with no actor: every competency needed, none held, none taught.
    west = [r for r in rows if r["area"] == "03902"]
    assert [(r["holders"], r["trainers"], r["stages_present"]) for r in west] == [(0, 0, [])] * 4


def test_states_sum_their_districts():
    rows = training_gaps(hand_graph(), levels=["state"])
    # Niedersachsen: A and S (03901); D has no district and does not count.
    assert counts(find(rows, "dismantling", "state", "03")) == (["TS-08"], ["A"], [])
    assert counts(find(rows, "repair", "state", "15")) == (["TS-RR"], ["R", "U"], ["U"])


def test_candidates_left_out():
    rows = training_gaps(hand_graph(), levels=["region", "district"], include_candidates=False)
    assert counts(find(rows, "weee-collection")) == ([], [], [])
    assert "16902" not in {r["area"] for r in rows}


def test_missing_only_keeps_the_competencies_without_an_offer():
    rows = training_gaps(hand_graph(), levels=["region"], missing_only=True)
    assert [r["competency"] for r in rows] == ["dismantling"]


def test_reasons_name_the_offers_and_the_gaps():
    rows = training_gaps(hand_graph(), levels=["district"])
    north = {r["competency"]: r for r in rows if r["area"] == "03901"}
    assert north["mechanical-processing"]["reasons_en"] == (
        "mechanical processing (Testkreis Nord): education actors with this competency: Actor S"
    )
    assert north["repair"]["reasons_de"] == (
        "Reparatur (Testkreis Nord): kein Bildungs- oder Ausbildungsakteur mit dieser Kompetenz bekannt; "
        "gebraucht für Wiederverwendung und Reparatur (Stufe fehlt); kein Akteur hat sie; "
        "in der Region: Actor U"
    )
    assert north["dismantling"]["reasons_en"] == (
        "dismantling (Testkreis Nord): no education or training actor with this competency is known; "
        "needed for Manual dismantling (stage present); 1 actor holds it"
    )


def test_needed_competencies_from_sub_stages_and_not_from_supporting_stages():
    G = make_graph(stage_competencies={"TS-04": ["repair"], "TS-RR": ["refurbishment"], "SUP-EDU": ["education"],
                                       "TS-09": ["repair"]})  # fmt: skip
    # TS-04 counts for TS-RR (position 2); SUP-EDU has no place in the chain.
    assert needed_competencies(G) == {"refurbishment": ["TS-RR"], "repair": ["TS-RR", "TS-09"]}


def test_who_counts_as_education():
    assert is_educator({"kind": "education"})
    assert is_educator({"kind": "university", "stages": ["SUP-EDU"]})
    assert is_educator({"kind": "university", "competencies": ["education"]})
    assert not is_educator({"kind": "university", "stages": ["SUP-RES"], "competencies": ["research"]})
    assert holds(["a"], {"a": ["b"], "b": ["c"], "c": ["a"]}) == {"a", "b", "c"}  # a cycle ends


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="levels"):
        training_gaps(hand_graph(), levels=["country"])


def test_the_vocabulary_links_each_chain_stage_to_defined_competencies_with_its_basis():
    g = rdflib.Graph()
    for name in ("stages.ttl", "competencies.ttl"):
        g.parse(REPO / "ontology" / "vocab" / name)
    stage = rdflib.Namespace("https://w3id.org/harzgraph/id/concept/stage/")
    competency = "https://w3id.org/harzgraph/id/concept/competency/"
    links = {(s, o) for s, o in g.subject_objects(SKOS.related) if str(o).startswith(competency)}
    linked = {s for s, _ in links}
    assert linked == {stage[s] for s in ("TS-01", "TS-RR", "TS-05", "TS-06", "TS-07", "TS-08", "TS-09", "TS-MR")}
    for s, o in links:
        assert (o, SKOS.inScheme, None) in g, o  # a defined competency concept
        assert (s, SKOS.editorialNote, None) in g, s  # the link says its basis
        assert (s, rdflib.URIRef("http://purl.org/dc/terms/source"), None) in g, s
    assert (stage["TS-06"], SKOS.related, rdflib.URIRef(competency + "weee-first-treatment")) in g
