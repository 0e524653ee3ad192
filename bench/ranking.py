"""Time /gaps with a topic, place or kind as the viewer computes it (SYNTHETIC data, a built
store's derived files): the ranking from the build's partner index
(:func:`graph.analyse.partners.rank_partnerships`), the place and kind filter, and the first
page of 50 rows worded — against, optionally, the plain ranking from the whole graph
(:func:`graph.analyse.missing_partnerships`, about a minute per topic at 100,000 actors).

    .venv/bin/python -m bench.ranking --store /tmp/w/hg100k            # the viewer's way
    .venv/bin/python -m bench.ranking --store /tmp/w/hg100k --plain    # and the plain ranking

Prints the seconds to load the index and the packed graph, then per filter the seconds of the
ranking, of the filter and the first page, the rows, whether they are the best of a sample, and
the load average beside each figure (the machine may be shared). A store without the index
(built before it existed) has it computed from the graph first, and that time printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

QUERIES = [
    {"material": ("batteries",), "district": ("03153",)},
    {"material": ("copper",)},
    {"district": ("03153",)},
    {"kind": ("recycler",)},
    {"state": ("16",), "material": ("batteries",)},
]


def main() -> None:
    from graph import derived
    from graph.analyse.partners import missing_partnerships, partner_index
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
    _, compact = derived.load(version, "collaboration-compact")
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
    source = gap_views.RankingSource(index, compact)
    for selected in QUERIES:
        criteria = gap_views.PairFilter(selected)
        start = time.perf_counter()
        if criteria.key() == gap_views.PairFilter().key():  # a kind alone filters the build's list
            rows = derived.load(version, "suggestions-de")[1]
        else:
            rows = gap_views.partner_suggestions(source, lang="de", criteria=criteria)
        ranked = time.perf_counter() - start
        start = time.perf_counter()
        kept = gap_views.filter_suggestions(index if criteria.places() else None, rows, criteria)
        kept[:50]
        shown = time.perf_counter() - start
        line = (f"{selected}: ranking {ranked:.2f} s, filter and first page {shown:.2f} s, {len(kept)} rows, "
                f"sampled {getattr(rows, 'sampled', '?')}, load average {os.getloadavg()[0]:.2f}")
        if args.plain:
            start = time.perf_counter()
            missing_partnerships(G, top=gap_views.SUGGESTION_LIMIT, topic=criteria.topic() or None,
                                 area=criteria.area() or None)
            line += f"; plain {time.perf_counter() - start:.2f} s"
        print(line, flush=True)


if __name__ == "__main__":
    main()
