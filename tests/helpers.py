"""Small helpers for tests: edit one cell of a CSV, dump a store for comparison."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import threading
from pathlib import Path

import pyoxigraph
import pytest

from graph import store as store_mod


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, records: list[dict[str, str]], columns: list[str] | None = None) -> None:
    columns = columns or list(records[0])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(path: Path, row: int, field: str, value: str) -> None:
    """Set one cell; ``row`` counts like a spreadsheet (the header is row 1)."""
    records = rows(path)
    columns = list(records[0])
    if field not in columns:
        columns.append(field)
    records[row - 2][field] = value
    write_rows(path, records, columns)


def dump(store_dir: Path) -> set[str]:
    """The current graph as a set of N-Quads lines (no blank nodes in our graph)."""
    data = store_mod.open_read_only(store_dir).dump(format=pyoxigraph.RdfFormat.N_QUADS)
    return set(data.decode("utf-8").splitlines())


CHROMIUM = Path("/usr/bin/chromium")

#: Browser tests skip where Debian's chromium is missing, except under ./test.sh, which
#: installs it and sets HARZGRAPH_REQUIRE_BROWSER so that they can never skip silently.
requires_browser = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("HARZGRAPH_REQUIRE_BROWSER"),
    reason="needs /usr/bin/chromium (apt-get install chromium)",
)


@contextlib.contextmanager
def live_server(app, *, threads: int = 4):
    """Serve ``app`` with waitress on a free loopback port for the duration of a ``with``;
    yields the base URL. The one live server of the tests (browser, SPARQL clients)."""
    import waitress

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)
