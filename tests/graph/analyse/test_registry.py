"""The list of analyses, and the row contract every analysis keeps (synthetic test data)."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from bench.synthetic import synthetic_collection_points, synthetic_graph
from graph.analyse import ANALYSES, get_analysis
from graph.errors import NotFound
from tests.graph.analyse.builders import make_graph, plain

NAMES = ["partners", "chains", "brokers", "borders", "communities", "periphery", "materials", "collection", "training"]


def test_the_analyses_in_the_order_of_the_issues():
    assert [a.name for a in ANALYSES] == NAMES
    for a in ANALYSES:
        assert a.title_de and a.title_en and a.description and a.description_de
        assert a.function.__doc__ and "Examples" in a.function.__doc__ and "Notes" in a.function.__doc__
    assert get_analysis("collection").inputs == ("G", "points")


def test_unknown_analysis_names_the_choices():
    with pytest.raises(NotFound, match="partners, chains"):
        get_analysis("gaps")


# Options so that every analysis has rows to check on both graphs.
OPTIONS = {"communities": {"max_links": 10_000, "min_size": 1}}


def run(analysis, G, points):
    options = OPTIONS.get(analysis.name, {})
    if analysis.inputs == ("G", "points"):
        return analysis.function(G, points, **options)
    return analysis.function(G, **options)


def small_graph():
    return make_graph(
        {
            "A": {"district": "03901", "stages": ["TS-08"], "materials": ["copper"], "competencies": ["repair"]},
            "B": {"district": "15901", "stages": ["TS-09"], "materials": ["copper"]},
            "C": {"district": "16901", "stages": ["TS-01"], "categories": ["EEE-CAT-2"]},
            "I": {"district": "03902"},
        },
        [("A", "C"), ("B", "C"), ("C", "D"), ("D", "E"), ("E", "C")],
    )


GRAPHS = {
    "small": (small_graph, lambda G: [{"iri": "P", "operator": "C", "district": "03901", "accepts": ["SG1"]}]),
    "synthetic": (lambda: synthetic_graph(300, seed=2), lambda G: synthetic_collection_points(G, seed=2)),
}


@pytest.mark.parametrize("analysis", ANALYSES, ids=NAMES)
@pytest.mark.parametrize("graph", GRAPHS, ids=list(GRAPHS))
def test_rows_are_plain_alike_and_repeatable(analysis, graph):
    make, make_points = GRAPHS[graph]
    G = make()
    rows = run(analysis, G, make_points(G))
    assert rows, "every analysis finds something on these graphs"
    keys = list(rows[0])
    for row in rows:
        assert list(row) == keys
        assert all(plain(v) for v in row.values()), row
    json.dumps(rows)
    assert rows == run(analysis, make(), make_points(G))


@pytest.mark.parametrize("analysis", [a for a in ANALYSES if a.inputs == ("G",)],
                         ids=[a.name for a in ANALYSES if a.inputs == ("G",)])
def test_empty_graph_gives_empty_or_all_missing_rows(analysis):
    rows = analysis.function(make_graph(materials={}, labels={}, districts={}, states={}, categories=[],
                                        stage_competencies={}))
    assert rows == []


def test_synthetic_graph_is_labelled_and_shaped_like_the_contract():
    G = synthetic_graph(200, seed=1)
    assert G.number_of_nodes() == 200
    assert all(d["label"].startswith("SYNTHETIC") for _, d in G.nodes(data=True))
    assert all(d["name"].startswith("SYNTHETIC") for d in G.graph["districts"].values())
    assert nx.number_of_isolates(G) >= 1
    u, v, d = next(iter(G.edges(data=True)))
    assert set(d) == {"relations", "weight", "sources", "via", "years", "confidence"}
    points = synthetic_collection_points(G)
    assert all(p["label"].startswith("SYNTHETIC") for p in points)
