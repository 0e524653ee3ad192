"""Run read-only SPARQL over the store: refused before it runs, stopped at the time limit,
capped in rows and bytes, answered in a standard format or as a :class:`Table` (issue 5).

Every query runs in a worker process (:mod:`graph.sparql_worker`), never in the caller:
pyoxigraph cannot interrupt a query, so a runaway one (a cartesian product, an endless
property path, a crafted REGEX) is stopped by killing its process, and a query that
crashes the parser takes down only a worker. A :class:`QueryRunner` keeps a few workers
started, each with the store open read-only; a worker that overruns is killed and
replaced. The number of workers bounds how many queries run at once; when all are busy
for ``wait_s`` the caller gets :class:`~graph.errors.QueryTooBusy` with ``retry_after``.

The web app and the CLI create one runner at the edge and pass it on::

    runner = QueryRunner(settings.store_dir, settings=settings)
    result = runner.run("SELECT ...", result_format="csv")   # QueryResult: bytes + facts
    table = runner.run_table("SELECT ...")                    # Table of plain values

:func:`run_query` and :func:`run_query_table` do the same with a runner of their own when
none is given (about a quarter of a second more, for the CLI).
"""

from __future__ import annotations

import collections
import logging
import math
import multiprocessing.connection
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import QueryError, QuerySyntaxError, QueryTimeout, QueryTooBusy, StoreError
from graph.namespaces import PREFIXES
from graph.sparql.guard import MAX_NESTING, ParsedQuery, check_query
from graph.sparql.remote import is_remote
from graph.tables import Table

__all__ = [
    "FORMATS",
    "MAX_NESTING",
    "ParsedQuery",
    "QueryResult",
    "QueryRunner",
    "ResultFormat",
    "check_query",
    "result_format_for",
    "run_query",
    "run_query_table",
]

logger = logging.getLogger(__name__)

#: How long a freshly started worker may take to report ready (not part of a time limit).
STARTUP_S = 60.0

# The worker imports this package from where the parent found it.
_ROOT = str(Path(__file__).resolve().parents[2])


@dataclass(frozen=True)
class ResultFormat:
    """A serialisation of query results: its short name, media type and file extension.

    ``graph`` is True for the RDF formats of CONSTRUCT and DESCRIBE results, False for
    the SPARQL results formats of SELECT and ASK.
    """

    name: str
    media_type: str
    extension: str
    graph: bool


FORMATS: dict[str, ResultFormat] = {
    f.name: f
    for f in (
        ResultFormat("json", "application/sparql-results+json", "srj", False),
        ResultFormat("xml", "application/sparql-results+xml", "srx", False),
        ResultFormat("csv", "text/csv", "csv", False),
        ResultFormat("tsv", "text/tab-separated-values", "tsv", False),
        ResultFormat("turtle", "text/turtle", "ttl", True),
        ResultFormat("ntriples", "application/n-triples", "nt", True),
        ResultFormat("jsonld", "application/ld+json", "jsonld", True),
    )
}


def result_format_for(name: str | None, form: str) -> ResultFormat:
    """The format called ``name`` (a short name or a media type) for a query ``form``.

    None gives the default: SPARQL JSON for SELECT and ASK, Turtle for CONSTRUCT and
    DESCRIBE.

    >>> result_format_for("text/csv", "SELECT").name
    'csv'
    >>> result_format_for(None, "CONSTRUCT").media_type
    'text/turtle'
    >>> result_format_for("csv", "DESCRIBE")
    Traceback (most recent call last):
    graph.errors.QueryError: a DESCRIBE query gives an RDF graph: choose turtle, ntriples or jsonld, not 'csv'
    """
    graph = form in ("CONSTRUCT", "DESCRIBE")
    if name is None:
        return FORMATS["turtle" if graph else "json"]
    key = name.split(";")[0].strip().lower()
    found = FORMATS.get(key) or next((f for f in FORMATS.values() if key in (f.media_type, f.extension)), None)
    if found is None:
        raise QueryError(f"unknown result format '{name}'; known: {', '.join(FORMATS)}")
    if found.graph != graph:
        fitting = [f.name for f in FORMATS.values() if f.graph == graph]
        what = "an RDF graph" if graph else "a table of solutions" if form == "SELECT" else "a boolean"
        raise QueryError(
            f"a {form} query gives {what}: choose {', '.join(fitting[:-1])} or {fitting[-1]}, not '{name}'"
        )
    return found


@dataclass(frozen=True)
class QueryResult:
    """One answer, serialised: ``body`` in ``format``, with what a caller must tell the user.

    ``count`` is the number of solutions (SELECT), triples (CONSTRUCT, DESCRIBE) or 1
    (ASK) in ``body``; ``truncated_by`` is ``"rows"`` or ``"bytes"`` when a cap cut the
    result short, else None.
    """

    form: str
    format: ResultFormat
    body: bytes
    count: int
    truncated_by: str | None = None
    variables: tuple[str, ...] = ()
    elapsed_s: float = 0.0

    @property
    def truncated(self) -> bool:
        return self.truncated_by is not None

    @property
    def media_type(self) -> str:
        return self.format.media_type


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: multiprocessing.connection.Connection
    ready: bool = False


class QueryRunner:
    """A few worker processes answering SPARQL queries over one store, read-only.

    Parameters
    ----------
    store_dir : the store folder (see :mod:`graph.store`); workers follow its ``current``. Or
        the URL of a SPARQL query endpoint (:mod:`graph.sparql.remote`): workers then ask that
        server, with the same guard and limits (start them with ``sandbox=False``: the
        sandbox cuts them off the network).
    settings : time limit, row, byte and length caps.
    workers : how many queries may run at once.
    wait_s : how long a query waits for a free worker before QueryTooBusy.
    sandbox : cut the workers off from the network (seccomp, Linux); keep it on.
    memory_limit : bytes of data a worker may allocate (``RLIMIT_DATA``), None for no limit;
        a query that needs more stops its worker and fails instead of the machine.

    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        store_dir: Path,
        *,
        settings,
        workers: int = 4,
        wait_s: float = 1.0,
        sandbox: bool = True,
        memory_limit: int | None = 4 << 30,
    ):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.store_dir = store_dir if is_remote(store_dir) else Path(store_dir)
        self.settings = settings
        self.workers = workers
        self.wait_s = wait_s
        self._sandbox = sandbox
        self._memory_limit = memory_limit
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)
        # Idle workers; the right end is the most recently used (warm caches), fresh ones
        # join at the left so that a query does not wait for one to start. None is a slot
        # whose worker could not be started yet.
        self._idle: collections.deque[_Worker | None] = collections.deque()
        self._deadlines: dict[int, float] = {}
        self._closed = False
        self.sandboxed: bool | None = None
        for _ in range(workers):
            self._idle.appendleft(self._spawn())

    def __enter__(self) -> QueryRunner:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Stop the idle workers now and the busy ones as soon as their query ends."""
        with self._lock:
            self._closed = True
            idle, self._idle = list(self._idle), collections.deque()
            self._freed.notify_all()
        for worker in idle:
            if worker is not None:
                _stop(worker)

    def run(
        self,
        text: str | bytes,
        *,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        result_format: str | None = None,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> QueryResult:
        """Check and run a query; the result serialised in ``result_format``.

        Parameters
        ----------
        text : the query (str, or UTF-8 bytes as received).
        timeout_s : a lower time limit than ``settings.query_timeout_s``; never a higher one.
        max_rows : a lower row cap than ``settings.query_max_rows``; never a higher one.
        result_format : a name of :data:`FORMATS` or a media type; None for the default.
        base_iri : what relative IRIs resolve against (the protocol's service URL).
        prefixes : prefixes the query may use without declaring them.
        default_graphs, named_graphs : the protocol's ``default-graph-uri`` and
            ``named-graph-uri``; like FROM, each must name a graph in the store.

        Returns
        -------
        QueryResult

        Raises
        ------
        QuerySyntaxError
            the query does not parse (``line``, ``column``).
        QueryError
            refused (update, SERVICE, a FROM naming no graph of the store, too long, too
            deep) or failed while running.
        QueryTimeout
            stopped at the time limit.
        QueryTooBusy
            every worker stayed busy for ``wait_s``; ``retry_after`` in whole seconds.
        StoreError
            no store has been built yet.
        """
        parsed = check_query(text, settings=self.settings, base_iri=base_iri, prefixes=prefixes)
        fmt = result_format_for(result_format, parsed.form)
        reply, elapsed = self._run_parsed(parsed, fmt.name, timeout_s, max_rows, prefixes, default_graphs, named_graphs)
        if fmt.name == "xml":
            _check_xml_characters(reply["body"])
        return QueryResult(
            parsed.form, fmt, reply["body"], reply["count"], reply["truncated_by"], tuple(reply["variables"]), elapsed
        )

    def run_table(
        self,
        text: str | bytes,
        *,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Table:
        """Check and run a query; the result as a :class:`Table` of plain values.

        SELECT gives one column per variable; ASK one column ``boolean``; CONSTRUCT and
        DESCRIBE the columns ``subject``, ``predicate``, ``object``. IRIs and literals
        become text, numbers numbers, ``xsd:boolean`` bool, unbound None, blank nodes
        ``_:label``. Parameters and errors as :meth:`run`.
        """
        parsed = check_query(text, settings=self.settings, base_iri=base_iri, prefixes=prefixes)
        reply, _ = self._run_parsed(parsed, "table", timeout_s, max_rows, prefixes, default_graphs, named_graphs)
        table = Table(reply["columns"], reply["rows"], truncated=reply["truncated_by"] is not None)
        if reply["truncated_by"] == "rows":
            table.notes.append(f"only the first {len(table.rows):,} rows are shown")
        elif reply["truncated_by"] == "bytes":
            table.notes.append(f"only the first {len(table.rows):,} rows are shown (the size limit was reached)")
        return table

    def _run_parsed(
        self, parsed: ParsedQuery, fmt: str, timeout_s, max_rows, prefixes, default_graphs, named_graphs
    ) -> tuple[dict, float]:
        limit, rows = _limits(self.settings, timeout_s, max_rows)
        request = {
            "text": parsed.text,
            "format": fmt,
            "dataset": list(parsed.dataset),
            "base_iri": parsed.base_iri,
            "prefixes": dict(prefixes) if prefixes else None,
            "default_graphs": list(default_graphs),
            "named_graphs": list(named_graphs),
            "max_rows": rows,
            "max_bytes": self.settings.query_max_bytes,
            "turtle_prefixes": PREFIXES if fmt == "turtle" else None,
        }
        started = time.monotonic()
        kind, payload = self._ask(request, limit)
        elapsed = time.monotonic() - started
        if kind == "ok":
            return payload, elapsed
        if kind == "syntax":
            raise _syntax_error(payload)
        if kind == "store":
            raise StoreError(payload)
        if kind == "refused":
            raise QueryError(payload)
        raise QueryError(f"the query failed: {payload}")

    def _ask(self, request: dict, limit: float) -> tuple[str, object]:
        """Send a request to a free worker; kill the worker when it overruns ``limit``."""
        worker = self._acquire()
        healthy = False
        try:
            self._await_ready(worker)
            with self._lock:
                self._deadlines[id(worker)] = time.monotonic() + limit
            worker.conn.send(request)
            if not worker.conn.poll(limit):
                raise QueryTimeout(
                    f"the query ran longer than {limit:g} s and was stopped; narrow it "
                    "down (more specific patterns, LIMIT) or ask for less"
                )
            reply = worker.conn.recv()
            healthy = True
            return reply
        except (EOFError, OSError) as exc:
            raise QueryError(
                "the query stopped its worker process (out of memory, or too deeply "
                "nested for the parser); it was not answered"
            ) from exc
        finally:
            with self._lock:
                self._deadlines.pop(id(worker), None)
            self._release(worker, healthy)

    def _acquire(self) -> _Worker:
        with self._freed:
            if not self._freed.wait_for(lambda: self._idle or self._closed, self.wait_s):
                raise self._too_busy()
            if self._closed:
                raise RuntimeError("this QueryRunner is closed")
            worker = self._idle.pop()
        if worker is None:
            try:
                worker = self._spawn()
            except OSError as exc:
                self._put(None, fresh=True)
                raise QueryError(f"cannot start a query worker: {exc}") from exc
        return worker

    def _put(self, worker: _Worker | None, *, fresh: bool) -> None:
        with self._freed:
            if self._closed:
                if worker is not None:
                    _stop(worker)
                return
            if fresh:
                self._idle.appendleft(worker)
            else:
                self._idle.append(worker)
            self._freed.notify()

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if healthy:
            self._put(worker, fresh=False)
            return
        _stop(worker)
        if self._closed:
            return
        try:
            self._put(self._spawn(), fresh=True)
        except OSError:
            logger.exception("cannot start a query worker; will retry on the next query")
            self._put(None, fresh=True)

    def _spawn(self) -> _Worker:
        """Start a worker: a fresh interpreter (no fork of a threaded server, no re-import
        of ``__main__``) that shares only one end of a socket pair with us."""
        ours, theirs = socket.socketpair()
        try:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "graph.sparql.worker",
                    str(theirs.fileno()),
                    str(self.store_dir),
                    "1" if self._sandbox else "0",
                    str(self._memory_limit or 0),
                ],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                env=_worker_environment(),
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return _Worker(process, multiprocessing.connection.Connection(ours.detach()))

    def _await_ready(self, worker: _Worker) -> None:
        if worker.ready:
            return
        try:
            if not worker.conn.poll(STARTUP_S):
                raise QueryError(f"a query worker did not start within {STARTUP_S:g} s")
            kind, info = worker.conn.recv()
        except (EOFError, OSError) as exc:
            raise QueryError("a query worker failed to start; the server log says why") from exc
        if kind != "ready":
            raise QueryError(f"a query worker sent {kind!r} instead of saying it is ready")
        worker.ready = True
        if self.sandboxed is None and self._sandbox and not info["sandboxed"]:
            logger.warning(
                "SPARQL workers run without the network sandbox (seccomp is not "
                "available here); SERVICE is still refused before queries run"
            )
        self.sandboxed = info["sandboxed"]

    def _too_busy(self) -> QueryTooBusy:
        """The error for a full pool; called with the lock held."""
        soonest = min(self._deadlines.values(), default=None)
        wait = self.settings.query_timeout_s if soonest is None else soonest - time.monotonic()
        retry_after = max(1, math.ceil(wait))
        exc = QueryTooBusy(f"all {self.workers} query workers are busy; try again in {retry_after} s")
        exc.retry_after = retry_after
        return exc


#: Characters XML 1.0 cannot hold (a query can make them: ``"\\u0000"``).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_xml_characters(body: bytes) -> None:
    """Refuse an XML result that would not be well-formed, instead of sending it.

    >>> _check_xml_characters("<literal>a\\u0000b</literal>".encode())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.QueryError: the result holds the character U+0000, which XML 1.0 cannot carry; ...
    """
    bad = _NOT_XML.search(body.decode("utf-8", "replace"))
    if bad:
        raise QueryError(f"the result holds the character U+{ord(bad.group()):04X}, which XML 1.0 cannot carry; "
                         "ask for JSON, CSV or TSV results instead")


def _worker_environment() -> dict[str, str]:
    """Our environment with this package first on the path, wherever it was imported from."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": _ROOT + (os.pathsep + path if path else "")}


def _stop(worker: _Worker) -> None:
    """Kill a worker (it may be in the middle of a query) and reap it."""
    worker.conn.close()
    worker.process.kill()
    try:
        worker.process.wait(5)
    except subprocess.TimeoutExpired:
        logger.error("query worker %s did not stop after SIGKILL", worker.process.pid)


def run_query(
    store_dir: Path,
    text: str | bytes,
    *,
    settings,
    timeout_s: float | None = None,
    max_rows: int | None = None,
    result_format: str | None = None,
    base_iri: str | None = None,
    prefixes: Mapping[str, str] | None = None,
    runner: QueryRunner | None = None,
) -> QueryResult:
    """Run one query over the store in ``store_dir``; see :meth:`QueryRunner.run`.

    Without ``runner`` a one-worker runner is started for this query and stopped after.
    """
    if runner is not None:
        return runner.run(
            text,
            timeout_s=timeout_s,
            max_rows=max_rows,
            result_format=result_format,
            base_iri=base_iri,
            prefixes=prefixes,
        )
    with QueryRunner(store_dir, settings=settings, workers=1) as own:
        return own.run(
            text,
            timeout_s=timeout_s,
            max_rows=max_rows,
            result_format=result_format,
            base_iri=base_iri,
            prefixes=prefixes,
        )


def run_query_table(
    store_dir: Path,
    text: str | bytes,
    *,
    settings,
    timeout_s: float | None = None,
    max_rows: int | None = None,
    base_iri: str | None = None,
    prefixes: Mapping[str, str] | None = None,
    runner: QueryRunner | None = None,
) -> Table:
    """Run one query and return a :class:`Table`; see :meth:`QueryRunner.run_table`."""
    if runner is not None:
        return runner.run_table(text, timeout_s=timeout_s, max_rows=max_rows, base_iri=base_iri, prefixes=prefixes)
    with QueryRunner(store_dir, settings=settings, workers=1) as own:
        return own.run_table(text, timeout_s=timeout_s, max_rows=max_rows, base_iri=base_iri, prefixes=prefixes)


def _limits(settings, timeout_s: float | None, max_rows: int | None) -> tuple[float, int]:
    """The effective time limit and row cap: a caller may lower the settings, never raise."""
    limit = settings.query_timeout_s if timeout_s is None else min(float(timeout_s), settings.query_timeout_s)
    if not limit > 0:
        raise ValueError(f"timeout_s must be more than 0, got {timeout_s}")
    rows = settings.query_max_rows if max_rows is None else min(int(max_rows), settings.query_max_rows)
    if rows < 0:
        raise ValueError(f"max_rows must be 0 or more, got {max_rows}")
    return limit, rows


_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.DOTALL)


def _syntax_error(message: str) -> QueryError:
    """pyoxigraph's ``error at L:C: expected …`` as a QuerySyntaxError, minus its
    lists of character ranges."""
    found = _POSITION.match(message)
    if found is None:
        return QueryError(f"syntax error: {message}")
    line, column, what = int(found.group(1)), int(found.group(2)), found.group(3)
    short = re.split(r",? \[(?:'|_\])", what, maxsplit=1)[0]
    if short != what:
        short += ", …"
    return QuerySyntaxError(f"line {line}, column {column}: syntax error, {short}", line=line, column=column)
