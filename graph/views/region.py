"""The region at a glance: districts with status and counts, totals, and the data's date."""

from __future__ import annotations

import pyoxigraph

from graph.network import collection_points
from graph.sparql.catalog import run_named
from graph.stats import stats
from graph.tables import Table
from graph.views.actors import concept_labels
from graph.views.collection import default_features, points_per_district

DISTRICT_COLUMNS = ["key", "name", "state", "state_label", "region_status", "region_status_label", "status_note",
                    "population", "population_date", "area_km2", "actors", "collection_points",
                    "actors_per_100k", "collection_points_per_100k"]


def dataset(store: pyoxigraph.Store, *, lang: str = "de") -> dict[str, object]:
    """The dataset's title in ``lang`` and ``modified``: the date its rows were last compared
    with their sources (the newest ``checked`` date), or None."""
    rows = run_named(store, "dataset", lang=lang).rows
    return rows[0] if rows else {"title": None, "modified": None}


def districts(store: pyoxigraph.Store, *, lang: str = "de", features: list | None = None) -> Table:
    """The region's districts with their status, population, actors and collection points.

    Only the known collection points of the data are counted: with district boundaries
    (``features``, see :func:`graph.views.map.read_features`; the shipped ones by default) a
    point with coordinates counts where it lies, any other point by its district column.

    Returns
    -------
    Table
        Columns :data:`DISTRICT_COLUMNS`, confirmed districts first, then by name. The
        ``…_per_100k`` columns are per 100,000 inhabitants, rounded to one decimal, None
        where the population is not known.
    """
    labels = concept_labels(store, lang=lang)
    actors = {row["district"]: row["actors"] for row in run_named(store, "actors_by_district").rows}
    boundaries = features if features is not None else default_features()
    points, _sources, _located = points_per_district(collection_points(store), boundaries)
    rows = []
    for row in run_named(store, "districts").rows:
        key, population = row["key"], row["population"]
        counts = {"actors": int(actors.get(key, 0)), "collection_points": points.get(key, 0)}
        rows.append({
            "key": key, "name": row["name"], "state": row["state"],
            "state_label": labels.get(("state", row["state"]), {}).get("label", row["state"]),
            "region_status": row["region_status"],
            "region_status_label": labels.get(("region-status", row["region_status"]), {}).get(
                "label", row["region_status"]),
            "status_note": row["status_note"], "population": population, "population_date": row["population_date"],
            "area_km2": row["area_km2"], **counts,
            **{f"{k}_per_100k": per_100k(v, population) for k, v in counts.items()},
        })
    rows.sort(key=lambda r: (r["region_status"] != "confirmed", r["name"], r["key"]))
    return Table(list(DISTRICT_COLUMNS), rows)


def per_100k(count: int, population: int | None) -> float | None:
    """``count`` per 100,000 inhabitants, one decimal; None without a population.

    >>> per_100k(3, 150_000)
    2.0
    >>> per_100k(3, None) is None
    True
    """
    if not population:
        return None
    return round(count * 100_000 / population, 1)


def overview(store: pyoxigraph.Store, *, lang: str = "de") -> dict[str, object]:
    """Everything the start page shows: totals, actors by kind and by state, the districts,
    how many actors have no district, and the dataset's date.

    Returns
    -------
    dict
        ``totals`` (dict of counts), ``by_kind`` and ``by_state`` (Tables, largest first),
        ``districts`` (see :func:`districts`), ``without_district`` (int) and ``dataset``.
    """
    counts = stats(store, lang=lang)
    totals = counts["totals"].rows[0] if counts["totals"].rows else {}
    without = sum(int(r["actors"]) for r in counts["by_district"].rows if r["district"] is None)
    return {"totals": totals, "by_kind": counts["by_kind"], "by_state": counts["by_state"],
            "districts": districts(store, lang=lang), "without_district": without,
            "dataset": dataset(store, lang=lang)}
