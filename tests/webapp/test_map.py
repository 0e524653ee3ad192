"""``/map``: districts from the BKG boundaries, shaded by a measure; actors placed or listed."""

from __future__ import annotations

import pytest

from tests.webapp.conftest import IMG, csv_rows

HEADER = ("key,name,state,state_label,region_status,region_status_label,status_note,population,population_date,"
          "area_km2,actors,collection_points,actors_per_100k,collection_points_per_100k")


def test_map_draws_districts_with_status_and_licence(client):
    response = client.get("/map")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('class="district ') == 10, "the region's seven districts and three neighbours"
    assert html.count(" candidate\"") == 2, "Kyffhäuserkreis and Salzlandkreis are candidates"
    assert 'fill="url(#hatch)"' in html
    assert ('<a href="https://www.bkg.bund.de" rel="noopener noreferrer">'
            '© GeoBasis-DE / BKG 2021 (Daten verändert)</a>') in html
    assert response.headers["Link"].startswith('</map.json>; rel="alternate"')


def test_actors_with_coordinates_are_placed_and_the_others_listed(client):
    body = client.get("/map.json").get_json()
    placed = {a["id"] for place in body["actor_places"] for a in place["actors"]}
    unplaced = {a["id"]: a["reason"] for a in body["unplaced_actors"]}
    # test-recycler (51.9, 10.43), test-refiner (51.5, 10.79), hostile-img (51.91, 10.42) have coordinates.
    assert placed == {"test-recycler", "test-refiner", "hostile-img"}
    assert unplaced == {"test-cluster": "none", "test-authority": "none", "hostile-formula": "none"}
    # cp-test (51.47, 11.3, Sangerhausen) is placed; the shipped data has many without coordinates.
    assert ([s["id"] for s in body["sites"]], body["unplaced_sites"]) == (["cp-test"], [])
    html = client.get("/map").get_data(as_text=True)
    assert "3 Akteure ohne Koordinaten" in html and 'href="/actors/test-cluster"' in html
    # cp-test's precision is "address" (tests/data/valid/collection_points.csv).
    assert '<rect x="' in html and "<title>SYNTHETIC Test Recycling Centre&#10;Kartenpunkt: Adresse</title>" in html


@pytest.mark.parametrize(("measure", "goslar"), [
    pytest.param("actors", 2, id="actors"),
    # 2 actors / 134,672 inhabitants × 100,000 = 1.49 → 1.5
    pytest.param("actors_per_100k", 1.5, id="actors-per-100k"),
    pytest.param("collection_points", 0, id="collection-points"),
    pytest.param("collection_points_per_100k", 0.0, id="collection-points-per-100k"),
])
def test_measures(client, measure, goslar):
    body = client.get(f"/map.json?_measure={measure}").get_json()
    assert body["measure"] == measure
    row = next(r for r in body["rows"] if r["key"] == "03153")
    assert row[measure] == goslar


def test_salzlandkreis_without_population_has_no_rate(client):
    html = client.get("/map?_measure=actors_per_100k").get_data(as_text=True)
    assert "shade-nodata" in html and "keine Angabe (Einwohnerzahl fehlt)" in html


def test_map_csv(client):
    rows = csv_rows(client.get("/map.csv").get_data(as_text=True))
    assert ",".join(rows[0]) == HEADER
    assert len(rows) == 8


def test_hostile_name_in_the_map_is_text(client):
    html = client.get("/map").get_data(as_text=True)
    assert IMG not in html
    assert "&lt;img src=x onerror=document.title=&#39;X&#39;&gt;" in html
