"""The concept hierarchy and the one rule "a filter on a concept includes its narrower concepts"."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest

from graph.analyse._names import label
from graph.build.vocabulary import vocabulary_files
from graph.concepts import Hierarchy, hierarchy_from_rows, read_hierarchy
from graph.views.gaps import actor_matches

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"


@pytest.fixture(scope="module")
def vocab_hierarchy() -> Hierarchy:
    store = pyoxigraph.Store()
    for path in vocabulary_files(ONTOLOGY):
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return read_hierarchy(store)


# --- the rule on a hand-drawn hierarchy --------------------------------------------------------

H = hierarchy_from_rows([
    {"scheme": "material", "notation": "metals", "broader": None},
    {"scheme": "material", "notation": "base-metals", "broader": "metals"},
    {"scheme": "material", "notation": "copper", "broader": "base-metals"},
    {"scheme": "material", "notation": "weee", "broader": None},
    {"scheme": "material", "notation": "copper-wire", "broader": "copper"},
    {"scheme": "material", "notation": "copper-wire", "broader": "weee"},
    {"scheme": "competency", "notation": "research", "broader": None},
])


def test_expand_is_transitive_and_follows_every_broader_concept():
    # metals > base-metals > copper > copper-wire: three steps down.
    assert H.expand("material", ["metals"]) == {"metals", "base-metals", "copper", "copper-wire"}
    # copper-wire has two broader concepts: it is found under weee too.
    assert H.expand("material", ["weee"]) == {"weee", "copper-wire"}
    assert H.with_broader("material", ["copper-wire"]) == {"copper-wire", "copper", "base-metals", "metals", "weee"}
    assert H.tops("material", "copper-wire") == {"metals", "weee"}


def test_a_narrower_filter_does_not_match_a_broader_tag():
    assert H.matches("material", ["copper"], ["metals"])
    assert not H.matches("material", ["metals"], ["copper"])
    # Schemes never mix: a competency called like a material is not it.
    assert not H.matches("competency", ["copper"], ["metals"])


def test_tree_order_puts_narrower_concepts_under_their_broader_one():
    assert H.tree("material", ["copper", "metals", "weee", "copper-wire"]) == [
        ("metals", 0), ("copper", 1), ("copper-wire", 2), ("weee", 0)]


def test_gap_filters_use_the_rule():
    G = nx.Graph(hierarchy=H)
    G.add_node("a", materials=["copper-wire"])
    G.add_node("b", materials=["metals"])
    assert actor_matches(G, "a", {"material": ("metals",)})
    assert not actor_matches(G, "b", {"material": ("copper",)})


def test_labels_are_looked_up_by_concept_iri_not_by_notation():
    # Defect 4: the competency "research" was labelled with the kind "research institute".
    base = "https://w3id.org/harzgraph/id/concept/"
    G = nx.Graph(labels={base + "kind/research": {"de": "Forschungseinrichtung"},
                         base + "competency/research": {"de": "Forschung"}})
    assert label(G, "research", "de", "competency") == "Forschung"
    assert label(G, "research", "de", "kind") == "Forschungseinrichtung"


# --- the shipped vocabularies -------------------------------------------------------------------

MATERIAL_TOPS = {"metals", "non-metallic-raw-materials", "plastics", "glass", "pigments", "eee", "batteries",
                 "wastes-and-residues", "secondary-raw-materials", "used-goods"}
COMPETENCY_TOPS = {"collection-and-logistics", "reuse-and-repair", "waste-treatment", "metallurgy",
                   "research-and-education", "networks-and-services", "public-sector-and-funding", "industry",
                   "society-and-climate"}


@pytest.mark.parametrize(("scheme", "tops"), [("material", MATERIAL_TOPS), ("competency", COMPETENCY_TOPS)])
def test_every_concept_reaches_a_top_concept_a_strategist_would_choose(vocab_hierarchy, scheme, tops):
    concepts = vocab_hierarchy.broader[scheme]
    assert {c for c, up in concepts.items() if not up} == tops
    for concept in concepts:
        assert vocab_hierarchy.tops(scheme, concept) <= tops, concept
        assert vocab_hierarchy.tops(scheme, concept), f"{concept} reaches no top concept (cycle?)"


def test_metals_include_base_precious_and_minor_metals(vocab_hierarchy):
    metals = vocab_hierarchy.expand("material", ["metals"])
    for metal in ("copper", "zinc", "aluminium", "gold", "palladium", "platinum", "tantalum", "neodymium",
                  "base-metals", "precious-metals", "minor-metals", "zinc-scrap", "copper-wire"):
        assert metal in metals
    assert vocab_hierarchy.expand("material", ["precious-metals"]) >= {"gold", "silver", "platinum-group-metals",
                                                                       "palladium", "rhodium"}
    assert "copper" not in vocab_hierarchy.expand("material", ["precious-metals"])


def test_battery_types_are_under_batteries_and_fractions_under_weee(vocab_hierarchy):
    assert vocab_hierarchy.expand("material", ["batteries"]) == {"batteries", "lithium-ion-batteries",
                                                                 "lead-acid-batteries"}
    weee = vocab_hierarchy.expand("material", ["weee"])
    assert {"printed-circuit-boards", "pcb-base-material", "copper-wire"} <= weee


def test_the_crm_act_flags_and_sources_are_kept():
    text = (ONTOLOGY / "vocab" / "materials.ttl").read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=material:[a-z0-9-]+ a skos:Concept)", text)[1:]
    strategic = {re.match(r"material:([a-z0-9-]+)", b).group(1) for b in blocks if "hg:crmStrategic true" in b}
    # Annex I has 17 entries; the groups among them are the platinum-group metals and the rare
    # earths for magnets, whose members are flagged one by one.
    for entry in ("aluminium", "bismuth", "boron", "cobalt", "copper", "gallium", "germanium", "lithium",
                  "magnesium", "manganese", "graphite", "nickel", "platinum-group-metals", "silicon-metal",
                  "titanium", "tungsten"):
        assert entry in strategic
    assert "gold" not in strategic and "metals" not in strategic
    # The flags as before the hierarchy was added: 28 concepts strategic, 55 critical (the
    # entries, the members of the PGM and rare-earth groups); the groupings are flagged false.
    assert len(strategic) == 28
    assert sum("hg:crmCritical true" in b for b in blocks) == 55
    for group in ("metals", "base-metals", "precious-metals", "minor-metals", "non-metallic-raw-materials"):
        block = next(b for b in blocks if b.startswith(f"material:{group} "))
        assert "hg:crmStrategic false ; hg:crmCritical false" in block and "dcterms:source" in block
