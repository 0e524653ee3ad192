"""Look up the concepts of the SKOS schemes in ``ontology/vocab`` by notation or label."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from graph.namespaces import ID, PREFIXES, concept_iri, sparql_prologue

_CONCEPTS = sparql_prologue() + """
SELECT ?concept ?scheme ?notation ?label WHERE {
  ?concept a skos:Concept ; skos:inScheme ?scheme .
  OPTIONAL { ?concept skos:notation ?notation }
  OPTIONAL { { ?concept skos:prefLabel ?label } UNION { ?concept skos:altLabel ?label } }
}
"""


@dataclass
class Vocabulary:
    """Notations and labels of every concept, per scheme, for resolving spreadsheet cells.

    ``terms[scheme][key]`` maps a lower-cased notation or label to the concept IRI;
    ``notation[iri]`` gives the concept's notation back.
    """

    terms: dict[str, dict[str, str]] = field(default_factory=dict)
    notation: dict[str, str] = field(default_factory=dict)
    #: ``annotations[iri][term]``: hg:orgClass, hg:directProperty, hg:symmetric values
    annotations: dict[str, dict[str, str]] = field(default_factory=dict)
    spelling: dict[str, str] = field(default_factory=dict)

    def add(self, scheme: str, iri: str, notation: str | None, labels: list[str]) -> None:
        keys = self.terms.setdefault(scheme, {})
        for text in ([notation] if notation else []) + labels:
            keys.setdefault(text.strip().casefold(), iri)
            self.spelling.setdefault(text.strip().casefold(), text.strip())
        if notation:
            self.notation[iri] = notation

    def resolve(self, scheme: str, text: str) -> str | None:
        """The IRI of the concept whose notation or de/en label is ``text``, else None."""
        return self.terms.get(scheme, {}).get(text.strip().casefold())

    def suggest(self, scheme: str, text: str) -> list[str]:
        """Up to three notations or labels close to ``text``, for "did you mean" messages."""
        keys = self.terms.get(scheme, {})
        close = difflib.get_close_matches(text.strip().casefold(), list(keys), n=6, cutoff=0.6)
        seen: list[str] = []
        concepts: set[str] = set()
        for key in close:
            if keys[key] not in concepts:
                concepts.add(keys[key])
                seen.append(self.spelling.get(key, key))
        return seen[:3]

    def unknown(self, scheme: str, text: str) -> str:
        """The message for a term that is not in ``scheme``, with the nearest terms (or some
        known ones when none is near): "'Goslarr' is not a known district; did you mean 'Goslar'?"."""
        near = self.suggest(scheme, text)
        hint = (f"; did you mean {' or '.join(repr(n) for n in near)}?" if near
                else f"; known: {', '.join(self.choices(scheme))}")
        return f"'{text}' is not a known {scheme.replace('-', ' ')}{hint}"

    def choices(self, scheme: str, limit: int = 12) -> list[str]:
        names = sorted({self.notation[i] for i in self.terms.get(scheme, {}).values() if i in self.notation})
        return names[:limit]


def vocabulary_files(ontology_dir: Path) -> list[Path]:
    """The Turtle files of the ontology folder that go into every build, in a stable order."""
    root = Path(ontology_dir)
    files = [root / "harzgraph.ttl", *sorted((root / "vocab").glob("*.ttl"))]
    return [f for f in files if f.exists()]


def load_vocabulary(ontology_dir: Path) -> Vocabulary:
    """Read every scheme of ``ontology/vocab`` (fast: parsed by Oxigraph in memory)."""
    store = pyoxigraph.Store()
    for path in vocabulary_files(ontology_dir):
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return vocabulary_from_store(store)


_ANNOTATIONS = sparql_prologue() + """
SELECT ?concept ?term ?value WHERE {
  VALUES ?term { hg:orgClass hg:directProperty hg:symmetric }
  ?concept ?term ?value .
}
"""


def vocabulary_from_store(store: pyoxigraph.Store) -> Vocabulary:
    vocab = Vocabulary()
    for solution in store.query(_ANNOTATIONS):
        term = solution["term"].value.rsplit("#", 1)[1]
        vocab.annotations.setdefault(solution["concept"].value, {})[term] = solution["value"].value
    rows: dict[tuple[str, str], tuple[str | None, list[str]]] = {}
    scheme_base = ID + "scheme/"
    for solution in store.query(_CONCEPTS):
        scheme_iri = solution["scheme"].value
        if not scheme_iri.startswith(scheme_base):
            continue
        key = (scheme_iri.removeprefix(scheme_base), solution["concept"].value)
        notation, labels = rows.get(key, (None, []))
        if solution["notation"] is not None:
            notation = solution["notation"].value
        if solution["label"] is not None:
            labels.append(solution["label"].value)
        rows[key] = (notation, labels)
    for (scheme, iri), (notation, labels) in sorted(rows.items()):
        vocab.add(scheme, iri, notation, labels)
    return vocab


def add_districts(vocab: Vocabulary, districts: list[tuple[str, str, str]]) -> None:
    """Make the districts of ``data/districts.csv`` resolvable: (key, name, state key)."""
    for key, name, _state in districts:
        vocab.add("district", concept_iri("district", key), key, [name])


__all__ = ["PREFIXES", "Vocabulary", "add_districts", "load_vocabulary", "vocabulary_files"]
