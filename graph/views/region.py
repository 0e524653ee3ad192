"""The region at a glance: districts with status and counts, totals, and the data's date."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph

from graph.namespaces import scheme_iri
from graph.network import collection_points
from graph.scans import HGNS, ORGANIZATION, RDFS, RELATIONSHIP, SCHEMA, SKOS, SOURCE, StoreScan
from graph.sparql.catalog import run_named
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


def districts(store: pyoxigraph.Store, *, lang: str = "de", features: list | None = None,
              actors: dict[str | None, int] | None = None) -> Table:
    """The region's districts with their status, population, actors and collection points.

    Only the known collection points of the data are counted: with district boundaries
    (``features``, see :func:`graph.views.map.read_features`; the shipped ones by default) a
    point with coordinates counts where it lies, any other point by its district column.

    ``actors``: district key → number of actors (the ``actors_by_district`` query), when the
    caller has counted them already.

    Returns
    -------
    Table
        Columns :data:`DISTRICT_COLUMNS`, confirmed districts first, then by name. The
        ``…_per_100k`` columns are per 100,000 inhabitants, rounded to one decimal, None
        where the population is not known.
    """
    labels = concept_labels(store, lang=lang)
    if actors is None:
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


def overview(store: pyoxigraph.Store, *, lang: str = "de", scan: StoreScan | None = None,
             features: list | None = None) -> dict[str, object]:
    """Everything the start page shows: totals, actors by kind and by state, the districts,
    how many actors have no district, and the dataset's date.

    ``scan``: a :class:`~graph.scans.StoreScan` of ``store``; when given, the counts are
    taken from its single-pattern scans instead of four aggregating queries over every actor
    (the build's precompute step: a minute at 100,000 actors otherwise). ``features``: the
    district boundaries (:func:`districts`).

    Returns
    -------
    dict
        ``totals`` (dict of counts), ``by_kind`` and ``by_state`` (Tables, largest first),
        ``districts`` (see :func:`districts`), ``without_district`` (int) and ``dataset``.
    """
    counts = counted(scan, lang=lang) if scan is not None else {
        "totals": run_named(store, "totals"), "by_kind": run_named(store, "actors_by_kind", lang=lang),
        "by_district": run_named(store, "actors_by_district"),
        "by_state": run_named(store, "actors_by_state", lang=lang)}
    totals = counts["totals"].rows[0] if counts["totals"].rows else {}
    without = sum(int(r["actors"]) for r in counts["by_district"].rows if r["district"] is None)
    per_district: dict[str | None, int] = defaultdict(int)
    for row in counts["by_district"].rows:
        per_district[row["district"]] += int(row["actors"])
    return {"totals": totals, "by_kind": counts["by_kind"], "by_state": counts["by_state"],
            "districts": districts(store, lang=lang, features=features, actors=dict(per_district)),
            "without_district": without, "dataset": dataset(store, lang=lang)}


def counted(scan: StoreScan, *, lang: str = "de") -> dict[str, Table]:
    """The tables of the ``totals``, ``actors_by_kind``, ``actors_by_district`` and
    ``actors_by_state`` queries (as :func:`graph.stats.stats` names them), from single-pattern
    scans: same columns, same rows, same order (largest first, then by key, "none" first)."""
    actors = scan.instances(ORGANIZATION)
    sources = scan.many(SOURCE)
    schemes = scan.instances(SKOS + "ConceptScheme")
    concepts = scan.instances(SKOS + "Concept")
    vocabulary = {c for c, s in scan.pairs(SKOS + "inScheme") if c in concepts and s != scheme_iri("district")}
    data_sources = {str(source) for subject, values in sources.items()
                    if subject not in schemes and subject not in vocabulary for source in values}
    totals = {"actors": len(actors), "relations": len(scan.instances(RELATIONSHIP)),
              "projects": len(scan.instances(SCHEMA + "ResearchProject")),
              "collection_points": len(scan.instances(SCHEMA + "RecyclingCenter")),
              "sources": len(data_sources), "actors_without_source": sum(1 for a in actors if a not in sources)}
    pref = scan.many_terms(SKOS + "prefLabel")

    def label(concept: object) -> str | None:
        found = [t.value for t in pref.get(concept, ()) if t.language == lang]  # type: ignore[arg-type]
        return min(found) if found else None

    kinds, districts_of = scan.many(HGNS + "kind"), scan.many(HGNS + "district")
    states_of = scan.many(HGNS + "state")
    names, status = scan.one(RDFS + "label"), scan.one(HGNS + "regionStatus")
    by_kind: dict[tuple, set[str]] = defaultdict(set)
    by_district: dict[tuple, set[str]] = defaultdict(set)
    by_state: dict[tuple, set[str]] = defaultdict(set)
    for actor in actors:
        for k in kinds.get(actor, ()):  # a kind's notation names one concept (the vocabulary's shapes)
            if scan.notation(k) is not None and label(k) is not None:
                by_kind[(scan.notation(k), label(k))].add(actor)
        groups = [(scan.notation(d), names.get(d), scan.notation(status.get(d)))
                  for d in districts_of.get(actor, ())]
        for group in [g for g in groups if None not in g] or [(None, None, None)]:
            by_district[group].add(actor)
        groups = [(scan.notation(s), label(s)) for s in states_of.get(actor, ())]
        for group in [g for g in groups if None not in g] or [(None, None)]:
            by_state[group].add(actor)

    def table(columns: list[str], rows: dict) -> Table:
        found = [dict(zip(columns, (*key, len(members)), strict=True)) for key, members in rows.items()]
        found.sort(key=lambda r: (-r["actors"], r[columns[0]] is not None, r[columns[0]] or ""))
        return Table(columns, found)

    return {"totals": Table(list(totals), [totals]),
            "by_kind": table(["kind", "kind_label", "actors"], by_kind),
            "by_district": table(["district", "district_name", "region_status", "actors"], by_district),
            "by_state": table(["state", "state_name", "actors"], by_state)}
