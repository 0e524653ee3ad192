"""The measured steps of the benchmarks, each run in a fresh process so that its peak RSS is
its own: ``python -m bench.children build|oxigraph-load|rdflib-parse ARGS…``. Each prints one
JSON line with ``seconds`` and ``rss_mb`` (and what else it knows)."""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def _peak_rss_mb(include_children: bool = False) -> float:
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) if include_children else (resource.RUSAGE_SELF,)
    return max(resource.getrusage(w).ru_maxrss for w in who) / 1024


def build(data_dir: str, store_dir: str) -> dict:
    """The whole harzgraph build of ``data_dir`` into ``store_dir``."""
    from graph.build import ingest
    from graph.settings import Settings

    start = time.perf_counter()
    report = ingest.build(Settings(data_dir=Path(data_dir), store_dir=Path(store_dir)))
    return {"seconds": time.perf_counter() - start, "triples": report.triples, "steps": report.seconds,
            "peak_mb": getattr(report, "peak_mb", {}), "rss_mb": _peak_rss_mb(include_children=True)}


def oxigraph_load(ntriples: str, work_dir: str) -> dict:
    """Oxigraph's bare bulk load of an N-Triples file into a new on-disk store."""
    import pyoxigraph

    start = time.perf_counter()
    store = pyoxigraph.Store(tempfile.mkdtemp(dir=work_dir))
    store.bulk_load(path=ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    return {"seconds": time.perf_counter() - start, "rss_mb": _peak_rss_mb()}


def oxigraph_cli_load(ntriples: str, work_dir: str) -> dict:
    """``oxigraph load`` (the CLI of the ``oxigraph`` package) of the N-Triples into a new store."""
    import shutil
    import subprocess

    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        return {"seconds": float("nan"), "rss_mb": float("nan")}
    start = time.perf_counter()
    subprocess.run([exe, "load", "--location", tempfile.mkdtemp(dir=work_dir), "--file", ntriples], check=True,
                   capture_output=True)
    return {"seconds": time.perf_counter() - start, "rss_mb": _peak_rss_mb(include_children=True)}


def rdflib_parse(data_dir: str, ntriples: str) -> dict:
    """Map ``data_dir`` to N-Triples (saved at ``ntriples``), then time rdflib parsing the
    vocabularies and those triples: the least a plain-rdflib build would have to do."""
    import rdflib

    from graph.build import ingest
    from graph.settings import Settings

    settings = Settings(data_dir=Path(data_dir))
    mapped = ingest.prepare(settings, ingest.BuildReport())
    mapped.save(Path(ntriples))
    del mapped
    start = time.perf_counter()
    graph = rdflib.Graph()
    for path in [settings.ontology_dir / "harzgraph.ttl", *sorted((settings.ontology_dir / "vocab").glob("*.ttl"))]:
        graph.parse(path)
    graph.parse(ntriples, format="nt")
    return {"seconds": time.perf_counter() - start, "triples": len(graph), "rss_mb": _peak_rss_mb()}


def build_derived(data_dir: str, store_dir: str) -> dict:
    """``harzgraph build``: the build above plus the page data it precomputes (graph.derived)."""
    from graph import derived
    from graph.build import ingest
    from graph.settings import Settings

    start = time.perf_counter()
    report = ingest.build(Settings(data_dir=Path(data_dir), store_dir=Path(store_dir)), derive=derived.write_all)
    return {"seconds": time.perf_counter() - start, "triples": report.triples, "steps": report.seconds,
            "rss_mb": _peak_rss_mb(include_children=True), "version": str(report.version)}


STEPS = {"build": build, "build-derived": build_derived, "oxigraph-load": oxigraph_load,
         "oxigraph-cli-load": oxigraph_cli_load, "rdflib-parse": rdflib_parse}

if __name__ == "__main__":
    step, *arguments = sys.argv[1:]
    print(json.dumps(STEPS[step](*arguments)))
