"""Read → map → validate → replace the store's content, all or nothing."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from graph import store as store_mod
from graph.build.mapping import Mapped, map_all
from graph.build.readers import read_data
from graph.build.records import check_tables
from graph.build.shacl import compile_shapes, run_checks, violations_to_problems
from graph.build.vocabulary import load_vocabulary, vocabulary_files
from graph.edit.log import entries as change_log
from graph.edit.log import map_changes
from graph.errors import ImportFailed, Problem, StoreError
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
    version: Path | None = None


def prepare(settings: Settings, report: BuildReport, progress: Progress | None = None, *,
            changes: list[dict] | None = None) -> Mapped:
    """Read and check every table, then map it to triples; raise ImportFailed on any error.

    ``changes``: the applied change sets to write as PROV (``graph.edit.log``); None reads
    them from the editing state beside the store.
    """
    step = _stepper(report, progress)
    with step("read"):
        tables, problems = read_data(settings.data_dir)
    with step("check"):
        vocab = load_vocabulary(settings.ontology_dir)
        data = check_tables(tables, vocab)
    problems += data.problems
    report.warnings = [p for p in problems if p.severity == "warning"]
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems)
    report.records = {name: len(records) for name, records in data.tables.items()}
    with step("map"):
        mapped = map_all(data, vocab)
        map_changes(mapped, change_log(settings) if changes is None else changes)
        return mapped


def load_into(target: pyoxigraph.Store, ntriples: Path, settings: Settings) -> None:
    """Bulk-load the vocabularies and the mapped data (an N-Triples file) into an empty store."""
    target.bulk_extend(vocabulary_quads(settings))
    target.bulk_load(path=str(ntriples), format=pyoxigraph.RdfFormat.N_TRIPLES)


def _start_writer(folder: Path, ntriples: Path, settings: Settings) -> subprocess.Popen:
    """A child process that writes the on-disk database of a new version and closes it.

    A fresh interpreter, not a fork: forking a process that has used Oxigraph can leave
    the child waiting forever on a lock held by one of the parent's threads.
    """
    return subprocess.Popen([sys.executable, "-m", "graph.build.writer", str(folder), str(ntriples),
                             str(settings.ontology_dir)], preexec_fn=_die_with_parent)


def _die_with_parent() -> None:
    """In the child: get SIGKILL when the building process dies (Linux prctl), so a build
    killed with kill -9 leaves no writer behind."""
    import ctypes
    import signal

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


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


def check_shapes(target: pyoxigraph.Store, mapped: Mapped, settings: Settings) -> None:
    """Run the SHACL shapes on a loaded store; raise ImportFailed naming file/row/field."""
    checks = compile_shapes(settings.ontology_dir / "shapes.ttl")
    violations = run_checks(target, checks)
    if violations:
        raise ImportFailed(violations_to_problems(violations, mapped.origins))


def validate(settings: Settings, progress: Progress | None = None, *,
             changes: list[dict] | None = None) -> BuildReport:
    """Check the data completely (tables, references, SHACL) without touching any store."""
    report = BuildReport()
    mapped = prepare(settings, report, progress, changes=changes)
    step = _stepper(report, progress)
    scratch = pyoxigraph.Store()  # in memory
    with step("load"):
        load_into(scratch, mapped.finish(), settings)
        mapped.close()
    with step("shacl"):
        check_shapes(scratch, mapped, settings)
    report.triples = len(scratch)
    return report


def build(settings: Settings, progress: Progress | None = None, *, changes: list[dict] | None = None,
          before_swap: Callable[[], None] | None = None) -> BuildReport:
    """Build the graph aside, validate it, and only then swap it in as the current version.

    On any problem the new version is deleted and ImportFailed is raised; the store keeps
    exactly its previous content. ``before_swap`` runs after the new version is complete and
    checked, just before it is swapped in (an applied edit moves its files into ``data/``
    there); if it raises, nothing is published.

    The on-disk database is written by a child process while this process loads the same
    triples into memory and runs the SHACL checks there: the checks run about three times
    faster in memory than on disk, and the two loads use both cores (bench/build.py).
    """
    report = BuildReport()
    mapped = prepare(settings, report, progress, changes=changes)
    step = _stepper(report, progress)
    ntriples = mapped.finish()
    with store_mod.new_version(settings.store_dir) as folder:
        writer = _start_writer(folder, ntriples, settings)
        try:
            scratch = pyoxigraph.Store()  # in memory, for the checks
            with step("load"):
                load_into(scratch, ntriples, settings)
            with step("shacl"):
                check_shapes(scratch, mapped, settings)
            report.triples = len(scratch)
            del scratch
            with step("write"):
                exit_code = writer.wait()
        finally:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
            mapped.close()
        if exit_code != 0:
            raise StoreError(f"{folder}: writing the new version failed (exit code {exit_code})")
        if before_swap is not None:
            before_swap()
    with step("swap"):
        report.version = store_mod.publish(settings.store_dir, folder, keep=settings.keep_versions)
    return report


class _Step:
    def __init__(self, report: BuildReport, name: str, progress: Progress | None):
        self.report, self.name, self.progress = report, name, progress

    def __enter__(self):
        if self.progress:
            self.progress(self.name)
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        self.report.seconds[self.name] = time.perf_counter() - self.start
        log.debug("%s took %.3f s", self.name, self.report.seconds[self.name])


def _stepper(report: BuildReport, progress: Progress | None):
    return lambda name: _Step(report, name, progress)
