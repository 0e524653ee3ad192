"""/communities, /periphery, /chains for an area and /quality at scale (issue 15): what their
precomputed keys cost the build, and their first and warm answers.

    .venv/bin/python -m bench.findings --add-keys COPY     # write the keys into a store COPY
    .venv/bin/python -m bench.findings --pages STORE       # first answer and warm p95 per page

``--add-keys`` computes, as graph/derived.py's ``write_all`` does, the keys of these pages
(``community-table-*``, ``periphery-table-*``, ``chains-*-<level>-<area>``, ``chain-gaps-*``,
``quality-facts``) from the version's collaboration graph pickle, facet choices and store,
and prints the seconds of each step (what the build adds). Never point it at a store others
read: it writes into the current version's ``harzgraph-derived`` folder.

``--pages`` starts a fresh ``harzgraph serve`` for each page (so each first answer is a
fresh process's), times the first answer and the warm p95 of ``--requests`` more, with the
HTTP status (202 = "being prepared", not a result) and the load average. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PAGES = ("/communities", "/communities?district=03153", "/communities.json?kind=recycler", "/communities.csv",
         "/periphery", "/periphery?state=15", "/periphery.json?district=03153&kind=recycler", "/periphery.csv",
         "/chains?state=16", "/chains?district=03153", "/chains.json?district=15087&group=crm",
         "/chains?state=03&lang=en", "/quality", "/quality.json?lang=en",
         "/quality/rows?table=actors&measure=single_source", "/quality/rows.json?table=relations&district=03153",
         "/quality/rows.csv?table=actors&measure=missing_categories")


def add_keys(store_dir: Path) -> None:
    from graph import analyse, derived
    from graph.analyse.communities import community_findings
    from graph.store import current_path, open_read_only
    from graph.views import gaps as gap_views
    from graph.views import quality

    version = current_path(store_dir)
    folder = version / derived.FOLDER
    seconds: dict[str, float] = {}

    def timed(key, compute):
        start = time.perf_counter()
        value = compute()
        seconds[key] = time.perf_counter() - start
        print(f"{key:28s} {seconds[key]:7.2f} s", flush=True)
        return value

    G = timed("(load graph pickle)", lambda: pickle.loads((folder / "collaboration-graph.pickle").read_bytes()))
    groups, gaps = timed("community-findings", lambda: community_findings(G))
    edge = timed("periphery", lambda: analyse.periphery(G))
    cells = timed("chain-cells", lambda: analyse.value_chain_matrix(G, levels=derived.CHAIN_LEVELS))
    coverage = timed("chain-coverage", lambda: analyse.value_chain_coverage(G, levels=derived.CHAIN_LEVELS))
    for lang in derived.LANGS:
        choices = pickle.loads((folder / f"facet-choices-{lang}.pickle").read_bytes())
        timed(f"chains-{lang}", lambda lang=lang, choices=choices: derived.write_chains(
            version, G, cells, coverage, lang, choices))
        timed(f"community-table-{lang}", lambda lang=lang: derived.save(
            version, f"community-table-{lang}", gap_views.community_table(G, gaps, groups, lang=lang)))
        timed(f"periphery-table-{lang}", lambda lang=lang: derived.save(
            version, f"periphery-table-{lang}", gap_views.periphery_table(G, edge, lang=lang)))
    store = open_read_only(store_dir)
    tables = timed("quality read_tables", lambda: quality.read_tables(store))
    timed("quality-facts", lambda: derived.save(version, "quality-facts", quality.prepare(tables)))
    added = sum(v for k, v in seconds.items() if not k.startswith("("))
    print(f"{'added to the build':28s} {added:7.2f} s   (load average {_load()})")


def pages(store_dir: Path, requests: int, paths: list[str]) -> None:
    from bench.scale import measure, viewer

    print(f"{'page':58s} {'status':>6s} {'first s':>8s} {'p95 ms':>8s} {'bytes':>10s}  load")
    for path in paths:
        process, port = viewer(store_dir)
        try:
            result = measure(port, path, requests)
        finally:
            process.close()
        print(f"{path:58s} {result['status']!s:>6s} {result['first_s']:8.2f} {result['p95_ms']:8.0f} "
              f"{result['bytes']:10,d}  {_load()}", flush=True)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--add-keys", type=Path, metavar="COPY")
    parser.add_argument("--pages", type=Path, metavar="STORE")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--only", nargs="*", help="these paths instead of all")
    args = parser.parse_args()
    if args.add_keys:
        add_keys(args.add_keys)
    if args.pages:
        pages(args.pages, args.requests, args.only or list(PAGES))


if __name__ == "__main__":
    main()
