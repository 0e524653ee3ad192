"""One rule for funding: a funds relation and the project table's funder column give the same
tie, at the half weight that TIE_WEIGHTS and the briefing's method text state (synthetic data)."""

from __future__ import annotations

import pyoxigraph
import pytest

from graph.namespaces import sparql_prologue
from graph.network import TIE_WEIGHTS, collaboration_graph

PREFIXES = sparql_prologue().replace("PREFIX ", "@prefix ").replace(">\n", "> .\n")


def store_with(project_funding: str) -> pyoxigraph.Store:
    """Actors P1, P2 (partners in project X) and F (a funder); ``project_funding`` says how F funds X."""
    turtle = PREFIXES + """
    reltype:partner_in skos:notation "partner_in" . reltype:funds skos:notation "funds" .
    kind:other skos:notation "other" . kind:funder skos:notation "funder" .
    actor:p1 a org:Organization ; rdfs:label "SYNTHETIC P1" ; hg:kind kind:other ; hg:confidence "high" .
    actor:p2 a org:Organization ; rdfs:label "SYNTHETIC P2" ; hg:kind kind:other ; hg:confidence "high" .
    actor:f a org:Organization ; rdfs:label "SYNTHETIC F" ; hg:kind kind:funder ; hg:confidence "high" .
    project:x a schema:ResearchProject ; hg:confidence "high" ; dcterms:source <https://example.org/x> .
    rel:1 a hg:Relationship ; hg:relationType reltype:partner_in ; rdf:subject actor:p1 ; rdf:object project:x ;
        hg:confidence "high" ; dcterms:source <https://example.org/r1> .
    rel:2 a hg:Relationship ; hg:relationType reltype:partner_in ; rdf:subject actor:p2 ; rdf:object project:x ;
        hg:confidence "high" ; dcterms:source <https://example.org/r2> .
    """ + project_funding
    store = pyoxigraph.Store()
    store.load(turtle.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    return store


AS_RELATION = """
    project:x schema:funder actor:f .
    rel:3 a hg:Relationship ; hg:relationType reltype:funds ; rdf:subject actor:f ; rdf:object project:x ;
        hg:confidence "high" ; dcterms:source <https://example.org/r3> .
"""
AS_COLUMN = "project:x schema:funder actor:f ."
ID = "https://w3id.org/harzgraph/id/actor/"


@pytest.mark.parametrize("funding", [AS_RELATION, AS_COLUMN], ids=["funds-relation", "funder-column"])
def test_funding_makes_half_weight_ties_to_the_participants_either_way(funding):
    G = collaboration_graph(store_with(funding))
    # P1–P2 share the project: one joint-project tie, weight 1.
    assert G.edges[ID + "p1", ID + "p2"]["relations"] == ["joint_project"]
    assert G.edges[ID + "p1", ID + "p2"]["weight"] == 1.0
    # F funds the project: a funds tie to each participant, weight 0.5 (not a joint project).
    for partner in ("p1", "p2"):
        edge = G.edges[ID + "f", ID + partner]
        assert edge["relations"] == ["funds"]
        assert edge["weight"] == TIE_WEIGHTS["funds"] == 0.5
    assert G.number_of_edges() == 3


def test_funding_can_be_left_out():
    G = collaboration_graph(store_with(AS_RELATION), include_funding=False)
    assert set(G.edges()) == {(ID + "p1", ID + "p2")} or set(G.edges()) == {(ID + "p2", ID + "p1")}
