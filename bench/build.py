"""Time the whole build (read, check, map, load, SHACL, swap) against parsing the same
triples into a plain rdflib Graph, side by side in one run.

    .venv/bin/python bench/build.py                 # shipped data, 10k and 100k SYNTHETIC actors
    .venv/bin/python bench/build.py --sizes 10000   # a quicker run

Each build runs in a fresh subprocess so that its peak RSS is its own. The rdflib baseline
parses the N-Triples our mapping produced (the same triples, without checks or SHACL):
that is the least a plain-rdflib build would have to do.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_CHILD_BUILD = """
import json, resource, sys, time
from pathlib import Path
from graph.build import ingest
from graph.settings import Settings
start = time.perf_counter()
report = ingest.build(Settings(data_dir=Path(sys.argv[1]), store_dir=Path(sys.argv[2])))
rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": time.perf_counter() - start, "triples": report.triples, "steps": report.seconds,
                  "rss_mb": rss / 1024}))
"""

_CHILD_OXIGRAPH_LOAD = """
import json, resource, sys, tempfile, time
import pyoxigraph
start = time.perf_counter()
store = pyoxigraph.Store(tempfile.mkdtemp(dir=sys.argv[2]))
store.bulk_load(path=sys.argv[1], format=pyoxigraph.RdfFormat.N_TRIPLES)
store.flush()
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_CHILD_RDFLIB = """
import json, resource, sys, time
from pathlib import Path
import rdflib
from graph.build import ingest
from graph.settings import Settings
settings = Settings(data_dir=Path(sys.argv[1]))
mapped = ingest.prepare(settings, ingest.BuildReport())
mapped.save(Path(sys.argv[2]))
del mapped
start = time.perf_counter()
graph = rdflib.Graph()
for path in [settings.ontology_dir / "harzgraph.ttl", *sorted((settings.ontology_dir / "vocab").glob("*.ttl"))]:
    graph.parse(path)
graph.parse(sys.argv[2], format="nt")
print(json.dumps({"seconds": time.perf_counter() - start, "triples": len(graph),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000],
                        help="numbers of SYNTHETIC actors (default: 10000 100000)")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline (slow at 100k)")
    args = parser.parse_args()
    from bench.synthetic_data import write

    work = Path(tempfile.mkdtemp(prefix="harzgraph-bench-"))
    datasets = [("shipped data", REPO / "data")]
    for n in args.sizes:
        datasets.append((f"SYNTHETIC {n:,} actors", write(n, work / f"synthetic-{n}")))
    print(f"{'data':<26} {'triples':>10} {'build s':>8} {'RSS MB':>7} {'rdflib s':>9} {'RSS MB':>7} "
          f"{'ratio':>6} {'ox load s':>9} {'load ratio':>10}  steps")
    for label, folder in datasets:
        build = _child(_CHILD_BUILD, str(folder), str(work / f"store-{folder.name}"))
        steps = " ".join(f"{k} {v:.2f}" for k, v in build["steps"].items())
        nt = work / f"{folder.name}.nt"
        if args.no_rdflib:
            base = {"seconds": float("nan"), "rss_mb": float("nan")}
        else:
            base = _child(_CHILD_RDFLIB, str(folder), str(nt))
        ratio = base["seconds"] / build["seconds"]
        load = _child(_CHILD_OXIGRAPH_LOAD, str(nt), str(work)) if nt.exists() else {"seconds": float("nan")}
        print(f"{label:<26} {build['triples']:>10,} {build['seconds']:>8.2f} {build['rss_mb']:>7.0f} "
              f"{base['seconds']:>9.2f} {base['rss_mb']:>7.0f} {ratio:>5.1f}× {load['seconds']:>9.2f} "
              f"{base['seconds'] / load['seconds']:>9.1f}×  {steps}", flush=True)
    print(f"\n(build = harzgraph read+check+map+load+SHACL+write+swap, RSS of the build and its writer "
          f"process; rdflib = parsing the same triples into rdflib.Graph, no checks; ox load = Oxigraph "
          f"bulk-loading the same N-Triples file to disk; data under {work})")


if __name__ == "__main__":
    main()
