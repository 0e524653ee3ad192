"""The worker process of :mod:`graph.sparql`: runs one query at a time, cut off from the network.

A worker opens the current store version read-only, re-opens it when ``current`` moves,
and answers requests sent over a socket pair until the parent closes its end. Before it touches the store
it installs a seccomp filter that makes ``socket()`` fail for every family except
``AF_UNIX``: pyoxigraph has no switch to turn off its HTTP client, so even a ``SERVICE``
that slipped past :mod:`graph.sparql_guard` cannot reach any host (issue 5). Queries run
on a thread with a large stack, because pyoxigraph's parser recurses once per element of
long flat lists too (10,000 triple patterns overflow the default 8 MiB stack).

Results are serialised here, by pyoxigraph, capped by rows and bytes. SELECT solutions
are first written as SPARQL TSV from pyoxigraph's own term syntax (the one format that is
a line per solution, so the cap cuts between solutions), then parsed and serialised by
pyoxigraph into the format asked for.
"""

from __future__ import annotations

import ctypes
import errno
import math
import multiprocessing.connection
import os
import platform
import resource
import signal
import socket
import struct
import sys
import threading
from pathlib import Path

import pyoxigraph as ox

from graph.errors import QueryError, StoreError
from graph.sparql.remote import RemoteStore, is_remote
from graph.store import current_path

#: Stack of the query thread. Untouched pages cost nothing; 190,000 nested ``!`` need 200 MiB.
STACK_BYTES = 512 << 20

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}

# seccomp: (AUDIT_ARCH, __NR_socket, __NR_io_uring_setup) per machine.
_ARCHES = {"x86_64": (0xC000003E, 41, 425), "aarch64": (0xC00000B7, 198, 425)}


def main(argv: list[str]) -> None:
    """Entry point of a worker process: ``FD STORE_DIR SANDBOX(0|1) MEMORY_LIMIT(0=none)``.

    FD is this end of a socket pair whose other end the parent holds.
    """
    fd, store_dir, sandbox, memory_limit = argv
    conn = multiprocessing.connection.Connection(int(fd))
    serve(conn, store_dir, sandbox == "1", int(memory_limit) or None)


#: How much lower than the server's the workers' CPU priority is (``nice``): a runaway query
#: may use every core the pages do not need, never the ones they do (issue 10, defect 9).
NICENESS = 10


def serve(conn, store_dir: str, sandbox: bool, memory_limit: int | None) -> None:
    """Sandbox this process, then answer requests from ``conn`` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent; it kills us.
    sandboxed = install_network_sandbox() if sandbox else False
    os.nice(NICENESS)  # pages first: a runaway query gets the CPU the pages leave over
    if memory_limit:
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        limit = memory_limit if hard == resource.RLIM_INFINITY else min(memory_limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    threading.stack_size(STACK_BYTES)
    source = store_dir if is_remote(store_dir) else Path(store_dir)
    thread = threading.Thread(target=_loop, args=(conn, source, sandboxed), name="harzgraph-sparql")
    parent = os.getppid()
    thread.start()
    while thread.is_alive():
        thread.join(1.0)
        if os.getppid() != parent:
            # The parent died (killed, crashed) while a query runs: nobody will read the
            # answer or kill us at the time limit, so stop now (pyoxigraph frees the GIL).
            os._exit(0)


def install_network_sandbox() -> bool:
    """Make ``socket()`` fail with EACCES for every family but AF_UNIX, for good.

    Returns False where seccomp is not available (not Linux, another CPU, or refused by
    the container); the static checks still refuse SERVICE then.
    """
    arch = _ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    audit_arch, nr_socket, nr_io_uring_setup = arch
    deny = 0x00050000 | errno.EACCES  # SECCOMP_RET_ERRNO
    allow = 0x7FFF0000  # SECCOMP_RET_ALLOW
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, JMP|JEQ|K, JMP|JGE|K, RET|K
    program = [
        (ld, 0, 0, 4),  # seccomp_data.arch
        (jeq, 1, 0, audit_arch),
        (ret, 0, 0, deny),  # another ABI (i386, x32 tricks): nothing allowed
        (ld, 0, 0, 0),  # seccomp_data.nr
        (jge, 0, 1, 0x40000000),  # x32 system call numbers
        (ret, 0, 0, deny),
        (jeq, 0, 1, nr_io_uring_setup),  # io_uring can open sockets without socket()
        (ret, 0, 0, deny),
        (jeq, 0, 3, nr_socket),
        (ld, 0, 0, 16),  # seccomp_data.args[0], low half: the address family
        (jeq, 1, 0, socket.AF_UNIX),
        (ret, 0, 0, deny),
        (ret, 0, 0, allow),
    ]
    code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *i) for i in program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program), ctypes.cast(code, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.addressof(fprog), 0, 0) == 0


class _Session:
    """The store version a worker has open, re-opened when ``current`` moves."""

    def __init__(self, store_dir: Path | str):
        self.store_dir = store_dir
        self.path: Path | None = None
        self.store: ox.Store | None = None
        # A SPARQL endpoint URL instead of a folder (harzgraph serve --sparql): the same
        # guard, limits and serialisation, the query answered by that server.
        self.remote = RemoteStore(store_dir) if is_remote(store_dir) else None

    def current(self) -> ox.Store:
        if self.remote is not None:
            return self.remote.pinned()
        path = current_path(self.store_dir)
        if path != self.path:
            self.store = None
            try:
                self.store = ox.Store.read_only(str(path))
            except OSError as exc:
                raise StoreError(f"{path}: cannot open the store: {exc}") from exc
            self.path = path
        return self.store


def _loop(conn, store_dir: Path, sandboxed: bool) -> None:
    session = _Session(store_dir)
    try:
        session.current()  # open now, so the first query does not wait for it
    except StoreError:
        pass  # no store yet: each request says so until one is built
    try:
        conn.send(("ready", {"sandboxed": sandboxed, "pid": os.getpid()}))
        while True:
            conn.send(answer(session, conn.recv()))
    except (EOFError, ConnectionError):
        return  # the parent closed its end: it is shutting down or has given up on us


def answer(session: _Session, request: dict) -> tuple:
    """Run one request; the reply is ``(kind, payload)`` with kind ok/syntax/refused/store/error."""
    try:
        store = session.current()
        _check_dataset(store, request)
        results = store.query(
            request["text"],
            base_iri=request.get("base_iri"),
            prefixes=request.get("prefixes"),
            default_graph=[ox.NamedNode(g) for g in request.get("default_graphs", ())] or None,
            named_graphs=[ox.NamedNode(g) for g in request.get("named_graphs", ())] or None,
        )
        if request["format"] == "table":
            return "ok", _table(results, request["max_rows"], request["max_bytes"])
        return "ok", _serialised(
            results, request["format"], request["max_rows"], request["max_bytes"], request.get("turtle_prefixes") or {}
        )
    except SyntaxError as exc:
        return "syntax", str(exc)
    except QueryError as exc:
        return "refused", str(exc)
    except StoreError as exc:
        return "store", str(exc)
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        return "error", f"{type(exc).__name__}: {exc}"


def _check_dataset(store: ox.Store, request: dict) -> None:
    """A dataset clause may name only graphs this store holds; nothing is ever fetched."""
    named = [(c, iri) for c, iri in request.get("dataset", ()) if iri is not None]
    named += [("default-graph-uri", g) for g in request.get("default_graphs", ())]
    named += [("named-graph-uri", g) for g in request.get("named_graphs", ())]
    for clause, iri in named:
        if not store.contains_named_graph(ox.NamedNode(iri)):
            have = sorted(g.value for g in store.named_graphs())
            holds = f"it holds {', '.join(f'<{g}>' for g in have[:5])}" if have else "it holds only its default graph"
            raise QueryError(
                f"{clause} <{iri}>: the store has no graph of that name ({holds}); "
                "this endpoint never loads graphs from elsewhere"
            )


def _serialised(results, fmt: str, max_rows: int, max_bytes: int, turtle_prefixes: dict[str, str]) -> dict:
    if isinstance(results, ox.QueryBoolean):
        return {
            "body": results.serialize(format=RESULT_FORMATS[fmt]),
            "count": 1,
            "truncated_by": None,
            "variables": [],
        }
    if isinstance(results, ox.QuerySolutions):
        variables = [v.value for v in results.variables]
        width = range(len(variables))
        lines, truncated_by = _take(results, lambda s: "\t".join(_tsv(s[i]) for i in width), len, max_rows, max_bytes)
        header = "\t".join(f"?{v}" for v in variables)

        def write(rows: list[str]) -> bytes:
            tsv = "\n".join([header, *rows]) + "\n"
            try:
                parsed = ox.parse_query_results(tsv.encode("utf-8"), ox.QueryResultsFormat.TSV)
            except SyntaxError as exc:  # not the query's fault: do not report it as such
                raise RuntimeError(f"the results could not be serialised: {exc}") from exc
            return parsed.serialize(format=RESULT_FORMATS[fmt])
    else:
        variables = []
        lines, truncated_by = _take(results, lambda t: t, lambda t: len(str(t)), max_rows, max_bytes)

        def write(rows: list[ox.Triple]) -> bytes:
            prefixes = _used_prefixes(rows, turtle_prefixes) if fmt == "turtle" else None
            return ox.serialize(rows, format=GRAPH_FORMATS[fmt], prefixes=prefixes)

    body = write(lines)
    while len(body) > max_bytes and lines:
        # The estimate was low for this format: keep a proportional share and try again.
        lines = lines[: math.floor(len(lines) * max_bytes / len(body) * 0.95)]
        truncated_by = "bytes"
        body = write(lines)
    return {"body": body, "count": len(lines), "truncated_by": truncated_by, "variables": variables}


def _table(results, max_rows: int, max_bytes: int) -> dict:
    """Plain rows (str/int/float/bool/None) for :class:`graph.tables.Table`."""
    if isinstance(results, ox.QueryBoolean):
        return {"columns": ["boolean"], "rows": [{"boolean": bool(results)}], "truncated_by": None}
    if isinstance(results, ox.QuerySolutions):
        columns = [v.value for v in results.variables]

        def row(solution) -> dict:
            return dict(zip(columns, (cell(t) for t in solution), strict=True))
    else:
        columns = ["subject", "predicate", "object"]

        def row(triple) -> dict:
            return {"subject": cell(triple.subject), "predicate": cell(triple.predicate), "object": cell(triple.object)}

    rows, truncated_by = _take(
        results, row, lambda r: sum(len(str(v)) + 8 for v in r.values()) + 4, max_rows, max_bytes
    )
    return {"columns": columns, "rows": rows, "truncated_by": truncated_by}


def _take(items, convert, size, max_rows: int, max_bytes: int) -> tuple[list, str | None]:
    """At most ``max_rows`` converted items and about ``max_bytes``; say which cap cut."""
    taken: list = []
    total = 0
    for item in items:
        if len(taken) >= max_rows:
            return taken, "rows"
        value = convert(item)
        total += size(value) + 1
        if total > max_bytes:
            return taken, "bytes"
        taken.append(value)
    return taken, None


def _tsv(term) -> str:
    """A term in SPARQL TSV syntax (N-Triples; RDF 1.2 triple terms as ``<<( … )>>``)."""
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv(term.subject)} {_tsv(term.predicate)} {_tsv(term.object)} )>>"
    return str(term)


def cell(term) -> str | int | float | bool | None:
    """An RDF term as a plain value: numbers as numbers, booleans as bool, the rest as text.

    >>> cell(ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")))
    42
    >>> cell(ox.Literal("forty", datatype=ox.NamedNode(XSD + "integer")))
    'forty'
    >>> cell(ox.BlankNode("b1")), cell(ox.NamedNode("https://example.org/a"))
    ('_:b1', 'https://example.org/a')
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                number = float(term.value)
                return number if math.isfinite(number) else term.value
        except ValueError:
            return term.value
        if datatype == XSD + "boolean" and term.value in ("true", "false", "1", "0"):
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return f"<< {_tsv(term)[4:-4]} >>"
    return term.value


def _used_prefixes(triples: list[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    """The ``prefixes`` whose namespace some IRI in the result sits in."""
    spaces = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iri = term.value
                spaces.add(iri[: max(iri.rfind("/"), iri.rfind("#")) + 1])
    return {p: ns for p, ns in prefixes.items() if ns in spaces}


if __name__ == "__main__":
    main(sys.argv[1:])
