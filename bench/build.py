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

def _child(step: str, *args: str) -> dict:
    """Run one step of bench/children.py in a fresh process and read its JSON line."""
    out = subprocess.run([sys.executable, "-m", "bench.children", step, *args], check=True, capture_output=True,
                         text=True, cwd=REPO)
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
        build = _child("build", str(folder), str(work / f"store-{folder.name}"))
        steps = " ".join(f"{k} {v:.2f}" for k, v in build["steps"].items())
        nt = work / f"{folder.name}.nt"
        if args.no_rdflib:
            base = {"seconds": float("nan"), "rss_mb": float("nan")}
        else:
            base = _child("rdflib-parse", str(folder), str(nt))
        ratio = base["seconds"] / build["seconds"]
        load = _child("oxigraph-load", str(nt), str(work)) if nt.exists() else {"seconds": float("nan")}
        print(f"{label:<26} {build['triples']:>10,} {build['seconds']:>8.2f} {build['rss_mb']:>7.0f} "
              f"{base['seconds']:>9.2f} {base['rss_mb']:>7.0f} {ratio:>5.1f}× {load['seconds']:>9.2f} "
              f"{base['seconds'] / load['seconds']:>9.1f}×  {steps}", flush=True)
    print(f"\n(build = harzgraph read+check+map+load+SHACL+write+swap, RSS of the build and its writer "
          f"process; rdflib = parsing the same triples into rdflib.Graph, no checks; ox load = Oxigraph "
          f"bulk-loading the same N-Triples file to disk; data under {work})")


if __name__ == "__main__":
    main()
