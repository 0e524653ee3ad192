"""Blueprint: ``/map`` — actors and collection points on the districts, shaded by a measure."""

from __future__ import annotations

from flask import Blueprint, Response, g, request

from graph.views import figures as figviews
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
    drawing = dict(_drawing(measure))
    table = drawing.pop("table")
    extra = {"measure": measure, "actor_places": drawing["actor_places"], "sites": drawing["sites"],
             "unplaced_actors": drawing["unplaced_actors"], "unplaced_actors_total": drawing["unplaced_actors_total"],
             "unplaced_sites": drawing["unplaced_sites"], "unplaced_sites_total": drawing["unplaced_sites_total"],
             "licence": "© GeoBasis-DE / BKG 2021 (Daten verändert)"}
    return represent.table(table, fmt, template="geo/map.html", title=translate("map.title", g.lang),
                           description=translate(f"measure.{measure}", g.lang), filename="districts-map",
                           links=represent.twin_links("geo.index"), extra=extra, drawing=drawing,
                           measures=geo.MEASURES, figure_urls=represent.figure_links("geo.figure"))


@bp.get("/map.<any(png, svg):fmt>")
def figure(fmt: str) -> Response:
    """The map (the same ``_measure``) as a PNG or SVG file."""
    measure, lang = params.measure(request.args), g.lang
    title = f"{translate('map.title', lang)}: {translate(f'measure.{measure}', lang)}"
    drawing = _drawing(measure)
    data = cached(f"map-figure-{fmt}-{lang}-{measure}",
                  lambda: figviews.file_of(figviews.map_figure(drawing, lang=lang, title=title), fmt, title=title))
    return represent.figure(data, fmt, f"map-{measure}")


def _drawing(measure: str) -> dict:
    """The map of one measure (:func:`graph.views.map.region_map`), drawn once per version."""
    districts, states = cached("boundaries", _boundaries)
    lang = g.lang
    return cached(f"map-{lang}-{measure}", lambda: geo.region_map(
        current_store(), districts, states, measure=measure, lang=lang, records=actor_index().records))
