"""Blueprint: ``/sparql``, the SPARQL 1.1 Protocol endpoint (read-only) and, for browsers, the
query workbench (issue 5).

The protocol part reads one query operation from GET ``?query=``, a form-encoded POST or a
POST of ``application/sparql-query``; it refuses the update operation (``update=``,
``application/sparql-update``) before anything runs, picks the result format from the
``format`` parameter or the ``Accept`` header, and hands the query to the app's one
:class:`graph.sparql.runner.QueryRunner` (workers that are killed at the time limit). Parameters
are decoded here, strictly as UTF-8, instead of by werkzeug, which would quietly replace
invalid bytes and run a different query than the one sent.

Errors of this blueprint are answered in the client's terms: the workbench page for a
browser, ``{"ok": false, …}`` for a client that accepts ``application/json``, plain text
for every other SPARQL client. Status codes come from :func:`webapp.errors.status_of`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from flask import Blueprint, Response, g, render_template, request, url_for
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, UnsupportedMediaType

from graph.errors import HarzgraphError, QuerySyntaxError, QueryTooBusy
from graph.namespaces import PREFIXES
from graph.sparql.examples import examples
from graph.sparql.runner import FORMATS, check_query
from graph.tables import safe_csv_cell

from . import errors, limits, params, represent, workbench
from .i18n import translate
from .results import negotiate, result_response, wants_html
from .state import cached, current_runner, current_settings

bp = Blueprint("sparql", __name__)

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
    spreadsheet: bool = False


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
    # Relative IRIs resolve against the configured public address, never a Host header's.
    base_iri = (settings.base_url.rstrip("/") + url_for("sparql.endpoint", lang=None) if settings.base_url
                else url_for("sparql.endpoint", _external=True, lang=None))
    parsed = check_query(operation.query, settings=settings, base_iri=base_iri, prefixes=PREFIXES)
    fmt = negotiate(parsed.form, operation.format).name
    spreadsheet = operation.spreadsheet and fmt in ("csv", "tsv")
    with limits.sparql_slot():  # 429 at once when as many queries run and wait as the gate holds
        result = current_runner().run(operation.query, timeout_s=operation.timeout_s,
                                      result_format="csv" if spreadsheet else fmt, base_iri=base_iri,
                                      prefixes=PREFIXES, default_graphs=operation.default_graphs,
                                      named_graphs=operation.named_graphs)
    if spreadsheet:
        return spreadsheet_response(result, fmt)
    return result_response(result)


def spreadsheet_response(result, fmt: str) -> Response:
    """A CSV or TSV file for a spreadsheet program (``&_download=spreadsheet``, the workbench's
    download links): plain values, and every cell a spreadsheet would run as a formula
    (``=``, ``+``, ``-``, ``@`` …) neutralised with a leading quote, so a shared link can never
    deliver a live formula. Without the parameter a SPARQL client gets the protocol's own
    CSV/TSV, byte for byte (issue 10, defect 7)."""
    rows = csv.reader(io.StringIO(result.body.decode("utf-8"), newline=""))
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel-tab" if fmt == "tsv" else "excel", lineterminator="\r\n")
    for number, row in enumerate(rows):
        writer.writerow(row if number == 0 else [safe_csv_cell(cell) for cell in row])
    response = result_response(dataclasses.replace(result, body=out.getvalue().encode("utf-8"), format=FORMATS[fmt]))
    response.headers["Content-Disposition"] = f'attachment; filename="harzgraph-result.{fmt}"'
    return response


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
    downloads = [_text(v, "_download") for n, v in pairs if n == "_download"]
    if downloads and downloads[-1] not in ("", "spreadsheet"):
        raise params.BadParameter("_download", downloads[-1], ["spreadsheet"])
    operation.spreadsheet = bool(downloads) and downloads[-1] == "spreadsheet"
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
