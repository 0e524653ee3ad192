"""The concept hierarchy of the SKOS schemes, and the one rule for filtering on a concept.

**The rule.** A filter on a concept matches that concept and every concept narrower than it,
however deep (``skos:broader`` followed transitively). Choosing "Batterien" (``batteries``)
therefore finds the actors tagged "Lithium-Ionen-Batterien" or "Blei-Säure-Batterien";
choosing "Metalle" finds the actors handling copper, gold or palladium. A concept may have
several broader concepts (copper wire is both copper and a WEEE fraction): it is then found
under each of them.

Every page, analysis, CLI filter and the briefing asks this module; none has its own rule.
Concepts are named here by ``(scheme, notation)``; a notation alone says nothing, because two
schemes may use the same one (``research`` is both a kind of actor and a competency).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: The actor facets whose values are concepts of a scheme with a hierarchy: facet → scheme.
HIERARCHICAL_FACETS: dict[str, str] = {
    "stage": "stage", "material": "material", "category": "weee-category", "competency": "competency",
}
#: The node attribute of the collaboration graph that holds each facet's notations.
NODE_ATTRIBUTE: dict[str, str] = {
    "stage": "stages", "material": "materials", "category": "categories", "competency": "competencies",
}


@dataclass(frozen=True)
class Hierarchy:
    """``broader[scheme][notation]``: the direct broader concepts (notations of the same scheme).

    >>> h = Hierarchy({"material": {"lead-acid-batteries": ("batteries",), "batteries": (),
    ...                             "copper-wire": ("copper", "weee-fractions")}})
    >>> sorted(h.expand("material", ["batteries"]))
    ['batteries', 'lead-acid-batteries']
    >>> h.matches("material", ["lead-acid-batteries"], ["batteries"])
    True
    >>> h.matches("material", ["batteries"], ["lead-acid-batteries"])
    False
    >>> sorted(h.with_broader("material", ["copper-wire"]))
    ['copper', 'copper-wire', 'weee-fractions']
    """

    broader: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    _narrower: dict[str, dict[str, tuple[str, ...]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        narrower: dict[str, dict[str, list[str]]] = {}
        for scheme, links in self.broader.items():
            down = narrower.setdefault(scheme, {})
            for notation, parents in links.items():
                for parent in parents:
                    down.setdefault(parent, []).append(notation)
        object.__setattr__(self, "_narrower", {s: {k: tuple(sorted(v)) for k, v in d.items()}
                                               for s, d in narrower.items()})

    def narrower(self, scheme: str, notation: str) -> tuple[str, ...]:
        """The direct narrower concepts, sorted."""
        return self._narrower.get(scheme, {}).get(notation, ())

    def parents(self, scheme: str, notation: str) -> tuple[str, ...]:
        """The direct broader concepts."""
        return tuple(self.broader.get(scheme, {}).get(notation, ()))

    def expand(self, scheme: str, notations: Iterable[str]) -> frozenset[str]:
        """The notations and every concept narrower than one of them (transitively)."""
        return self._walk(self._narrower.get(scheme, {}), notations)

    def with_broader(self, scheme: str, notations: Iterable[str]) -> frozenset[str]:
        """The notations and every concept broader than one of them (transitively)."""
        return self._walk(self.broader.get(scheme, {}), notations)

    def matches(self, scheme: str, held: Iterable[str], wanted: Iterable[str]) -> bool:
        """Whether one of the ``held`` concepts is one of ``wanted`` or narrower than one."""
        return not self.expand(scheme, wanted).isdisjoint(held)

    def tops(self, scheme: str, notation: str) -> frozenset[str]:
        """The top concepts (no broader one) that ``notation`` reaches going up."""
        up = self.broader.get(scheme, {})
        return frozenset(c for c in self.with_broader(scheme, [notation]) if not up.get(c))

    def tree(self, scheme: str, notations: Iterable[str], *, key=None) -> list[tuple[str, int]]:
        """``(notation, depth)`` of ``notations`` in tree order: each concept followed by its
        narrower ones among ``notations`` (depth 1, 2 …), siblings sorted by ``key``. A concept
        with several broader ones in ``notations`` appears under the first of them only.

        >>> h = Hierarchy({"m": {"b": ("a",), "c": ("a",), "d": ()}})
        >>> h.tree("m", ["d", "c", "b", "a"])
        [('a', 0), ('b', 1), ('c', 1), ('d', 0)]
        """
        wanted = set(notations)
        order = key or (lambda n: n)
        up = self.broader.get(scheme, {})
        children: dict[str, list[str]] = {}
        roots = []
        for notation in wanted:
            # The nearest broader concepts that are shown themselves (skipping hidden ones).
            seen, todo, found = {notation}, list(up.get(notation, ())), []
            while todo:
                parent = todo.pop(0)
                if parent in seen:
                    continue
                seen.add(parent)
                if parent in wanted:
                    found.append(parent)
                else:
                    todo.extend(up.get(parent, ()))
            for parent in found:
                children.setdefault(parent, []).append(notation)
            if not found:
                roots.append(notation)
        shown: set[str] = set()
        out: list[tuple[str, int]] = []

        def visit(notation: str, depth: int) -> None:
            if notation in shown:
                return
            shown.add(notation)
            out.append((notation, depth))
            for child in sorted(children.get(notation, ()), key=order):
                visit(child, depth + 1)

        for root in sorted(roots, key=order):
            visit(root, 0)
        for rest in sorted(wanted - shown, key=order):  # only on a cycle
            visit(rest, 0)
        return out

    @staticmethod
    def _walk(links: Mapping[str, Iterable[str]], start: Iterable[str]) -> frozenset[str]:
        seen = set(start)
        todo = list(seen)
        while todo:
            for nxt in links.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return frozenset(seen)


def hierarchy_from_rows(rows: Iterable[Mapping[str, Any]]) -> Hierarchy:
    """A hierarchy from rows ``{"scheme", "notation", "broader"}`` (``broader`` None for a
    concept without one), as the named query ``concept_hierarchy`` gives them."""
    broader: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        links = broader.setdefault(str(row["scheme"]), {}).setdefault(str(row["notation"]), [])
        if row.get("broader") and row["broader"] not in links:
            links.append(str(row["broader"]))
    return Hierarchy({s: {n: tuple(sorted(b)) for n, b in d.items()} for s, d in broader.items()})


def read_hierarchy(store) -> Hierarchy:
    """The hierarchy of every scheme in the store (one small query)."""
    from graph.sparql.catalog import run_named

    return hierarchy_from_rows(run_named(store, "concept_hierarchy").rows)


def hierarchy_of(G) -> Hierarchy:
    """The hierarchy a collaboration graph carries in ``G.graph["hierarchy"]`` (flat when absent,
    as in small hand-drawn graphs)."""
    found = G.graph.get("hierarchy")
    if isinstance(found, Hierarchy):
        return found
    return Hierarchy(found or {})


def node_matches(G, attrs: Mapping[str, Any], facet: str, wanted: Iterable[str]) -> bool:
    """Whether a node of ``G`` has, for a hierarchical ``facet``, one of ``wanted`` or a
    narrower concept."""
    return hierarchy_of(G).matches(HIERARCHICAL_FACETS[facet], attrs.get(NODE_ATTRIBUTE[facet]) or (), wanted)


__all__ = ["HIERARCHICAL_FACETS", "NODE_ATTRIBUTE", "Hierarchy", "hierarchy_from_rows", "hierarchy_of",
           "node_matches", "read_hierarchy"]
