"""Exception → response, in one place; never a traceback.

``NotFound`` → 404, a bad query parameter or SPARQL → 400, too many queries at once → 429
with ``Retry-After``, an unavailable store or a query past its time → 503, anything else → 500
(logged with its traceback on the server only).
A request for a ``.json`` twin (or one that prefers JSON) gets the JSON error body::

    {"ok": false, "status": int, "error": str, "errors": [{"parameter": str, "value": str,
     "allowed": [str]}]}
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g, render_template, request
from werkzeug.exceptions import HTTPException

from graph.errors import NotFound, QueryError, QueryTimeout, QueryTooBusy, StoreError

from .i18n import translate
from .params import BadParameter
from .represent import json_response

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    """Install the handlers on ``app``."""
    app.register_error_handler(BadParameter, _bad_parameter)
    app.register_error_handler(NotFound, lambda exc: _respond(404, str(exc)))
    app.register_error_handler(QueryError, _query_error)
    app.register_error_handler(StoreError, _store_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, unexpected)


def status_of(exc: Exception) -> tuple[int, dict[str, str]]:
    """The status code for ``exc`` and the headers that go with it (``Retry-After`` for 429)."""
    if isinstance(exc, HTTPException):
        return exc.code or 500, {}
    if isinstance(exc, NotFound):
        return 404, {}
    if isinstance(exc, QueryTooBusy):
        return 429, {"Retry-After": str(getattr(exc, "retry_after", 1))}
    if isinstance(exc, QueryTimeout | StoreError):
        return 503, {}
    if isinstance(exc, QueryError | BadParameter):
        return 400, {}
    return 500, {}


def wants_json() -> bool:
    """Whether the failed request asked for JSON: a ``.json`` path or an Accept header
    preferring JSON to HTML."""
    if request.path.endswith(".json") or (request.view_args or {}).get("fmt") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _bad_parameter(exc: BadParameter) -> Response:
    detail = {"parameter": exc.name, "value": exc.value, "allowed": exc.allowed}
    if exc.reason:
        detail["expected"] = exc.reason
    return _respond(400, str(exc), errors=[detail], parameter=exc)


def _query_error(exc: QueryError) -> Response:
    status, headers = status_of(exc)
    return _respond(status, str(exc), headers=headers)


def _store_error(exc: StoreError) -> Response:
    log.error("store unavailable: %s", exc)
    return _respond(503, "the graph store is not available")


def _http_error(exc: HTTPException) -> Response:
    code = exc.code or 500
    return _respond(code, exc.description or exc.name, headers=exc.get_response().headers if code == 405 else None)


def unexpected(exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.path)
    return _respond(500, "internal error; it has been logged")


def _respond(status: int, message: str, *, errors: list | None = None, parameter: BadParameter | None = None,
             headers=None) -> Response:
    if wants_json():
        response = json_response({"ok": False, "status": status, "error": message, "errors": errors or []}, status)
    else:
        lang = getattr(g, "lang", "de")
        key = f"error.{status}" if f"error.{status}" != translate(f"error.{status}", lang) else "error.500"
        try:
            heading = translate(key, lang)
            html = render_template("error.html", status=status, heading=heading, title=heading, message=message,
                                   parameter=parameter)
        except Exception:  # the error page itself failed: answer in plain words, still no traceback
            log.exception("error page failed")
            return Response(f"{status} {translate(key, lang)}\n", status=status, mimetype="text/plain")
        response = Response(html, status=status, mimetype="text/html")
    for name in ("Allow", "Retry-After"):
        if headers is not None and name in headers:
            response.headers[name] = headers[name]
    return response


respond = _respond
