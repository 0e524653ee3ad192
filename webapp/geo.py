"""Blueprint: ``/map`` — actors and collection points on the districts, shaded by a measure."""

from __future__ import annotations

from flask import Blueprint, Response, g, request

from graph.views import map as geo

from . import params, represent
from .i18n import translate
from .state import GEO, actor_index, cached, current_store

bp = Blueprint("geo", __name__)


def _boundaries() -> tuple[list[geo.Feature], list[geo.Feature]]:
    return geo.read_features(GEO / "districts.geojson"), geo.read_features(GEO / "states.geojson")


@bp.get("/map", defaults={"fmt": "html"})
@bp.get("/map.<any(json, csv):fmt>")
def index(fmt: str) -> Response:
    """The map, ``/map?_measure=collection_points_per_100k``; its table is the districts' measures."""
    measure = params.measure(request.args)
    districts, states = cached("boundaries", _boundaries)
    lang = g.lang
    drawing = dict(cached(f"map-{lang}-{measure}", lambda: geo.region_map(
        current_store(), districts, states, measure=measure, lang=lang, records=actor_index().records)))
    table = drawing.pop("table")
    extra = {"measure": measure, "actor_places": drawing["actor_places"], "sites": drawing["sites"],
             "unplaced_actors": drawing["unplaced_actors"], "unplaced_actors_total": drawing["unplaced_actors_total"],
             "unplaced_sites": drawing["unplaced_sites"], "unplaced_sites_total": drawing["unplaced_sites_total"],
             "licence": "© GeoBasis-DE / BKG 2021 (Daten verändert)"}
    return represent.table(table, fmt, template="geo/map.html", title=translate("map.title", g.lang),
                           description=translate(f"measure.{measure}", g.lang), filename="districts-map",
                           links=represent.twin_links("geo.index"), extra=extra, drawing=drawing,
                           measures=geo.MEASURES)
