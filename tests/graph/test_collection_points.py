"""graph.views.collection: collection points placed in the district whose boundary holds them
(all points against one ring at a time), and the model read once (collection_inputs)."""

from __future__ import annotations

from graph.build.ingest import build
from graph.store import open_read_only
from graph.views import collection as views


class Feature:
    def __init__(self, key: str, polygons: list) -> None:
        self.key, self.polygons = key, polygons


def square(x0: float, y0: float, size: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]


def test_a_point_lies_in_the_first_district_that_holds_it_outside_its_holes():
    # A: the square 0..4 with the hole 1..2; B: the square 3..6 (overlaps A on 3..4), and a
    # second polygon 10..11. Points (lon, lat):
    #   p1 (0.5, 0.5) in A                    → A
    #   p2 (1.5, 1.5) in A's hole, not in B   → not placed: keeps its stated district "S"
    #   p3 (3.5, 3.5) in A and in B           → A (the first feature)
    #   p4 (5, 5) in B only                   → B
    #   p5 (10.5, 10.5) in B's second polygon → B
    #   p6 without coordinates                → "S", not placed
    districts = [Feature("A", [[square(0, 0, 4), square(1, 1, 1)]]),
                 Feature("B", [[square(3, 3, 3)], [square(10, 10, 1)]])]
    points = [{"lon": 0.5, "lat": 0.5}, {"lon": 1.5, "lat": 1.5}, {"lon": 3.5, "lat": 3.5}, {"lon": 5, "lat": 5},
              {"lon": 10.5, "lat": 10.5}, {"lon": None, "lat": None}]
    placed = views.locate_points([{**p, "district": "S"} for p in points], districts)
    assert [(p["district"], p["located"]) for p in placed] == [
        ("A", True), ("S", False), ("A", True), ("B", True), ("B", True), ("S", False)]
    counts, _sources, located = views.count_points(placed)
    assert counts == {"A": 2, "B": 2, "S": 2} and located == 4


def test_the_model_from_inputs_read_once_equals_the_model_read_from_the_store(settings):
    build(settings)
    store = open_read_only(settings.store_dir)
    features = views.default_features()
    inputs = views.collection_inputs(store, features)
    for lang in ("de", "en"):
        for counts in ({}, {lever["id"]: 1 for lever in inputs["levers"]}):
            kept = views.collection_view(store, lang=lang, counts=counts, inputs=inputs)
            fresh = views.collection_view(store, lang=lang, counts=counts, features=features)
            assert kept["districts"] == fresh["districts"] and kept["table"].rows == fresh["table"].rows
    assert inputs["points"] and sum(inputs["point_counts"].values()) == inputs["points"]
