"""Time every analysis on SYNTHETIC graphs (or a given graph), and NetworkX against igraph.

Run from the project root::

    .venv/bin/python -m bench.analyses                    # 1k, 10k and 100k SYNTHETIC actors
    .venv/bin/python -m bench.analyses --quick            # 1k only, fast references only
    .venv/bin/python -m bench.analyses --sizes 10000      # one size
    .venv/bin/python -m bench.analyses --graph real.pickle --points points.json

Each graph is measured in its own child process, so the peak RSS printed for it
(``resource.getrusage``) is that graph's alone. Targets from issue 3: all analyses together
≤ 10 s at 10k and ≤ 120 s at 100k actors, peak RSS ≤ 4 GiB; ≤ 1 s on the real graph
(given with ``--graph``). igraph is imported before the clock starts.

The second table times the same measure through NetworkX (the readable reference) and
igraph; a NetworkX run above its cap for that measure is skipped, since it would take
minutes (exact betweenness, Louvain and constraint at 100k) or a dense n × n matrix
(``nx.effective_size``).

A graph file is a pickle of the ``nx.Graph`` from graph.network (``.pickle``, ``.pkl``,
``.gpickle``) or GraphML; in GraphML, list and dict attributes (also graph-level ones)
are expected as JSON text and decoded. ``--points`` is a JSON list of collection points.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synthetic import synthetic_collection_points, synthetic_graph  # noqa: E402
from graph.analyse import ANALYSES  # noqa: E402
from graph.analyse._igraph import to_igraph  # noqa: E402
from graph.analyse.brokers import effective_size  # noqa: E402

TARGETS = {10_000: 10.0, 100_000: 120.0}
RSS_TARGET_MB = 4096
# Largest graph on which each NetworkX reference runs by default (measured on 2 cores:
# at 1k actors exact betweenness 1.9 s, constraint 16 s, nx.effective_size 96 s).
NX_CAPS = {
    "betweenness (exact)": 1_000,
    "betweenness (100 sources)": 10_000,
    "constraint": 1_000,
    "effective size": 1_000,
    "communities (Louvain / Leiden)": 10_000,
    "effective size (triangle formula both)": 100_000,
    "core numbers": 100_000,
}
QUICK_CAPS = {**NX_CAPS, "effective size": 300, "constraint": 300}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        print(json.dumps(_measure(json.loads(args.child))))
        return 0
    if args.quick:
        sizes = [1_000]
    elif args.sizes is not None:
        sizes = args.sizes
    else:
        sizes = [] if args.graph else [1_000, 10_000, 100_000]
    caps = dict(QUICK_CAPS if args.quick else NX_CAPS)
    if args.nx_max is not None:
        caps = {k: min(v, args.nx_max) for k, v in caps.items()}
    jobs = []
    if not args.graph and not args.no_real:
        args.graph, args.points = _shipped_graph()
    if args.graph:
        jobs.append({"graph": str(args.graph), "points": str(args.points) if args.points else None,
                     "caps": caps, "compare": not args.no_compare})  # fmt: skip
    jobs += [{"size": n, "seed": args.seed, "caps": caps, "compare": not args.no_compare} for n in sizes]
    for job in jobs:
        out = subprocess.run(
            [sys.executable, "-m", "bench.analyses", "--child", json.dumps(job)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode:
            sys.stderr.write(out.stderr)
            return out.returncode
        _report(json.loads(out.stdout.strip().splitlines()[-1]))
    return 0


def _shipped_graph() -> tuple[Path, Path]:
    """Build the shipped data/ into a temporary store; its graph and points as files."""
    import pickle
    import tempfile

    from graph import store as store_mod
    from graph.build import ingest
    from graph.network import collaboration_graph, collection_points
    from graph.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="harzgraph-bench-real-"))
    settings = Settings(data_dir=REPO / "data", store_dir=work / "store")
    ingest.build(settings)
    store = store_mod.open_read_only(settings.store_dir)
    graph_file, points_file = work / "real-graph.pickle", work / "real-points.json"
    graph_file.write_bytes(pickle.dumps(collaboration_graph(store)))
    points_file.write_text(json.dumps(collection_points(store)), encoding="utf-8")
    return graph_file, points_file


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+",
                        help="numbers of SYNTHETIC actors (default: 1000 10000 100000, none with --graph)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="1k actors only, fast references only")
    parser.add_argument("--graph", type=Path, help="a graph from graph.network, as pickle or GraphML")
    parser.add_argument("--points", type=Path, help="collection points for --graph, as a JSON list")
    parser.add_argument("--seed", type=int, default=0, help="seed of the SYNTHETIC graphs")
    parser.add_argument("--nx-max", type=int, help="run no NetworkX reference above this many actors")
    parser.add_argument("--no-compare", action="store_true", help="skip the NetworkX/igraph table")
    parser.add_argument("--no-real", action="store_true", help="skip the real graph built from data/")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser


# --- the child: one graph --------------------------------------------------------------------


def _measure(job: dict[str, Any]) -> dict[str, Any]:
    # Load igraph before the clock runs: a server pays its import once, not per request.
    import igraph  # noqa: F401

    started = time.perf_counter()
    if "graph" in job:
        G = load_graph(Path(job["graph"]))
        points = json.loads(Path(job["points"]).read_text(encoding="utf-8")) if job["points"] else []
        name = Path(job["graph"]).name
    else:
        G = synthetic_graph(job["size"], seed=job["seed"])
        points = synthetic_collection_points(G, seed=job["seed"])
        name = f"SYNTHETIC {job['size']:,} actors"
    built = time.perf_counter() - started
    n = G.number_of_nodes()
    result: dict[str, Any] = {
        "name": name,
        "n": G.number_of_nodes(),
        "m": G.number_of_edges(),
        "build_s": built,
        "target_s": 1.0 if "graph" in job else next((t for size, t in sorted(TARGETS.items()) if n <= size), None),
        "analyses": [],
        "compare": [],
    }
    for analysis in ANALYSES:
        t = time.perf_counter()
        rows = analysis.function(G, points) if analysis.inputs == ("G", "points") else analysis.function(G)
        result["analyses"].append((analysis.name, time.perf_counter() - t, len(rows)))
    result["rss_after_analyses_mb"] = _rss_mb()
    if job["compare"]:
        result["compare"] = _compare(G, job["caps"])
    result["rss_mb"] = _rss_mb()
    return result


def _compare(G: nx.Graph, caps: dict[str, int]) -> list[tuple[str, float | None, float]]:
    """(measure, NetworkX seconds or None when skipped, igraph seconds)."""
    import igraph

    n = G.number_of_nodes()
    g, _ = to_igraph(G)
    sources = random.Random(0).sample(range(n), min(100, n))
    gw, _ = to_igraph(G, weight="weight")

    def leiden() -> None:
        igraph.set_random_number_generator(random.Random(0))
        try:
            gw.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
        finally:
            igraph.set_random_number_generator(random)

    measures: list[tuple[str, Callable[[], object] | None, Callable[[], object]]] = [
        ("betweenness (exact)", lambda: nx.betweenness_centrality(G),
         lambda: g.betweenness(directed=False)),
        ("betweenness (100 sources)", lambda: nx.betweenness_centrality(G, k=min(100, n), seed=0),
         lambda: g.betweenness(directed=False, sources=sources)),
        ("constraint", lambda: nx.constraint(G), lambda: g.constraint()),
        ("effective size", lambda: nx.effective_size(G), lambda: effective_size(G, backend="igraph")),
        ("effective size (triangle formula both)", lambda: effective_size(G),
         lambda: effective_size(G, backend="igraph")),
        ("communities (Louvain / Leiden)", lambda: nx.community.louvain_communities(G, weight="weight", seed=0),
         leiden),
        ("core numbers", lambda: nx.core_number(G), lambda: g.coreness()),
    ]  # fmt: skip
    out = []
    for name, reference, fast in measures:
        cap = caps.get(name, 0)
        # igraph exact betweenness at 100k is a batch job too (about 15 min on 2 cores).
        if name == "betweenness (exact)" and n > 10_000:
            out.append((name, None, None))
            continue
        t = time.perf_counter()
        fast()
        fast_s = time.perf_counter() - t
        ref_s = None
        if reference is not None and n <= cap:
            t = time.perf_counter()
            reference()
            ref_s = time.perf_counter() - t
        out.append((name, ref_s, fast_s))
    return out


def _rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_graph(path: Path) -> nx.Graph:
    """Read a graph.network graph from a pickle or GraphML file (JSON-encoded lists decoded)."""
    if path.suffix in (".pickle", ".pkl", ".gpickle"):
        with path.open("rb") as f:
            return pickle.load(f)
    G = nx.read_graphml(path)
    for data in [G.graph, *(d for _, d in G.nodes(data=True)), *(d for _, _, d in G.edges(data=True))]:
        for key, value in data.items():
            if isinstance(value, str) and value[:1] in "[{":
                data[key] = json.loads(value)
    return G


# --- the report ----------------------------------------------------------------------------------


def _report(r: dict[str, Any]) -> None:
    n = r["n"]
    print(f"\n== {r['name']}: {n:,} actors, {r['m']:,} ties (built in {r['build_s']:.1f} s) ==")
    print(f"{'analysis':<14} {'seconds':>9} {'rows':>8}")
    total = 0.0
    for name, seconds, rows in r["analyses"]:
        total += seconds
        print(f"{name:<14} {seconds:>9.3f} {rows:>8,}")
    target = r["target_s"]
    verdict = "" if target is None else f"   target ≤ {target:.0f} s: {'met' if total <= target else 'MISSED'}"
    print(f"{'all together':<14} {total:>9.3f}{verdict}")
    rss = r["rss_after_analyses_mb"]
    print(f"peak RSS after the analyses: {rss:,.0f} MB   target ≤ {RSS_TARGET_MB:,} MB: "
          f"{'met' if rss <= RSS_TARGET_MB else 'MISSED'}")  # fmt: skip
    if r["compare"]:
        print(f"\n{'measure':<46} {'NetworkX s':>11} {'igraph s':>9} {'ratio':>8}")
        for name, ref, fast in r["compare"]:
            ref_text = "skipped" if ref is None else f"{ref:.3f}"
            fast_text = "skipped" if fast is None else f"{fast:.3f}"
            ratio = f"{ref / fast:.0f}×" if ref is not None and fast else "—"
            print(f"{name:<46} {ref_text:>11} {fast_text:>9} {ratio:>8}")
        print(f"peak RSS including the references: {r['rss_mb']:,.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
