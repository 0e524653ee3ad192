"""What the SPARQL workbench page shows besides the editor: the example library, the terms
its completion offers, the outlines its map draws points on, and the data its script reads."""

from __future__ import annotations

import re

from flask import url_for

from graph.namespaces import ID, PREFIXES
from graph.settings import Settings
from graph.sparql.catalog import run_named
from graph.sparql.examples import CHARTS, Example
from graph.views import map as geo

from .i18n import for_script
from .state import GEO, current_store

#: Interface words the workbench script shows, by key of :mod:`webapp.i18n`.
SCRIPT_WORDS = (
    "sparql.run", "sparql.running", "sparql.rows", "sparql.triples", "sparql.elapsed",
    "sparql.truncated.rows", "sparql.truncated.bytes", "sparql.shown", "sparql.empty", "sparql.ask.true",
    "sparql.ask.false", "sparql.error", "sparql.error.at", "sparql.error.network", "sparql.busy",
    "sparql.view.table", "sparql.view.bar", "sparql.view.network", "sparql.view.map", "sparql.view.unfit",
    "sparql.map.placed", "sparql.map.unplaced", "sparql.bar.note", "sparql.network.note", "sparql.download",
    "sparql.copied", "sparql.copy", "sparql.kind.class", "sparql.kind.property", "sparql.kind.concept",
    "sparql.kind.prefix", "sparql.kind.keyword", "sparql.editor", "figure.download", "figure.png", "figure.svg",
)
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def library(found: list[Example], lang: str) -> list[dict[str, str]]:
    """The example queries in ``lang``: name, title, description, chart hint, the query (its
    file without the header comments, which the page shows as title and description), link."""
    rows = []
    for e in found:
        text = without_header(e.text)
        rows.append({"name": e.name, "title": e.title(lang), "description": e.description(lang), "chart": e.chart,
                     "text": text, "url": url_for("sparql.endpoint", query=text, _chart=e.chart)})
    return rows


def without_header(text: str) -> str:
    """A query file without its leading comment lines.

    >>> without_header("# title_de: A\\n# chart: bar\\nPREFIX hg: <x>\\n# kept\\nSELECT * {}\\n")
    'PREFIX hg: <x>\\n# kept\\nSELECT * {}\\n'
    """
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), len(lines))
    return "".join(lines[start:])


def compact(iri: str) -> str | None:
    """``iri`` as a prefixed name of :data:`PREFIXES` (the longest namespace), or None.

    >>> compact("https://w3id.org/harzgraph/id/concept/stage/TS-05"), compact("https://example.org/x")
    ('stage:TS-05', None)
    """
    best = None
    for prefix, namespace in PREFIXES.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and (best is None or len(namespace) > len(PREFIXES[best[0]])):
            if local == "" or _LOCAL.fullmatch(local):
                best = (prefix, local)
    return f"{best[0]}:{best[1]}" if best else None


def terms(lang: str) -> list[dict[str, object]]:
    """Completion entries for the classes, properties and concepts of the graph, most used
    first: ``{"label": "hg:worksAtStage", "kind": "property", "detail": "works at stage", "uses": 87,
    "names": [...]}``; ``names`` are a concept's German and English labels, so that typing
    "Batter" offers ``material:batteries``."""
    found: dict[tuple[str, str], dict[str, object]] = {}
    rank: dict[tuple[str, str], int] = {}
    for row in run_named(current_store(), "workbench_terms").rows:
        name = compact(str(row["term"]))
        if name is None:
            continue
        key = (name, str(row["kind"]))
        entry = found.setdefault(key, {"label": name, "kind": row["kind"], "detail": "", "uses": row["uses"],
                                       "names": []})
        label_lang = row.get("lang") or ""
        if row["kind"] == "concept" and row.get("label") and str(row["label"]) not in entry["names"]:
            entry["names"].append(str(row["label"]))
        score = 3 if label_lang == lang else 2 if label_lang == "" else 1
        if row.get("label") and score > rank.get(key, 0):
            entry["detail"], rank[key] = str(row["label"]), score
    return list(found.values())


def outlines() -> dict[str, object]:
    """The district and state outlines of the map (as on ``/map``) and the projection that
    places a point given in degrees on them."""
    districts = geo.read_features(GEO / "districts.geojson")
    states = geo.read_features(GEO / "states.geojson")
    drawing = geo.region_map(current_store(), districts, states)
    projection = geo.Projection.fit(geo.bbox(districts), width=drawing["width"])
    return {"width": drawing["width"], "height": drawing["height"],
            "districts": [{"name": d["name"], "path": d["path"], "in_region": d["in_region"]}
                          for d in drawing["districts"]],
            "states": [s["path"] for s in drawing["states"]],
            "projection": {k: getattr(projection, k) for k in ("west", "north", "scale", "factor", "padding")}}


def page_data(text: str, found: list[dict[str, str]], chart: str | None, *, terms: list[dict[str, object]],
              outlines: dict[str, object], settings: Settings, lang: str) -> dict[str, object]:
    """What the workbench script reads from the page: the query, how to draw its result, the
    completion lists, the map's projection, the limits and the interface's words."""
    body = without_header(text).strip()
    current = next((e for e in found if e["text"].strip() == body), None) if body else None
    if chart not in CHARTS:
        chart = current["chart"] if current else None
    return {
        "endpoint": url_for("sparql.endpoint", lang=None), "query": text, "autorun": bool(text.strip()),
        "chart": chart, "example": current["name"] if current else None,
        "examples": [{k: e[k] for k in ("name", "title", "description", "chart", "text")} for e in found],
        "prefixes": PREFIXES, "terms": terms, "id_base": ID,
        "id_path": url_for("resources.resource", path="x", lang=None)[:-1],
        "profile_path": url_for("actors.profile", actor="x", lang=None)[:-1],
        "projection": outlines["projection"], "map_size": [outlines["width"], outlines["height"]],
        "timeout_s": settings.query_timeout_s, "max_rows": settings.query_max_rows, "lang": lang,
        "text": {key: for_script(key, lang) for key in SCRIPT_WORDS},
    }
