"""graph.views.map: reading the BKG boundaries, projecting, shading."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.views import map as geo

GEO = Path(__file__).parents[2] / "webapp" / "static" / "geo"


def test_read_the_shipped_boundaries():
    districts = geo.read_features(GEO / "districts.geojson")
    assert len(districts) == 10
    assert {"03153", "15085", "16065"} <= {f.key for f in districts}
    west, south, east, north = geo.bbox(districts)
    assert 9.0 < west < east < 12.5 and 51.0 < south < north < 52.5


def test_projection_keeps_north_up_and_scale_true_at_the_middle():
    p = geo.Projection.fit((10.0, 51.0, 12.0, 52.0), width=400, padding=0)
    assert p.point(10.0, 52.0) == (0.0, 0.0)
    assert p.point(12.0, 51.0)[0] == 400.0
    # One degree of latitude is 1/cos(51.5°) ≈ 1.61 times as long as one of longitude.
    assert p.height == pytest.approx(400 / 2 / 0.6225, rel=0.01)
    assert p.inside(11.0, 51.5) and not p.inside(13.0, 51.5)


def test_label_point_of_a_square_is_its_centre():
    square = geo.Feature("1", "square", [[[(10.0, 51.0), (11.0, 51.0), (11.0, 52.0), (10.0, 52.0), (10.0, 51.0)]]])
    p = geo.Projection.fit((10.0, 51.0, 11.0, 52.0), width=100, padding=0)
    assert geo.label_point(square, p) == p.point(10.5, 51.5)


@pytest.mark.parametrize(("value", "top", "expected"), [
    pytest.param(None, 10, None, id="unknown"), pytest.param(0, 10, 0, id="zero"),
    pytest.param(0.1, 10, 1, id="small"), pytest.param(10, 10, 4, id="top"), pytest.param(3, 0, 0, id="no-top"),
])
def test_shade(value, top, expected):
    assert geo.shade(value, top) == expected


def test_unknown_measure_is_refused():
    with pytest.raises(ValueError, match="measure must be one of"):
        geo.region_map(None, [], [], measure="area")


def _record(ident: str, lon: float, precision: str | None) -> dict:
    return {"id": ident, "name": f"SYNTHETIC {ident}", "kind": "recycler", "kind_label": "Recycler",
            "city": "Testort", "district_label": "Testkreis", "state_label": "Testland", "lat": 51.5, "lon": lon,
            "precision": precision, "precision_label": precision}


def test_a_shared_point_claims_the_precision_of_its_least_precise_actor():
    p = geo.Projection.fit((10.0, 51.0, 11.0, 52.0), width=100, padding=0)
    records = [_record("a", 10.2, "address"), _record("b", 10.2, "town"),   # one point, two actors
               _record("c", 10.8, "street"),                                 # alone
               _record("d", 10.5, "address"), _record("e", 10.5, None)]     # one precision unknown
    places, unplaced = geo._place_actors(records, p)
    by_ids = {tuple(a["id"] for a in place["actors"]): place["precision"] for place in places}
    # address < street < town < district; an unknown precision counts as coarser than all.
    assert by_ids == {("a", "b"): "town", ("c",): "street", ("d", "e"): None}
    assert unplaced == []
