"""Time the partner ranking about a topic or a place (``/gaps?material=…&district=…``) on a
built store's derived files, SYNTHETIC data: the plain ranking from the graph
(:func:`graph.analyse.missing_partnerships`, optional, a minute per filter at 100,000 actors)
against :func:`graph.analyse.partners.rank_partnerships` from the build's partner index.

    .venv/bin/python -m bench.ranking --store /tmp/w/hg100k                # the indexed ranking
    .venv/bin/python -m bench.ranking --store /tmp/w/hg100k --plain        # and the plain one

It prints, per filter, the seconds of the ranking, of the rows with their words
(``graph.views.gaps.suggestion_rows`` on ``CompactGraph.subgraph``), the rows and whether
they come from a sample, and the seconds to load the index and the packed graph.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FILTERS = [
    {"topic": {"material": ["batteries"]}, "area": {"district": ["03153"]}},
    {"topic": {"material": ["copper"]}},
    {"area": {"district": ["03153"]}},
    {"topic": {"material": ["batteries"]}, "area": {"state": ["16"]}},
    {"leave_out_kinds": ("funder", "public_body")},
    {},
]


def main() -> None:
    from graph import derived
    from graph.analyse.partners import missing_partnerships, partner_index, rank_partnerships
    from graph.store import current_path
    from graph.views import gaps as gap_views

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--plain", action="store_true", help="also time missing_partnerships (slow)")
    args = parser.parse_args()
    version = current_path(args.store)
    print(f"load average {os.getloadavg()[0]:.2f}")
    start = time.perf_counter()
    found, index = derived.load(version, "partner-index")
    load_index = time.perf_counter() - start
    start = time.perf_counter()
    _, C = derived.load(version, "collaboration-compact")
    print(f"load: partner-index {load_index:.2f} s ({'written by the build' if found else 'missing'}), "
          f"collaboration-compact {time.perf_counter() - start:.2f} s")
    G = None
    if not found or args.plain:
        start = time.perf_counter()
        _, G = derived.load(version, "collaboration-graph")
        print(f"load: collaboration-graph {time.perf_counter() - start:.2f} s")
    if not found:
        start = time.perf_counter()
        index = partner_index(G)
        print(f"partner_index {time.perf_counter() - start:.2f} s")
    for options in FILTERS:
        built = {}

        def graph_of(actors):
            built["H"] = C.subgraph(actors)
            return built["H"]

        start = time.perf_counter()
        ranking = rank_partnerships(index, graph_of, top=gap_views.SUGGESTION_LIMIT, **options)
        ranked = time.perf_counter() - start
        start = time.perf_counter()
        gap_views.suggestion_rows(built["H"], ranking.rows, lang="de")
        worded = time.perf_counter() - start
        line = (f"{options or 'default'}: ranking {ranked:.2f} s, rows {worded:.2f} s, {len(ranking.rows)} rows, "
                f"sampled {ranking.sampled}, load average {os.getloadavg()[0]:.2f}")
        if args.plain:
            start = time.perf_counter()
            missing_partnerships(G, top=gap_views.SUGGESTION_LIMIT, **options)
            line += f"; plain {time.perf_counter() - start:.2f} s"
        print(line, flush=True)


if __name__ == "__main__":
    main()
