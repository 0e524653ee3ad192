"""Fairness under load: SPARQL queries get their own, bounded capacity, so runaway queries
can never starve the pages, and an optional rate limit per client address.

- **The SPARQL gate.** At most ``runner workers + settings.sparql_queue`` ``/sparql`` queries
  are inside the app at once: as many as run, plus a short queue waiting for a worker. A
  query that finds the gate full is answered 429 at once (``Retry-After``), without waiting
  and without holding a server thread. :func:`webapp.serve.serve` gives the server that many
  threads *more* than the pages need, so the pages always have their own.
- **The rate limit** (``settings.rate_limit_per_s`` > 0): a token bucket per client address,
  ``settings.rate_burst`` requests deep; a client above it gets 429 with ``Retry-After``.
  Off by default. Behind a reverse proxy the proxy's address is the client: limit there.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, request

from graph.errors import QueryTooBusy
from graph.settings import Settings

#: How many client addresses the rate limiter remembers (the least recently seen are forgotten).
MAX_CLIENTS = 10_000


class SparqlGate:
    """A counter of the queries inside the app, refused at once beyond ``capacity``."""

    def __init__(self, capacity: int, retry_after_s: float):
        self.capacity = capacity
        self.retry_after_s = retry_after_s
        self._inside = 0
        self._lock = threading.Lock()

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._lock:
            if self._inside >= self.capacity:
                exc = QueryTooBusy(f"{self.capacity} queries are running or waiting already; try again shortly")
                exc.retry_after = max(1, math.ceil(self.retry_after_s))
                raise exc
            self._inside += 1
        try:
            yield
        finally:
            with self._lock:
                self._inside -= 1


class RateLimiter:
    """A token bucket per client address: ``rate`` requests per second, ``burst`` at once."""

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def admit(self, address: str, now: float | None = None) -> float:
        """0 when the request may pass, else the seconds until it would.

        >>> limiter = RateLimiter(rate=1.0, burst=2)
        >>> [limiter.admit("a", now=0.0) for _ in range(3)]
        [0.0, 0.0, 1.0]
        >>> limiter.admit("a", now=1.0), limiter.admit("b", now=1.0)
        (0.0, 0.0)
        """
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, seen = self._buckets.pop(address, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - seen) * self.rate)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._buckets[address] = (tokens, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
            return wait


def install(app: Flask, settings: Settings, workers: int) -> None:
    """Give ``app`` its SPARQL gate and, when configured, its rate limit."""
    app.extensions["harzgraph-gate"] = SparqlGate(workers + settings.sparql_queue, settings.query_timeout_s)
    if settings.rate_limit_per_s > 0:
        limiter = RateLimiter(settings.rate_limit_per_s, settings.rate_burst)

        def limit() -> None:
            wait = limiter.admit(request.remote_addr or "?")
            if wait:
                exc = QueryTooBusy(f"more than {settings.rate_limit_per_s:g} requests per second from your "
                                   f"address; try again in {math.ceil(wait)} s")
                exc.retry_after = max(1, math.ceil(wait))
                raise exc

        app.before_request(limit)


def sparql_slot():
    """The app's gate for one query: ``with sparql_slot(): …``; QueryTooBusy (429) when full."""
    return current_app.extensions["harzgraph-gate"].slot()


def sparql_capacity(app: Flask) -> int:
    """How many server threads ``/sparql`` may hold at most."""
    return app.extensions["harzgraph-gate"].capacity
