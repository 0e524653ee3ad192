"""Helpers of the reliability suite: a viewer on a loopback port in this process, clients that
read it in a loop and record every answer, and two versions of the SYNTHETIC test data that a
rebuild alternates between (one has an extra actor and relation, so that a page mixing the
two versions would look up an actor its graph lacks)."""

from __future__ import annotations

import http.client
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import rows, write_rows

#: Pages that compute per-version values (collaboration graph, layout, index, suggestions,
#: brokers) and their JSON twins.
PAGES = ("/", "/actors", "/actors.json", "/actors/test-recycler", "/network.json", "/gaps", "/gaps.json",
         "/brokers", "/brokers.json", "/chains.json", "/borders.json", "/map.json",
         "/actors?lang=en", "/gaps?lang=en")
TRACEBACK = b"Traceback (most recent call last)"
EXTRA_ID = "test-extra-recycler"


def add_extra_actor(data: Path) -> None:
    """Variant B of the data: one more (SYNTHETIC) actor with a relation."""
    actors = rows(data / "actors.csv")
    columns = list(actors[0])
    actors.append({**dict.fromkeys(columns, ""), "id": EXTRA_ID, "name": "SYNTHETIC Extra Recycler GmbH",
                   "kind": "recycler", "city": "Goslar", "district": "Goslar", "lat": "51.9", "lon": "10.4",
                   "stages": "TS-08", "confidence": "low", "sources": "https://example.org/extra",
                   "checked": "2026-11-25"})
    write_rows(data / "actors.csv", actors, columns)
    relations = rows(data / "relations.csv")
    relations.append({**dict.fromkeys(relations[0], ""), "subject": EXTRA_ID, "relation": "cooperates_with",
                      "object": "test-recycler", "confidence": "low", "sources": "https://example.org/extra-rel"})
    write_rows(data / "relations.csv", relations, list(relations[0]))


@dataclass
class Tally:
    """Every answer the clients got: status counts, and what went wrong (at most 50 kept)."""

    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, path: str, status: int | None, body: bytes, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)
            bad = error or (f"{status}" if status is None or status >= 500 else None)
            if bad is None and TRACEBACK in body:
                bad = "traceback in body"
            if bad and len(self.failures) < 50:
                self.failures.append(f"{path}: {bad}")
            elif bad:
                self.failures.append("…")

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


class Server:
    """``app`` served as ``harzgraph serve`` serves it (:func:`webapp.serve.make_server`: page
    threads plus the SPARQL gate's) at 127.0.0.1:<free port>, in a thread of this process."""

    def __init__(self, app, threads: int = 4):
        from webapp.serve import make_server

        self.http = make_server(app, "127.0.0.1", 0, threads=threads)
        self.port = self.http.effective_port
        self.closing = False
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.http.run()
        except OSError:  # the loop's sockets closed under it by close(): the end, not a failure
            if not self.closing:
                raise

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.closing = True
        self.http.close()
        self.thread.join(timeout=5)


def get(port: int, path: str, timeout: float = 30.0, headers: dict | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def read_loop(port: int, tally: Tally, stop: threading.Event, offset: int, timeout: float = 30.0) -> None:
    """Ask for the pages in turn until ``stop`` is set; a request that takes longer than
    ``timeout`` counts as hung."""
    i = offset
    while not stop.is_set():
        path = PAGES[i % len(PAGES)]
        i += 1
        started = time.perf_counter()
        try:
            status, body = get(port, path, timeout)
        except Exception as exc:  # a timeout or a dropped connection is a failure to record
            tally.record(path, None, b"", time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
            continue
        tally.record(path, status, body, time.perf_counter() - started)
