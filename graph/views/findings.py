"""Run one gap analysis on the store, narrowed to a state, district or material, as a Table."""

from __future__ import annotations

import pyoxigraph

from graph.analyse import get_analysis
from graph.build.vocabulary import vocabulary_from_store
from graph.concepts import hierarchy_of
from graph.errors import QueryError
from graph.network import collaboration_graph, collection_points
from graph.tables import Table

#: Columns that name a state, a district or a material in the rows of some analysis.
STATE_COLUMNS = ("state", "state_a", "state_b", "states_a", "states_b", "a", "b", "area")
DISTRICT_COLUMNS = ("district", "district_a", "district_b", "a", "b", "area")
MATERIAL_COLUMNS = ("material", "item", "shared_items", "materials")


def gap_table(store: pyoxigraph.Store, name: str, *, state: str | None = None, district: str | None = None,
              material: str | None = None) -> Table:
    """The rows of analysis ``name``, keeping those that mention the given state, district
    or material (names, labels or keys are accepted: "Thüringen", "16", "Goslar")."""
    analysis = get_analysis(name)
    G = collaboration_graph(store)
    options = {}
    if name == "borders" and district:
        options["level"] = "district"
    rows = (analysis.function(G, collection_points(store), **options) if analysis.inputs == ("G", "points")
            else analysis.function(G, **options))
    vocab = vocabulary_from_store(store)
    wanted = [(_key(vocab, "state", state), STATE_COLUMNS), (_key(vocab, "district", district), DISTRICT_COLUMNS),
              (_key(vocab, "material", material), MATERIAL_COLUMNS)]
    notes = []
    hierarchy = hierarchy_of(G)
    for (key, columns), scheme in zip(wanted, ("state", "district", "material"), strict=True):
        if key is None:
            continue
        # A material includes its narrower materials (graph.concepts): batteries → lead-acid batteries.
        keys = hierarchy.expand(scheme, [key]) if scheme == "material" else frozenset([key])
        rows = [row for row in rows if any(_mentions(row.get(c), keys) for c in columns if c in row)]
        notes.append(f"rows mentioning {key}")
    # Reason codes are for the pages; the table carries them in words (reasons_de, reasons_en).
    columns = [c for c in rows[0] if c != "reasons"] if rows else []
    return Table(columns, [{c: _cell(row[c]) for c in columns} for row in rows], notes=notes)


def _key(vocab, scheme: str, text: str | None) -> str | None:
    if not text:
        return None
    iri = vocab.resolve(scheme, text)
    if iri is None:
        raise QueryError(f"--{scheme}: {vocab.unknown(scheme, text)}")
    return vocab.notation[iri]


def _mentions(value: object, keys: frozenset[str]) -> bool:
    if isinstance(value, list):
        return not keys.isdisjoint(value)
    return value in keys


def _cell(value: object) -> object:
    """Lists become ';'-joined text so that tables and CSV stay flat."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value
