"""``/actors`` (faceted list) and ``/actors/<id>`` (profile), with their twins."""

from __future__ import annotations

import pytest

from tests.webapp.conftest import FORMULA, IMG, csv_rows

LIST_HEADER = ("id,name,kind,kind_label,city,district,district_label,state,state_label,confidence,relations,"
               "sources,stages,materials,categories,competencies")
FACTS_HEADER = "fact,value,label,confidence,sources"


def test_list_shows_every_actor_with_facet_counts(client):
    body = client.get("/actors.json").get_json()
    assert {"ok", "title", "description", "columns", "rows", "count", "links", "facets", "total"} <= set(body)
    assert body["count"] == body["total"] == 6
    assert body["description"] == "Alle 6 Akteure, sortiert nach Name"
    kinds = {row["value"]: row["count"] for row in body["facets"]["kind"]}
    # recycler: test-recycler and hostile-img
    assert kinds["recycler"] == 2 and kinds["refiner_smelter"] == 1
    confidence = [row["value"] for row in body["facets"]["confidence"]]
    assert confidence == ["high", "medium", "low"]


@pytest.mark.parametrize(("query", "ids"), [
    pytest.param("kind=recycler", {"test-recycler", "hostile-img"}, id="kind"),
    pytest.param("kind=recycler&kind=refiner_smelter", {"test-recycler", "hostile-img", "test-refiner"}, id="any-of"),
    pytest.param("kind=recycler&confidence=high", {"test-recycler"}, id="all-facets"),
    pytest.param("district=goslar", {"test-recycler", "hostile-img"}, id="district-by-name"),
    pytest.param("district=03153", {"test-recycler", "hostile-img"}, id="district-by-key"),
    pytest.param("state=Sachsen-Anhalt", {"test-authority", "test-cluster", "hostile-formula"}, id="state-by-label"),
    pytest.param("stage=TS-08", {"test-recycler", "hostile-img"}, id="stage"),
    pytest.param("category=EEE-CAT-3", {"test-recycler"}, id="category"),
    pytest.param("q=refiner", {"test-refiner"}, id="search-name"),
    pytest.param("q=NORDHAUSEN", {"test-refiner"}, id="search-city-any-case"),
    pytest.param("q=uber-amt", {"test-authority"}, id="search-without-accents"),
])
def test_filters(client, query, ids):
    body = client.get(f"/actors.json?{query}").get_json()
    assert {row["id"] for row in body["rows"]} == ids


def test_facet_counts_follow_the_other_facets(client):
    body = client.get("/actors.json?kind=recycler").get_json()
    kinds = {row["value"]: row["count"] for row in body["facets"]["kind"]}
    districts = {row["value"]: row["count"] for row in body["facets"]["district"]}
    # Kind counts ignore the kind filter (adding a kind widens the list) …
    assert kinds["refiner_smelter"] == 1
    # … district counts apply it: both recyclers are in Goslar.
    assert districts == {"03153": 2}


def test_sort_and_description(client):
    body = client.get("/actors.json?_sort=-relations&kind=recycler").get_json()
    assert [row["id"] for row in body["rows"]] == ["test-recycler", "hostile-img"]  # 3 relations, then 1
    assert body["description"] == ("2 Akteure mit Art: Recyclingunternehmen, sortiert nach meiste belegte Beziehungen")


def test_list_links_twins_keeping_the_filters(client):
    response = client.get("/actors?kind=recycler&kind=dismantler&_sort=name")
    assert response.headers["Link"] == (
        '</actors.json?kind=recycler&kind=dismantler&_sort=name>; rel="alternate"; type="application/json", '
        '</actors.csv?kind=recycler&kind=dismantler&_sort=name>; rel="alternate"; type="text/csv"')
    html = response.get_data(as_text=True)
    assert "2 Akteure mit Art: Recyclingunternehmen oder Zerlegebetrieb, sortiert nach Name" in html


def test_list_csv_header_and_formula_neutralised(client):
    response = client.get("/actors.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="actors.csv"'
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == LIST_HEADER
    row = next(r for r in csv_rows("\n".join(lines)) if r[0] == "hostile-formula")
    assert row[1] == "'" + FORMULA
    assert row[4] == "'-2+3", "the city cell begins with '-' and is neutralised too"


def test_empty_result_says_so(client):
    html = client.get("/actors?kind=dismantler").get_data(as_text=True)
    assert "Kein Akteur passt zu diesen Filtern." in html


def test_profile_shows_facts_sources_relations_projects_and_chain(client):
    response = client.get("/actors/test-recycler")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>SYNTHETIC Test Recycler GmbH</h1>" in html
    assert 'href="https://example.org/source-1"' in html and 'href="https://example.org/source-2"' in html
    assert "ist Mitglied von" in html and 'href="/actors/test-cluster"' in html
    weak_row = html.split("joint trials")[0].rsplit("<tr", 1)[1]
    assert 'class="weak"' in weak_row, "the low-evidence relation row is marked"
    assert "SYNTHETIC Test Project" in html
    assert '<li class="active">' in html  # TS-08 on the chain
    assert response.headers["Link"].startswith('</actors/test-recycler.json>; rel="alternate"')


def test_profile_shows_the_precision_of_the_map_point(client):
    # test-recycler's coordinates are a town centre (tests/data/valid/actors.csv: "Ortsmitte").
    html = client.get("/actors/test-recycler").get_data(as_text=True)
    assert "Kartenpunkt: Ortsmitte" in html
    assert '51.9, 10.43 <span class="muted">(Ortsmitte)</span>' in html
    assert "Map point: town centre" in client.get("/actors/test-recycler?lang=en").get_data(as_text=True)
    # test-refiner has coordinates without a stated precision: no claim either way.
    assert "Kartenpunkt" not in client.get("/actors/test-refiner").get_data(as_text=True)


def test_profile_without_a_stage_says_the_sources_name_none(client):
    # test-cluster has no stage in tests/data/valid/actors.csv.
    html = client.get("/actors/test-cluster").get_data(as_text=True)
    assert "In den Quellen ist keine Behandlungsstufe genannt." in html
    assert "In den Quellen ist keine Behandlungsstufe genannt." not in client.get(
        "/actors/test-recycler").get_data(as_text=True)


def test_profile_json(client):
    body = client.get("/actors/test-recycler.json").get_json()
    assert {"ok", "title", "description", "columns", "rows", "count", "links", "actor"} <= set(body)
    actor = body["actor"]
    assert body["title"] == actor["name"] == "SYNTHETIC Test Recycler GmbH"
    assert actor["sources"] == ["https://example.org/source-1", "https://example.org/source-2"]
    relations = {(r["direction"], r["type"], r["other"]["id"]): r for r in actor["relations"]}
    assert set(relations) == {("out", "member_of", "test-cluster"), ("out", "cooperates_with", "test-refiner"),
                              ("in", "cooperates_with", "hostile-img")}
    cooperation = relations[("out", "cooperates_with", "test-refiner")]
    assert (cooperation["role"], cooperation["confidence"], cooperation["sources"]) == (
        "joint trials", "low", ["https://example.org/source-9"])
    assert [p["id"] for p in actor["projects"]] == ["test-project"]
    assert actor["projects"][0]["roles"] == [{"value": "coordinates", "label": "koordiniert"}]
    active = [stage["value"] for stage in actor["chain"] if stage["active"]]
    assert active == ["TS-08"]
    assert [stage["position"] for stage in actor["chain"]] == list(range(1, 11))
    facts = {(row["fact"], row["value"]) for row in body["rows"]}
    assert {("kind", "recycler"), ("district", "03153"), ("category", "EEE-CAT-3")} <= facts
    assert all(row["sources"] == "https://example.org/source-1 https://example.org/source-2" for row in body["rows"])


def test_profile_of_an_operator_lists_its_collection_points(client):
    body = client.get("/actors/test-authority.json").get_json()
    site = body["actor"]["sites"][0]
    assert (site["id"], site["city"]) == ("cp-test", "Sangerhausen")
    assert [g["value"] for g in site["accepts"]] == ["SG1", "SG5"]


def test_weak_facts_are_marked(client):
    html = client.get("/actors/test-authority").get_data(as_text=True)
    assert 'class="ev ev-low"' in html and "schwach belegt" in html


def test_profile_csv(client):
    response = client.get("/actors/hostile-formula.csv")
    rows = csv_rows(response.get_data(as_text=True))
    assert ",".join(rows[0]) == FACTS_HEADER
    assert ["name", "'" + FORMULA, "", "medium", "https://example.org/hostile-2"] in rows


@pytest.mark.parametrize("path", ["/actors/nope", "/actors/nope.json", "/actors/nope.csv", "/actors/NOPE"])
def test_unknown_actor_is_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    if path.endswith(".json"):
        assert response.get_json()["ok"] is False


def test_hostile_names_are_text_in_list_and_profile(client):
    for path in ("/actors", "/actors/hostile-img", "/actors/test-recycler"):
        html = client.get(path).get_data(as_text=True)
        assert IMG not in html, path
        assert "&lt;img src=x onerror=document.title=&#39;X&#39;&gt;" in html, path
    assert "<script>alert(1)</script>" not in client.get("/actors/test-recycler").get_data(as_text=True)


def test_profile_lists_the_actors_partner_suggestions(client):
    """The profile shows the same suggestions as /gaps?actor=<id>, seen from the actor."""
    everything = client.get("/gaps.json?actor=test-refiner").get_json()["rows"]
    profile = client.get("/actors/test-refiner.json").get_json()
    assert everything, "the synthetic graph has suggestions for the refiner"
    assert [s["partner_id"] for s in profile["suggestions"]] == [
        row["id_b"] if row["id_a"] == "test-refiner" else row["id_a"] for row in everything][:5]
    page = client.get("/actors/test-refiner").get_data(as_text=True)
    assert "Mögliche Partner" in page and "/gaps?actor=test-refiner" in page


def test_the_list_and_its_json_twin_hold_one_page(client, monkeypatch):
    monkeypatch.setattr("webapp.actors.PAGE_SIZE", 2)
    everyone = client.get("/actors.json?_page=1").get_json()
    assert everyone["count"] == 2 and everyone["page"] == 1
    # 6 actors (4 synthetic + 2 hostile) in pages of 2: 3 pages; the last page holds the last two by name.
    assert (everyone["matched"], everyone["pages"], everyone["total"]) == (6, 3, 6)
    last = client.get("/actors.json?_page=3").get_json()
    names = [row["name"] for row in everyone["rows"] + client.get("/actors.json?_page=2").get_json()["rows"]
             + last["rows"]]
    assert len(set(names)) == 6
    assert client.get("/actors.json?_page=4").status_code == 400
    # The CSV download is the whole list (up to CSV_MAX rows), not the page.
    assert len(csv_rows(client.get("/actors.csv").get_data(as_text=True))) == 1 + 6
