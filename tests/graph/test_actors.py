"""graph.views.actors and graph.region on the synthetic test data (tests/data/valid: 4 actors)."""

from __future__ import annotations

import pytest

from graph.build.ingest import build
from graph.errors import NotFound
from graph.store import open_read_only
from graph.views import actors, region


@pytest.fixture
def store(settings):
    build(settings)
    return open_read_only(settings.store_dir)


def ids(result: actors.ActorList) -> list[str]:
    return [row["id"] for row in result.table.rows]


def test_all_actors_sorted_by_name(store):
    result = actors.list_actors(store, actors.ActorFilter())
    # Names: "SYNTHETIC Test Cluster e.V.", "… Test Recycler GmbH", "… Test Refiner AG", "… Über-Amt …";
    # "Über" sorts as "uber", after "Test".
    assert ids(result) == ["test-cluster", "test-recycler", "test-refiner", "test-authority"]
    assert result.total == 4
    assert result.table.columns == actors.LIST_COLUMNS


def test_facet_counts_ignore_their_own_facet_only(store):
    result = actors.list_actors(store, actors.ActorFilter({"confidence": ("high",)}))
    assert ids(result) == ["test-cluster", "test-recycler"]
    confidence = {row["value"]: (row["count"], row["selected"]) for row in result.facets["confidence"]}
    assert confidence == {"high": (2, True), "medium": (1, False), "low": (1, False)}
    kinds = {row["value"]: row["count"] for row in result.facets["kind"]}
    assert kinds == {"recycler": 1, "association_cluster": 1}


def test_missing_district_is_a_value_of_its_own(store):
    # test-refiner and test-recycler have districts; all four do in this data, so "none" is absent …
    result = actors.list_actors(store, actors.ActorFilter({"district": (actors.NONE,)}))
    assert ids(result) == []
    # … but a selected value is listed even with no actor, so it can be unselected.
    assert {"value": "none", "label": None, "count": 0, "selected": True, "depth": 0} in result.facets["district"]


def test_search_ignores_case_and_accents(store):
    assert ids(actors.list_actors(store, actors.ActorFilter(q="UBER-amt"))) == ["test-authority"]
    assert ids(actors.list_actors(store, actors.ActorFilter(q="sangerhausen"))) == ["test-authority"]


def test_sorts(store):
    by_relations = actors.list_actors(store, actors.ActorFilter(sort="relations", descending=True))
    # Relation rows: test-recycler 2 (member_of, cooperates_with), test-refiner 2 (partner_in, cooperates_with
    # as object), test-cluster 1, test-authority 0. Ties stay in name order: "Recycler" before "Refiner".
    assert ids(by_relations) == ["test-recycler", "test-refiner", "test-cluster", "test-authority"]
    assert [row["relations"] for row in by_relations.table.rows] == [2, 2, 1, 0]
    by_evidence = actors.list_actors(store, actors.ActorFilter(sort="confidence"))
    assert [row["confidence"] for row in by_evidence.table.rows] == ["high", "high", "medium", "low"]
    with pytest.raises(ValueError, match="sort must be one of"):
        actors.list_actors(store, actors.ActorFilter(sort="size"))


def test_profile(store):
    profile = actors.actor_profile(store, "test-refiner", lang="en")
    assert profile["name"] == "SYNTHETIC Test Refiner AG"
    assert profile["place"]["district_label"] == "Nordhausen" and profile["place"]["state"] == "16"
    assert [r["other"]["id"] for r in profile["relations"]] == ["test-recycler"]
    assert profile["relations"][0]["direction"] == "in"
    project = profile["projects"][0]
    assert (project["id"], project["roles"][0]["value"], project["relations"][0]["role"]) == (
        "test-project", "partner_in", "partner")
    # TS-MR (metallurgy and refining) is the eighth stage of the chain.
    assert [stage["position"] for stage in profile["chain"] if stage["active"]] == [8]


def test_profile_names_the_precision_of_the_coordinates(store):
    # tests/data/valid/actors.csv gives test-recycler "Ortsmitte", the German label of
    # geoprecision:town; test-refiner has coordinates but no precision.
    de = actors.actor_profile(store, "test-recycler", lang="de")
    en = actors.actor_profile(store, "test-recycler", lang="en")
    assert (de["place"]["precision"], de["place"]["precision_label"], en["place"]["precision_label"]) == (
        "town", "Ortsmitte", "town centre")
    coordinates = [(f["value"], f["label"]) for f in de["facts"] if f["fact"] == "coordinates"]
    assert coordinates == [("51.9, 10.43", "Ortsmitte")]
    refiner = actors.actor_profile(store, "test-refiner", lang="de")
    assert (refiner["place"]["precision"], refiner["place"]["precision_label"]) == (None, None)


def test_profile_of_unknown_actor(store):
    with pytest.raises(NotFound, match="no actor with id 'nobody'"):
        actors.actor_profile(store, "nobody")


def test_region_districts_and_overview(store):
    table = region.districts(store)
    assert [row["key"] for row in table.rows][:5] == ["03153", "03159", "15085", "15087", "16062"]
    mansfeld = next(row for row in table.rows if row["key"] == "15087")
    # cp-test in Mansfeld-Südharz, 132,317 inhabitants: 1 / 132,317 × 100,000 = 0.76 → 0.8
    assert (mansfeld["collection_points"], mansfeld["collection_points_per_100k"]) == (1, 0.8)
    salzland = next(row for row in table.rows if row["key"] == "15089")
    assert salzland["actors_per_100k"] is None
    summary = region.overview(store)
    assert summary["totals"]["actors"] == 4 and summary["without_district"] == 0
    assert summary["dataset"]["modified"] == "2026-11-25"


def test_one_number_for_sourced_relations_on_list_and_profile(settings):
    """Defect 10: "Beziehungen" was 25 in the list and 15 on the profile for one actor. Sourced
    relations are the relation rows naming the actor, to actors or projects: the profile's
    total is the list's number for every actor (synthetic data)."""
    from graph import store as store_mod
    from graph.build.ingest import build
    from graph.views.actors import ActorFilter, actor_profile, list_actors

    build(settings)
    store = store_mod.open_read_only(settings.store_dir)
    rows = list_actors(store, ActorFilter()).table.rows
    assert any(r["relations"] for r in rows)
    for row in rows:
        profile = actor_profile(store, row["id"])
        assert profile["relations_total"] == row["relations"], row["id"]
    # The recycler: member of the cluster, cooperates with the refiner (2 rows to actors).
    recycler = actor_profile(store, "test-recycler")
    assert (len(recycler["relations"]), recycler["relations_total"]) == (2, 2)
    refiner = actor_profile(store, "test-refiner")
    # The refiner: the cooperation (to an actor) and partner in the test project.
    assert (len(refiner["relations"]), refiner["relations_total"]) == (1, 2)


def test_evidence_has_one_wording():
    from graph.views.actors import EVIDENCE
    from webapp.i18n import translate

    for level, words in EVIDENCE.items():
        for lang in ("de", "en"):
            assert words[lang] == translate(f"evidence.{level}", lang)


def test_a_concept_filter_includes_its_narrower_concepts_on_the_shipped_data(real_settings):
    """Defect 1: /actors?district=03153&material=batteries listed a research institute, a
    university and a cluster, and no recycler: the recyclers are tagged with the narrower
    lead-acid or lithium-ion batteries. "Metalle" found 7 actors and left out copper, zinc,
    aluminium and gold."""
    from graph import store as store_mod
    from graph.build.ingest import build
    from graph.views.actors import ActorFilter, list_actors

    build(real_settings)
    store = store_mod.open_read_only(real_settings.store_dir)
    found = list_actors(store, ActorFilter({"district": ("03153",), "material": ("batteries",)}))
    ids = {r["id"] for r in found.table.rows}
    assert {"harz-metall", "ivh", "hcstarck-tungsten"} <= ids
    facet = {r["value"]: r for r in found.facets["material"]}
    # A broader concept counts its narrower ones: batteries ≥ lead-acid, and shown above them.
    assert facet["batteries"]["count"] >= facet["lead-acid-batteries"]["count"] >= 2
    assert facet["lead-acid-batteries"]["depth"] == facet["batteries"]["depth"] + 1
    metals = list_actors(store, ActorFilter({"material": ("metals",)})).table.rows
    copper = list_actors(store, ActorFilter({"material": ("copper",)})).table.rows
    assert {r["id"] for r in copper} <= {r["id"] for r in metals} and len(metals) > 7
