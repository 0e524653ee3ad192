"""The reliability campaign of issue 10: thousands of damaged imports and hostile requests,
rebuilds and kill -9 under load, and the load the viewer holds with and without runaway
queries. Prints the figures; the seeded, bounded versions run in CI (tests/reliability).

    .venv/bin/python bench/reliability.py                       # everything, default sizes
    .venv/bin/python bench/reliability.py --imports 3000 --requests 3000 --builds 60 --kills 20
    .venv/bin/python bench/reliability.py --only load --seconds 20

All data is SYNTHETIC (tests/data/valid). Figures:

- **imports**: inputs tried, how many were refused with a located error, kept the graph
  exactly, or were accepted with their literal content; tracebacks and silent changes (must be 0);
- **requests**: page and SPARQL requests tried; 5xx answers and tracebacks (must be 0);
- **rebuilds**: builds swapped in while 4 clients read; failed or hung requests (must be 0);
- **kill -9**: builds killed at spread moments; stores that held neither the old nor the new
  graph, i.e. data lost (must be 0);
- **load**: page requests per second served and p95 latency at an offered rate, alone and
  while clients loop runaway queries (a cartesian product), with how those were answered.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from graph.build.ingest import build  # noqa: E402
from graph.settings import Settings  # noqa: E402
from tests.conftest import VALID  # noqa: E402
from tests.helpers import dump, set_cell  # noqa: E402
from tests.reliability import fuzz, load  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LOAD_PAGES = ("/", "/actors", "/actors/test-recycler", "/gaps", "/static/css/harzgraph.css", "/network.json")


def imports(n: int, seed: int, work: Path) -> dict:
    rng = random.Random(seed)
    expected = fuzz.baseline(VALID)
    outcomes, ways, violations = Counter(), Counter(), []
    for i in range(n):
        way, preserving = fuzz.random_case(rng, VALID, work / "case")
        ways[way.split(":")[0]] += 1
        try:
            outcomes[fuzz.judge(work / "case", expected, preserving=preserving).kind] += 1
        except fuzz.Violation as exc:
            outcomes["violation"] += 1
            violations.append(f"#{i} {way}: {exc}")
    return {"tried": n, "outcomes": dict(outcomes), "ways": dict(ways), "violations": violations[:10]}


def requests(n: int, seed: int, work: Path) -> dict:
    from dataclasses import replace

    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hypothesis_seed

    from tests.reliability import webfuzz
    from tests.webapp.conftest import add_hostile_rows
    from webapp import create_app

    data = fuzz.copy_data(VALID, work / "web-data")
    add_hostile_rows(data)
    web = Settings(data_dir=data, store_dir=work / "web-store", query_timeout_s=2.0)
    build(web)
    app = create_app(replace(web))
    client = app.test_client()
    tally: Counter = Counter()
    failures: list[str] = []

    def run(kind, send, request):
        status, body = send(client, request)
        tally[f"{kind} {status // 100}xx"] += 1
        try:
            webfuzz.check(status, body, f"{kind} {request!r}"[:200])
        except AssertionError as exc:
            failures.append(str(exc))

    budget = settings(max_examples=n, derandomize=False, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
    seeded = hypothesis_seed(seed)
    seeded(given(request=webfuzz.page_requests)(budget(lambda request: run("page", webfuzz.page_request, request))))()
    seeded(given(request=webfuzz.sparql_requests)(
        budget(lambda request: run("sparql", webfuzz.sparql_request, request))))()
    alive = client.get("/").status_code == 200
    app.extensions["harzgraph"].close_runner()
    return {"tried": sum(tally.values()), "answers": dict(sorted(tally.items())), "5xx_or_traceback": len(failures),
            "examples": failures[:5], "alive_afterwards": alive}


def rebuilds(n: int, work: Path) -> dict:
    from webapp import create_app

    plain, extra = fuzz.copy_data(VALID, work / "plain"), fuzz.copy_data(VALID, work / "extra")
    load.add_extra_actor(extra)
    store = work / "rebuild-store"
    build(Settings(data_dir=plain, store_dir=store))
    app = create_app(Settings(data_dir=plain, store_dir=store))
    tally, stop = load.Tally(), threading.Event()
    started = time.perf_counter()
    with load.Server(app) as server:
        clients = [threading.Thread(target=load.read_loop, args=(server.port, tally, stop, i * 3), daemon=True)
                   for i in range(4)]
        for client in clients:
            client.start()
        for i in range(n):
            build(Settings(data_dir=extra if i % 2 == 0 else plain, store_dir=store))
        stop.set()
        for client in clients:
            client.join(timeout=60)
        hung = sum(client.is_alive() for client in clients)
    app.extensions["harzgraph"].close_runner()
    return {"builds": n, "requests": tally.total, "statuses": dict(tally.statuses), "failed": len(tally.failures),
            "hung_clients": hung, "p95_ms": round(_p95(tally.latencies) * 1000, 1),
            "seconds": round(time.perf_counter() - started, 1)}


_BUILD = ("import sys; from pathlib import Path; from graph.build import ingest; from graph.settings import Settings; "
          "ingest.build(Settings(data_dir=Path(sys.argv[1]), store_dir=Path(sys.argv[2])))")


def kills(n: int, work: Path) -> dict:
    old_data, new_data = fuzz.copy_data(VALID, work / "old"), fuzz.copy_data(VALID, work / "new")
    set_cell(new_data / "actors.csv", 2, "name", "SYNTHETIC New Name GmbH")
    store, reference = work / "kill-store", work / "kill-reference"
    build(Settings(data_dir=new_data, store_dir=reference))
    new = dump(reference)
    build(Settings(data_dir=old_data, store_dir=store))
    old = dump(store)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _BUILD, str(new_data), str(work / "timing")], check=True, cwd=REPO)
    duration = time.perf_counter() - started
    outcomes = Counter()
    for i in range(n):
        process = subprocess.Popen([sys.executable, "-c", _BUILD, str(new_data), str(store)], cwd=REPO)
        time.sleep(duration * i / max(n - 1, 1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = dump(store)
        outcomes["old" if now == old else "new" if now == new else "LOST"] += 1
        if now != old:
            build(Settings(data_dir=old_data, store_dir=store))
    return {"kills": n, "outcomes": dict(outcomes), "data_lost": outcomes["LOST"]}


def _p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def _serve(store: Path) -> tuple[subprocess.Popen, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--store", str(store), "--port", str(port)],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if load.get(port, "/", timeout=5)[0] == 200:
                return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("harzgraph serve did not start")


def load_phase(port: int, rate: float, seconds: float, runaway_clients: int) -> dict:
    """Offer ``rate`` page requests per second (open loop, 16 senders) for ``seconds`` while
    ``runaway_clients`` loop the runaway query; what was served and how fast."""
    stop = threading.Event()
    pages = load.Tally()
    sparql: Counter = Counter()
    query = "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY, "format": "json"})

    def runaway():
        while not stop.is_set():
            try:
                status, _ = load.get(port, query, timeout=60)
            except OSError as exc:
                status = type(exc).__name__
            sparql[status] += 1
            if status == 429:
                time.sleep(0.05)

    schedule = iter(range(10**9))
    lock = threading.Lock()
    start = time.perf_counter()

    def sender():
        while not stop.is_set():
            with lock:
                i = next(schedule)
            due = start + i / rate
            if due > start + seconds:
                return
            time.sleep(max(0.0, due - time.perf_counter()))
            path = LOAD_PAGES[i % len(LOAD_PAGES)]
            began = time.perf_counter()
            try:
                status, body = load.get(port, path, timeout=30)
                pages.record(path, status, body, time.perf_counter() - began)
            except OSError as exc:
                pages.record(path, None, b"", time.perf_counter() - began, type(exc).__name__)

    loops = [threading.Thread(target=runaway, daemon=True) for _ in range(runaway_clients)]
    for thread in loops:
        thread.start()
    if runaway_clients:
        time.sleep(2)  # let the runaway queries take their workers first
        start = time.perf_counter()
    senders = [threading.Thread(target=sender, daemon=True) for _ in range(16)]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()
    elapsed = time.perf_counter() - start
    stop.set()
    for thread in loops:
        thread.join(timeout=30)
    ok = pages.statuses.get(200, 0)
    return {"runaway_clients": runaway_clients, "offered_per_s": rate, "served_per_s": round(ok / elapsed, 1),
            "p50_ms": round(statistics.median(pages.latencies) * 1000, 1) if pages.latencies else None,
            "p95_ms": round(_p95(pages.latencies) * 1000, 1), "page_statuses": dict(pages.statuses),
            "page_failures": len(pages.failures), "sparql_answers": dict(sparql)}


def load_figures(work: Path, rate: float, seconds: float) -> list[dict]:
    store = work / "load-store"
    build(Settings(data_dir=VALID, store_dir=store))
    process, port = _serve(store)
    try:
        for path in LOAD_PAGES:  # warm the per-version caches
            load.get(port, path, timeout=60)
        return [load_phase(port, rate, seconds, runaway) for runaway in (0, 4, 12)]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--imports", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=1500, help="page requests and as many SPARQL requests")
    parser.add_argument("--builds", type=int, default=30)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--only", choices=("imports", "requests", "rebuilds", "kills", "load"), action="append")
    args = parser.parse_args()
    only = set(args.only or ("imports", "requests", "rebuilds", "kills", "load"))
    work = Path(tempfile.mkdtemp(prefix="harzgraph-reliability-"))
    try:
        if "imports" in only:
            print("imports:", imports(args.imports, args.seed, work), flush=True)
        if "requests" in only:
            print("requests:", requests(args.requests, args.seed, work), flush=True)
        if "rebuilds" in only:
            print("rebuilds:", rebuilds(args.builds, work), flush=True)
        if "kills" in only:
            print("kill -9:", kills(args.kills, work), flush=True)
        if "load" in only:
            for phase in load_figures(work, args.rate, args.seconds):
                print("load:", phase, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
