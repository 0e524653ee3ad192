"""Blueprint: ``/collection`` ("Sammlung") — per district WEEE generated, collected, target,
rate and gap, and a what-if with levers whose counts live in the query string
(``/collection?district=03153&container=10&drive-through=4``); JSON and CSV twins."""

from __future__ import annotations

import functools

from flask import Blueprint, Response, g, render_template, request, url_for
from markupsafe import Markup, escape

from graph.analyse.collection import collection_coverage
from graph.analyse.scenario import WHOLE
from graph.network import collection_points
from graph.views import collection as views
from graph.views import figures as figviews

from . import params, represent
from .i18n import translate
from .state import GEO, cached, collaboration, current_store

bp = Blueprint("collection", __name__)


def _boundaries():
    from graph.views.map import read_features

    return read_features(GEO / "districts.geojson")


def _counts(levers: list[dict]) -> dict[str, int]:
    """The lever counts of the query string; a bad one is a 400 naming it."""
    counts = {}
    for lever in levers:
        limit = lever["max_count"] if lever["max_count"] is not None else 10_000_000
        if lever["per"] == "inhabitant":
            limit = min(limit, 1)
        text = request.args.get(lever["id"], "").strip()
        if not text:
            continue
        if not WHOLE.fullmatch(text) or int(text) > limit:
            raise params.BadParameter(lever["id"], text, reason=f"a whole number from 0 to {limit}")
        if int(text):
            counts[lever["id"]] = int(text)
    return counts


def _district(choices: dict[str, str]) -> str | None:
    """``?district=`` as a Kreisschlüssel or a name (any case); a 400 for anything else."""
    text = params.text(request.args, "district")
    if not text:
        return None
    for key, name in choices.items():
        if text.casefold() in (key.casefold(), name.casefold()):
            return key
    raise params.BadParameter("district", text, sorted(choices))


def _inputs() -> dict:
    """What the model reads from the store (:func:`views.collection_inputs`): written by the
    build, else read once per version."""
    store = current_store()
    return cached("collection-inputs",
                  lambda: views.collection_inputs(store, cached("boundaries-districts", _boundaries)))


def _model() -> dict:
    """The collection model with the levers of the query string (:func:`views.collection_view`)."""
    inputs = _inputs()
    return views.collection_view(current_store(), counts=_counts(inputs["levers"]), lang=g.lang, inputs=inputs)


@functools.lru_cache(maxsize=32)
def _source_items(urls: tuple[str, ...]) -> Markup:
    """The numbered list of sources (``urls`` in the order of their numbers, as
    :func:`views.citations` numbers them), written once per list: at 100,000 SYNTHETIC actors
    the collection points cite thousands of sources, and escaping each on every request took
    most of the page's time."""
    return Markup("".join(f'<li id="src-{n}"><a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a></li>'
                          for n, url in enumerate(urls, 1)))


@bp.get("/collection.<any(png, svg):fmt>")
def figure(fmt: str) -> Response:
    """The chart of ``/collection`` (the same lever counts) as a PNG or SVG file."""
    fig = figviews.collection_figure(_model()["districts"], lang=g.lang)
    return represent.figure(figviews.file_of(fig, fmt, title=translate("collection.chart", g.lang)), fmt,
                            "collection")


@bp.get("/collection", defaults={"fmt": "html"})
@bp.get("/collection.<any(json, csv):fmt>")
def index(fmt: str) -> Response:
    """The collection model and a scenario; ``?district=`` narrows the scenario summary."""
    lang = g.lang
    store = current_store()
    view = _model()
    district = _district({d["district"]: d["name"] for d in view["districts"]})
    # Written by the build (graph/derived.py); computing it needs the whole collaboration graph.
    coverage = cached("collection-coverage", lambda: collection_coverage(
        collaboration(), views.locate_points(collection_points(store), cached("boundaries-districts", _boundaries))))
    coverage_rows = [{**row, "source": [row["population_source"]] if row.get("population_source") else [],
                      "assumption": translate("collection.points.only_known", lang)} for row in coverage]
    links = represent.twin_links("collection.index")
    title = translate("collection.title", lang)
    description = translate("collection.describe", lang)
    if fmt in ("json", "csv"):
        extra = {"definition": view["definition"], "assumptions": view["assumptions"], "levers": view["levers"],
                 "counts": view["counts"], "districts": view["districts"], "coverage": coverage_rows}
        return represent.table(view["table"], fmt, template="collection/index.html", title=title,
                               description=description, links=links, filename="collection-scenario",
                               extra=extra if fmt == "json" else None)
    focus = next((d for d in view["districts"] if d["district"] == district), None)
    numbers = views.citations(view)
    # The chart as a file keeps the lever counts (they are not among params.KNOWN, so build the query here).
    query = {**{lever: str(n) for lever, n in view["counts"].items()}, **params.with_args(request.args)}
    figure_urls = {f: url_for("collection.figure", fmt=f, **query) for f in ("png", "svg")}
    html = render_template("collection/index.html", title=title, description=description, links=links, view=view,
                           figure_urls=figure_urls,
                           chart=views.chart(view), numbers=numbers, source_items=_source_items(tuple(numbers)),
                           focus=focus, district=district,
                           coverage=coverage_rows, status_label=lambda s: views.status_label(s, lang),
                           span=lambda q, digits=0: views.span(q, lang, digits),
                           refnums=lambda q: sorted((numbers[u], u) for u in q.get("source") or () if u in numbers))
    response = Response(html, mimetype="text/html")
    response.headers["Link"] = represent.link_header(links, fmt)
    return response
