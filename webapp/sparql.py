"""Blueprint: ``/sparql``, the SPARQL 1.1 Protocol endpoint (read-only) and, for browsers, the
query workbench (issue 5).

The protocol part reads one query operation from GET ``?query=``, a form-encoded POST or a
POST of ``application/sparql-query``; it refuses the update operation (``update=``,
``application/sparql-update``) before anything runs, picks the result format from the
``format`` parameter or the ``Accept`` header, and hands the query to the app's one
:class:`graph.sparql.QueryRunner` (workers that are killed at the time limit). Parameters
are decoded here, strictly as UTF-8, instead of by werkzeug, which would quietly replace
invalid bytes and run a different query than the one sent.

Errors of this blueprint are answered in the client's terms: the workbench page for a
browser, ``{"ok": false, …}`` for a client that accepts ``application/json``, plain text
for every other SPARQL client. Status codes come from :func:`webapp.errors.status_of`.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from flask import Blueprint, Flask, Response, current_app, g, render_template, request, url_for
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, NotAcceptable, UnsupportedMediaType

from graph.errors import HarzgraphError, QuerySyntaxError, QueryTooBusy
from graph.examples import examples
from graph.namespaces import PREFIXES
from graph.sparql import FORMATS, QueryResult, QueryRunner, ResultFormat, check_query

from . import cached, current_settings, errors, params, represent, workbench
from .i18n import translate

bp = Blueprint("sparql", __name__)

#: Media types a client may ask for, per kind of result, with the format each gives; the
#: first of each list is the default for ``*/*`` or no Accept header.
TABULAR_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "text/plain": "ntriples",
}
DATA_TYPES = set(TABULAR_TYPES) | set(GRAPH_TYPES)
FORM = "application/x-www-form-urlencoded"
MAX_FIELDS = 200
#: Response headers a script on another origin may read (the endpoint answers CORS requests).
EXPOSED = "X-Harzgraph-Truncated, X-Harzgraph-Count, X-Harzgraph-Elapsed-Ms"


@dataclass
class Operation:
    """One request of the SPARQL protocol, decoded: the query as received (UTF-8 bytes) and
    the protocol's parameters."""

    query: bytes | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None
    timeout_s: float | None = None


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """The endpoint, ``/sparql?query=…&format=csv``; the workbench for a browser without ``format``."""
    operation = read_operation()
    if operation.query is None and not wants_html():
        raise BadRequest("no query: send one as ?query=… (GET), as the form field query (POST, "
                         f"{FORM}) or as the body of a POST with Content-Type application/sparql-query")
    if operation.query is None or (operation.format is None and wants_html()):
        return workbench_page(operation.query)
    settings = current_settings()
    base_iri = url_for("sparql.endpoint", _external=True, lang=None)
    parsed = check_query(operation.query, settings=settings, base_iri=base_iri, prefixes=PREFIXES)
    result = current_runner().run(operation.query, timeout_s=operation.timeout_s,
                                  result_format=negotiate(parsed.form, operation.format).name, base_iri=base_iri,
                                  prefixes=PREFIXES, default_graphs=operation.default_graphs,
                                  named_graphs=operation.named_graphs)
    return result_response(result)


def workbench_page(query: bytes | None) -> Response:
    """The workbench, with ``query`` (as sent) in the editor, run at once by its script."""
    text = "" if query is None else query.decode("utf-8", "replace")
    current_runner()  # start the workers now, so the page's first query finds them ready
    lang = g.lang
    library = cached(f"workbench-examples-{lang}", lambda: workbench.library(examples(), lang))
    outlines = cached("workbench-outlines", workbench.outlines)
    page = workbench.page_data(text, library, request.args.get("_chart"),
                               terms=cached(f"workbench-terms-{lang}", lambda: workbench.terms(lang)),
                               outlines=outlines, settings=current_settings(), lang=lang)
    html = render_template("sparql/workbench.html", title=translate("sparql.title", lang), page=page,
                           library=library, text=text, formats=FORMATS, outlines=outlines, links=None)
    return Response(html, mimetype="text/html")


def read_operation() -> Operation:
    """The query operation of this request, or a 4xx naming what is wrong with it."""
    pairs = _pairs(request.query_string, "the URL")
    content_type = (request.mimetype or "").lower()
    body_query = None
    if request.method == "POST":
        charset = request.mimetype_params.get("charset")
        if content_type == FORM:
            pairs += _pairs(request.get_data(cache=False), "the form")
        elif content_type in ("application/sparql-query", "application/sparql-update"):
            if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
                raise UnsupportedMediaType(f"charset={charset}: send the query encoded as UTF-8")
            body_query = request.get_data(cache=False)
            if content_type == "application/sparql-update":
                raise Forbidden(_UPDATE_REFUSED)
        else:
            raise UnsupportedMediaType(
                f"Content-Type {content_type or '(none)'}: POST a query as {FORM} (field query) or as "
                "application/sparql-query")
    names = [name for name, _ in pairs]
    if "update" in names or "using-graph-uri" in names or "using-named-graph-uri" in names:
        raise Forbidden(_UPDATE_REFUSED)
    queries = [value for name, value in pairs if name == "query"]
    if len(queries) + (body_query is not None) > 1:
        raise BadRequest("more than one query: send exactly one query per request")
    operation = Operation(query=body_query if body_query is not None else (queries[0] if queries else None))
    operation.default_graphs = [_text(v, "default-graph-uri") for n, v in pairs if n == "default-graph-uri"]
    operation.named_graphs = [_text(v, "named-graph-uri") for n, v in pairs if n == "named-graph-uri"]
    formats = [_text(v, "format") for n, v in pairs if n == "format"]
    operation.format = formats[-1] if formats and formats[-1] else None
    timeouts = [_text(v, "timeout") for n, v in pairs if n == "timeout"]
    if timeouts and timeouts[-1]:
        operation.timeout_s = _timeout(timeouts[-1])
    return operation


_UPDATE_REFUSED = ("SPARQL Update is not offered: this endpoint answers queries only (SELECT, ASK, CONSTRUCT, "
                   "DESCRIBE) and never changes the data; the graph is rebuilt from its source files")


def _pairs(raw: bytes, where: str) -> list[tuple[str, bytes]]:
    """``name=value`` pairs of a URL query or form body, the values still bytes (``+`` is a space)."""
    pairs = []
    for part in raw.split(b"&"):
        if not part:
            continue
        if len(pairs) >= MAX_FIELDS:
            raise BadRequest(f"{where} has more than {MAX_FIELDS} parameters")
        name, _, value = part.partition(b"=")
        pairs.append((unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8", "replace"),
                      unquote_to_bytes(value.replace(b"+", b" "))))
    return pairs


def _text(value: bytes, name: str) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise params.BadParameter(name, value.decode("utf-8", "replace")[:60], reason="UTF-8 text") from None


def _timeout(value: str) -> float:
    """The ``timeout`` parameter in seconds; more than the server's limit means the limit."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise params.BadParameter("timeout", value, reason="a number of seconds greater than 0, e.g. 2.5")
    return min(seconds, current_settings().query_timeout_s)


def negotiate(form: str, name: str | None) -> ResultFormat:
    """The result format: from the ``format`` parameter, else the client's ``Accept`` header,
    else SPARQL JSON (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE); 406 when nothing fits.

    ``format`` may list several names or media types separated by commas, as SPARQLWrapper
    sends them (``format=application/ld+json,application/x-json+ld``); the first that fits
    the query wins, names no format knows are ignored.
    """
    graph = form in ("CONSTRUCT", "DESCRIBE")
    offered = GRAPH_TYPES if graph else TABULAR_TYPES
    fitting = [f.name for f in FORMATS.values() if f.graph == graph]
    if name:
        known = [f for f in (_format_named(item) for item in name.split(",")) if f is not None]
        for fmt in known:
            if fmt.graph == graph:
                return fmt
        if known:
            raise NotAcceptable(f"format={name}: a {form} query can be answered as {', '.join(fitting)}")
    if not request.headers.get("Accept"):
        return FORMATS[next(iter(offered.values()))]
    best = request.accept_mimetypes.best_match(list(offered))
    if best is None:
        raise NotAcceptable(f"a {form} query can be answered as {', '.join(offered)}; the Accept header "
                            "asks for none of them")
    return FORMATS[offered[best]]


#: Other names clients use for our formats.
ALIASES = {"n3": "turtle", "ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "application/x-json+ld": "jsonld",
           "srj": "json", "srx": "xml", "sparql-results+json": "json", "sparql-results+xml": "xml"}


def _format_named(item: str) -> ResultFormat | None:
    key = item.split(";")[0].strip().lower()
    key = ALIASES.get(key) or TABULAR_TYPES.get(key) or GRAPH_TYPES.get(key) or key
    return FORMATS.get(key)


def result_response(result: QueryResult) -> Response:
    """The serialised result with what the client must know: count, time, whether it was cut."""
    media_type = result.media_type
    if media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    response = Response(result.body, content_type=media_type)
    response.headers["X-Harzgraph-Count"] = str(result.count)
    response.headers["X-Harzgraph-Elapsed-Ms"] = f"{result.elapsed_s * 1000:.1f}"
    if result.truncated_by:
        response.headers["X-Harzgraph-Truncated"] = result.truncated_by
    return response


def wants_html() -> bool:
    """A browser: ``text/html`` named in Accept, at least as welcome as any result format."""
    html = data = 0.0
    for media_type, quality in request.accept_mimetypes:
        if media_type in ("text/html", "application/xhtml+xml"):
            html = max(html, quality)
        elif media_type in DATA_TYPES:
            data = max(data, quality)
    return html > 0 and html >= data


@bp.after_request
def _protocol_headers(response: Response) -> Response:
    """Any origin may query (the data is public, the endpoint read-only): CORS for scripts
    such as YASGUI, and the results may be embedded by them."""
    if request.endpoint != "sparql.endpoint":
        return response
    response.headers.add("Vary", "Accept")
    if not response.mimetype.startswith("text/html"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
    return response


@bp.errorhandler(HarzgraphError)
@bp.errorhandler(HTTPException)
@bp.errorhandler(params.BadParameter)
def _protocol_error(exc: Exception) -> Response:
    """A refusal or failure in the client's terms: workbench page, JSON body or plain text."""
    status, headers = errors.status_of(exc)
    if status >= 500 and not isinstance(exc, HarzgraphError | HTTPException):
        return errors.unexpected(exc)
    message = exc.description if isinstance(exc, HTTPException) else str(exc)
    where = {"line": exc.line, "column": exc.column} if isinstance(exc, QuerySyntaxError) else {}
    if isinstance(exc, QueryTooBusy):
        headers["Retry-After"] = str(exc.retry_after)
    if wants_html() and request.method != "OPTIONS":
        return errors.respond(status, message, headers=headers)
    if "application/json" in [m for m, q in request.accept_mimetypes if q > 0]:
        body = {"ok": False, "status": status, "error": message, "errors": [where] if where else []}
        response = represent.json_response(body, status)
    else:
        response = Response(f"{status} {translate(f'error.{status}', 'en')}: {message}\n", status=status,
                            content_type="text/plain; charset=utf-8")
    response.headers.update(headers)
    return response


def current_runner() -> QueryRunner:
    """The app's one query runner, started with the first query (so a page that never asks
    SPARQL starts no workers) and closed with the app (:func:`manage_runner`)."""
    state = current_app.extensions["harzgraph"]
    runner = state.get("runner")
    if runner is None:
        with state["runner_lock"]:
            runner = state.get("runner")
            if runner is None:
                settings = state["settings"]
                runner = QueryRunner(settings.store_dir, settings=settings, workers=state["runner_workers"])
                state["runner"] = runner
    return runner


def manage_runner(app: Flask, *, workers: int = 4) -> None:
    """Give ``app`` a place for its query runner, and close the runner when the app object is
    collected or the interpreter exits, whichever comes first."""
    state = app.extensions["harzgraph"]
    state.update(runner=None, runner_lock=threading.Lock(), runner_workers=workers)
    weakref.finalize(app, close_runner, state)


def close_runner(state_or_app: dict | Flask) -> None:
    """Stop the runner's workers (a new one starts with the next query)."""
    state = state_or_app.extensions["harzgraph"] if isinstance(state_or_app, Flask) else state_or_app
    with state["runner_lock"]:
        runner, state["runner"] = state.get("runner"), None
    if runner is not None:
        runner.close()
