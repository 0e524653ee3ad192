"""The SHACL step with its batches checked one at a time and two at a time (threads), side by
side in one run, on SYNTHETIC data; and whether both give the same violations.

    .venv/bin/python -m bench.shacl_threads                 # 20,000 SYNTHETIC actors (4 batches)
    .venv/bin/python -m bench.shacl_threads --actors 100000

Oxigraph parses and evaluates SPARQL without holding Python's GIL, so two threads can use
both cores (graph/build/batches.py, ``CHECK_THREADS``). The machine is shared: the load
average is printed, and only the two figures of one run compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    from bench.synthetic_data import write
    from graph.build import batches, ingest
    from graph.build.shacl import compile_shapes
    from graph.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000, help="SYNTHETIC actors (default 20000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="harzgraph-shacl-") as work:
        settings = Settings(data_dir=write(args.actors, Path(work) / "data"), store_dir=Path(work) / "store")
        checks = compile_shapes(settings.ontology_dir / "shapes.ttl")
        vocabulary = ingest.vocabulary_quads(settings)
        results = {}
        for threads in (1, 2):
            mapped = ingest.prepare(settings, ingest.BuildReport())
            mapped.finish()
            batches.CHECK_THREADS = threads
            load = os.getloadavg()[0]
            start = time.perf_counter()
            violations, triples = batches.check(mapped.batches, vocabulary, checks, lenient=True)
            results[threads] = (time.perf_counter() - start, violations, triples)
            print(f"{threads} thread(s): {results[threads][0]:6.2f} s for {mapped.batches.n} batches, "
                  f"{triples:,} triples, {len(violations)} violations (load average {load:.2f})", flush=True)
            mapped.close()
        same = results[1][1:] == results[2][1:]
        print(f"two threads: {results[1][0] / results[2][0]:.2f}x as fast; the same violations and triples: {same}")


if __name__ == "__main__":
    main()
