"""The mapped triples cut into batches of subjects, and the SHACL checks run batch by batch.

Checking the whole graph at once needs a second full copy of it (2 GB at 100,000 actors),
and the compiled checks got slower than linear on the on-disk store. Here mapping writes
every triple, beside the one N-Triples file that is loaded, into the batch that owns its
subject; :func:`check` then loads one batch at a time into a small in-memory store, runs
the compiled checks of :mod:`graph.build.shacl` on it and keeps the violations of the
subjects that batch owns. Time grows linearly with the data, memory with the batch size.

What a batch holds:

- **every triple of the subjects it owns**: a subject belongs to batch
  ``crc32(IRI without fragment) mod n``, so ``…/actor/x#address`` lives with ``…/actor/x``;
  counts (minCount, maxCount, uniqueLang) and value tests are therefore exact;
- **every other triple written by the records it owns** (``Mapped.begin``): a relation row
  writes its direct triple ``subject p object`` under the subject actor, which may live
  elsewhere; the relation's check "the direct triple is missing" finds it here;
- **the rdf:type and skos:inScheme of every IRI its triples point to**, from an index
  kept while mapping: what sh:class and the "is a concept of scheme …" and "is an actor or
  a project" constraints ask about another node;
- **the ontology and the vocabularies**, with the subclass closure sh:class needs.

The checks that look beyond the focus node's own triples only ask whether a fact is
*absent* (``FILTER NOT EXISTS``); a batch holds part of the graph, so on a batch they could
only report too much, never too little, and the context above is what makes them report
exactly what the whole graph would. tests/graph/test_batches.py checks that, with one
record per batch, a build finds the same violations as on the whole graph, also when the
evidence lies in another batch.
"""

from __future__ import annotations

import math
import os
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph

from graph.build.shacl import Check, Violation, run_checks

#: Records per batch: about 300,000 triples, an in-memory store of ~150 MB.
RECORDS_PER_BATCH = 20_000
#: Batches checked at once (threads: Oxigraph works without the GIL); at most the cores there are.
CHECK_THREADS = min(2, os.cpu_count() or 1)
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
#: The predicates whose triples are kept in the index of what a node is (sh:class, schemes).
KIND_PREDICATES = (RDF_TYPE, "<http://www.w3.org/2004/02/skos/core#inScheme>")


def batch_count(records: int, per_batch: int | None = None) -> int:
    """How many batches ``records`` records make (at least one)."""
    return max(1, math.ceil(records / (per_batch or RECORDS_PER_BATCH)))


class Batches:
    """The triples of a build spooled into ``n`` batches of files (own triples, context, the
    type lines of own subjects), the index of the rdf:type / skos:inScheme of every subject,
    and the IRIs each batch points to."""

    def __init__(self, n: int, folder: Path | None = None):
        self.n = n
        self._folder = tempfile.TemporaryDirectory(prefix="harzgraph-batches-", dir=folder)
        root = Path(self._folder.name)
        self.own_paths = [root / f"own-{b}.nt" for b in range(n)]
        self.context_paths = [root / f"context-{b}.nt" for b in range(n)]
        self.focus_paths = [root / f"focus-{b}.nt" for b in range(n)]  # the rdf:type lines of own subjects
        self._files: list = []
        try:
            for path in (*self.own_paths, *self.context_paths, *self.focus_paths):
                self._files.append(open(path, "wb"))  # noqa: SIM115 — closed by close()
        except BaseException:
            self.close()
            raise
        #: lines waiting to be written: own lines of batch b at b, context at n + b, focus at 2n + b
        self.buffers: list[list[str]] = [[] for _ in range(3 * n)]
        #: ``kinds["<iri>"]``: the (predicate, object) pairs of its rdf:type and skos:inScheme triples
        self.kinds: dict[str, tuple[tuple[str, str], ...]] = {}
        self._shared: dict[object, object] = {}
        #: ``refs[b]``: every IRI the triples of batch ``b`` point to
        self.refs: list[set[str]] = [set() for _ in range(n)]
        self.spent = False

    def owner(self, iri: str) -> int:
        """The batch that owns subject ``iri`` (without angle brackets)."""
        if self.n == 1:
            return 0
        return zlib.crc32(iri.split("#", 1)[0].encode("utf-8")) % self.n

    def add_context(self, home: int, line: str, o: str) -> None:
        """File a line its record (of batch ``home``) wrote under another batch's subject as
        context of ``home`` too. (``Mapped.add`` files the own lines inline: the hot path.)"""
        self.buffers[self.n + home].append(line)
        if o[0] == "<":
            self.refs[home].add(o)

    def note_kind(self, batch: int, line: str, s: str, p: str, o: str) -> None:
        """Remember that subject ``s`` (of ``batch``) has rdf:type or skos:inScheme ``o``
        (strings shared); its rdf:type lines also name the batch's focus nodes."""
        if p == RDF_TYPE:
            self.buffers[2 * self.n + batch].append(line)
        pair = self._shared.setdefault((p, o), (p, o))
        kinds = self.kinds.get(s, ()) + (pair,)
        self.kinds[s] = self._shared.setdefault(kinds, kinds)

    def flush(self) -> None:
        for buffer, file in zip(self.buffers, self._files, strict=True):
            if buffer:
                file.write("".join(buffer).encode("utf-8"))
                buffer.clear()

    def finish(self) -> None:
        self.flush()
        for file in self._files:
            file.flush()

    def close(self) -> None:
        for file in self._files:
            file.close()
        self._folder.cleanup()


#: The named graph that holds, in a batch's store, the rdf:type triples of the subjects it
#: owns: the checks take their focus nodes from it (``run_checks(focus_graph=…)``), so that a
#: node of another batch, present only with its types, is never checked half-seen.
FOCUS_GRAPH = "urn:x-harzgraph:batch-focus"


def check(batches: Batches, vocabulary: list[pyoxigraph.Quad], checks: list[Check], *,
          lenient: bool = False) -> tuple[list[Violation], int]:
    """Run ``checks`` batch by batch; the violations (sorted as :func:`run_checks` sorts them)
    and the number of distinct triples checked (data and vocabularies).

    This spends the batches: the index of what each node is and the references of each batch
    are dropped as the checks go, so that the memory is free for the load that follows.
    ``lenient``: parse the batch files without validating IRIs and language tags again, for
    a caller that loads the same triples strictly elsewhere (the build's on-disk load).
    """
    if batches.spent:
        raise RuntimeError("these batches have been checked already")
    batches.finish()
    batches.spent = True
    owned: list[list[pyoxigraph.Quad]] = [[] for _ in range(batches.n)]
    for quad in vocabulary:  # the vocabularies' subjects are owned by batches too, so checked once
        subject = quad.subject
        owned[batches.owner(subject.value) if isinstance(subject, pyoxigraph.NamedNode) else 0].append(quad)
    nt, focus = pyoxigraph.RdfFormat.N_TRIPLES, pyoxigraph.NamedNode(FOCUS_GRAPH)

    def check_batch(b: int) -> tuple[int, list[Violation]]:
        store = pyoxigraph.Store()
        store.bulk_extend(owned[b])
        store.load(path=str(batches.own_paths[b]), format=nt, lenient=lenient)
        own = len(store)  # the batches partition the data and the vocabularies by subject
        store.bulk_extend(pyoxigraph.Quad(q.subject, q.predicate, q.object, focus)
                          for q in owned[b] if q.predicate.value == RDF_TYPE[1:-1])
        store.load(path=str(batches.focus_paths[b]), format=nt, to_graph=focus, lenient=True)  # own lines again
        store.bulk_extend(q for c, quads in enumerate(owned) if c != b for q in quads)
        store.load(path=str(batches.context_paths[b]), format=nt, lenient=lenient)
        store.load(_neighbour_kinds(batches, b), format=nt, lenient=True)  # lines their own batch parses
        batches.refs[b] = set()
        return own, run_checks(store, checks, focus_graph=FOCUS_GRAPH)

    # Two batches at a time: Oxigraph parses and evaluates without holding the GIL, so two
    # threads use both cores (bench/shacl_threads.py); each holds one small batch store.
    found: list[Violation] = []
    triples = 0
    with ThreadPoolExecutor(max_workers=max(1, min(CHECK_THREADS, batches.n))) as pool:
        for own, violations in pool.map(check_batch, range(batches.n)):
            triples += own
            found += violations
    batches.kinds.clear()
    found.sort(key=lambda v: (v.focus, v.field or "", v.message, v.value or ""))
    return found, triples


def _neighbour_kinds(batches: Batches, b: int) -> bytes:
    """N-Triples of the rdf:type and skos:inScheme of every IRI the batch points to that
    another batch owns."""
    lines: list[str] = []
    kinds = batches.kinds
    for node in batches.refs[b]:
        known = kinds.get(node)
        if known and batches.owner(node[1:-1]) != b:
            lines += [f"{node} {p} {o} .\n" for p, o in known]
    return "".join(lines).encode("utf-8")
