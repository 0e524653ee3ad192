"""The region map: district boundaries from the BKG GeoJSON, projected to a plane, districts
shaded by a measure, actors and collection points placed by their coordinates.

Everything is computed here as plain numbers and SVG path data, so a page can draw the map
without a tile server or a script, and nothing is fetched from elsewhere.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from graph.network import collection_points
from graph.views.actors import actor_id, actor_records, concept_labels, fold, label_of
from graph.views.region import districts

#: Measures a district can be shaded by (each a column of :func:`graph.region.districts`).
#: Most places the map draws; more are gathered on a coarser grid (SYNTHETIC 100,000 actors).
MAX_PLACES = 400
#: Most actors one place names (its ``count`` has them all).
PLACE_LISTED = 3
#: Most actors without coordinates the page lists by name (``unplaced_actors_total`` counts all).
UNPLACED_LISTED = 200
MEASURES = ("actors", "actors_per_100k", "collection_points", "collection_points_per_100k")
#: Number of shades (classes of equal width from 0 to the largest value).
SHADES = 5
#: Notations of scheme:geo-precision from exact to coarse (their schema:position order).
PRECISIONS = ("address", "street", "town", "district")

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Feature:
    """One boundary: its key (ARS), name, and polygons as lists of (lon, lat) rings."""

    key: str
    name: str
    polygons: list[list[Ring]]


def read_features(path: Path) -> list[Feature]:
    """The features of a GeoJSON FeatureCollection with ``ARS`` and ``GEN`` properties."""
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    features = []
    for item in collection["features"]:
        geometry = item["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = [[[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon] for polygon in polygons]
        features.append(Feature(str(item["properties"]["ARS"]), str(item["properties"]["GEN"]), rings))
    return features


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection true to scale at the middle latitude of a bounding box,
    fitted into ``width`` pixels (north up). Good enough for a region 150 km across.

    >>> p = Projection.fit((10.0, 51.0, 11.0, 52.0), width=100, padding=0)
    >>> p.point(10.0, 52.0), p.height
    ((0.0, 0.0), 160.6)
    """

    west: float
    north: float
    scale: float
    factor: float
    width: float
    height: float
    padding: float

    @classmethod
    def fit(cls, bbox: tuple[float, float, float, float], *, width: float = 800, padding: float = 10) -> Projection:
        west, south, east, north = bbox
        factor = math.cos(math.radians((south + north) / 2))
        scale = (width - 2 * padding) / ((east - west) * factor)
        height = round((north - south) * scale + 2 * padding, 1)
        return cls(west, north, scale, factor, width, height, padding)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) * self.factor * self.scale + self.padding
        y = (self.north - lat) * self.scale + self.padding
        return round(x, 1), round(y, 1)

    def inside(self, lon: float, lat: float) -> bool:
        x, y = self.point(lon, lat)
        return 0 <= x <= self.width and 0 <= y <= self.height


def bbox(features: list[Feature]) -> tuple[float, float, float, float]:
    """West, south, east, north of all rings of the features."""
    xs = [x for f in features for polygon in f.polygons for ring in polygon for x, _ in ring]
    ys = [y for f in features for polygon in f.polygons for ring in polygon for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def svg_path(feature: Feature, projection: Projection) -> str:
    """SVG path data of a feature's rings (holes included; draw with ``fill-rule: evenodd``).

    >>> f = Feature("1", "square", [[[(10.0, 52.0), (11.0, 52.0), (11.0, 51.0), (10.0, 52.0)]]])
    >>> svg_path(f, Projection.fit((10.0, 51.0, 11.0, 52.0), width=100, padding=0))
    'M0.0 0.0L100.0 0.0L100.0 160.6Z'
    """
    parts = []
    for polygon in feature.polygons:
        for ring in polygon:
            points = [projection.point(lon, lat) for lon, lat in ring]
            if len(points) > 1 and points[0] == points[-1]:
                points = points[:-1]
            parts.append("M" + "L".join(f"{x} {y}" for x, y in points) + "Z")
    return "".join(parts)


def label_point(feature: Feature, projection: Projection) -> tuple[float, float]:
    """Where to write a feature's name: the centroid of its largest outer ring."""
    rings = [polygon[0] for polygon in feature.polygons]
    ring = max(rings, key=lambda r: abs(_area(r)))
    area = _area(ring)
    if not area:
        return projection.point(*ring[0])
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    return projection.point(cx / (6 * area), cy / (6 * area))


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def shade(value: float | None, top: float) -> int | None:
    """The shade class 0 … SHADES-1 of a value on equal intervals up to ``top``; None when
    the value is unknown.

    >>> [shade(v, 10) for v in (0, 1, 5, 10, None)]
    [0, 1, 2, 4, None]
    """
    if value is None:
        return None
    if value <= 0 or top <= 0:
        return 0
    return min(SHADES - 1, max(1, math.ceil(value / top * (SHADES - 1))))


def region_map(store: pyoxigraph.Store, district_features: list[Feature], state_features: list[Feature], *,
               measure: str = "actors", lang: str = "de", width: float = 800,
               records: list[dict] | None = None) -> dict[str, object]:
    """The map of the region, ready to draw.

    Parameters
    ----------
    store : an open store.
    district_features, state_features : boundaries from :func:`read_features`; the map's
        extent is that of the districts (the region and its neighbours).
    measure : one of :data:`MEASURES`; the region's districts are shaded by it.
    lang : "de" or "en" for labels.
    width : width of the drawing in pixels; the height follows from the extent.
    records : :func:`graph.views.actors.actor_records` in ``lang``, when the caller keeps them.

    Returns
    -------
    dict
        ``width, height``; ``districts`` (every boundary with ``key, name, path, label_x,
        label_y, in_region, region_status, value, shade``); ``states`` (outlines);
        ``legend`` (one row per shade with its ``low``/``high`` bounds); ``actor_places``
        (actors grouped by identical coordinates, or on a grid beyond :data:`MAX_PLACES`:
        ``x, y, count, actors`` (at most :data:`PLACE_LISTED`), ``precision, precision_label``,
        the precision being the coarsest of the group's, e.g. "town" for a town centre that
        several actors share; by place name); ``sites`` (placed collection points, each with
        its ``precision`` and ``precision_label``); ``unplaced_actors`` (at most
        :data:`UNPLACED_LISTED`, all counted in ``unplaced_actors_total``) and ``unplaced_sites`` (as
        many, counted in ``unplaced_sites_total``)
        (without coordinates, or outside the drawing); ``table`` (the districts' measures, see
        :func:`graph.region.districts`).

    Raises
    ------
    ValueError
        When ``measure`` is not one of :data:`MEASURES`.
    """
    return region_maps(store, district_features, state_features, measures=(measure,), lang=lang, width=width,
                       records=records)[measure]


def region_maps(store: pyoxigraph.Store, district_features: list[Feature], state_features: list[Feature], *,
                measures: tuple[str, ...] = MEASURES, lang: str = "de", width: float = 800,
                records: list[dict] | None = None) -> dict[str, dict[str, object]]:
    """:func:`region_map` for each of ``measures`` (measure → map), computing what does not
    depend on the measure (the district table, the placed actors and collection points)
    once: only the shading differs.

    Raises
    ------
    ValueError
        When a measure is not one of :data:`MEASURES`.
    """
    for measure in measures:
        if measure not in MEASURES:
            raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    projection = Projection.fit(bbox(district_features), width=width)
    table = districts(store, lang=lang, features=district_features)
    states = [{"key": f.key, "name": f.name, "path": svg_path(f, projection)} for f in state_features]
    labels = concept_labels(store, lang=lang)
    records = records if records is not None else actor_records(store, lang=lang, labels=labels)
    places, unplaced_actors = _place_actors(records, projection)
    names = {record["iri"]: record["name"] for record in records}
    district_names = {row["key"]: row["name"] for row in table.rows}
    sites, unplaced_sites = _place_sites(store, projection, names, district_names, labels)
    paths = [(feature, svg_path(feature, projection), label_point(feature, projection))
             for feature in district_features]
    return {measure: {"width": projection.width, "height": projection.height, "measure": measure,
                      "districts": _shaded(paths, table, measure), "states": states,
                      "legend": _legend(_top(table, measure), measure),
                      "actor_places": places, "unplaced_actors": unplaced_actors[:UNPLACED_LISTED],
                      "unplaced_actors_total": len(unplaced_actors),
                      "sites": sites, "unplaced_sites": unplaced_sites[:UNPLACED_LISTED],
                      "unplaced_sites_total": len(unplaced_sites), "table": table}
            for measure in measures}


def _top(table, measure: str) -> float:
    return max((row[measure] for row in table.rows if row[measure] is not None), default=0)


def _shaded(paths: list, table, measure: str) -> list[dict[str, object]]:
    """The district boundaries with the value of ``measure`` and its shade."""
    by_key = {row["key"]: row for row in table.rows}
    top = _top(table, measure)
    drawn = []
    for feature, path, (x, y) in paths:
        row = by_key.get(feature.key)
        value = row[measure] if row else None
        drawn.append({"key": feature.key, "name": feature.name, "path": path,
                      "label_x": x, "label_y": y, "in_region": row is not None,
                      "region_status": row["region_status"] if row else None,
                      "value": value, "shade": shade(value, top) if row else None})
    return drawn


def _legend(top: float, measure: str) -> list[dict[str, object]]:
    step = top / (SHADES - 1) if top else 0
    rows = [{"shade": 0, "low": 0, "high": 0}]
    for i in range(1, SHADES):
        low, high = (i - 1) * step, i * step
        if measure in ("actors", "collection_points"):
            low, high = math.floor(low) + 1, math.floor(high)
            if high < low:
                continue
        rows.append({"shade": i, "low": round(low, 1), "high": round(high, 1)})
    return rows if top else rows[:1]


def _place_actors(records: list[dict], projection: Projection) -> tuple[list[dict], list[dict]]:
    """Actors grouped by identical coordinates; beyond :data:`MAX_PLACES` places, gathered on
    a grid whose cells double until that many suffice. A place names at most
    :data:`PLACE_LISTED` actors and counts all (``count``), so the map stays light at any size."""
    groups: dict[tuple[float, float], list[dict]] = defaultdict(list)
    unplaced = []
    for record in sorted(records, key=lambda r: (fold(r["name"]), r["id"])):
        actor = {"id": record["id"], "name": record["name"], "kind": record["kind"],
                 "kind_label": record["kind_label"], "city": record["city"],
                 "district_label": record["district_label"], "state_label": record["state_label"],
                 "precision": record.get("precision"), "precision_label": record.get("precision_label")}
        lat, lon = record["lat"], record["lon"]
        if lat is None or lon is None or not projection.inside(lon, lat):
            unplaced.append({**actor, "reason": "none" if lat is None else "outside"})
            continue
        groups[projection.point(lon, lat)].append(actor)
    cell = 2.0
    while len(groups) > MAX_PLACES:
        cell *= 2
        gathered: dict[tuple[float, float], list[dict]] = defaultdict(list)
        for (x, y), actors in groups.items():
            gathered[(round((x // cell + 0.5) * cell, 1), round((y // cell + 0.5) * cell, 1))].extend(actors)
        groups = gathered
    places = []
    for (x, y), actors in groups.items():
        coarsest = max(actors, key=lambda a: _precision_rank(a["precision"]))
        places.append({"x": x, "y": y, "count": len(actors), "actors": actors[:PLACE_LISTED],
                       "precision": coarsest["precision"], "precision_label": coarsest["precision_label"]})
    places.sort(key=lambda p: (fold(p["actors"][0]["city"] or p["actors"][0]["district_label"]), p["x"], p["y"]))
    return places, unplaced


def _precision_rank(precision: str | None) -> int:
    """Where a precision stands from exact to coarse; unknown precision counts as coarsest,
    so a drawn point never claims more exactness than its least precise member has."""
    return PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)


def _place_sites(store: pyoxigraph.Store, projection: Projection, names: dict[str, str],
                 district_names: dict[str, str], labels: dict) -> tuple[list[dict], list[dict]]:
    placed, unplaced = [], []
    for point in sorted(collection_points(store), key=lambda p: (str(p["district"]), fold(p["label"]), p["iri"])):
        site = {"id": point["iri"].rsplit("/", 1)[-1], "name": point["label"],
                "operator": actor_id(point["operator"]), "operator_name": names.get(point["operator"]),
                "district": point["district"], "district_label": district_names.get(point["district"]),
                "accepts": point["accepts"], "precision": point["precision"],
                "precision_label": label_of(labels, "geo-precision", point["precision"])}
        lat, lon = point["lat"], point["lon"]
        if lat is None or lon is None or not projection.inside(lon, lat):
            unplaced.append({**site, "reason": "none" if lat is None else "outside"})
        else:
            x, y = projection.point(lon, lat)
            placed.append({**site, "x": x, "y": y})
    return placed, unplaced
