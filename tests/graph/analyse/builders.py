"""Build small collaboration graphs by hand, in the shape graph.network produces.

Synthetic test data: the actors, test districts (keys 9xx, which do not exist) and their
figures are invented and describe no real organisation or place. State keys and names
are the real ones, since the analyses name borders by them.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

STAGE_ORDER = {
    "TS-01": 1, "TS-01a": 1, "TS-01b": 1, "TS-01c": 1,
    "TS-RR": 2, "TS-02": 2, "TS-03": 2, "TS-04": 2,
    "TS-05": 3, "TS-06": 4, "TS-07": 5, "TS-08": 6, "TS-09": 7,
    "TS-MR": 8, "TS-10": 8, "TS-11": 8, "TS-12": 9, "TS-13": 10,
}  # fmt: skip
CHAIN = ["TS-01", "TS-RR", "TS-05", "TS-06", "TS-07", "TS-08", "TS-09", "TS-MR", "TS-12", "TS-13"]

STAGE_LABELS = {
    "TS-01": ("Erfassung", "Collection"),
    "TS-RR": ("Wiederverwendung und Reparatur", "Re-use and repair"),
    "TS-05": ("Sortierung", "Sorting"),
    "TS-06": ("Erstbehandlung", "First treatment"),
    "TS-07": ("Schadstoffentfrachtung", "Depollution"),
    "TS-08": ("Manuelle Demontage", "Manual dismantling"),
    "TS-09": ("Mechanische Aufbereitung", "Mechanical processing"),
    "TS-MR": ("Metallurgie und Raffination", "Metallurgy and refining"),
    "TS-10": ("Pyrometallurgie", "Pyrometallurgy"),
    "TS-12": ("Energetische Verwertung", "Energy recovery"),
    "TS-13": ("Beseitigung", "Disposal"),
}
MATERIALS = {
    "copper": ("Kupfer", "copper", True, True),
    "cobalt": ("Kobalt", "cobalt", True, True),
    "tantalum": ("Tantal", "tantalum", False, True),
    "gold": ("Gold", "gold", False, False),
}
STATES = {"03": ("Niedersachsen", "Lower Saxony"), "15": ("Sachsen-Anhalt", "Saxony-Anhalt"),
          "16": ("Thüringen", "Thuringia")}  # fmt: skip
# key: (name, state, population, area_km2, region_status) — invented test figures.
DISTRICTS: dict[str, tuple[str, str, int | None, float | None, str]] = {
    "03901": ("Testkreis Nord", "03", 200_000, 1000.0, "confirmed"),
    "03902": ("Testkreis West", "03", 100_000, 400.0, "confirmed"),
    "15901": ("Testkreis Ost", "15", 50_000, 500.0, "confirmed"),
    "16901": ("Testkreis Süd", "16", None, None, "confirmed"),
    "16902": ("Testkreis Rand", "16", 80_000, 800.0, "candidate"),
}
COMPETENCIES = {
    "dismantling": ("Demontage", "dismantling"),
    "repair": ("Reparatur", "repair"),
    "shredding": ("Schreddern", "shredding"),
    "mechanical-processing": ("Mechanische Aufbereitung", "mechanical processing"),
    "weee-collection": ("Sammlung von Elektroaltgeräten", "WEEE collection"),
    "education": ("Bildung", "education"),
}
# Which competencies a stage needs (a hand-drawn excerpt of the links in ontology/vocab/stages.ttl).
STAGE_COMPETENCIES = {"TS-01": ["weee-collection"], "TS-RR": ["repair"], "TS-08": ["dismantling"],
                      "TS-09": ["mechanical-processing"]}  # fmt: skip
COMPETENCY_BROADER = {"shredding": ["mechanical-processing"]}


def make_graph(
    actors: dict[str, dict[str, Any]] | list[str] = (),
    ties: list[tuple] = (),
    **graph: Any,
) -> nx.Graph:
    """A collaboration graph from short actor names and ties, attributes filled as network.py does.

    ``actors`` maps a name (used as the node id) to attribute overrides; a ``district``
    sets ``state`` and ``region_status`` from the test district table. ``ties`` are
    ``(u, v)`` or ``(u, v, attrs)``; actors named only in ties are added with defaults.
    Keyword arguments replace graph attributes.
    """
    G = nx.Graph()
    G.graph.update(graph_attributes())
    G.graph.update(graph)
    if not isinstance(actors, dict):
        actors = {name: {} for name in actors}
    for name, attrs in actors.items():
        add_actor(G, name, **attrs)
    for tie in ties:
        u, v, *rest = tie
        for x in (u, v):
            if x not in G:
                add_actor(G, x)
        G.add_edge(u, v, **tie_attributes(**(rest[0] if rest else {})))
    return G


def add_actor(G: nx.Graph, name: str, **attrs: Any) -> None:
    district = attrs.get("district")
    data = {
        "label": f"Actor {name}",
        "kind": "other",
        "district": district,
        "state": DISTRICTS[district][1] if district in DISTRICTS else None,
        "region_status": DISTRICTS[district][4] if district in DISTRICTS else None,
        "stages": [],
        "materials": [],
        "categories": [],
        "competencies": [],
        "confidence": "high",
        "lat": None,
        "lon": None,
    }
    data.update(attrs)
    for key in ("stages", "materials", "categories", "competencies"):
        data[key] = sorted(data[key])
    G.add_node(name, **data)


def tie_attributes(**attrs: Any) -> dict[str, Any]:
    data = {
        "relations": ["cooperates_with"],
        "weight": 1.0,
        "sources": ["https://example.org/test-source"],
        "via": [],
        "years": [],
        "confidence": "high",
    }
    data.update(attrs)
    return data


def graph_attributes() -> dict[str, Any]:
    labels: dict[str, dict[str, str]] = {}
    for key, (de, en) in STAGE_LABELS.items():
        labels[key] = {"de": de, "en": en}
    for key, (de, en, _, _) in MATERIALS.items():
        labels[key] = {"de": de, "en": en}
    for key, (de, en) in COMPETENCIES.items():
        labels[key] = {"de": de, "en": en}
    for key, (de, en) in STATES.items():
        labels[key] = {"de": de, "en": en}
    for i in range(1, 7):
        labels[f"EEE-CAT-{i}"] = {"de": f"Kategorie {i}", "en": f"category {i}"}
    districts = {}
    for key, (name, state, population, area, status) in DISTRICTS.items():
        labels[key] = {"de": name, "en": name}
        districts[key] = {
            "name": name,
            "state": state,
            "population": population,
            "population_date": "2023-12-31" if population else None,
            "population_source": "https://example.org/test-population" if population else None,
            "area_km2": area,
            "region_status": status,
        }
    return {
        "stage_order": dict(STAGE_ORDER),
        "labels": labels,
        "materials": {k: {"crm_strategic": s, "crm_critical": c} for k, (_, _, s, c) in MATERIALS.items()},
        "districts": districts,
        "states": {k: {"name": de} for k, (de, _) in STATES.items()},
        "categories": [f"EEE-CAT-{i}" for i in range(1, 7)],
        "stage_competencies": {k: list(v) for k, v in STAGE_COMPETENCIES.items()},
        "competency_broader": {k: list(v) for k, v in COMPETENCY_BROADER.items()},
    }


def plain(value: Any) -> bool:
    """True for the cell types rows may hold: str, int, float, None, a list of str, or (for
    reason codes) lists and dicts of these, keyed by str."""
    if isinstance(value, list):
        return all(isinstance(x, str) for x in value) or all(plain(x) for x in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return value is None or (type(value) in (str, int, float, bool))
