"""Value-chain coverage: which treatment stages have a regional actor, per material and category."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.analyse._checks import order_levels, r4
from graph.analyse._names import (
    actor_label,
    actor_state,
    area_name,
    district_name,
    is_regional,
    join,
    label,
    region_areas,
    sorted_areas,
    state_name,
)
from graph.analyse._stages import OFF_PATH, chain_positions, stage_positions
from graph.concepts import hierarchy_of

_SCHEME = {"material": "material", "category": "weee-category"}


def value_chain_coverage(
    G: nx.Graph,
    *,
    levels: Iterable[str] = ("region", "state", "district"),
    include_candidates: bool = True,
    items: Iterable[str] | None = None,
    stages: Iterable[str] | None = None,
    off_path: Iterable[str] = OFF_PATH,
) -> list[dict[str, Any]]:
    """For every material and WEEE category, which stages of the chain have a regional actor.

    A stage with no actor in the region is where the material presumably leaves the
    region: someone outside sorts, shreds or refines it, and the value is added there.
    The first such gap along the recycling path, after the first stage the region
    covers, is where the chain first breaks.
    A stage with a single actor is a dependency — if that actor stops, the link breaks.
    Read the rows of one material from the region down to the districts to see whether
    a gap is regional or only local. "Missing" means that no actor in the data is known
    to work there, not that none exists.

    Parameters
    ----------
    G : collaboration graph whose nodes carry ``stages``, ``materials``, ``categories``,
        ``district``, ``state`` and ``region_status``; ``G.graph["stage_order"]`` gives
        the chain (sub-stages count for their group, e.g. TS-10 for TS-MR).
    levels : any of ``"region"``, ``"state"``, ``"district"``.
    include_candidates : count actors of districts whose membership of the region is
        not settled ("candidate").
    items : restrict to these material or category notations; by default every material
        in ``G.graph["materials"]`` or on an actor, and every category (``EEE-CAT-…``) in
        ``G.graph["labels"]`` or on an actor.
    stages : restrict the chain to these top-level stages (e.g. leave out disposal).
    off_path : stages that are not on the recycling path and never count as the first
        gap (default: re-use and repair, energy recovery, disposal); they still count as
        present or missing.

    Returns
    -------
    list of dict
        One row per item and area: ``item``, ``item_type`` ("material"/"category"),
        ``item_de``, ``item_en``, ``level``, ``area`` (state or district key, None for
        the region), ``area_de``, ``area_en``, ``actors`` (how many regional actors handle
        the item at a chain stage), ``stages_present``, ``stages_missing``,
        ``single_actor_stages`` (lists of stage notations in chain order), ``first_gap``
        (the first missing stage on the recycling path after the first present one on
        it; None if the path has no present stage or no gap after it), ``coverage``
        (share of chain stages present), ``gap_kind`` (what the first gap likely means:
        "elsewhere", "hole" or "region_end", see :func:`gap_kind`; None without a gap),
        ``gap_where`` (the other states or districts with an actor at that stage),
        ``reasons_de``, ``reasons_en``. Sorted by level (region, state, district),
        area key, materials before categories, then item.

    Raises
    ------
    ValueError
        for an unknown level or a stage that is not a top-level stage.

    Examples
    --------
    Copper is collected and shredded in the region, but nobody sorts it:

    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-05": 2, "TS-09": 3})
    >>> G.add_node("A", stages=["TS-01"], materials=["copper"], district="03153")
    >>> G.add_node("B", stages=["TS-09"], materials=["copper"], district="03153")
    >>> [row] = value_chain_coverage(G, levels=["region"])
    >>> row["stages_present"], row["stages_missing"], row["first_gap"], row["coverage"]
    (['TS-01', 'TS-09'], ['TS-05'], 'TS-05', 0.6667)

    Notes
    -----
    One pass over the actors builds an index (item, area, stage) → actors; the rows
    are then read from it. Time O(n · i · s + rows · s) for i items and s stages per
    actor, memory O(n · i · s); independent of the ties m.
    """
    index, chain, item_list = stage_index(G, levels, include_candidates, items, stages)
    off_path = set(off_path)
    rows = []
    for level, area in _areas(G, index, order_levels(levels), include_candidates):
        for item_type, item in item_list:
            by_stage = index.get((level, area, item), {})
            rows.append(_coverage_row(G, level, area, item_type, item, by_stage, chain, off_path, index))
    return rows


def value_chain_matrix(
    G: nx.Graph,
    *,
    levels: Iterable[str] = ("region",),
    include_candidates: bool = True,
    items: Iterable[str] | None = None,
    stages: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """The item × stage matrix behind :func:`value_chain_coverage`, one row per cell.

    Each cell counts the regional actors that handle the item at the stage; a heatmap of
    these counts shows at a glance where chains are thin or broken.

    Parameters
    ----------
    G, levels, include_candidates, items, stages : as in :func:`value_chain_coverage`.

    Returns
    -------
    list of dict
        ``item``, ``item_type``, ``item_de``, ``item_en``, ``level``, ``area``,
        ``area_de``, ``area_en``, ``stage``, ``stage_de``, ``stage_en``, ``position``,
        ``actors`` (count), ``actor_iris`` (sorted). Sorted as the coverage rows, then by
        position.

    Examples
    --------
    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-05": 2})
    >>> G.add_node("A", stages=["TS-01"], materials=["copper"], district="03153")
    >>> [(r["stage"], r["actors"]) for r in value_chain_matrix(G)]
    [('TS-01', 1), ('TS-05', 0)]

    Notes
    -----
    As :func:`value_chain_coverage`: O(n · i · s + rows), independent of m.
    """
    index, chain, item_list = stage_index(G, levels, include_candidates, items, stages)
    rows = []
    for level, area in _areas(G, index, order_levels(levels), include_candidates):
        for item_type, item in item_list:
            by_stage = index.get((level, area, item), {})
            for position, stage in chain:
                actors = sorted(by_stage.get(position, ()))
                rows.append(
                    {
                        **_item_in_area(G, level, area, item_type, item),
                        "stage": stage,
                        "stage_de": label(G, stage, "de", "stage"),
                        "stage_en": label(G, stage, "en", "stage"),
                        "position": position,
                        "actors": len(actors),
                        "actor_iris": actors,
                    }
                )
    return rows


def all_items(G: nx.Graph) -> list[tuple[str, str]]:
    """(item_type, notation) of every material and category the graph knows, sorted."""
    materials = set(G.graph.get("materials") or ())
    categories = set(G.graph.get("categories") or ())
    for _, d in G.nodes(data=True):
        materials.update(d.get("materials") or ())
        categories.update(d.get("categories") or ())
    return [("material", m) for m in sorted(materials)] + [("category", c) for c in sorted(categories)]


def stage_index(G, levels, include_candidates, items, stages):
    """(level, area, item) -> position -> set of actors, plus the chain and the item list."""
    levels = order_levels(levels)
    chain = chain_positions(G, stages)
    kept = {p for p, _ in chain}
    item_list = all_items(G)
    if items is not None:
        wanted = set(items)
        known = {i for _, i in item_list}
        item_list = [(t, i) for t, i in item_list if i in wanted] + [("material", i) for i in sorted(wanted - known)]
    order = stage_positions(G)
    hierarchy = hierarchy_of(G)
    index: dict[tuple[str, str | None, str], dict[int, set[str]]] = {}
    for v, d in G.nodes(data=True):
        if not is_regional(d, include_candidates):
            continue
        positions = {order[s] for s in d.get("stages") or () if s in order} & kept
        if not positions:
            continue
        areas = []
        if "region" in levels:
            areas.append(("region", None))
        if "state" in levels and actor_state(G, d):
            areas.append(("state", actor_state(G, d)))
        if "district" in levels:
            areas.append(("district", d["district"]))
        # An actor handling lead-acid batteries handles batteries too (graph.concepts).
        handled = (hierarchy.with_broader("material", d.get("materials") or ())
                   | hierarchy.with_broader("weee-category", d.get("categories") or ()))
        for level, area in areas:
            for item in handled:
                by_stage = index.setdefault((level, area, item), {})
                for p in positions:
                    by_stage.setdefault(p, set()).add(v)
    return index, chain, item_list


def _areas(G, index, levels, include_candidates) -> list[tuple[str, str | None]]:
    """Every area of the chosen levels: the region, every state, the districts of the region,
    and any area an actor of ``index`` lies in."""
    areas = region_areas(G, levels, include_candidates)
    if "state" in levels:
        areas.update(("state", k) for k in G.graph.get("states") or ())
    areas.update((level, area) for level, area, _ in index)
    return sorted_areas(areas)


def _area_names(G, level, area) -> tuple[str, str]:
    return area_name(G, level, area, "de"), area_name(G, level, area, "en")


def coverage_parts(
    by_stage: dict[int, set[str]], chain: list[tuple[int, str]], off_path: Iterable[str] = OFF_PATH
) -> dict[str, Any]:
    """Present, missing and single-actor stages, the first gap and the coverage share."""
    present = [s for p, s in chain if by_stage.get(p)]
    missing = [s for p, s in chain if not by_stage.get(p)]
    single = [s for p, s in chain if len(by_stage.get(p, ())) == 1]
    path = [(p, s) for p, s in chain if s not in set(off_path)]
    first_gap = None
    first = next((p for p, s in path if by_stage.get(p)), None)
    if first is not None:
        first_gap = next((s for p, s in path if p > first and not by_stage.get(p)), None)
    actors = set().union(*by_stage.values()) if by_stage else set()
    return {
        "actors": len(actors),
        "stages_present": present,
        "stages_missing": missing,
        "single_actor_stages": single,
        "first_gap": first_gap,
        "coverage": r4(len(present) / len(chain)) if chain else 0.0,
    }


def _item_in_area(G, level, area, item_type, item) -> dict[str, Any]:
    """The keys that name an item and an area, shared by the matrix and the coverage rows."""
    area_de, area_en = _area_names(G, level, area)
    return {
        "item": item,
        "item_type": item_type,
        "item_de": label(G, item, "de", _SCHEME[item_type]),
        "item_en": label(G, item, "en", _SCHEME[item_type]),
        "level": level,
        "area": area,
        "area_de": area_de,
        "area_en": area_en,
    }


def gap_kind(row: dict[str, Any], chain: list[tuple[int, str]], where: list[str],
             off_path: Iterable[str] = OFF_PATH) -> str | None:
    """What the first gap of a coverage row most likely means, one of three kinds:

    - ``"elsewhere"``: no actor in this area, but one in another district or state of the
      region (``where`` names them) — the flow can go there;
    - ``"hole"``: an inner hole — the stage is missing while a later stage on the path is
      held here, which more likely means missing data than a real break;
    - ``"region_end"``: the chain ends here in the whole region — nobody in the region is
      known to work at that stage, so the flow presumably leaves the region there.

    None when the row has no first gap.

    >>> chain = [(1, "TS-01"), (3, "TS-05"), (7, "TS-09")]
    >>> gap_kind({"first_gap": "TS-05", "stages_present": ["TS-01", "TS-09"]}, chain, [])
    'hole'
    >>> gap_kind({"first_gap": "TS-05", "stages_present": ["TS-01"]}, chain, ["03153"])
    'elsewhere'
    >>> gap_kind({"first_gap": "TS-05", "stages_present": ["TS-01"]}, chain, [])
    'region_end'
    """
    gap = row["first_gap"]
    if gap is None:
        return None
    if where:
        return "elsewhere"
    off = set(off_path)
    path = [s for _, s in chain if s not in off]
    later = path[path.index(gap) + 1:] if gap in path else []
    if any(s in row["stages_present"] for s in later):
        return "hole"
    return "region_end"


def _elsewhere(index, level: str, area: str | None, item: str, position: int) -> list[str]:
    """The other areas of the same level where the item has an actor at the position."""
    if level == "region":
        return []
    return sorted(a for (lvl, a, it), by_stage in index.items()
                  if lvl == level and it == item and a != area and a is not None and by_stage.get(position))


def _coverage_row(G, level, area, item_type, item, by_stage, chain, off_path, index=None) -> dict[str, Any]:
    row: dict[str, Any] = {**_item_in_area(G, level, area, item_type, item),
                           **coverage_parts(by_stage, chain, off_path)}
    position = {s: p for p, s in chain}.get(row["first_gap"])
    where = _elsewhere(index or {}, level, area, item, position) if row["first_gap"] else []
    row["gap_kind"] = gap_kind(row, chain, where, off_path)
    row["gap_where"] = where
    positions = {s: p for p, s in chain}
    for lang in ("de", "en"):
        row[f"reasons_{lang}"] = chain_reasons(
            G,
            row,
            {s: by_stage.get(positions[s], set()) for s in row["single_actor_stages"]},
            row[f"item_{lang}"],
            row[f"area_{lang}"],
            len(chain),
            lang,
        )
    return row


_TEXT = {
    "de": {
        "none": "{item} ({area}): kein Akteur ist bekannt, der damit an einer Stufe der Kette arbeitet",
        "some": "{item} ({area}): {k} von {n} Stufen haben einen bekannten Akteur",
        "some1": "{item} ({area}): 1 von {n} Stufen hat einen bekannten Akteur",
        "missing": "es fehlen {stages}",
        "single": "nur ein Akteur bei {stages}",
        "gap_elsewhere": "bei {stage} ist hier kein Akteur bekannt, wohl aber in {where}",
        "gap_hole": "bei {stage} ist kein Akteur bekannt, obwohl spätere Stufen besetzt sind: vermutlich fehlen "
                    "hier Daten",
        "gap_region_end": "die Kette endet bei {stage} in der ganzen Region: dort verlässt der Stoffstrom "
                          "vermutlich die Region",
    },
    "en": {
        "none": "{item} ({area}): no actor is known to handle it at any stage of the chain",
        "some": "{item} ({area}): {k} of {n} stages have a known actor",
        "some1": "{item} ({area}): 1 of {n} stages has a known actor",
        "missing": "missing: {stages}",
        "single": "only one actor at {stages}",
        "gap_elsewhere": "no actor is known at {stage} here, but there is one in {where}",
        "gap_hole": "no actor is known at {stage} although later stages are held: data are probably missing",
        "gap_region_end": "the chain ends at {stage} in the whole region: the flow presumably leaves the region "
                          "there",
    },
}


def chain_reasons(G, row, singles, item_name, area_name, n_stages, lang) -> str:
    """The coverage of one item in one area, in words."""
    t = _TEXT[lang]
    if not row["stages_present"]:
        return t["none"].format(item=item_name, area=area_name)
    parts = [
        t["some1" if len(row["stages_present"]) == 1 else "some"].format(
            item=item_name, area=area_name, k=len(row["stages_present"]), n=n_stages
        )
    ]
    if row["stages_missing"]:
        missing = [label(G, s, lang, "stage") for s in row["stages_missing"]]
        parts.append(t["missing"].format(stages=join(missing, lang, limit=4)))
    if singles:
        named = [f"{label(G, s, lang, 'stage')} ({actor_label(G, next(iter(actors)))})"
                 for s, actors in singles.items()]
        parts.append(t["single"].format(stages=join(named, lang, limit=3)))
    kind = row.get("gap_kind")
    if kind:
        names = {"state": state_name, "district": district_name}.get(row.get("level"))
        where = join([names(G, a, lang) if names else a for a in row.get("gap_where") or ()], lang, limit=3)
        stage = label(G, row["first_gap"], lang, "stage")
        parts.append(t[f"gap_{kind}"].format(stage=f"„{stage}“" if lang == "de" else f"“{stage}”", where=where))
    return "; ".join(parts)
