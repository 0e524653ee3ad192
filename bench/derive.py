"""Time the build's precompute step alone (``graph.derived.write_all``), key by key, with its
peak RSS, on SYNTHETIC data.

    .venv/bin/python -m bench.derive --sizes 10000            # one size
    .venv/bin/python -m bench.derive --sizes 10000 100000     # both; 100k takes minutes

The store each size reads is made once under ``--work`` (default: a new temporary folder) by
``ingest.prepare`` + ``ingest.load_into`` + ``Store.optimize()``, without the SHACL step,
which is not what is measured here. Pass the same ``--work`` again to reuse the stores. Each
``write_all`` runs in a fresh process so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_store(n: int, work: Path) -> Path:
    """A store of ``n`` SYNTHETIC actors at ``work/store-<n>`` (made once, SHACL skipped)."""
    import pyoxigraph

    from bench.synthetic_data import write
    from graph.build import ingest
    from graph.settings import Settings

    folder = work / f"store-{n}"
    if (folder / "done").exists():
        return folder
    data = write(n, work / f"synthetic-{n}")
    settings = Settings(data_dir=data, store_dir=work / f"unused-{n}")
    mapped = ingest.prepare(settings, ingest.BuildReport())
    store = pyoxigraph.Store(str(folder))
    ingest.load_into(store, mapped.finish(), settings)
    mapped.close()
    store.flush()
    store.optimize()
    del store
    (folder / "done").write_text("")
    return folder


def child(store_dir: str, out_dir: str) -> dict:
    """``write_all`` on the store at ``store_dir`` into ``out_dir``: seconds per key, peak RSS."""
    import pyoxigraph

    from graph import derived

    store = pyoxigraph.Store.read_only(store_dir)
    peaks: dict[str, float] = {}
    start = time.perf_counter()
    seconds = derived.write_all(store, Path(out_dir), progress=lambda key, _s: peaks.setdefault(key, _peak_rss_mb()))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": time.perf_counter() - start, "keys": seconds, "rss_mb": _peak_rss_mb(), "peaks": peaks,
            "cpu_s": usage.ru_utime + usage.ru_stime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000], help="numbers of SYNTHETIC actors")
    parser.add_argument("--work", type=Path, help="folder for data and stores (kept; reused when given again)")
    parser.add_argument("--top", type=int, default=12, help="show the slowest N keys")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="harzgraph-derive-"))
    work.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        folder = make_store(n, work)
        out = Path(tempfile.mkdtemp(prefix=f"derived-{n}-", dir=work))
        load = os.getloadavg()
        run = subprocess.run([sys.executable, "-m", "bench.derive", "--child", str(folder), str(out)],
                             check=True, capture_output=True, text=True, cwd=REPO)
        result = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"SYNTHETIC {n:,} actors: derive {result['seconds']:.2f} s (process CPU {result['cpu_s']:.1f} s, "
              f"with opening the store), peak RSS {result['rss_mb']:.0f} MB "
              f"(load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
        slowest = sorted(result["keys"].items(), key=lambda kv: -kv[1])
        for key, seconds in slowest[:args.top]:
            print(f"    {key:<34} {seconds:>8.2f} s   peak RSS so far {result['peaks'].get(key, 0):>6.0f} MB")
        rest = slowest[args.top:]
        if rest:
            print(f"    {f'({len(rest)} more keys)':<34} {sum(s for _k, s in rest):>8.2f} s")
    print(f"(stores and outputs under {work})")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(*sys.argv[2:4])))
    else:
        main()
