"""Runaway queries cannot starve the pages (issue 10, defect 9): ``/sparql`` holds at most its
gate's capacity of server threads, the next query is answered 429 at once, pages keep their
own threads; and a configurable rate limit per client address."""

from __future__ import annotations

import threading
import urllib.parse
from dataclasses import replace

import pytest

from graph.errors import QueryError, QueryTooBusy
from tests.reliability.load import Server, get
from webapp.limits import SparqlGate


def test_the_gate_refuses_beyond_its_capacity_at_once():
    gate = SparqlGate(capacity=2, retry_after_s=3)
    with gate.slot(), gate.slot():
        with pytest.raises(QueryTooBusy) as caught:
            with gate.slot():
                pass
        assert caught.value.retry_after == 3
    with gate.slot():  # freed again
        pass


@pytest.fixture
def blocked_app(web_settings, monkeypatch):
    """The app with a query runner whose queries wait until the test releases them."""
    from webapp import create_app
    from webapp.state import app_state

    app = create_app(replace(web_settings, sparql_queue=1))
    release, started = threading.Event(), threading.Semaphore(0)
    runner = app_state(app).query_runner()

    def blocking_run(*args, **kwargs):
        started.release()
        release.wait(60)
        raise QueryError("released")

    monkeypatch.setattr(runner, "run", blocking_run)
    yield app, release, started
    release.set()
    app.extensions["harzgraph"].close_runner()


def test_a_full_gate_answers_429_while_pages_are_served(blocked_app):
    app, release, started = blocked_app
    capacity = app.extensions["harzgraph-gate"].capacity  # 4 workers + a queue of 1
    with Server(app, threads=2) as server:
        _fill_the_gate_then_ask(server.port, capacity, release, started)


def _fill_the_gate_then_ask(port: int, capacity: int, release: threading.Event, started: threading.Semaphore):
    query = "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }", "format": "json"})
    holders = [threading.Thread(target=get, args=(port, query, 60), daemon=True) for _ in range(capacity)]
    for holder in holders:
        holder.start()
    for _ in range(capacity):
        assert started.acquire(timeout=60)  # every slot is held by a waiting query
    status, body = get(port, query, timeout=60)
    assert status == 429  # answered while the others still wait: nothing was released yet
    assert not release.is_set()
    for page in ("/", "/actors", "/static/css/harzgraph.css"):
        assert get(port, page, timeout=60)[0] == 200, page
    release.set()
    for holder in holders:
        holder.join(timeout=60)


def test_rate_limit_per_address(web_settings):
    from webapp import create_app

    app = create_app(replace(web_settings, rate_limit_per_s=0.001, rate_burst=3))
    client = app.test_client()
    statuses = [client.get("/index.json").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    refused = client.get("/index.json")
    assert int(refused.headers["Retry-After"]) >= 1
    other = app.test_client().get("/index.json", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200
    app.extensions["harzgraph"].close_runner()
