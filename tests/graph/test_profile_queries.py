"""The profile's named queries carry the actor's IRI in their pattern (bound before the
store evaluates them), so one profile costs the same at 100 or 100,000 actors."""

from __future__ import annotations

import re

import pytest

from graph.sparql.catalog import bind, named_query

PROFILE_QUERIES = ("actor_profile", "actor_sources", "actor_facets", "actor_relations", "actor_projects",
                   "actor_sites")
IRI = "https://w3id.org/harzgraph/id/actor/synthetic-actor-7"


@pytest.mark.parametrize("name", PROFILE_QUERIES)
def test_a_profile_query_names_the_actor_in_its_pattern(name):
    text = bind(named_query(name).text, {"actor": IRI})
    assert f"<{IRI}>" in text
    assert not re.search(r"[?$]actor\b", text), "no unbound ?actor is left to join afterwards"


def test_the_projects_of_an_actor_are_chosen_before_the_projects_are_read():
    # A UNION joined with "?project a schema:ResearchProject …" made the store start from
    # every project; the actor's projects come from a subquery that names the actor.
    text = bind(named_query("actor_projects").text, {"actor": IRI})
    subquery = text[text.index("SELECT ?project ?role WHERE"):text.index("?project a schema:ResearchProject")]
    assert subquery.count(f"<{IRI}>") == 3
