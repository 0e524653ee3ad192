"""Colours and line styles of the network view and its legend, in one place."""

from __future__ import annotations

from collections import Counter

from .i18n import translate

NEUTRAL = "#9e9e9e"
#: Kinds coloured by family: the material chain in reds, re-use in greens, makers in purples,
#: public bodies in blues, science in golds, networks in browns.
KIND_COLOURS = {
    "recycler": "#b5442c", "dismantler": "#e07b4f", "refiner_smelter": "#7f2a17",
    "repair_reuse": "#2e8b57", "social_enterprise": "#7cb342",
    "manufacturer": "#6a4c93", "digital_it": "#b0589c", "corporate_group": "#9c89c9", "engineering": "#4e3a6e",
    "waste_authority": "#17607a", "waste_services": "#3f95ad", "public_body": "#4a7fb5", "funder": "#243f66",
    "economic_development": "#76a6cf",
    "research": "#b8860b", "university": "#e0b000", "education": "#8a6d00",
    "association_cluster": "#8d6e63", "other": NEUTRAL,
}
STATE_COLOURS = {"03": "#17607a", "15": "#c0632a", "16": "#4f8a35"}
#: Edge style per tie type: colour, dash pattern (None: solid).
EDGE_STYLES: dict[str, tuple[str, list[int] | None]] = {
    "supplies": ("#b5442c", None), "cooperates_with": ("#37474f", None), "subsidiary_of": ("#6a4c93", None),
    "hosted_by": ("#6a4c93", None), "coordinates": ("#17607a", None), "partner_in": ("#17607a", None),
    "founding_member_of": ("#8d6e63", None), "member_of": ("#8d6e63", None),
    "joint_project": ("#7fa7cf", None), "funds": ("#2e8b57", [6, 4]),
    "shared_network": ("#bdbdbd", [4, 4]), "related_to": ("#9e9e9e", [2, 4]),
}


def legend(view: dict, colour_by: str, lang: str) -> dict[str, list[dict[str, object]]]:
    """Legend rows for the nodes (by kind or state) and edges (by main tie type) the view
    shows, with their colours and counts, most frequent first."""
    key = "state" if colour_by == "state" else "kind"
    counts = Counter(node[key] for node in view["nodes"])
    names = {node[key]: node[f"{key}_label"] for node in view["nodes"]}
    colours = STATE_COLOURS if key == "state" else KIND_COLOURS
    nodes = [{"key": value or "", "label": names.get(value) or translate("none", lang),
              "color": colours.get(value, NEUTRAL), "count": n}
             for value, n in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))]
    edge_counts = Counter(edge["primary"] for edge in view["edges"])
    edge_names = {edge["primary"]: edge["relation_labels"][0] for edge in view["edges"]}
    edges = [{"key": tie, "label": edge_names[tie], "color": EDGE_STYLES.get(tie, (NEUTRAL, None))[0],
              "dashes": EDGE_STYLES.get(tie, (NEUTRAL, None))[1], "count": n}
             for tie, n in sorted(edge_counts.items(), key=lambda item: (-item[1], item[0]))]
    return {"nodes": nodes, "edges": edges}
