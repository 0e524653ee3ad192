"""Time the SPARQL endpoint over HTTP: every example query, rdflib beside it, concurrent clients,
and look-ups on SYNTHETIC data (issue 5).

Run from the project root::

    .venv/bin/python -m bench.sparql                      # the shipped data (the default store,
                                                          # or built from data/ into a temp folder)
    .venv/bin/python -m bench.sparql --runs 50 --seconds 5
    .venv/bin/python -m bench.sparql --url http://127.0.0.1:8080 --store ~/.local/share/harzgraph/store
    .venv/bin/python -m bench.sparql --synthetic 100000   # SYNTHETIC actors: look-ups
    .venv/bin/python -m bench.sparql --synthetic 100000 --examples --runs 5 --budget 15  # and the examples

Without ``--url`` the bench starts ``harzgraph serve`` (waitress, the app's query runner with
its 4 worker processes) on a free port of 127.0.0.1 in a child process and stops it at the
end; the clients keep their HTTP connection open, as a script using ``requests.Session``
or SPARQLWrapper's keep-alive would. Every figure is end to end: HTTP, Flask, the static
checks, the round trip to a worker process, evaluation and serialisation (SPARQL JSON).

Per example query: p50 and p95 over ``--runs`` requests (after 5 warm-up requests; target
p95 ≤ 50 ms on the shipped data), and the same query evaluated by rdflib on an in-memory
``rdflib.Graph`` of the same triples (median of up to ``--rdflib-runs`` runs within 5 s;
the ratio is rdflib's median over the endpoint's p50; a query is timed for at most 60 s, so
fewer runs are reported for one that takes seconds). Then the throughput of 4 clients
sending the examples round robin for ``--seconds``. With ``--synthetic N``: N SYNTHETIC
actors (``bench/synthetic_data.py``) built into a temporary store, and look-ups of random
actors, by SPARQL (``SELECT ?p ?o WHERE { actor:<id> ?p ?o }``) and by dereferencing
``/id/actor/<id>`` as Turtle (target p95 ≤ 10 ms at 100k actors).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from graph.settings import Settings  # noqa: E402
from graph.sparql.examples import examples  # noqa: E402

ACCEPT = "application/sparql-results+json"
TARGET_MS = 50.0
LOOKUP_TARGET_MS = 10.0


class Client:
    """One keep-alive HTTP connection to the endpoint."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def get(self, path: str, accept: str = ACCEPT) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                self.connection.request("GET", path, headers={"Accept": accept})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def query(self, text: str) -> tuple[int, bytes]:
        return self.get("/sparql?" + urllib.parse.urlencode({"query": text}))

    def close(self) -> None:
        self.connection.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def time_requests(send, runs: int, *, warmup: int = 5, budget_s: float = 60.0) -> tuple[float, float, int, int]:
    """p50 and p95 in ms of ``runs`` calls of ``send`` (after ``warmup``), the last status and
    how many runs were timed: a query that needs seconds stops after ``budget_s``."""
    status = 0
    deadline = time.monotonic() + budget_s
    for _ in range(warmup):
        status, _ = send()
        if time.monotonic() > deadline:
            break
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status, _ = send()
        times.append((time.perf_counter() - started) * 1000)
        if time.monotonic() > deadline:
            break
    return percentile(times, 50), percentile(times, 95), status, len(times)


def start_server(store_dir: Path) -> tuple[subprocess.Popen, str]:
    """``harzgraph serve`` on a free loopback port, once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--store", str(store_dir),
                                "--host", "127.0.0.1", "--port", str(port)], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, url
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("harzgraph serve stopped; is there a store?") from None
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("harzgraph serve did not start within 60 s")


def rdflib_graph(store_dir: Path):
    """The store's default graph as an in-memory rdflib.Graph."""
    import pyoxigraph as ox
    from rdflib import Graph

    from graph.store import open_read_only

    data = open_read_only(store_dir).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def rdflib_median(graph, text: str, runs: int, budget_s: float = 5.0) -> tuple[float, int]:
    """Median ms of evaluating ``text`` with rdflib (all rows read), and how many runs fit."""
    times = []
    deadline = time.monotonic() + budget_s
    while len(times) < runs and (not times or time.monotonic() < deadline):
        started = time.perf_counter()
        list(graph.query(text))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(times)


def bench_examples(url: str, runs: int, graph, rdflib_runs: int, out: list[str], budget_s: float = 60.0,
                   target_ms: float | None = TARGET_MS) -> None:
    client = Client(url)
    header = f"{'example query':34} {'rows':>6} {'p50 ms':>8} {'p95 ms':>8}"
    header += f" {'rdflib ms':>10} {'ratio':>8}" if graph is not None else ""
    out += [header, "-" * len(header)]
    print("\n".join(out[-2:]), flush=True)
    worst = 0.0
    for example in examples():
        p50, p95, status, timed = time_requests(lambda e=example: client.query(e.text), runs, budget_s=budget_s)
        status, body = client.query(example.text)
        answer = json.loads(body) if status == 200 else {}
        rows = len(answer["results"]["bindings"]) if "results" in answer else int("boolean" in answer)
        worst = max(worst, p95)
        line = f"{example.name:34} {rows:>6} {p50:8.2f} {p95:8.2f}"
        if graph is not None:
            try:
                median, _ = rdflib_median(graph, example.text, rdflib_runs)
                line += f" {median:10.1f} {median / p50:7.1f}×"
            except Exception as exc:  # rdflib's own failures are part of the comparison
                line += f"  rdflib fails: {type(exc).__name__}"
        note = ("" if status == 200 else f"  HTTP {status}") + ("" if timed == runs else f"  ({timed} runs)")
        out.append(line + note)
        print(out[-1], flush=True)
    if target_ms is None:
        out.append(f"worst p95 {worst:.2f} ms (the target of {TARGET_MS:g} ms is for the shipped data)")
    else:
        out.append(f"worst p95 {worst:.2f} ms (target ≤ {target_ms:g} ms): {'met' if worst <= target_ms else 'MISSED'}")
    print(out[-1], flush=True)
    client.close()


def bench_throughput(url: str, texts: list[str], seconds: float, clients: int, out: list[str]) -> None:
    """Queries per second of ``clients`` threads, each on its own connection, round robin."""
    done: list[list[float]] = [[] for _ in range(clients)]
    failed = [0] * clients
    stop = time.monotonic() + seconds

    def work(i: int) -> None:
        client = Client(url)
        k = i
        while time.monotonic() < stop:
            started = time.perf_counter()
            status, _ = client.query(texts[k % len(texts)])
            if status == 200:
                done[i].append((time.perf_counter() - started) * 1000)
            else:
                failed[i] += 1
            k += 1
        client.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    times = [t for per in done for t in per]
    out.append(f"throughput, {clients} concurrent clients, all examples round robin for {seconds:g} s: "
               f"{len(times) / elapsed:.0f} queries/s (p50 {percentile(times, 50):.1f} ms, "
               f"p95 {percentile(times, 95):.1f} ms; {sum(failed)} not 200)")
    print(out[-1], flush=True)


def bench_lookups(url: str, ids: list[str], runs: int, out: list[str]) -> None:
    client = Client(url)
    rng = random.Random(7)

    def by_sparql():
        actor = rng.choice(ids)
        return client.query(f"SELECT ?p ?o WHERE {{ <https://w3id.org/harzgraph/id/actor/{actor}> ?p ?o }}")

    def by_iri():
        return client.get(f"/id/actor/{rng.choice(ids)}", accept="text/turtle")

    for name, send in (("look-up by SPARQL (one actor's triples)", by_sparql),
                       ("dereference /id/actor/<id> as Turtle", by_iri)):
        p50, p95, status, _ = time_requests(send, runs)
        verdict = "met" if p95 <= LOOKUP_TARGET_MS else "MISSED"
        out.append(f"{name:42} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  (target p95 ≤ {LOOKUP_TARGET_MS:g} ms: "
                   f"{verdict}; HTTP {status})")
        print(out[-1], flush=True)
    client.close()


def shipped_store(tmp: Path) -> Path:
    """The default store when it has been built, else the shipped data built into ``tmp``."""
    from graph.build.ingest import build
    from graph.store import exists

    settings = Settings.from_env()
    if exists(settings.store_dir):
        return settings.store_dir
    settings = Settings(data_dir=REPO / "data", store_dir=tmp / "store")
    build(settings)
    return settings.store_dir


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--store", type=Path, help="the store to serve and to load into rdflib")
    parser.add_argument("--runs", type=int, default=200, help="timed requests per query (default 200)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds at most per example (default 60)")
    parser.add_argument("--rdflib-runs", type=int, default=20, help="rdflib runs per query, within 5 s")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of the throughput test")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients of the throughput test")
    parser.add_argument("--synthetic", type=int, metavar="N", help="N SYNTHETIC actors instead of the shipped data")
    parser.add_argument("--examples", action="store_true", help="with --synthetic: time the examples too")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="harzgraph-bench-sparql-") as folder:
        tmp = Path(folder)
        ids: list[str] = []
        if args.synthetic:
            from bench.synthetic_data import write
            from graph.build.ingest import build

            started = time.monotonic()
            data = write(args.synthetic, tmp / "data")
            settings = Settings(data_dir=data, store_dir=tmp / "store")
            build(settings)
            store_dir = settings.store_dir
            ids = [f"synthetic-actor-{i}" for i in range(args.synthetic)]
            out.append(f"SYNTHETIC data: {args.synthetic:,} actors, built in {time.monotonic() - started:.0f} s")
        else:
            store_dir = args.store or shipped_store(tmp)
            out.append(f"shipped data: store {store_dir}")
        from graph.store import open_read_only

        out.append(f"{len(open_read_only(store_dir)):,} triples; {args.runs} timed requests per query")
        print("\n".join(out), flush=True)
        process = None
        url = args.url
        if url is None:
            process, url = start_server(store_dir)
        try:
            if not args.synthetic or args.examples:
                graph = None if (args.no_rdflib or args.synthetic) else rdflib_graph(store_dir)
                bench_examples(url, args.runs, graph, args.rdflib_runs, out, args.budget,
                               None if args.synthetic else TARGET_MS)
                bench_throughput(url, [e.text for e in examples()], args.seconds, args.clients, out)
            if args.synthetic:
                bench_lookups(url, ids, args.runs, out)
        finally:
            if process is not None:
                process.terminate()
                process.wait(10)
    if args.out:
        args.out.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
