"""Run one gap analysis on the store, narrowed to a state, district or material, as a Table.

Every filter either works on an analysis or is refused with a message naming it (the CLI
exits with 2): never an empty success. How each analysis takes each filter:

============  ==========================================  ===================================
analysis      state / district                            material (competency: the same
                                                          where actors are kept; refused by
                                                          chains, materials, borders and
                                                          collection)
============  ==========================================  ===================================
partners      pairs with an actor there                   the topic of the ranking
chains        the rows of that state or district          the material and narrower ones
brokers       actors there (rank in the whole network)    actors handling it
periphery     actors there                                actors handling it
borders       the rows naming it (district: that level)   refused: borders are about places
communities   pairs of groups with an actor there         pairs of groups with an actor
                                                          handling it
materials     the actors there only                       the material and narrower ones
collection    that district, or the state's districts     refused: points accept device
                                                          groups, not materials
============  ==========================================  ===================================

A material or competency includes its narrower concepts (:mod:`graph.concepts`).
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph

from graph.analyse import communities, get_analysis
from graph.analyse._names import actor_state
from graph.analyse.partners import PUBLIC_KINDS
from graph.build.vocabulary import vocabulary_from_store
from graph.concepts import hierarchy_of
from graph.errors import QueryError
from graph.network import collaboration_graph, collection_points
from graph.tables import Table
from graph.words import findings

#: The analyses whose rows this module knows how to narrow (any other refuses every filter).
NARROWED = ("partners", "chains", "brokers", "periphery", "borders", "communities", "materials", "collection",
            "training")
#: Analyses a filter cannot apply to, with the reason the refusal gives.
REFUSED = {
    ("borders", "material"): "borders compare places; a material cannot narrow them",
    ("collection", "material"): "collection points accept device groups, not materials",
    ("borders", "competency"): "borders compare places; a competency cannot narrow them",
    ("collection", "competency"): "collection points are counted by district, not by competency",
    ("chains", "competency"): "the value chain is about materials and device categories",
    ("materials", "competency"): "the CRM table is about materials",
    ("training", "material"): "training is about competencies, not materials",
}


def gap_table(store: pyoxigraph.Store, name: str, *, state: str | None = None, district: str | None = None,
              material: str | None = None, competency: str | None = None, kind: str | None = None,
              with_funders: bool = False, without_public: bool = False) -> Table:
    """The rows of analysis ``name``, narrowed as the module's table says (names, labels or
    keys are accepted: "Thüringen", "16", "Goslar").

    Only ``partners`` takes ``kind`` (the pairs with an actor of that kind or a narrower one;
    with a state or district, one actor both there and of that kind, as on ``/gaps``),
    ``with_funders`` (suggest funders too) and ``without_public`` (leave out funders and
    public bodies); any other analysis refuses them.

    Raises
    ------
    QueryError
        for an unknown state, district or material, or a filter the analysis cannot take.
    """
    analysis = get_analysis(name)
    chosen = [o for o, v in (("state", state), ("district", district), ("material", material),
                             ("competency", competency)) if v]
    if chosen and name not in NARROWED:
        raise QueryError(f"--{chosen[0]} cannot apply to '{name}': this analysis takes no filter yet")
    for option, value in (("state", state), ("district", district), ("material", material),
                          ("competency", competency)):
        if value and (name, option) in REFUSED:
            raise QueryError(f"--{option} cannot apply to '{name}': {REFUSED[name, option]}")
    partner_only = [o for o, v in (("kind", kind), ("with-funders", with_funders),
                                   ("without-public", without_public)) if v]
    if partner_only and name != "partners":
        raise QueryError(f"--{partner_only[0]} cannot apply to '{name}': only 'partners' takes it")
    vocab = vocabulary_from_store(store)
    kind_key = _key(vocab, "kind", kind)
    state_key, district_key = _key(vocab, "state", state), _key(vocab, "district", district)
    material_key = _key(vocab, "material", material)
    competency_key = _key(vocab, "competency", competency)
    G = collaboration_graph(store)
    materials = hierarchy_of(G).expand("material", [material_key]) if material_key else None
    competencies = hierarchy_of(G).expand("competency", [competency_key]) if competency_key else None
    options: dict[str, object] = {}
    if name == "borders" and district_key:
        options["level"] = "district"
    if name == "partners":
        area = {k: [v] for k, v in (("state", state_key), ("district", district_key)) if v}
        topic = {f: [k] for f, k in (("material", material_key), ("competency", competency_key)) if k}
        options.update(area=area or None, topic=topic or None, include_funders=with_funders,
                       leave_out_kinds=PUBLIC_KINDS if without_public else ())
    graph = G
    if name == "materials" and (state_key or district_key):
        graph = G.subgraph([v for v, d in G.nodes(data=True) if _in_place(G, d, state_key, district_key)])
    rows = (analysis.function(graph, collection_points(store), **options) if analysis.inputs == ("G", "points")
            else analysis.function(graph, **options))
    rows = [{k: v for k, v in row.items() if k != "reason_codes"} for row in findings.with_reasons(name, G, rows)]
    rows = _narrow(G, name, rows, state_key, district_key, materials, competencies)
    if kind_key:
        kinds = hierarchy_of(G).expand("kind", [kind_key])
        rows = [r for r in rows if any(G.nodes[r[side]].get("kind") in kinds
                                       and _in_place(G, G.nodes[r[side]], state_key, district_key)
                                       for side in ("actor_a", "actor_b"))]
    notes = [f"rows about {k}" for k in (state_key, district_key, material_key, competency_key, kind_key) if k]
    # Reason codes are for the pages; the table carries them in words (reasons_de, reasons_en).
    columns = [c for c in rows[0] if c != "reasons"] if rows else []
    return Table(columns, [{c: _cell(row[c]) for c in columns} for row in rows], notes=notes)


def _narrow(G: nx.Graph, name: str, rows: list[dict], state: str | None, district: str | None,
            materials: frozenset[str] | None, competencies: frozenset[str] | None = None) -> list[dict]:
    def kept(attrs: dict) -> bool:
        return (_in_place(G, attrs, state, district) and _handles(attrs, materials)
                and (competencies is None or not competencies.isdisjoint(attrs.get("competencies") or ())))

    if name in ("brokers", "periphery"):
        return [r for r in rows if kept(G.nodes[r["actor"]])]
    if name in ("chains", "materials"):
        column = "item" if name == "chains" else "material"
        rows = [r for r in rows if materials is None or r[column] in materials]
        if name == "chains":
            if district:
                rows = [r for r in rows if r["level"] == "district" and r["area"] == district]
            elif state:
                rows = [r for r in rows if r["level"] == "state" and r["area"] == state]
        return rows
    if name == "borders":
        keys = [k for k in (state, district) if k]
        return [r for r in rows if all(k in (r["a"], r["b"]) for k in keys)]
    if name == "communities" and (state or district or materials is not None or competencies is not None):
        groups = {c["community"]: c["members"] for c in communities(G)}

        def touches(group: str) -> bool:
            return any(kept(G.nodes[v]) for v in groups.get(group, ()))

        return [r for r in rows if touches(r["community_a"]) or touches(r["community_b"])]
    if name == "training":
        return [r for r in rows
                if (not district or r["area"] == district)
                and (not state or r["area"] == state or (G.graph.get("districts") or {}).get(r["area"] or "", {})
                     .get("state") == state)
                and (competencies is None or r["competency"] in competencies)]
    if name == "collection":
        return [r for r in rows if (not district or r["district"] == district) and (not state or r["state"] == state)]
    return rows


def _in_place(G: nx.Graph, attrs: dict, state: str | None, district: str | None) -> bool:
    return (not district or attrs.get("district") == district) and (not state or actor_state(G, attrs) == state)


def _handles(attrs: dict, materials: frozenset[str] | None) -> bool:
    return materials is None or not materials.isdisjoint(attrs.get("materials") or ())


def _key(vocab, scheme: str, text: str | None) -> str | None:
    if not text:
        return None
    iri = vocab.resolve(scheme, text)
    if iri is None:
        raise QueryError(f"--{scheme}: {vocab.unknown(scheme, text)}")
    return vocab.notation[iri]


def _cell(value: object) -> object:
    """Lists become ';'-joined text so that tables and CSV stay flat."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value
