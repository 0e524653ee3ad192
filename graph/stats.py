"""What the graph holds, in counts: by kind, district and state, relations by type, totals."""

from __future__ import annotations

import pyoxigraph

from graph.sparql.catalog import run_named
from graph.tables import Table


def stats(store: pyoxigraph.Store, *, lang: str = "de") -> dict[str, Table]:
    """Counts for the overview page and ``harzgraph stats``, each as a Table."""
    return {
        "totals": run_named(store, "totals"),
        "by_kind": run_named(store, "actors_by_kind", lang=lang),
        "by_district": run_named(store, "actors_by_district"),
        "by_state": run_named(store, "actors_by_state", lang=lang),
        "relations_by_type": run_named(store, "relations_by_type", lang=lang),
        "districts": run_named(store, "districts"),
    }
