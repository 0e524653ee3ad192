"""Training gaps: which competencies the value chain needs that no education actor offers, per area."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.analyse._checks import order_levels
from graph.analyse._names import (
    actor_label,
    actor_state,
    area_name,
    is_regional,
    join,
    label,
    region_areas,
    sorted_areas,
)
from graph.analyse._stages import chain_positions, stage_positions

#: What marks an actor as an education or training actor: its kind, its supporting stage
#: (ontology/vocab/stages.ttl) or its competency (ontology/vocab/competencies.ttl).
EDUCATION_KIND, EDUCATION_STAGE, EDUCATION_COMPETENCY = "education", "SUP-EDU", "education"


def training_gaps(
    G: nx.Graph,
    *,
    levels: Iterable[str] = ("region", "state", "district"),
    include_candidates: bool = True,
    missing_only: bool = False,
) -> list[dict[str, Any]]:
    """For every competency the value chain needs, who holds it and who could teach it, per area.

    Each stage of the treatment chain needs certain competencies (collection needs WEEE
    collection, first treatment needs certified first treatment, and so on; the links are
    an editorial reading of the stage definitions, ``skos:related`` in
    ontology/vocab/stages.ttl). An area can hold a stage and still lack anyone to train
    the next people for it; or it can miss the stage and have no school that could build
    it up. A competency is *lacking training* in an area when no education or training
    actor there (kind "education", supporting stage "education" or competency
    "education") is recorded with that competency. That an education actor holds a
    competency is the data's closest statement of a training offer; it is not a list of
    courses. "Lacking" means that the data knows of none, not that none exists.

    Parameters
    ----------
    G : collaboration graph whose nodes carry ``kind``, ``stages``, ``competencies``,
        ``district``, ``state`` and ``region_status``; ``G.graph["stage_order"]`` gives the
        chain, ``G.graph["stage_competencies"]`` the competencies each stage needs and
        ``G.graph["competency_broader"]`` each competency's broader ones (an actor with a
        narrower competency, e.g. shredding, holds the broader one, mechanical processing).
    levels : any of ``"region"``, ``"state"``, ``"district"``.
    include_candidates : count actors of districts whose membership of the region is not
        settled ("candidate"), and list those districts.
    missing_only : keep only the rows of competencies lacking training.

    Returns
    -------
    list of dict
        One row per area and needed competency: ``level``, ``area`` (state or district
        key, None for the region), ``area_de``, ``area_en``, ``state`` (the area's state
        key, None for the region), ``competency``, ``competency_de``, ``competency_en``,
        ``stages`` (chain stages that need it, in chain order), ``stages_present`` (those of
        them some actor in the area works at), ``holders`` (how many actors in the area
        hold it), ``holder_iris``, ``trainers`` (how many education actors in the area
        hold it; 0 means the competency lacks training there), ``trainer_iris``,
        ``trainers_elsewhere`` (education actors elsewhere in the region that hold it;
        empty for the region), ``educator_iris`` (every education actor in the area,
        whatever it holds), ``reasons_de``, ``reasons_en``. Sorted by level (region,
        state, district), area key, the position of the first stage that needs the
        competency, then the competency.

    Raises
    ------
    ValueError
        for an unknown level.

    Examples
    --------
    Goslar collects and repairs; its only school teaches repair, so collection lacks training:

    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-RR": 2},
    ...              stage_competencies={"TS-01": ["weee-collection"], "TS-RR": ["repair"]})
    >>> G.add_node("A", kind="company", stages=["TS-01"], competencies=["weee-collection"], district="03153")
    >>> G.add_node("S", kind="education", stages=["SUP-EDU"], competencies=["education", "repair"],
    ...            district="03153")
    >>> [(r["competency"], r["holders"], r["trainers"]) for r in training_gaps(G, levels=["district"])]
    [('weee-collection', 1, 0), ('repair', 1, 1)]

    Notes
    -----
    One pass over the actors fills an index (area, competency) → holders and trainers;
    the rows are then read from it. Time O(n · (c + s) + areas · k) for c competencies
    and s stages per actor and k needed competencies; independent of the ties m.
    """
    levels = order_levels(levels)
    chain = chain_positions(G, None)
    needed = needed_competencies(G)
    broader = G.graph.get("competency_broader") or {}
    order = stage_positions(G)
    top_at = {p: s for p, s in chain}
    index: dict[tuple[str, str | None], dict[str, Any]] = {}
    all_trainers: dict[str, set[str]] = {}
    for v, d in G.nodes(data=True):
        if not is_regional(d, include_candidates):
            continue
        held = holds(d.get("competencies") or (), broader)
        present = {top_at[order[s]] for s in d.get("stages") or () if s in order and order[s] in top_at}
        teaches = is_educator(d, held)
        for key in _actor_areas(G, d, levels):
            entry = index.setdefault(key, {"present": set(), "holders": {}, "trainers": {}, "educators": set()})
            entry["present"] |= present
            if teaches:
                entry["educators"].add(v)
            for c in needed:
                if c in held:
                    entry["holders"].setdefault(c, set()).add(v)
                    if teaches:
                        entry["trainers"].setdefault(c, set()).add(v)
                        all_trainers.setdefault(c, set()).add(v)
    rows = []
    for level, area in _areas(G, index, levels, include_candidates):
        entry = index.get((level, area), {"present": set(), "holders": {}, "trainers": {}, "educators": set()})
        for c, stages in needed.items():
            row = _row(G, level, area, c, stages, entry, all_trainers.get(c, set()))
            if not (missing_only and row["trainers"]):
                rows.append(row)
    return rows


def needed_competencies(G: nx.Graph) -> dict[str, list[str]]:
    """Competency → the chain stages that need it, competencies in chain order.

    A link on a sub-stage counts for its group's top-level stage.

    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-RR": 2, "TS-04": 2},
    ...              stage_competencies={"TS-04": ["repair"], "TS-01": ["weee-collection"]})
    >>> needed_competencies(G)
    {'weee-collection': ['TS-01'], 'repair': ['TS-RR']}
    """
    chain = chain_positions(G, None)
    top_at = {p: s for p, s in chain}
    order = stage_positions(G)
    needs: dict[str, set[int]] = {}
    for stage, competencies in (G.graph.get("stage_competencies") or {}).items():
        if order.get(stage) in top_at:
            for c in competencies:
                needs.setdefault(c, set()).add(order[stage])
    ranked = sorted(needs.items(), key=lambda item: (min(item[1]), item[0]))
    return {c: [top_at[p] for p in sorted(positions)] for c, positions in ranked}


def holds(competencies: Iterable[str], broader: dict[str, list[str]]) -> set[str]:
    """The competencies an actor holds: its own and all their broader ones.

    >>> sorted(holds(["shredding"], {"shredding": ["mechanical-processing"],
    ...                              "mechanical-processing": ["waste-treatment"]}))
    ['mechanical-processing', 'shredding', 'waste-treatment']
    """
    held: set[str] = set()
    todo = list(competencies)
    while todo:
        c = todo.pop()
        if c not in held:
            held.add(c)
            todo.extend(broader.get(c, ()))
    return held


def is_educator(data: dict[str, Any], held: set[str] | None = None) -> bool:
    """True for an education or training actor: by kind, supporting stage or competency."""
    held = held if held is not None else set(data.get("competencies") or ())
    return (
        data.get("kind") == EDUCATION_KIND
        or EDUCATION_STAGE in (data.get("stages") or ())
        or EDUCATION_COMPETENCY in held
    )


def _actor_areas(G, d, levels) -> list[tuple[str, str | None]]:
    keys: list[tuple[str, str | None]] = []
    if "region" in levels:
        keys.append(("region", None))
    if "state" in levels and actor_state(G, d):
        keys.append(("state", actor_state(G, d)))
    if "district" in levels:
        keys.append(("district", d["district"]))
    return keys


def _areas(G, index, levels, include_candidates) -> list[tuple[str, str | None]]:
    """The region, and every state and district of the region at the chosen levels."""
    return sorted_areas(region_areas(G, levels, include_candidates) | set(index))


def _area_state(G, level, area) -> str | None:
    if level == "state":
        return area
    if level == "district":
        return ((G.graph.get("districts") or {}).get(area) or {}).get("state")
    return None


def _row(G, level, area, c, stages, entry, region_trainers) -> dict[str, Any]:
    holders = sorted(entry["holders"].get(c, ()))
    trainers = sorted(entry["trainers"].get(c, ()))
    row: dict[str, Any] = {
        "level": level,
        "area": area,
        "area_de": area_name(G, level, area, "de"),
        "area_en": area_name(G, level, area, "en"),
        "state": _area_state(G, level, area),
        "competency": c,
        "competency_de": label(G, c, "de", "competency"),
        "competency_en": label(G, c, "en", "competency"),
        "stages": list(stages),
        "stages_present": [s for s in stages if s in entry["present"]],
        "holders": len(holders),
        "holder_iris": holders,
        "trainers": len(trainers),
        "trainer_iris": trainers,
        "trainers_elsewhere": [] if level == "region" else sorted(set(region_trainers) - set(trainers)),
        "educator_iris": sorted(entry["educators"]),
    }
    for lang in ("de", "en"):
        row[f"reasons_{lang}"] = training_reasons(G, row, lang)
    return row


_TEXT = {
    "de": {
        "trained": "{c} ({area}): Bildungsakteure mit dieser Kompetenz: {names}",
        "missing": "{c} ({area}): kein Bildungs- oder Ausbildungsakteur mit dieser Kompetenz bekannt",
        "needed": "gebraucht für {stages}",
        "held_0": "kein Akteur hat sie",
        "held_1": "1 Akteur hat sie",
        "held": "{n} Akteure haben sie",
        "present": "Stufe vorhanden",
        "absent": "Stufe fehlt",
        "elsewhere": "in der Region: {names}",
    },
    "en": {
        "trained": "{c} ({area}): education actors with this competency: {names}",
        "missing": "{c} ({area}): no education or training actor with this competency is known",
        "needed": "needed for {stages}",
        "held_0": "no actor holds it",
        "held_1": "1 actor holds it",
        "held": "{n} actors hold it",
        "present": "stage present",
        "absent": "stage missing",
        "elsewhere": "elsewhere in the region: {names}",
    },
}


def training_reasons(G: nx.Graph, row: dict[str, Any], lang: str) -> str:
    """One row of :func:`training_gaps` in words."""
    t = _TEXT[lang]
    c, area = row[f"competency_{lang}"], row[f"area_{lang}"]
    if row["trainers"]:
        names = [actor_label(G, v) for v in row["trainer_iris"]]
        return t["trained"].format(c=c, area=area, names=join(names, lang, limit=3))
    stages = [
        f"{label(G, s, lang, 'stage')} ({t['present' if s in row['stages_present'] else 'absent']})"
        for s in row["stages"]
    ]
    n = row["holders"]
    parts = [
        t["missing"].format(c=c, area=area),
        t["needed"].format(stages=join(stages, lang)),
        t[{0: "held_0", 1: "held_1"}.get(n, "held")].format(n=n),
    ]
    if row["trainers_elsewhere"]:
        names = [actor_label(G, v) for v in row["trainers_elsewhere"]]
        parts.append(t["elsewhere"].format(names=join(names, lang, limit=3)))
    return "; ".join(parts)
