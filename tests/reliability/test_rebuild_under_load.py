"""A build swaps the store while the viewer serves: no request fails, hangs or mixes versions
(issue 10, defect 1: the viewer deadlocked for good after about 40 builds under load, and
/brokers.json answered 500 with a KeyError)."""

from __future__ import annotations

import json
import shutil
import threading

from graph.build.ingest import build
from graph.settings import Settings
from tests.conftest import VALID
from tests.reliability.load import EXTRA_ID, Server, Tally, add_extra_actor, get, read_loop

BUILDS = 30
CLIENTS = 4


def test_30_builds_while_4_clients_read(tmp_path):
    plain, extra = tmp_path / "plain", tmp_path / "extra"
    shutil.copytree(VALID, plain)
    shutil.copytree(VALID, extra)
    add_extra_actor(extra)
    store = tmp_path / "store"
    build(Settings(data_dir=plain, store_dir=store))
    from webapp import create_app

    app = create_app(Settings(data_dir=plain, store_dir=store))
    tally, stop = Tally(), threading.Event()
    with Server(app) as server:
        clients = [threading.Thread(target=read_loop, args=(server.port, tally, stop, i * 3), daemon=True)
                   for i in range(CLIENTS)]
        for client in clients:
            client.start()
        try:
            for i in range(BUILDS):
                build(Settings(data_dir=extra if i % 2 == 0 else plain, store_dir=store))
        finally:
            stop.set()
            for client in clients:
                client.join(timeout=60)
        assert not any(c.is_alive() for c in clients), "a client is still waiting: a request hung"
        # The last build (i = 29) used the plain data: the viewer follows it.
        status, body = get(server.port, "/actors.json")
        ids = {row["id"] for row in json.loads(body)["rows"]}
    app.extensions["harzgraph"].close_runner()
    assert status == 200 and EXTRA_ID not in ids and "test-recycler" in ids
    assert tally.total > BUILDS  # the clients really read during the builds
    assert tally.failures == []
    assert set(tally.statuses) == {200}
