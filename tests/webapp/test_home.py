"""The overview page ``/`` and its twins."""

from __future__ import annotations

from tests.webapp.conftest import csv_rows

DISTRICTS_HEADER = ("key,name,state,state_label,region_status,region_status_label,status_note,population,"
                    "population_date,area_km2,actors,collection_points,actors_per_100k,collection_points_per_100k")


def test_overview_shows_counts_status_and_freshness(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    # tests/data/valid + 2 hostile actors: 6 actors, 5 relations, 1 project, 1 collection point
    assert "<strong>6</strong> Akteure" in html
    assert "<strong>5</strong> belegte Beziehungen" in html
    assert "<strong>1</strong> Sammelstelle</a>" in html
    assert "Datenstand: zuletzt mit den Quellen abgeglichen am 25.11.2026." in html
    assert "5 Landkreise sind durch Quellen als Teil der Region belegt; 2 weitere sind Kandidaten" in html
    assert 'class="status status-candidate">Kandidat' in html
    assert 'href="/actors?district=03153">Goslar</a>' in html


def test_overview_links_its_twins(client):
    response = client.get("/")
    assert response.headers["Link"] == ('</index.json>; rel="alternate"; type="application/json", '
                                        '</index.csv>; rel="alternate"; type="text/csv"')


def test_overview_json_has_the_documented_keys(client):
    body = client.get("/index.json").get_json()
    assert {"ok", "title", "description", "columns", "rows", "count", "links"} <= set(body)
    assert body["ok"] is True and body["count"] == len(body["rows"]) == 7
    assert body["links"] == {"html": "/", "json": "/index.json", "csv": "/index.csv"}
    assert body["totals"]["actors"] == 6 and body["dataset"]["modified"] == "2026-11-25"
    goslar = next(row for row in body["rows"] if row["key"] == "03153")
    # Goslar: test-recycler and hostile-img; 134,672 inhabitants → 2 per 134,672 = 1.5 per 100,000
    assert (goslar["actors"], goslar["region_status"], goslar["actors_per_100k"]) == (2, "confirmed", 1.5)


def test_overview_csv_is_the_district_table(client):
    response = client.get("/index.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="districts.csv"'
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == DISTRICTS_HEADER
    assert len(csv_rows("\n".join(lines))) == 8


def test_overview_in_english(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "Data as of 25 Nov 2026" in html and "Lower Saxony" in html
