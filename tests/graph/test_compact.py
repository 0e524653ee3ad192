"""graph.compact: the packed collaboration graph answers what the NetworkX graph answers."""

import pickle

import networkx as nx
import pytest

from graph.compact import CompactGraph


@pytest.fixture
def toy() -> nx.Graph:
    # a – b – c, b – d, d – d (a self-loop), e alone; attributes of JSON values.
    G = nx.Graph(stage_order={"TS-08": 6})
    G.add_node("e", kind="repairer", materials=[])
    for v, kind in (("a", "recycler"), ("b", "refiner_smelter"), ("c", "dismantler"), ("d", "association")):
        G.add_node(v, kind=kind, materials=["copper"] if v in "ab" else [])
    G.add_edge("a", "b", weight=1.0, relations=["supplies"], sources=["s-ab"], years=[2020])
    G.add_edge("c", "b", weight=0.5, relations=["shared_network"], sources=["s-bc"], years=[])
    G.add_edge("b", "d", weight=1.0, relations=["member_of"], sources=["s-bd"], years=[2019, 2021])
    G.add_edge("d", "d", weight=0.5, relations=["related_to"], sources=["s-dd"], years=[])
    return G


def test_neighbours_degrees_and_ties_as_in_networkx(toy):
    C = pickle.loads(pickle.dumps(CompactGraph.from_graph(toy)))  # as the build writes and a page reads it
    assert C.nodes == ["a", "b", "c", "d", "e"]
    # Degrees without the self-loop (networkx counts it twice): a 1, b 3, c 1, d 1, e 0.
    assert C.degree().tolist() == [1, 3, 1, 1, 0]
    assert C.neighbours("b") == ["a", "c", "d"] and C.neighbours("e") == []
    assert C.number_of_ties() == toy.number_of_edges() == 4
    for u, v, data in toy.edges(data=True):
        assert C.tie(u, v) == data and C.tie(v, u) == data
    assert C.tie("a", "c") is None and C.tie("e", "e") is None
    assert C.node_attrs("c") == {"kind": "dismantler", "materials": []}
    assert "a" in C and "z" not in C


def test_subgraph_is_the_induced_subgraph_with_attributes(toy):
    C = CompactGraph.from_graph(toy)
    for chosen in (["a", "b"], ["b", "c", "d", "unknown"], ["e"], [], list(toy)):
        H, expected = C.subgraph(chosen), toy.subgraph([v for v in chosen if v in toy])
        assert sorted(H.nodes(data=True)) == sorted(expected.nodes(data=True))
        assert sorted((tuple(sorted((u, v))), d["sources"]) for u, v, d in H.edges(data=True)) == \
            sorted((tuple(sorted((u, v))), d["sources"]) for u, v, d in expected.edges(data=True))
        assert H.graph == toy.graph
    assert C.subgraph(["d"]).edges["d", "d"]["sources"] == ["s-dd"]  # the self-loop comes with its node


def test_directed_graphs_are_refused():
    with pytest.raises(ValueError, match="undirected"):
        CompactGraph.from_graph(nx.DiGraph([("a", "b")]))
