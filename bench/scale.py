"""Scale, side by side in one run: the build against rdflib's parse and Oxigraph's bare load,
and the pages served from the embedded store and from an Oxigraph server (issue 15).

    .venv/bin/python -m bench.scale                          # shipped data, 10k and 100k SYNTHETIC actors
    .venv/bin/python -m bench.scale --sizes 0 10000          # 0 = the shipped data only
    .venv/bin/python -m bench.scale --sizes 100000 --no-rdflib
    .venv/bin/python -m bench.scale --pages-of STORE         # only the pages of a built store

For each data set (the shipped ``data/``, or ``bench/synthetic_data.write(n, …)``, whose names
all start with "SYNTHETIC"):

- **build**: ``harzgraph build`` (read, check, map, one bulk load, optimize, SHACL, the page
  data of graph/derived.py, swap) in a fresh process, its wall time and peak RSS; the
  seconds of the precomputation ("derive") are shown apart;
- **rdflib**: parsing the same triples (vocabularies + the mapped N-Triples) into an
  ``rdflib.Graph``, no checks — the least a plain-rdflib build does; **ox load**: Oxigraph's
  bare bulk load of the same N-Triples into a new on-disk store;
- **pages** (:data:`PAGES`: the default pages and the filtered views a visitor opens next),
  each in a viewer process of its own started for it: the first answer (seconds), the first
  *result* (a page that answers 202 "being prepared" is asked again until it has it), and the
  warm p95 of ``--requests`` more, with the page's bytes and the bytes sent (compressed, asked for
  as a browser does: ``Accept-Encoding: br, gzip``); the load average before and after;
  once from the embedded store (``harzgraph serve``) and once from a real Oxigraph server
  (``oxigraph serve``; the build published with ``build --publish``, the viewer started with
  ``serve --sparql``, reading the version's precomputed page data from the same store folder).

Targets (issue 15) at 100k: build ≤ 30 s, ≤ 2 GiB, ≥ 10× rdflib; every first answer ≤ 3 s,
warm p95 ≤ 300 ms, /network ≤ 2 MB. Timings depend on the machine's load; nothing here is
asserted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PAGES = ("/", "/actors", "/actors/{actor}", "/network", "/gaps", "/map", "/chains", "/borders", "/brokers",
         # what a visitor filters next: a search, a topic and a place, a kind, an area (issue 15)
         "/actors?q=kupfer", "/gaps?material=batteries&district=03153", "/gaps?kind=recycler",
         "/network?kind=recycler", "/network?material=batteries&district=03153", "/brokers?kind=recycler",
         "/chains?district=03153", "/communities", "/periphery?state=15", "/quality", "/collection",
         "/report/briefing.html", "/report/briefing.html?district=03153&material=batteries")
#: How often a page that answers 202 ("being prepared") is asked again until it has its result.
POLL_S = 0.5
#: What a browser asks for: the bytes sent are the compressed ones, the page's size the raw ones.
ACCEPT = {"Accept-Encoding": "br, gzip"}
FIRST_TIMEOUT_S = 900.0


def child(step: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.children", step, *args], check=True, capture_output=True,
                         text=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=FIRST_TIMEOUT_S).read()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


class Process:
    def __init__(self, args: list[str], ready_url: str):
        self.process = subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(ready_url)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def viewer(store: Path, sparql: str | None = None) -> tuple[Process, int]:
    """``harzgraph serve`` on a free port; ready when it listens (``/health``-less: any answer
    to a static file, which computes nothing)."""
    port = free_port()
    args = [sys.executable, "-m", "graph.cli", "serve", "--store", str(store), "--port", str(port)]
    if sparql:
        args += ["--sparql", sparql]
    return Process(args, f"http://127.0.0.1:{port}/static/favicon.svg"), port


def measure(port: int, path: str, requests: int) -> dict:
    """First answer, first result, warm p95 (ms), raw and sent (compressed, as a browser asks)
    bytes of one page over one kept-alive connection. A 202 ("being prepared") is an answer but
    not the result: the page is asked again every ``POLL_S`` until it gives its result."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=FIRST_TIMEOUT_S)
    try:
        start = time.perf_counter()
        conn.request("GET", path, headers=ACCEPT)
        response = conn.getresponse()
        response.read()
        first_answer = time.perf_counter() - start
        while response.status == 202 and time.perf_counter() - start < FIRST_TIMEOUT_S:
            time.sleep(POLL_S)
            conn.request("GET", path, headers=ACCEPT)
            response = conn.getresponse()
            response.read()
        first_result = time.perf_counter() - start
        times, sent, status, coding = [], b"", 0, None
        for _ in range(requests):
            start = time.perf_counter()
            conn.request("GET", path, headers=ACCEPT)
            response = conn.getresponse()
            sent = response.read()
            times.append(time.perf_counter() - start)
            status, coding = response.status, response.getheader("Content-Encoding")
        warm = sorted(times)
        p95 = warm[min(len(warm) - 1, math.ceil(0.95 * len(warm)) - 1)] if warm else float("nan")
        return {"first_s": first_answer, "result_s": first_result, "p95_ms": p95 * 1000,
                "bytes": len(_decoded(sent, coding)), "sent": len(sent), "status": status}
    except (OSError, http.client.HTTPException) as exc:
        return {"first_s": float("nan"), "result_s": float("nan"), "p95_ms": float("nan"), "bytes": 0, "sent": 0,
                "status": f"{type(exc).__name__}"}
    finally:
        conn.close()


def _decoded(body: bytes, coding: str | None) -> bytes:
    if coding == "br":
        import brotli

        return brotli.decompress(body)
    if coding == "gzip":
        import gzip

        return gzip.decompress(body)
    return body


def pages(store: Path, actor: str, requests: int, sparql: str | None = None) -> dict[str, dict]:
    """Each page in a viewer process of its own, started for it: its first answer is a first
    visitor's, not helped by what an earlier page loaded."""
    results = {}
    for page in PAGES:
        process, port = viewer(store, sparql=sparql)
        try:
            results[page] = measure(port, page.format(actor=actor), requests)
        finally:
            process.close()
    return results


def oxigraph_server(work: Path) -> tuple[Process, str]:
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        raise RuntimeError("the oxigraph server is not installed (pip install -e '.[test]')")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    return Process([exe, "serve", "--location", str(work / f"oxigraph-{port}"), "--bind", f"127.0.0.1:{port}"],
                   base + "/query?query=ASK%7B%7D"), base


def publish(store: Path, url: str) -> float:
    from graph.sparql import remote
    from graph.store import current_path, open_read_only

    start = time.perf_counter()
    remote.publish(open_read_only(store), url + "/store", current_path(store).name)
    return time.perf_counter() - start


def fmt_page(result: dict) -> str:
    if result["status"] != 200:
        return f"{'HTTP ' + str(result['status']):>40}"
    return (f"{result['first_s']:>7.2f} {result['result_s']:>7.2f} {result['p95_ms']:>7.0f} "
            f"{result['bytes'] / 1e6:>8.3f} {result['sent'] / 1e6:>7.3f}")


def run(label: str, folder: Path, work: Path, args) -> None:
    """One data set: the build, the pages (embedded, then from an Oxigraph server), then the
    baselines; each printed as soon as it is measured (a long run still shows what it has)."""
    store = work / f"store-{folder.name}"
    build = child("build-derived", str(folder), str(store))
    steps = build["steps"]
    core = build["seconds"] - steps.get("derive", 0.0)
    print(f"\n## {label}: {build['triples']:,} triples", flush=True)
    print(f"{'':<24} {'seconds':>8} {'peak RSS MB':>12}")
    print(f"{'harzgraph build':<24} {build['seconds']:>8.1f} {build['rss_mb']:>12.0f}   "
          + " ".join(f"{k} {v:.1f}" for k, v in steps.items()))
    print(f"{'  of it without derive':<24} {core:>8.1f}", flush=True)
    actor = args.actor or ("synthetic-actor-0" if folder.name.startswith("synthetic") else "tu-clausthal")
    serve_pages(store, work, actor, args)
    nt = work / f"{folder.name}.nt"
    baselines(folder, nt, work, build, core, args)


def serve_pages(store: Path, work: Path, actor: str, args) -> None:
    """The pages from the embedded store, then from an Oxigraph server the store is published to."""
    results: dict[str, dict[str, dict]] = {}
    print(f"load average before the pages: {' '.join(f'{x:.2f}' for x in _load())}", flush=True)
    results["embedded"] = pages(store, actor, args.requests)
    print_pages(results)
    server, url = oxigraph_server(work)
    try:
        published = publish(store, url)
        print(f"{'publish to oxigraph':<24} {published:>8.1f}", flush=True)
        results["oxigraph server"] = pages(store, actor, args.requests, sparql=url + "/query")
    finally:
        server.close()
    print_pages(results)
    print(f"load average after the pages: {' '.join(f'{x:.2f}' for x in _load())}", flush=True)


def _load() -> tuple[float, float, float]:
    import os

    return os.getloadavg()


def baselines(folder: Path, nt: Path, work: Path, build: dict, core: float, args) -> None:
    """rdflib's parse and Oxigraph's bare load of the same triples, against the build."""
    if not args.no_rdflib:
        base = child("rdflib-parse", str(folder), str(nt))
        print(f"{'rdflib parse':<24} {base['seconds']:>8.1f} {base['rss_mb']:>12.0f}   "
              f"ratio rdflib/build {base['seconds'] / build['seconds']:.1f}× (without derive "
              f"{base['seconds'] / core:.1f}×)", flush=True)
    else:
        from graph.build import ingest
        from graph.settings import Settings

        mapped = ingest.prepare(Settings(data_dir=folder), ingest.BuildReport())
        mapped.save(nt)
        mapped.close()
    load = child("oxigraph-load", str(nt), str(work))
    print(f"{'oxigraph bare load':<24} {load['seconds']:>8.1f} {load['rss_mb']:>12.0f}   "
          f"build/ox load {core / load['seconds']:.1f}× (without derive)", flush=True)


def print_pages(results: dict[str, dict[str, dict]]) -> None:
    head = f"{'first s':>7} {'result':>7} {'p95 ms':>7} {'MB':>8} {'MB sent':>7}"
    sides = list(results)
    print(f"\n{'page':<44} " + " | ".join(f"{side:^40}" for side in sides))
    print(f"{'':<44} " + " | ".join(head for _ in sides))
    for page in PAGES:
        print(f"{page:<44} " + " | ".join(fmt_page(results[side][page]) for side in sides), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[0, 10_000, 100_000],
                        help="numbers of SYNTHETIC actors, 0 for the shipped data (default: 0 10000 100000)")
    parser.add_argument("--requests", type=int, default=10, help="warm requests per page (default 10)")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline")
    parser.add_argument("--actor", help="the profile to time (default: one that exists in each data set)")
    parser.add_argument("--work", type=Path, help="folder for data and stores (default: a new temporary one)")
    parser.add_argument("--pages-of", type=Path, metavar="STORE",
                        help="only the pages of this built store (embedded and from an Oxigraph server); no build")
    args = parser.parse_args()
    if args.pages_of:
        work = args.work or Path(tempfile.mkdtemp(prefix="harzgraph-scale-"))
        work.mkdir(parents=True, exist_ok=True)
        print(f"# bench/scale.py — pages of {args.pages_of}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        serve_pages(args.pages_of, work, args.actor or "synthetic-actor-0", args)
        return
    from bench.synthetic_data import write

    work = args.work or Path(tempfile.mkdtemp(prefix="harzgraph-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# bench/scale.py — data and stores under {work}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    for n in args.sizes:
        if n == 0:
            run("shipped data", REPO / "data", work, args)
        else:
            run(f"SYNTHETIC {n:,} actors", write(n, work / f"synthetic-{n}"), work, args)


if __name__ == "__main__":
    main()
