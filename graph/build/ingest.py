"""Read → map → validate → replace the store's content, all or nothing."""

from __future__ import annotations

import ctypes
import gc
import logging
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from graph import store as store_mod
from graph.build import batches
from graph.build.mapping import Mapped, map_all
from graph.build.readers import read_data
from graph.build.records import check_tables
from graph.build.shacl import compile_shapes, violations_to_problems
from graph.build.vocabulary import load_vocabulary, vocabulary_files
from graph.edit.log import entries as change_log
from graph.edit.log import map_changes
from graph.errors import ImportFailed, Problem
from graph.settings import Settings

log = logging.getLogger(__name__)

GENID = "https://w3id.org/harzgraph/.well-known/genid/"

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build or a validation did: counts, warnings and the time of each step."""

    triples: int = 0
    records: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    #: the process's peak RSS (MB) at the end of each step
    peak_mb: dict[str, float] = field(default_factory=dict)
    version: Path | None = None


def prepare(settings: Settings, report: BuildReport, progress: Progress | None = None, *,
            changes: list[dict] | None = None, scratch: Path | None = None) -> Mapped:
    """Read and check every table, then map it to triples; raise ImportFailed on any error.

    ``scratch``: the folder to spool the triples to (the build's, :func:`graph.store.scratch`;
    None: the system's temporary folder).

    ``changes``: the applied change sets to write as PROV (``graph.edit.log``); None reads
    them from the editing state beside the store.
    """
    step = _stepper(report, progress)
    with step("read"):
        tables, problems = read_data(settings.data_dir)
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems)  # a table that could not be read: checking the rest would only echo it
    with step("check"):
        vocab = load_vocabulary(settings.ontology_dir)
        data = check_tables(tables, vocab)
    problems += data.problems
    report.warnings = [p for p in problems if p.severity == "warning"]
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems)
    report.records = {name: len(records) for name, records in data.tables.items()}
    with step("map"):
        mapped = map_all(data, vocab, scratch)
        try:
            map_changes(mapped, change_log(settings) if changes is None else changes)
        except BaseException:
            mapped.close()
            raise
        return mapped


def load_into(target: pyoxigraph.Store, ntriples: Path, settings: Settings) -> None:
    """Bulk-load the vocabularies and the mapped data (an N-Triples file) into an empty store."""
    target.bulk_extend(vocabulary_quads(settings))
    target.bulk_load(path=str(ntriples), format=pyoxigraph.RdfFormat.N_TRIPLES)


def vocabulary_quads(settings: Settings) -> list[pyoxigraph.Quad]:
    """The ontology and vocabularies with blank nodes skolemised to stable IRIs.

    Blank nodes (e.g. of RDF lists) would get new random labels in every build, so two
    builds of the same data would not dump identically; ``…/.well-known/genid/<file>-<n>``
    IRIs, numbered in parse order, do (RDF 1.1 §3.5).
    """
    quads = []
    for path in vocabulary_files(settings.ontology_dir):
        names: dict[str, pyoxigraph.NamedNode] = {}

        def skolem(term, stem=path.stem, names=names):
            if isinstance(term, pyoxigraph.BlankNode):
                if term.value not in names:
                    names[term.value] = pyoxigraph.NamedNode(f"{GENID}{stem}-{len(names) + 1}")
                return names[term.value]
            return term

        for triple in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
            quads.append(pyoxigraph.Quad(skolem(triple.subject), triple.predicate, skolem(triple.object)))
    return quads


def check_shapes(mapped: Mapped, settings: Settings, report: BuildReport | None = None, *,
                 lenient: bool = False) -> None:
    """Run the SHACL shapes on the mapped triples, batch by batch (:mod:`graph.build.batches`);
    raise ImportFailed naming file/row/field. ``report.triples``: the distinct triples checked.
    ``lenient``: the caller parses the triples strictly itself (the build's on-disk load)."""
    checks = compile_shapes(settings.ontology_dir / "shapes.ttl")
    violations, triples = batches.check(mapped.batches, vocabulary_quads(settings), checks, lenient=lenient)
    if report is not None:
        report.triples = triples
    if violations:
        raise ImportFailed(violations_to_problems(violations, mapped.origins))


def validate(settings: Settings, progress: Progress | None = None, *,
             changes: list[dict] | None = None) -> BuildReport:
    """Check the data completely (tables, references, SHACL) without touching any store."""
    report = BuildReport()
    mapped = prepare(settings, report, progress, changes=changes)
    step = _stepper(report, progress)
    try:
        with step("shacl"):
            check_shapes(mapped, settings, report)
    finally:
        mapped.close()
    return report


def build(settings: Settings, progress: Progress | None = None,
          derive: Callable[..., object] | None = None, *,
          changes: list[dict] | None = None, before_swap: Callable[[], None] | None = None) -> BuildReport:
    """Build the graph aside, validate it, and only then swap it in as the current version.

    On any problem the new version is deleted and ImportFailed is raised; the store keeps
    exactly its previous content. ``before_swap`` runs after the new version is complete and
    checked, just before it is swapped in (an applied edit moves its files into ``data/``
    there); if it raises, nothing is published. The build holds the store's exclusive build
    lock throughout (:func:`graph.store.build_lock`): a second build waits up to
    ``settings.build_wait_s`` seconds and is then refused with a StoreError.

    The mapped triples are checked against the SHACL shapes batch by batch, each batch a
    small in-memory store (:mod:`graph.build.batches`), so that no second full copy of the
    graph exists and the time grows linearly; then bulk-loaded once, into the new on-disk
    database, which is compacted (``Store.optimize``) (bench/build.py).
    ``derive(store, folder, sources=…)``, when given, then computes what the pages read into
    the version folder (:mod:`graph.derived`), so it is swapped in together with the data;
    ``sources`` are the N-Triples file and the vocabulary quads just loaded (what the store
    holds), which it may read instead of the store.
    """
    with store_mod.build_lock(settings.store_dir, wait_s=settings.build_wait_s), \
            store_mod.scratch(settings.store_dir) as scratch:
        return _build_locked(settings, progress, derive, changes, before_swap, scratch)


def _build_locked(settings: Settings, progress: Progress | None,
                  derive: Callable[..., object] | None, changes: list[dict] | None,
                  before_swap: Callable[[], None] | None, scratch: Path) -> BuildReport:
    report = BuildReport()
    mapped = prepare(settings, report, progress, changes=changes, scratch=scratch)
    step = _stepper(report, progress)
    try:
        ntriples = mapped.finish()
        with step("shacl"):  # before any disk work: refused data leaves no trace
            check_shapes(mapped, settings, lenient=True)  # the load below parses strictly
        _return_free_memory()
        with store_mod.new_version(settings.store_dir) as folder:
            target = pyoxigraph.Store(str(folder))
            with step("load"):
                load_into(target, ntriples, settings)
                target.flush()
            with step("optimize"):
                target.optimize()
            report.triples = len(target)
            if derive is not None:
                mapped.origins.clear()  # only the checks needed them
                _return_free_memory()  # the load's buffers, before derive reads the store into its own
                with step("derive"):  # reads the spooled triples again: faster than the store
                    derive(target, folder, sources=[ntriples, vocabulary_quads(settings)])
            mapped.close()  # the spooled triples are in the store now
            target.flush()
            del target
            if before_swap is not None:
                before_swap()
    finally:
        mapped.close()
    with step("swap"):
        report.version = store_mod.publish(settings.store_dir, folder, keep=settings.keep_versions)
    return report


def _return_free_memory() -> None:
    """Hand the memory the checked records and the SHACL index no longer use back to the
    system before the bulk load takes its own: at 100k actors the process shrinks from ~680
    to ~410 MB here (the build's peak, during the load, fell less: 1,969 → 1,922 MB, as the
    load reuses freed memory anyway); a process that builds and then serves keeps it small.
    glibc only; elsewhere a no-op."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class _Step:
    def __init__(self, report: BuildReport, name: str, progress: Progress | None):
        self.report, self.name, self.progress = report, name, progress

    def __enter__(self):
        if self.progress:
            self.progress(self.name)
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        self.report.seconds[self.name] = time.perf_counter() - self.start
        self.report.peak_mb[self.name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        log.debug("%s took %.3f s (peak RSS so far %.0f MB)", self.name, self.report.seconds[self.name],
                  self.report.peak_mb[self.name])


def _stepper(report: BuildReport, progress: Progress | None):
    return lambda name: _Step(report, name, progress)
