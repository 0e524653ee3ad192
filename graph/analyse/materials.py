"""Critical raw materials: which CRM Act materials have regional actors at which stages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.analyse._names import actor_label, label
from graph.analyse.chains import OFF_PATH, chain_reasons, coverage_parts, gap_kind, stage_index

_CRM_RANK = {"strategic": 0, "critical": 1}


def critical_materials(
    G: nx.Graph,
    *,
    include_candidates: bool = True,
    stages: Iterable[str] | None = None,
    off_path: Iterable[str] = OFF_PATH,
) -> list[dict[str, Any]]:
    """Show, for each critical raw material, at which stages regional actors handle it.

    The EU Critical Raw Materials Act (Regulation (EU) 2024/1252) lists 17 strategic and
    34 critical raw materials and wants a quarter of the EU's use to come from recycling
    by 2030. Electrical waste carries many of them (copper, cobalt, rare earths,
    tantalum, …). A strategic material that the region collects but nobody refines is
    value that leaves the region; a stage held by one actor is a dependency. "Missing"
    means no actor in the data is known to work there.

    Parameters
    ----------
    G : collaboration graph; ``G.graph["materials"]`` flags each material notation with
        ``crm_strategic`` and ``crm_critical`` (strategic materials are critical too).
    include_candidates : count actors of districts whose membership of the region is
        not settled.
    stages : restrict the chain to these top-level stages.
    off_path : stages off the recycling path, never the first gap (see
        :func:`graph.analyse.chains.value_chain_coverage`).

    Returns
    -------
    list of dict
        One row per CRM Act material, region-wide: ``material``, ``material_de``,
        ``material_en``, ``crm`` ("strategic" or "critical"), ``actors``,
        ``stages_present``, ``stages_missing``, ``single_actor_stages``, ``first_gap``, ``gap_kind``,
        ``coverage`` (as in :func:`graph.analyse.chains.value_chain_coverage`),
        ``actors_by_stage`` (list of "stage: actor, actor" strings for present stages),
        ``reasons_de``, ``reasons_en``. Strategic before critical, then lowest coverage
        first, then by notation.

    Examples
    --------
    >>> G = nx.Graph(stage_order={"TS-08": 1, "TS-MR": 2},
    ...              materials={"tantalum": {"crm_strategic": False, "crm_critical": True},
    ...                         "gold": {"crm_strategic": False, "crm_critical": False}})
    >>> G.add_node("A", label="Dismantler A", stages=["TS-08"], materials=["tantalum"],
    ...            district="03153")
    >>> [row] = critical_materials(G)
    >>> row["material"], row["crm"], row["stages_missing"], row["actors_by_stage"]
    ('tantalum', 'critical', ['TS-MR'], ['TS-08: Dismantler A'])

    Notes
    -----
    One pass over the actors, as the value-chain coverage: O(n · i · s), independent
    of the ties m.
    """
    flags = G.graph.get("materials") or {}
    crm = {
        m: "strategic" if f.get("crm_strategic") else "critical"
        for m, f in flags.items()
        if f.get("crm_strategic") or f.get("crm_critical")
    }
    if not crm:
        return []
    index, chain, _ = stage_index(G, ["region"], include_candidates, sorted(crm), stages)
    rows = []
    for material in sorted(crm):
        by_stage = index.get(("region", None, material), {})
        parts = coverage_parts(by_stage, chain, off_path)
        row: dict[str, Any] = {
            "material": material,
            "material_de": label(G, material, "de", "material"),
            "material_en": label(G, material, "en", "material"),
            "crm": crm[material],
            **parts,
            "actors_by_stage": [
                f"{s}: {', '.join(sorted(actor_label(G, a) for a in by_stage[p]))}" for p, s in chain if by_stage.get(p)
            ],
        }
        positions = {s: p for p, s in chain}
        row["gap_kind"] = gap_kind(row, chain, [], off_path)
        for lang in ("de", "en"):
            singles = {s: by_stage[positions[s]] for s in row["single_actor_stages"]}
            area = "Region" if lang == "de" else "region"
            row[f"reasons_{lang}"] = chain_reasons(G, row, singles, row[f"material_{lang}"], area, len(chain), lang)
        rows.append(row)
    rows.sort(key=lambda r: (_CRM_RANK[r["crm"]], r["coverage"], r["material"]))
    return rows
