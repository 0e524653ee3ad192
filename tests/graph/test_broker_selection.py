"""graph.views.gaps: /brokers narrowed by state, district and kind from columns kept beside the
precomputed rows, without the graph (issue 15)."""

from __future__ import annotations

import networkx as nx

from graph import analyse
from graph.views import gaps as gapviews
from graph.views.actors import PackedRecords


def chain() -> nx.Graph:
    """The chain A–B–C: A a recycler in 03; B a refiner with no state but the district 16062
    (in 16); C a refiner in 16. B stands on the only path A–C (betweenness 1) and cuts C off
    (A, the smaller IRI, stays with the kept piece); A and C stand on none."""
    G = nx.Graph(districts={"16062": {"state": "16"}})
    for name, kind, state, district in (("A", "recycler", "03", None), ("B", "refiner", None, "16062"),
                                        ("C", "refiner", "16", "16062")):
        G.add_node(name, label=name, kind=kind, state=state, district=district)
    G.add_edges_from([("A", "B"), ("B", "C")])
    return G


def test_selected_rows_are_the_rows_the_graph_gives():
    G = chain()
    found = analyse.brokers(G)
    assert [r["actor"] for r in found] == ["B", "A", "C"]
    rows = PackedRecords(gapviews.broker_rows(G, found, lang="en"))
    columns = gapviews.broker_columns(found)
    # B has no state of its own: its district's state 16 counts, so state 16 keeps B and C.
    for selected, ids in (({"state": ("16",)}, ["B", "C"]), ({"state": ("03", "none")}, ["A"]),
                          ({"kind": ("refiner",), "district": ("16062",)}, ["B", "C"]),
                          ({"district": ("none",)}, ["A"]), ({"kind": ("wizard",)}, [])):
        picked = gapviews.select_brokers(rows, columns, selected)
        assert [r["id"] for r in picked] == ids, selected
        assert list(picked) == gapviews.broker_rows(G, found, lang="en", selected=selected)
        # The ranks stay those of the whole network: B 1, A 2, C 3.
        assert [r["rank"] for r in picked[:]] == [{"A": 2, "B": 1, "C": 3}[i] for i in ids]
        assert list(gapviews.selected_cuts(picked, columns)) == gapviews.broker_cuts(list(picked))
    cuts = gapviews.selected_cuts(gapviews.select_brokers(rows, columns, {"state": ("16",)}), columns)
    assert [(r["id"], r["cut_off_count"]) for r in cuts] == [("B", 1)]
