"""SYNTHETIC collaboration graphs in the shape graph.network produces, for benchmarks and tests.

Nothing here describes a real organisation: every actor, district and collection point is
labelled "SYNTHETIC", its IRI lives under ``https://example.org/synthetic/``, and the
attributes are drawn at random with a fixed seed. The vocabulary notations (stages,
materials, categories, kinds, competencies) are the project's own, so the analyses see
the same codes as on the real graph.
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx

BASE = "https://example.org/synthetic/"

STAGE_ORDER = {
    "TS-01": 1, "TS-01a": 1, "TS-01b": 1, "TS-01c": 1,
    "TS-RR": 2, "TS-02": 2, "TS-03": 2, "TS-04": 2,
    "TS-05": 3, "TS-06": 4, "TS-07": 5, "TS-08": 6, "TS-09": 7,
    "TS-MR": 8, "TS-10": 8, "TS-11": 8, "TS-12": 9, "TS-13": 10,
}  # fmt: skip
STAGES = sorted(STAGE_ORDER)
TOP_STAGES = ["TS-01", "TS-RR", "TS-05", "TS-06", "TS-07", "TS-08", "TS-09", "TS-MR", "TS-12",
              "TS-13"]  # fmt: skip

# CRM Act flags as in ontology/vocab/materials.ttl (Regulation (EU) 2024/1252 Annexes I/II).
MATERIALS = {
    "aluminium": (True, True), "antimony": (False, True), "cobalt": (True, True),
    "copper": (True, True), "gallium": (True, True), "germanium": (True, True),
    "graphite": (True, True), "lithium": (True, True), "nickel": (True, True),
    "palladium": (True, True), "neodymium": (True, True), "tantalum": (False, True),
    "tungsten": (True, True), "silicon-metal": (True, True), "gold": (False, False),
    "silver": (False, False), "tin": (False, False), "zinc": (False, False),
    "lead": (False, False), "indium": (False, False),
}  # fmt: skip
CATEGORIES = [f"EEE-CAT-{i}" for i in range(1, 7)]
KINDS = ["recycler", "dismantler", "refiner_smelter", "repair_reuse", "social_enterprise",
         "manufacturer", "waste_authority", "public_body", "research", "university",
         "association_cluster", "economic_development", "funder", "digital_it", "other"]  # fmt: skip
COMPETENCIES = ["weee-collection", "recycling-centre-operation", "recycling-logistics", "repair",
                "refurbishment", "remanufacturing", "weee-first-treatment", "depollution",
                "dismantling", "sorting", "mechanical-processing", "shredding",
                "battery-recycling", "plastics-recycling", "metal-recycling",
                "special-metals-refining", "pyrometallurgy", "research",
                "material-flow-analysis", "design-for-recycling", "digitalisation",
                "coordination", "consulting", "public-waste-management"]  # fmt: skip
RELATIONS = ["member_of", "founding_member_of", "partner_in", "coordinates", "subsidiary_of",
             "cooperates_with", "supplies", "funds", "hosted_by", "related_to",
             "joint_project", "shared_network"]  # fmt: skip
STATES = {"03": "Niedersachsen", "15": "Sachsen-Anhalt", "16": "Thüringen"}
STATES_EN = {"03": "Lower Saxony", "15": "Saxony-Anhalt", "16": "Thuringia"}
# Synthetic district keys (9xx does not exist in the official list) and invented figures.
DISTRICTS = {
    "03901": ("03", "confirmed"), "03902": ("03", "confirmed"),
    "15901": ("15", "confirmed"), "15902": ("15", "confirmed"),
    "16901": ("16", "confirmed"), "16902": ("16", "candidate"),
}  # fmt: skip


def synthetic_graph(
    n: int,
    *,
    edges_per_actor: int = 5,
    seed: int = 0,
    isolated_share: float = 0.02,
    pendant_share: float = 0.05,
    pair_share: float = 0.01,
) -> nx.Graph:
    """A SYNTHETIC scale-free collaboration graph of ``n`` actors in the network.py contract.

    The core is a Barabási–Albert graph (each new actor ties to ``edges_per_actor``
    others, so about that many ties per actor); besides it there are isolated actors,
    pendants (one tie into the core) and separate pairs, in the given shares.

    >>> G = synthetic_graph(100, seed=1)
    >>> G.number_of_nodes(), G.nodes[sorted(G)[0]]["label"].startswith("SYNTHETIC")
    (100, True)
    """
    rng = random.Random(seed)
    n_iso = round(n * isolated_share)
    n_pair = 2 * round(n * pair_share / 2)
    n_pend = round(n * pendant_share)
    n_core = max(n - n_iso - n_pair - n_pend, 0)
    m = min(edges_per_actor, max(n_core - 1, 1))
    core = nx.barabasi_albert_graph(n_core, m, seed=seed) if n_core > m else nx.complete_graph(n_core)
    G = nx.Graph()
    G.graph.update(_graph_attributes())
    iri = [f"{BASE}actor/{i}" for i in range(n)]
    for i in range(n):
        G.add_node(iri[i], **_actor(i, rng))
    for u, v in core.edges():
        G.add_edge(iri[u], iri[v], **_tie(rng))
    start = n_core
    for k in range(n_pend):
        if n_core:
            G.add_edge(iri[start + k], iri[rng.randrange(n_core)], **_tie(rng))
    start += n_pend
    for k in range(0, n_pair, 2):
        G.add_edge(iri[start + k], iri[start + k + 1], **_tie(rng))
    return G


def synthetic_collection_points(G: nx.Graph, *, per_district: int = 8, seed: int = 0) -> list[dict[str, Any]]:
    """SYNTHETIC collection points, ``per_district`` in each district, operators drawn from G."""
    rng = random.Random(seed)
    actors = sorted(G)
    points = []
    for key in sorted(DISTRICTS):
        for k in range(per_district):
            accepts = sorted(rng.sample([f"SG{i}" for i in range(1, 7)], rng.randint(0, 6)))
            points.append(
                {
                    "iri": f"{BASE}site/{key}-{k}",
                    "label": f"SYNTHETIC recycling centre {key}-{k}",
                    "operator": rng.choice(actors) if actors else None,
                    "district": key,
                    "accepts": accepts,
                    "lat": None,
                    "lon": None,
                    "sources": [f"{BASE}source"],
                }
            )
    return points


def _actor(i: int, rng: random.Random) -> dict[str, Any]:
    district = rng.choice(sorted(DISTRICTS)) if rng.random() < 0.9 else None
    state = DISTRICTS[district][0] if district else rng.choice([None, "03", "15", "16"])
    stages = rng.sample(STAGES, rng.choice([0, 1, 1, 2, 2, 3]))
    return {
        "label": f"SYNTHETIC actor {i}",
        "kind": rng.choice(KINDS),
        "district": district,
        "state": state,
        "region_status": DISTRICTS[district][1] if district else None,
        "stages": sorted(stages),
        "materials": sorted(rng.sample(sorted(MATERIALS), rng.choice([0, 1, 2, 3]))),
        "categories": sorted(rng.sample(CATEGORIES, rng.choice([0, 0, 1, 2]))),
        "competencies": sorted(rng.sample(COMPETENCIES, rng.choice([0, 1, 2, 3]))),
        "confidence": rng.choice(["high", "medium", "low"]),
        "lat": round(51.4 + rng.random() * 0.8, 4) if district else None,
        "lon": round(10.0 + rng.random() * 1.6, 4) if district else None,
    }


def _tie(rng: random.Random) -> dict[str, Any]:
    relations = sorted(rng.sample(RELATIONS, rng.choice([1, 1, 2])))
    return {
        "relations": relations,
        "weight": float(len(relations)),
        "sources": [f"{BASE}source"],
        "via": [],
        "years": sorted(rng.sample(range(2015, 2026), rng.choice([0, 1, 2]))),
        "confidence": rng.choice(["high", "medium", "low"]),
    }


def _graph_attributes() -> dict[str, Any]:
    labels: dict[str, dict[str, str]] = {}
    for notation in STAGES:
        labels[notation] = {"de": f"Stufe {notation}", "en": f"stage {notation}"}
    for notation in [*MATERIALS, *CATEGORIES, *KINDS, *COMPETENCIES]:
        labels[notation] = {"de": notation, "en": notation}
    for key, name in STATES.items():
        labels[key] = {"de": name, "en": STATES_EN[key]}
    districts = {}
    for key, (state, status) in DISTRICTS.items():
        name = f"SYNTHETIC district {key}"
        labels[key] = {"de": name, "en": name}
        districts[key] = {
            "name": name,
            "state": state,
            "population": 100_000 + int(key) % 97 * 1000,
            "population_date": "2023-12-31",
            "population_source": f"{BASE}population",
            "area_km2": 800.0 + int(key) % 13 * 50,
            "region_status": status,
        }
    return {
        "stage_order": dict(STAGE_ORDER),
        "stage_chain": list(TOP_STAGES),
        "labels": labels,
        "materials": {m: {"crm_strategic": s, "crm_critical": c} for m, (s, c) in MATERIALS.items()},
        "districts": districts,
        "states": {k: {"name": v} for k, v in STATES.items()},
        # As the editorial links in ontology/vocab/stages.ttl (stage -> competencies it needs).
        "stage_competencies": {
            "TS-01": ["weee-collection", "recycling-logistics"], "TS-RR": ["refurbishment", "repair"],
            "TS-05": ["sorting"], "TS-06": ["weee-first-treatment"], "TS-07": ["depollution"],
            "TS-08": ["dismantling"], "TS-09": ["mechanical-processing"],
            "TS-MR": ["pyrometallurgy", "special-metals-refining"],
        },  # fmt: skip
        "competency_broader": {"shredding": ["mechanical-processing"]},
    }
