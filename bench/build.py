"""Time the build (read, check, map, SHACL in batches, load, optimize, swap; no page data)
step by step, with its peak RSS, side by side in one run with parsing the same triples into
rdflib and with Oxigraph's bare loads of them.

    .venv/bin/python bench/build.py                           # shipped data, 10k and 100k SYNTHETIC actors
    .venv/bin/python bench/build.py --sizes 10000             # a quicker run
    .venv/bin/python bench/build.py --before /tmp/old-tree    # also the build of another checkout

Each measurement runs in a fresh subprocess so that its peak RSS is its own. The rdflib
baseline parses the N-Triples our mapping produced (the same triples, without checks or
SHACL): the least a plain-rdflib build would have to do. ``ox load`` is the ``oxigraph
load`` CLI, ``bulk_load`` pyoxigraph's ``Store.bulk_load``, both into a new on-disk store.
``--before DIR`` builds the same data with the code of DIR (e.g. ``git archive main | tar -x
-C DIR``), for a before/after in the same minutes. Targets (issue 15) at 100k: ≤ 30 s,
≤ 2 GiB, ≥ 10× rdflib. The load average is printed with each data set: the machine is
shared, and only ratios measured in the same run compare well.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _child(step: str, *args: str, tree: Path = REPO) -> dict:
    """Run one step of bench/children.py (of ``tree``) in a fresh process; its JSON line."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-m", "bench.children", step, *args], check=True, capture_output=True,
                         text=True, cwd=tree, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _row(name: str, result: dict, rdflib_s: float) -> str:
    seconds = result["seconds"]
    ratio = rdflib_s / seconds if seconds and not math.isnan(rdflib_s) else float("nan")
    return f"  {name:<28} {seconds:>8.2f} {result['rss_mb']:>8.0f} {ratio:>10.1f}×"


def _steps(result: dict) -> str:
    peak = result.get("peak_mb", {})
    return "    steps: " + ", ".join(f"{k} {v:.2f} s" + (f" ({peak[k]:.0f} MB)" if k in peak else "")
                                    for k, v in result["steps"].items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000],
                        help="numbers of SYNTHETIC actors (default: 10000 100000)")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline (slow at 100k)")
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped data")
    parser.add_argument("--before", type=Path, help="a checkout of older code to build the same data with")
    args = parser.parse_args()
    from bench.synthetic_data import write

    work = Path(tempfile.mkdtemp(prefix="harzgraph-bench-"))
    datasets = [] if args.no_shipped else [("shipped data", REPO / "data")]
    for n in args.sizes:
        datasets.append((f"SYNTHETIC {n:,} actors", write(n, work / f"synthetic-{n}")))
    print(f"(seconds wall, peak RSS in MB; ratio = rdflib's seconds / these seconds; data under {work})")
    for label, folder in datasets:
        print(f"\n## {label}   (load average before: {_load()})", flush=True)
        build = _child("build", str(folder), str(work / f"store-{folder.name}"))
        print(f"  harzgraph build: {build['seconds']:.2f} s, {build['rss_mb']:.0f} MB, {build['triples']:,} triples"
              f"\n{_steps(build)}", flush=True)
        before = (_child("build", str(folder), str(work / f"store-before-{folder.name}"), tree=args.before)
                  if args.before else None)
        nt = work / f"{folder.name}.nt"
        if args.no_rdflib:
            from graph.build import ingest
            from graph.settings import Settings

            mapped = ingest.prepare(Settings(data_dir=folder), ingest.BuildReport())
            mapped.save(nt)
            mapped.close()
            base = {"seconds": float("nan"), "rss_mb": float("nan")}
        else:
            base = _child("rdflib-parse", str(folder), str(nt))
        cli = _child("oxigraph-cli-load", str(nt), str(work))
        bulk = _child("oxigraph-load", str(nt), str(work))
        print(f"  {'':<28} {'seconds':>8} {'RSS MB':>8} {'vs rdflib':>11}")
        print(_row("harzgraph build", build, base["seconds"]))
        if before is not None:
            print(_row(f"build of {args.before}", before, base["seconds"]))
            print(_steps(before))
        print(_row("rdflib parse (no checks)", base, base["seconds"]))
        print(_row("oxigraph load (CLI)", cli, base["seconds"]))
        print(_row("pyoxigraph bulk_load", bulk, base["seconds"]))
        print(f"  (load average after: {_load()})", flush=True)


if __name__ == "__main__":
    main()
