"""What users of Kumu, Gephi and WQS reach for in the network view (issue 14): the network as of
a year, colour by community, size by betweenness.

SYNTHETIC test data (tests/data/valid plus the hostile rows of conftest.py): relations.csv says
test-recycler is member_of test-cluster from 2011, hostile-img cooperates_with test-recycler
from 2020, and hostile-formula is member_of test-cluster with no date."""

from __future__ import annotations


def pairs(body: dict) -> set[frozenset]:
    return {frozenset((edge["from"], edge["to"])) for edge in body["edges"]}


def test_the_year_keeps_only_relations_begun_by_then(client):
    member_2011 = frozenset(("test-recycler", "test-cluster"))
    cooperation_2020 = frozenset(("hostile-img", "test-recycler"))
    undated = frozenset(("hostile-formula", "test-cluster"))
    everything = client.get("/network.json").get_json()
    assert {member_2011, cooperation_2020, undated} <= pairs(everything)

    as_of_2011 = client.get("/network.json?year=2011").get_json()
    assert member_2011 in pairs(as_of_2011)
    assert cooperation_2020 not in pairs(as_of_2011) and undated not in pairs(as_of_2011)
    assert all(edge["years"] and edge["years"][0] <= 2011 for edge in as_of_2011["edges"])
    assert cooperation_2020 in pairs(client.get("/network.json?year=2020").get_json())
    assert len(as_of_2011["rows"]) == len(everything["rows"]), "actors stay; only relations are dated"
    assert "2011" in as_of_2011["description"]


def test_a_year_outside_the_relations_dates_is_refused(client):
    span = client.get("/network").get_data(as_text=True)
    assert 'type="range" id="net-year" name="year" min="2011"' in span, "the slider starts at the first dated tie"
    for year in ("1999", "3000", "next"):
        response = client.get(f"/network.json?year={year}")
        assert response.status_code == 400 and response.get_json()["errors"][0]["parameter"] == "year"


def test_colour_by_community_and_size_by_betweenness(client):
    body = client.get("/network.json?_color=community&_size=betweenness").get_json()
    assert body["color_by"] == "community" and body["size_by"] == "betweenness"
    by_id = {row["id"]: row for row in body["rows"]}
    # test-recycler links test-cluster, test-refiner and hostile-img, which have no other path
    # between them: it lies on every shortest path among its neighbours, so its betweenness is
    # the largest, and a leaf's (hostile-img, one link) is 0.
    assert by_id["hostile-img"]["betweenness"] == 0
    assert max(by_id.values(), key=lambda row: row["betweenness"])["id"] == "test-recycler"
    legend = {row["key"]: row for row in body["legend"]["nodes"]}
    assert sum(row["count"] for row in legend.values()) == len(body["rows"])
    assert by_id["test-recycler"]["community"] is not None
    assert str(by_id["test-recycler"]["community"]) in legend


def test_directed_relations_point_at_their_object(client):
    edges = {frozenset((e["from"], e["to"])): e for e in client.get("/network.json").get_json()["edges"]}
    assert edges[frozenset(("test-recycler", "test-cluster"))]["arrows_to"] == ["test-cluster"], \
        "test-recycler member_of test-cluster: the arrow points at the cluster"
    assert edges[frozenset(("hostile-img", "test-recycler"))]["arrows_to"] == [], "cooperates_with has no direction"


def test_the_counts_beside_the_choices_are_those_of_the_view(client):
    """Lower Saxony (03) holds test-recycler and hostile-img, both recyclers in Goslar (03153),
    tied by one cooperates_with; the whole network has 6 actors, 2 of them recyclers, 2 in 15085."""
    whole = client.get("/network.json").get_json()["facet_counts"]
    assert whole["kind"]["recycler"] == 2 and whole["district"]["15085"] == 2 and sum(whole["state"].values()) == 6
    counts = client.get("/network.json?state=03").get_json()["facet_counts"]
    assert counts["state"] == {"03": 2}
    assert counts["kind"] == {"recycler": 2}
    assert counts["district"] == {"03153": 2}
    assert counts["relation"] == {"cooperates_with": 1}
    html = client.get("/network?state=03").get_data(as_text=True)
    assert 'data-count="kind=recycler">2</span>' in html
    assert 'data-count="district=15085">0</span>' in html, "a choice the view does not show counts 0"
    assert 'data-count="relation=member_of">0</span>' in html
