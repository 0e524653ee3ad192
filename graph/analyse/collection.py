"""Collection coverage: recycling centres per district, the groups they take, their operators' ties."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from graph.analyse._checks import r4
from graph.analyse._names import state_name
from graph.analyse._stages import stage_positions

COLLECTION_GROUPS = ("SG1", "SG2", "SG3", "SG4", "SG5", "SG6")


def collection_coverage(
    G: nx.Graph,
    points: Iterable[Mapping[str, Any]],
    *,
    include_candidates: bool = True,
    treatment: tuple[str, str] = ("TS-05", "TS-MR"),
    groups: Sequence[str] = COLLECTION_GROUPS,
) -> list[dict[str, Any]]:
    """Count the recycling centres that take back WEEE in each district, and what they lack.

    The alliance's first goal is to collect far more old devices. A district with few
    centres per 100,000 inhabitants or per 100 km² makes the way to the next centre
    long; a collection group (SG1 heat exchangers … SG6 PV modules) that no centre of a
    district is known to accept may be taken nowhere there — or the sources simply do
    not say. A centre whose operator has no recorded tie to an actor that sorts, treats,
    dismantles, shreds or refines is collection without a known regional outlet.

    Parameters
    ----------
    G : collaboration graph; ``G.graph["districts"]`` gives each district's name, state,
        population (with date and source), area and region status; nodes carry
        ``stages``.
    points : collection points as dicts with ``iri``, ``label``, ``operator`` (actor
        IRI or None), ``district`` (key or None), ``accepts`` (list of ``SG1``…``SG6``),
        ``lat``, ``lon``, ``sources``. Points outside the region's districts are left
        out.
    include_candidates : include districts whose membership of the region is not
        settled.
    treatment : the first and last stage that count as treatment; every stage whose
        position lies between them (inclusive) does. An operator that itself works at
        such a stage counts as linked.
    groups : the collection groups to check.

    Returns
    -------
    list of dict
        One row per district: ``district``, ``district_name``, ``state``,
        ``state_name``, ``region_status``, ``points``, ``population``,
        ``population_date``, ``population_source``, ``per_100k`` (centres per 100,000
        inhabitants, None without population), ``area_km2``, ``per_100_km2`` (None
        without area), ``groups_not_known`` (groups no centre is known to accept),
        ``points_without_groups`` (centres whose sources name no group),
        ``points_without_treatment_tie`` (centre IRIs, sorted),
        ``operators_without_treatment_tie`` (actor IRIs, sorted), ``reason_codes``
        (worded by :mod:`graph.words.findings`). Fewest centres per 100,000 first (districts without population
        last), then by key.

    Raises
    ------
    ValueError
        for a treatment stage missing from ``G.graph["stage_order"]``.

    Examples
    --------
    District 03153 (50,000 inhabitants, 200 km²) has two centres run by W; W is tied to
    the sorter S:

    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-05": 2, "TS-MR": 3},
    ...              districts={"03153": {"name": "Goslar", "state": "03",
    ...                                   "population": 50000, "area_km2": 200.0,
    ...                                   "region_status": "confirmed"}})
    >>> G.add_node("W", stages=["TS-01"])
    >>> G.add_node("S", stages=["TS-05"])
    >>> G.add_edge("W", "S")
    >>> points = [{"iri": "P1", "operator": "W", "district": "03153", "accepts": ["SG1"]},
    ...           {"iri": "P2", "operator": "W", "district": "03153", "accepts": []}]
    >>> [row] = collection_coverage(G, points)
    >>> row["points"], row["per_100k"], row["per_100_km2"], row["groups_not_known"]
    (2, 4.0, 1.0, ['SG2', 'SG3', 'SG4', 'SG5', 'SG6'])
    >>> row["points_without_treatment_tie"]
    []

    Notes
    -----
    O(p + Σ k of the operators + d) for p points and d districts.
    """
    order = stage_positions(G)
    missing = [s for s in treatment if s not in order]
    if missing or len(treatment) != 2:
        raise ValueError(f"treatment must be two stages of G.graph['stage_order'], not {treatment!r}")
    lo, hi = sorted(order[s] for s in treatment)
    districts = {
        k: d
        for k, d in (G.graph.get("districts") or {}).items()
        if include_candidates or d.get("region_status") != "candidate"
    }
    by_district: dict[str, list[Mapping[str, Any]]] = {k: [] for k in districts}
    for point in points:
        if point.get("district") in by_district:
            by_district[point["district"]].append(point)
    linked: dict[str | None, bool] = {}

    def treats(actor: str) -> bool:
        return any(lo <= order.get(s, 0) <= hi for s in G.nodes[actor].get("stages") or ())

    def has_treatment_tie(operator: str | None) -> bool:
        if operator not in linked:
            linked[operator] = (
                operator is not None
                and operator in G
                and (treats(operator) or any(treats(x) for x in G[operator] if x != operator))
            )
        return linked[operator]

    rows = []
    for key in sorted(districts):
        d = districts[key]
        here = sorted(by_district[key], key=lambda p: p["iri"])
        accepted = {g for p in here for g in p.get("accepts") or ()}
        unlinked = [p for p in here if not has_treatment_tie(p.get("operator"))]
        population, area = d.get("population"), d.get("area_km2")
        row: dict[str, Any] = {
            "district": key,
            "district_name": d.get("name") or key,
            "state": d.get("state"),
            "state_name": state_name(G, d.get("state"), "de"),
            "region_status": d.get("region_status"),
            "points": len(here),
            "population": population,
            "population_date": d.get("population_date"),
            "population_source": d.get("population_source"),
            "per_100k": r4(len(here) / population * 100_000) if population else None,
            "area_km2": area,
            "per_100_km2": r4(len(here) / area * 100) if area else None,
            "groups_not_known": [g for g in groups if g not in accepted],
            "points_without_groups": sum(1 for p in here if not p.get("accepts")),
            "points_without_treatment_tie": [p["iri"] for p in unlinked],
            "operators_without_treatment_tie": sorted({p["operator"] for p in unlinked if p.get("operator")}),
        }
        row["reason_codes"] = _codes(row)
        rows.append(row)
    rows.sort(key=lambda r: (r["per_100k"] is None, r["per_100k"] or 0.0, r["district"]))
    return rows


def _codes(row: dict[str, Any]) -> list[str]:
    """What to say about a district (worded by :mod:`graph.words.findings`)."""
    checks = [("count", True), ("pop", row["per_100k"] is not None), ("area", row["per_100_km2"] is not None),
              ("groups", bool(row["groups_not_known"])), ("unstated", bool(row["points_without_groups"])),
              ("unlinked", bool(row["points_without_treatment_tie"]))]
    return [code for code, applies in checks if applies]
