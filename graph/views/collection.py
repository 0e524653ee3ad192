"""The collection model and scenarios as the page ``/collection``, ``harzgraph scenario`` and the
briefing need them: one function, :func:`collection_view`, read from the store.

Every number leaves here as a *quantity*: a dict with ``low``/``high`` (or ``value``), its
``unit``, its ``status`` (measured / estimated / assumed), and ``source`` (URLs) and/or
``assumption`` (words) — so no number is shown without what it rests on. The formulas are
in :mod:`graph.analyse.scenario` and docs/COLLECTION.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph

from graph.analyse import scenario as model
from graph.network import collection_points
from graph.sparql.catalog import run_named
from graph.tables import Table
from graph.words import format as fmt
from graph.words.collection import MODEL

#: The WEEE Directive's Art. 7 (collection targets), the source of the target definition.
DIRECTIVE = "http://www.legislation.gov.uk/eudr/2012/19/article/7/adopted"
#: From the most certain to the least: a derived value takes the weakest status of its parts.
STATUSES = (model.MEASURED, model.ESTIMATED, model.ASSUMED)
#: The quantities of a district, in the order of the flat table (CSV) and the page.
QUANTITIES = ("population", "generated", "collected", "target", "rate", "gap", "distance",
              "scenario_added", "scenario_collected", "scenario_rate", "scenario_gap", "collection_points")

TEXT = MODEL  # graph/words/collection.py


def _text(lang: str, key: str, **values: object) -> str:
    return TEXT["en" if lang == "en" else "de"][key].format(**values)


def _num(value: float, lang: str, digits: int = 1) -> str:
    """``1,234.5`` in English, ``1.234,5`` in German (graph.words.format)."""
    return fmt.number(value, lang, digits)


# --- reading the store -------------------------------------------------------------------


def _grouped(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with one source each → one dict per id with ``sources`` (sorted)."""
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = out.setdefault(row["id"], {**{k: v for k, v in row.items() if k != "source"}, "sources": []})
        if row["source"] and row["source"] not in item["sources"]:
            item["sources"].append(row["source"])
    for item in out.values():
        item["sources"].sort()
    return list(out.values())


def read_figures(store: pyoxigraph.Store) -> list[dict[str, Any]]:
    """The collection figures as plain dicts (``year`` an int, ``quantity`` a float)."""
    figures = _grouped(run_named(store, "collection_figures").rows)
    for f in figures:
        f["year"], f["quantity"] = int(str(f["year"])[:4]), float(f["quantity"])
    return figures


def read_levers(store: pyoxigraph.Store) -> list[dict[str, Any]]:
    """The scenario levers as plain dicts (``low``/``high`` floats, ``max_count`` int or None)."""
    levers = _grouped(run_named(store, "collection_levers").rows)
    for lever in levers:
        lever["low"], lever["high"] = float(lever["low"]), float(lever["high"])
        lever["max_count"] = int(lever["max_count"]) if lever["max_count"] is not None else None
    return levers


# --- collection points by where they lie --------------------------------------------------


#: The district boundaries (BKG, shipped with the viewer), for placing points by coordinates.
BOUNDARIES = Path(__file__).resolve().parents[2] / "webapp" / "static" / "geo" / "districts.geojson"


def default_features() -> list[Any] | None:
    """The shipped district boundaries, or None where the file is missing."""
    from graph.views.map import read_features

    return read_features(BOUNDARIES) if BOUNDARIES.is_file() else None


def locate_points(points: Sequence[Mapping[str, Any]], features: Sequence[Any] | None
                  ) -> list[dict[str, Any]]:
    """The points with ``district`` taken from where they lie (``located`` True) when they have
    coordinates inside one of the ``features`` (district boundaries with ``key`` and
    ``polygons`` of (lon, lat) rings); otherwise as given (``located`` False).

    >>> square = type("F", (), {"key": "A", "polygons": [[[(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]]]})
    >>> [(p["district"], p["located"]) for p in locate_points(
    ...     [{"lat": 1.0, "lon": 1.0, "district": "B"}, {"lat": None, "lon": None, "district": "B"}], [square])]
    [('A', True), ('B', False)]
    """
    import numpy as np
    from matplotlib.path import Path as Shape

    shapes = [(f.key, [[Shape(ring) for ring in polygon] for polygon in f.polygons]) for f in features or ()]
    placed = [i for i, point in enumerate(points) if point.get("lat") is not None and point.get("lon") is not None]
    keys: dict[int, str] = {}
    if shapes and placed:
        # All points against one ring at a time (Path.contains_points, the same test as
        # contains_point): 2,000 points at 100,000 SYNTHETIC actors took a second one by one.
        # The first district, and in it the first polygon, that holds a point keeps it.
        xy = np.array([(float(points[i]["lon"]), float(points[i]["lat"])) for i in placed], dtype=float)
        open_ = np.ones(len(placed), dtype=bool)
        for key, polygons in shapes:
            for outer, *holes in polygons:
                inside = open_ & outer.contains_points(xy)
                for hole in holes:
                    inside &= ~hole.contains_points(xy)
                for j in np.flatnonzero(inside):
                    keys[placed[j]] = key
                open_ &= ~inside
    return [{**point, "district": keys.get(i) or point.get("district"), "located": i in keys}
            for i, point in enumerate(points)]


def points_per_district(points: Sequence[Mapping[str, Any]], features: Sequence[Any] | None = None
                        ) -> tuple[dict[str, int], dict[str, list[str]], int]:
    """Count the known collection points per district key, placed by :func:`locate_points`.
    Returns (counts, sources per district, how many were placed by their coordinates).

    >>> square = type("F", (), {"key": "A", "polygons": [[[(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]]]})
    >>> points = [{"lat": 1.0, "lon": 1.0, "district": "B", "sources": ["u"]},
    ...           {"lat": None, "lon": None, "district": "B", "sources": ["v"]}]
    >>> points_per_district(points, [square])[0]
    {'A': 1, 'B': 1}
    """
    return count_points(locate_points(points, features))


def count_points(placed: Sequence[Mapping[str, Any]]) -> tuple[dict[str, int], dict[str, list[str]], int]:
    """:func:`points_per_district` of points placed by :func:`locate_points` already."""
    counts: dict[str, int] = defaultdict(int)
    sources: dict[str, list[str]] = defaultdict(list)
    for point in placed:
        key = point["district"]
        if key:
            counts[key] += 1
            sources[key] += [s for s in point.get("sources") or () if s not in sources[key]]
    located = sum(p["located"] for p in placed)
    return dict(sorted(counts.items())), {k: sorted(v) for k, v in sources.items()}, located


# --- the view ----------------------------------------------------------------------------


def _weakest(*statuses: str | None) -> str:
    return max((s for s in statuses if s), key=STATUSES.index, default=model.ASSUMED)


def _range(low: float, high: float, unit: str, status: str, sources: Iterable[str], *,
           assumption: str | None = None, digits: int = 0, **more: Any) -> dict[str, Any]:
    def rounded(x: float) -> float:
        return round(x, digits) if digits else round(x)

    quantity = {"low": rounded(low), "high": rounded(high), "unit": unit, "status": status,
                "source": sorted(set(sources)), **more}
    if assumption:
        quantity["assumption"] = assumption
    return quantity


def _district_quantities(row: Mapping[str, Any], result: Mapping[str, Any], lang: str, states: Mapping[str, str],
                         points: int, point_sources: list[str], points_note: str) -> dict[str, Any]:
    """One district's numbers as quantities (each with status and source or assumption)."""
    q: dict[str, Any] = {}
    if row["population"]:
        q["population"] = {"value": row["population"], "unit": "inhabitants", "status": model.MEASURED,
                           "date": row["population_date"],
                           "source": [row["population_source"]] if row["population_source"] else []}
    generated, collected = row["generated"], row["collected"]
    if generated:
        q["generated"] = _range(generated["low_t"], generated["high_t"], "t", model.ESTIMATED, generated["sources"],
                                per_inhabitant={"low": generated["low"], "high": generated["high"], "unit": "kg/inh",
                                                "status": model.ESTIMATED, "source": generated["sources"],
                                                "years": [generated["low_year"], generated["high_year"]]},
                                assumption=_text(lang, "national_generation",
                                                 years=f"{generated['low_year']}, {generated['high_year']}"))
    if collected:
        assumption = None
        if collected["status"] == model.ESTIMATED:
            assumption = _text(lang, "estimated_collected", kg=_num(collected["quantity"], lang),
                               year=collected["year"])
        elif collected["status"] == model.ASSUMED:
            others = ", ".join(f"{states.get(a, a)} {_num(k, lang)} kg ({y})"
                               for a, k, y in collected["assumption"]["others"])
            assumption = _text(lang, "assumed_collected", state=states.get(row["state"], row["state"]), others=others)
        q["collected"] = _range(collected["low"], collected["high"], "t", collected["status"], collected["sources"],
                                assumption=assumption, year=collected["year"], figures=collected["figures"],
                                confidence=collected["confidence"])
    outlook = row["outlook"]
    if outlook:
        status = _weakest(model.ESTIMATED, collected["status"])
        both = list(generated["sources"]) + list(collected["sources"])
        q["target"] = _range(outlook["target_low"], outlook["target_high"], "t", model.ESTIMATED,
                             [*generated["sources"], DIRECTIVE], definition=model.TARGET_DEFINITION,
                             assumption=_text(lang, "target_definition"))
        q["rate"] = _range(100 * outlook["rate_low"], 100 * outlook["rate_high"], "%", status, both, digits=1,
                           assumption=q["collected"].get("assumption"))
        q["gap"] = _range(outlook["gap_low"], outlook["gap_high"], "t", status, [*both, DIRECTIVE],
                          assumption=q["collected"].get("assumption"))
        q["distance"] = _range(outlook["distance_low"], outlook["distance_high"], "pp", status, [*both, DIRECTIVE],
                               digits=1, assumption=q["collected"].get("assumption"))
    if result["levers"]:
        lever_sources = [s for lever in result["levers"] for s in lever["sources"]]
        lever_assumptions = " ".join(lever["assumption"] for lever in result["levers"] if lever["assumption"])
        q["scenario_added"] = _range(result["added_low"], result["added_high"], "t", model.ASSUMED, lever_sources,
                                     assumption=lever_assumptions or _text(lang, "additive"), digits=1)
        if result["outlook"]:
            o = result["outlook"]
            sources = [*generated["sources"], *collected["sources"], *lever_sources]
            words = " ".join(filter(None, [q["collected"].get("assumption"), lever_assumptions,
                                           _text(lang, "additive")]))
            q["scenario_collected"] = _range(result["collected_low"], result["collected_high"], "t", model.ASSUMED,
                                             sources, assumption=words)
            q["scenario_rate"] = _range(100 * o["rate_low"], 100 * o["rate_high"], "%", model.ASSUMED, sources,
                                        assumption=words, digits=1)
            q["scenario_gap"] = _range(o["gap_low"], o["gap_high"], "t", model.ASSUMED, [*sources, DIRECTIVE],
                                       assumption=words)
    q["collection_points"] = {"value": points, "unit": "points", "status": model.MEASURED, "source": point_sources,
                              "assumption": points_note}
    return q


def _flat(row: Mapping[str, Any], quantities: Mapping[str, Any]) -> dict[str, Any]:
    """One CSV row: the district, then for each quantity its low, high, unit, status, source, assumption."""
    flat: dict[str, Any] = {"district": row["key"], "name": row["name"], "state": row["state"],
                            "region_status": row["region_status"]}
    for name in QUANTITIES:
        q = quantities.get(name) or {}
        flat[f"{name}_low"] = q.get("low", q.get("value"))
        flat[f"{name}_high"] = q.get("high", q.get("value"))
        flat[f"{name}_unit"] = q.get("unit")
        flat[f"{name}_status"] = q.get("status")
        flat[f"{name}_year"] = q.get("year", q.get("date"))
        flat[f"{name}_source"] = " ".join(q.get("source") or ())
        flat[f"{name}_assumption"] = q.get("assumption")
    return flat


_PARTS = ("low", "high", "unit", "status", "year", "source", "assumption")
FLAT_COLUMNS = ["district", "name", "state", "region_status"] + [f"{q}_{p}" for q in QUANTITIES for p in _PARTS]


def collection_inputs(store: pyoxigraph.Store, features: Sequence[Any] | None = None, *,
                      points: Sequence[Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """What :func:`collection_view` reads from the store, in every language, read once per
    store version (the build writes it, graph/derived.py; the collection points' query alone
    took seconds at 100,000 SYNTHETIC actors): the figures, the levers, the districts, the
    states' rows of ``network_labels``, and the collection points counted per district
    (``features``: as in :func:`collection_view`; ``points``: the store's collection points
    placed by :func:`locate_points` already, when the caller has them)."""
    if points is None:
        points = locate_points(collection_points(store), features)
    point_counts, point_sources, located = count_points(points)
    return {"figures": read_figures(store), "levers": read_levers(store),
            "districts": run_named(store, "districts").rows,
            "states": [row for row in run_named(store, "network_labels").rows if row["scheme"] == "state"],
            "point_counts": point_counts, "point_sources": point_sources, "located": located, "points": len(points)}


def collection_view(store: pyoxigraph.Store, *, district: str | None = None, counts: Mapping[str, int] | None = None,
                    lever_args: Sequence[str] = (), lang: str = "de", features: Sequence[Any] | None = None,
                    inputs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The model and a scenario for every district (or one), ready for page, CLI and briefing.

    Parameters
    ----------
    district : a district key or name; None for every district of the region.
    counts : lever id → count (e.g. from the page's form); ``lever_args`` alternatively as
        ``NAME=COUNT`` strings (from the command line).
    features : district boundaries (:func:`graph.views.map.read_features`), so that collection
        points with coordinates are counted by where they lie.
    inputs : :func:`collection_inputs` of ``store`` (and ``features``), when the caller keeps
        it; read from the store when None.

    Returns
    -------
    dict
        ``definition`` (the target used), ``assumptions`` (the model's, in words),
        ``levers`` (each with its range, unit, sources, assumption and the chosen count),
        ``counts``, ``districts`` (per district: key, name, state, region status and its
        quantities, see :func:`_district_quantities`; ``context``: other figures) and
        ``table`` (a flat :class:`Table` for CSV).

    Raises
    ------
    graph.analyse.scenario.LeverError
        for an unknown district or lever, or a count out of range.
    """
    inputs = inputs if inputs is not None else collection_inputs(store, features)
    figures, levers = inputs["figures"], inputs["levers"]
    chosen = dict(counts or {})
    for name, count in model.parse_levers(lever_args, levers).items():
        chosen[name] = chosen.get(name, 0) + count
    districts = inputs["districts"]
    states = {row["notation"]: row["de" if lang == "de" else "en"] or row["notation"] for row in inputs["states"]}
    if district:
        wanted = [d for d in districts if district.casefold() in (d["key"].casefold(), str(d["name"]).casefold())]
        if not wanted:
            known = ", ".join(f"{d['name']} ({d['key']})" for d in districts)
            raise model.LeverError(f"unknown district '{district}'; known districts: {known}")
        districts = wanted
    rows = model.district_model(districts, figures, states)
    point_counts, point_sources, located = inputs["point_counts"], inputs["point_sources"], inputs["located"]
    rest = _text(lang, "points.rest") if located < inputs["points"] else ""
    points_note = _text(lang, "points", located=located, n=inputs["points"], rest=rest)
    out_rows, flat = [], []
    for row in rows:
        result = model.scenario(row, levers, chosen)
        quantities = _district_quantities(row, result, lang, states, point_counts.get(row["key"], 0),
                                          point_sources.get(row["key"], []), points_note)
        out_rows.append({"district": row["key"], "name": row["name"], "state": row["state"],
                         "state_name": states.get(row["state"], row["state"]), "region_status": row["region_status"],
                         **quantities, "levers": result["levers"],
                         "context": [{"id": f["id"], "part": f["part"], "year": f["year"], "basis": f["basis"],
                                      "devices": f["devices"], "value": f["quantity"], "unit": f["unit"],
                                      "status": model.MEASURED, "source": f["sources"], "note": f["note"]}
                                     for f in row["context"]]})
        flat.append(_flat(row, quantities))
    generated = model.generated_per_inhabitant(figures)
    years = f"{generated['low_year']}, {generated['high_year']}" if generated else "–"
    assumptions = [_text(lang, "national_generation", years=years), _text(lang, "target_definition"),
                   _text(lang, "oere_only"), _text(lang, "additive"), _text(lang, "per_year")]
    lever_rows = [{"id": lever["id"], "name": lever["name_de" if lang == "de" else "name_en"], "per": lever["per"],
                   "unit": lever["unit"], "low": lever["low"], "high": lever["high"], "basis": lever["basis"],
                   "max_count": lever["max_count"], "count": chosen.get(lever["id"], 0), "source": lever["sources"],
                   "assumption": lever["assumption"], "note": lever["note"], "confidence": lever["confidence"]}
                  for lever in sorted(levers, key=lambda x: x["id"])]
    return {"definition": model.TARGET_DEFINITION, "target_share": model.TARGET_SHARE, "assumptions": assumptions,
            "levers": lever_rows, "counts": {k: v for k, v in chosen.items() if v}, "districts": out_rows,
            "table": Table(list(FLAT_COLUMNS), flat)}


def status_label(status: str, lang: str) -> str:
    return _text(lang, f"status.{status}")


def span(q: Mapping[str, Any] | None, lang: str, digits: int = 0) -> str:
    """A quantity as words: ``2,693–3,124`` (or one number when low = high); "–" when absent."""
    if not q:
        return "–"
    if "value" in q:
        return _num(q["value"], lang, digits)
    low, high = _num(q["low"], lang, digits), _num(q["high"], lang, digits)
    return low if low == high else f"{low}–{high}"


_HEAD = {
    "de": ("Landkreis", "Einwohner", "anfallend t", "gesammelt t", "Status", "Jahr", "Ziel t", "Quote %", "Lücke t",
           "Szenario gesammelt t", "Szenario Quote %", "Szenario Lücke t", "Sammelstellen"),
    "en": ("district", "inhabitants", "generated t", "collected t", "status", "year", "target t", "rate %", "gap t",
           "scenario collected t", "scenario rate %", "scenario gap t", "collection points"),
}
_WORDS = {
    "de": {"levers": "Hebel (Wirkung je Einheit, Spanne)", "assumptions": "Annahmen", "definition": "Ziel",
           "sources": "Quellen", "chosen": "gewählt", "none": "keine Hebel gewählt (--lever NAME=ANZAHL)",
           "status": "gemessen = Zahl des Landkreises; geschätzt = aus einer Zahl für ein größeres Gebiet; "
                     "angenommen = keine Quelle, eine Annahme"},
    "en": {"levers": "Levers (effect per count, range)", "assumptions": "Assumptions", "definition": "Target",
           "sources": "sources", "chosen": "chosen", "none": "no levers chosen (--lever NAME=COUNT)",
           "status": "measured = the district's own figure; estimated = from a figure for a larger area; "
                     "assumed = no source, an assumption"},
}


def scenario_text(view: Mapping[str, Any], lang: str) -> str:
    """The view as terminal text: the district table, the levers with sources, the assumptions."""
    head, words = _HEAD["en" if lang == "en" else "de"], _WORDS["en" if lang == "en" else "de"]
    rows = []
    for d in view["districts"]:
        collected = d.get("collected") or {}
        values = [d["name"], span(d.get("population"), lang), span(d.get("generated"), lang), span(collected, lang),
                  _text(lang, f"status.{collected['status']}") if collected else "–", str(collected.get("year", "–")),
                  span(d.get("target"), lang), span(d.get("rate"), lang, 1), span(d.get("gap"), lang),
                  span(d.get("scenario_collected"), lang), span(d.get("scenario_rate"), lang, 1),
                  span(d.get("scenario_gap"), lang), span(d.get("collection_points"), lang)]
        rows.append(dict(zip(head, values, strict=True)))
    keep = list(head) if view["counts"] else list(head[:9]) + [head[12]]
    lines = [Table(keep, rows).to_text(max_width=40), "", words["status"], "",
             f"{words['definition']}: {view['definition']}", "", words["levers"] + ":"]
    for lever in view["levers"]:
        unit = f"{lever['unit']}/{lever['per']}"
        chosen = f"  [{words['chosen']}: {lever['count']}]" if lever["count"] else ""
        lines.append(f"  {lever['id']}: {lever['name']}, {_num(lever['low'], lang, 2)}–{_num(lever['high'], lang, 2)} "
                     f"{unit}{chosen}")
        lines.append(f"    {words['sources']}: {' '.join(lever['source'])}")
    if not view["counts"]:
        lines.append(f"  ({words['none']})")
    lines += ["", words["assumptions"] + ":"] + [f"  - {a}" for a in view["assumptions"]]
    for d in view["districts"]:
        if (d.get("collected") or {}).get("assumption"):
            lines.append(f"  - {d['name']}: {d['collected']['assumption']}")
    return "\n".join(lines)


def citations(view: Mapping[str, Any]) -> dict[str, int]:
    """Every source URL of the view, numbered in order of first use (for footnotes)."""
    numbers: dict[str, int] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            urls = node.get("source")
            for url in urls if isinstance(urls, list) else ():
                numbers.setdefault(url, len(numbers) + 1)
            for key, value in node.items():
                if key != "source":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(view["districts"])
    walk(view["levers"])
    return numbers


def chart(view: Mapping[str, Any], *, width: float = 1000, row_height: float = 46, label_width: float = 150
          ) -> dict[str, Any]:
    """Geometry of the per-district bar chart (SVG user units): for each district with a model,
    the generated range, the target range, the collected range and the scenario range as
    ``x``/``w`` pairs on one scale from 0 to the largest generated amount, and the axis ticks."""
    rows = [d for d in view["districts"] if d.get("generated") and d.get("collected")]
    top = max((d["generated"]["high"] for d in rows), default=1) or 1
    step = next(s for s in (100, 250, 500, 1000, 2000, 2500, 5000, 10_000, 10**9) if top / s <= 8)
    scale = (width - label_width - 20) / (-(-top // step) * step)

    def span_of(q: Mapping[str, Any] | None) -> dict[str, float] | None:
        if not q:
            return None
        return {"x": label_width + q["low"] * scale, "w": max(1.5, (q["high"] - q["low"]) * scale),
                "x0": label_width, "w0": q["low"] * scale, "status": q["status"]}

    bars = []
    for i, d in enumerate(rows):
        bars.append({"key": d["district"], "name": d["name"], "y": 10 + i * row_height,
                     "generated": span_of(d["generated"]), "target": span_of(d.get("target")),
                     "collected": span_of(d["collected"]), "scenario": span_of(d.get("scenario_collected")),
                     "quantities": d})
    ticks = [{"x": label_width + v * scale, "value": v} for v in range(0, int(-(-top // step) * step) + 1, int(step))]
    return {"width": width, "height": 10 + len(rows) * row_height + 30, "label_width": label_width,
            "bars": bars, "ticks": ticks, "axis_y": 10 + len(rows) * row_height + 4}
