"""The first answer of a fresh viewer process and the warm p95, page by page (issue 15).

    .venv/bin/python -m bench.first_answer --store STORE                 # the search and /collection
    .venv/bin/python -m bench.first_answer --store STORE '/actors?q=kupfer' /collection

For each URL a new ``harzgraph serve`` starts (so the first request reads what a new process
reads: the build's files, nothing cached), answers the URL once (the "first" figure, with
its status: a 202 "being prepared" is not a result), then ``--requests`` more times (its
warm p95). ``--queries`` then times different searches in the same process, each asked
once (no answer kept from an earlier request helps). The load average is printed before and
after: the machine is shared, and timings rise with it. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import math
import os
import time
import urllib.parse
from pathlib import Path

from bench.scale import measure, viewer

URLS = ("/actors?q=kupfer", "/actors?q=synthetic&kind=recycler", "/actors.json?q=gott",
        "/collection?district=03153&container=10&drive-through=4", "/collection.json", "/collection.svg")
#: Different searches (a prefix, two words, an umlaut, a word in every record, a rare one).
QUERIES = ("kupfer", "batter", "gött", "wärme groß", "synthetic", "a", "recycling harz", "edelmet", "goslar",
           "small equipment", "zertifiz", "actor 12", "metall", "repair", "sachsen")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a built store folder (only read)")
    parser.add_argument("--requests", type=int, default=10, help="warm requests per URL (default 10)")
    parser.add_argument("--queries", action="store_true", help="also time different searches in one process")
    parser.add_argument("urls", nargs="*", default=list(URLS))
    args = parser.parse_args()
    print(f"load average before: {_load()}", flush=True)
    print(f"{'url':<58} {'status':>6} {'first s':>8} {'p95 ms':>8} {'KB':>8}")
    for url in args.urls:
        process, port = viewer(args.store)
        try:
            result = measure(port, url, args.requests)
        finally:
            process.close()
        print(f"{url:<58} {result['status']!s:>6} {result['first_s']:>8.2f} {result['p95_ms']:>8.0f} "
              f"{result['bytes'] / 1000:>8.0f}", flush=True)
    if args.queries:
        process, port = viewer(args.store)
        try:
            first = measure(port, "/actors?q=" + urllib.parse.quote(QUERIES[0]), 0)
            times = []
            for q in QUERIES[1:]:
                start = time.perf_counter()
                result = measure(port, "/actors?q=" + urllib.parse.quote(q), 0)
                times.append(time.perf_counter() - start)
                print(f"  /actors?q={q:<30} {result['status']!s:>6} {times[-1] * 1000:>8.0f} ms", flush=True)
        finally:
            process.close()
        print(f"different searches in one process: first {first['first_s']:.2f} s, then p95 "
              f"{_p95(times) * 1000:.0f} ms of {len(times)}", flush=True)
    print(f"load average after: {_load()}", flush=True)


if __name__ == "__main__":
    main()
