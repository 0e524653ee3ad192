"""The filtered network and broker pages of a built store: the first answer of a fresh
viewer process and the warm p95, per filter (issue 15).

    .venv/bin/python -m bench.network_filters --store /tmp/w/hg100k
    .venv/bin/python -m bench.network_filters --store STORE --pages '/network?kind=recycler' --requests 20

Each page is asked of a viewer started for it alone (``harzgraph serve``), so its first
answer includes every load the page needs; then ``--requests`` more over the same
connection give the warm p95. ``{top}`` and ``{other}`` in a page stand for the best- and the
500th-best-connected actor (``network-rank``), ``{name}`` for the name of the 10th. The load
average is printed before and after. Targets at 100,000 SYNTHETIC actors: first ≤ 3 s,
warm p95 ≤ 300 ms; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.scale import measure, viewer  # noqa: E402

PAGES = (
    "/network?kind=recycler",
    "/network?material=batteries&district=03153",
    "/network?q={name}",
    "/network?focus={top}&hops=2",
    "/network?focus={other}",
    "/network?from={top}&to={other}",
    "/network?year=2015",
    "/network?relation=supplies",
    "/network?state=16&relation=cooperates_with",
    "/network.json?kind=recycler&stage=TS-05",
    "/brokers",
    "/brokers?kind=recycler",
    "/brokers?state=16",
    "/brokers.json?district=03153&kind=recycler",
)


def actors(store: Path) -> dict[str, str]:
    """``top``, ``other`` (actor ids) and ``name`` (a name, quoted) from the build's precomputed values."""
    from graph import derived
    from graph.store import current_path
    from graph.views.actors import actor_id

    version = current_path(store)
    _found, rank = derived.load(version, "network-rank")
    _found, names = derived.load(version, "network-names")
    return {"top": actor_id(rank[0]), "other": actor_id(rank[min(499, len(rank) - 1)]),
            "name": urllib.parse.quote(names[0][min(9, len(names[0]) - 1)][0])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    chosen = actors(args.store)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    print(f"{'page':<52} {'status':>6} {'first s':>8} {'p95 ms':>8} {'bytes':>10}", flush=True)
    for page in args.pages:
        path = page.format(**chosen)
        process, port = viewer(args.store)
        try:
            result = measure(port, path, args.requests)
        finally:
            process.close()
        print(f"{page:<52} {result['status']!s:>6} {result['first_s']:>8.2f} {result['p95_ms']:>8.0f} "
              f"{result['bytes']:>10}", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
