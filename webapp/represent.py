"""One result, three representations: HTML, JSON and CSV, with ``Link rel="alternate"`` headers.

The HTML page, the ``.json`` twin and the ``.csv`` download are rendered from the same
``Table``, so they cannot drift. JSON success bodies are::

    {"ok": true, "title": str, "description": str, "columns": [str], "rows": [{...}],
     "count": int, "links": {"html": url, "json": url, "csv": url},
     "offset": int, "limit": int, "total_rows": int, "next": url | null, ...}

(pages may add keys; the documented ones keep their names and types). JSON rows come in
pages: ``?_limit=`` (1–10,000, default 10,000) rows from ``?_offset=``; ``next`` is the URL
of the following page, null on the last. ``count`` is the number of rows in this page. CSV cells holding
lists are joined with "; " and cells a spreadsheet would run as formulas are neutralised.
"""

from __future__ import annotations

import json

from flask import Response, abort, render_template, request, url_for

from graph.tables import Table

from . import params
from .params import with_args

#: Rows per page of a JSON twin by default, and at most.
PAGE_ROWS = 10_000
MAX_PAGE_ROWS = 10_000
JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"
#: Each character and its escape; replaced one after the other (none of the escapes holds one
#: of the characters), which is 13× faster than ``str.translate`` on a 4 MB JSON twin.
_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


def twin_links(endpoint: str, **values: object) -> dict[str, str]:
    """URLs of the HTML page and its JSON and CSV twins, keeping the query string (the
    parameters some page reads; see :data:`webapp.params.KNOWN`)."""
    query = {k: v for k, v in with_args(request.args).items() if k not in values and k != "fmt"}
    return {fmt: url_for(endpoint, fmt=fmt, **values, **query) for fmt in ("html", "json", "csv")}


def figure_links(endpoint: str, **values: object) -> dict[str, str]:
    """URLs of a figure as PNG and as SVG (``endpoint`` with ``fmt``), keeping the query string
    as :func:`twin_links` does; ``values`` replace parameters of it (None removes one)."""
    query = with_args(request.args, **values)
    return {fmt: url_for(endpoint, fmt=fmt, **query) for fmt in ("png", "svg")}


def figure(data: bytes | None, fmt: str, filename: str) -> Response:
    """A figure file (:func:`graph.report.figures.figure_file`) as a download; 404 when there is
    nothing to draw."""
    from graph.report.figures import MEDIA_TYPES

    if data is None:
        abort(404)
    response = Response(data, mimetype=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="harzgraph-{filename}.{fmt}"'
    return response


def link_header(links: dict[str, str], fmt: str) -> str:
    """``Link`` header naming the other representations.

    >>> link_header({"html": "/a", "json": "/a.json", "csv": "/a.csv"}, "html")
    '</a.json>; rel="alternate"; type="application/json", </a.csv>; rel="alternate"; type="text/csv"'
    """
    types = {"html": "text/html", "json": JSON_TYPE, "csv": "text/csv"}
    return ", ".join(f'<{url}>; rel="alternate"; type="{types[other]}"'
                     for other, url in links.items() if other != fmt)


def table(result: Table, fmt: str, *, template: str, title: str, description: str, links: dict[str, str],
          filename: str, extra: dict[str, object] | None = None, **context: object) -> Response:
    """Render ``result`` as the page ``template`` (HTML), the JSON body, or a CSV download.

    ``extra`` adds keys to the JSON body (and is handed to the template too); ``context``
    goes to the template only.
    """
    extra = extra or {}
    if fmt == "json":
        offset = params.integer(request.args, "_offset", 0, 0, 10**9)
        limit = params.integer(request.args, "_limit", PAGE_ROWS, 1, MAX_PAGE_ROWS)
        rows = result.rows[offset:offset + limit]
        following = None
        if offset + limit < len(result.rows):
            following = url_for(request.endpoint, **(request.view_args or {}),
                                **params.with_args(request.args, _offset=str(offset + limit)))
        body = {"ok": True, "title": title, "description": description, "columns": result.columns,
                "rows": rows, "count": len(rows), "links": links, "offset": offset, "limit": limit,
                "total_rows": len(result.rows), "next": following, **extra}
        response = json_response(body)
    elif fmt == "csv":
        flat = Table(result.columns, [{c: _cell(row.get(c)) for c in result.columns} for row in result.rows])
        response = Response(flat.to_csv(), mimetype="text/csv", content_type=CSV_TYPE)
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    else:
        html = render_template(template, result=result, title=title, description=description, links=links,
                               **extra, **context)
        response = Response(html, mimetype="text/html")
    response.headers["Link"] = link_header(links, fmt)
    return response


def json_response(body: object, status: int = 200) -> Response:
    """JSON text with ``<``, ``>``, ``&`` and ``'`` written as escapes, so no browser can
    mistake it for markup even if it ignored the content type."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _HTML_SAFE:
        text = text.replace(char, escape)
    return Response(text, status=status, mimetype=JSON_TYPE)


def _cell(value: object) -> object:
    if isinstance(value, list | tuple):
        return "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


#: What a page answers while its value is computed in the background (webapp.state.prepared).
RETRY_AFTER_S = 5


def preparing(fmt: str, note: str, title: str) -> Response:
    """202 "being prepared" with ``Retry-After``: for ``html`` a page of the viewer that
    reloads itself, for ``json`` ``{"status": "preparing", "message", "retry_after"}``,
    otherwise (CSV, figure files) one line of text. Never cached."""
    if fmt == "html":
        body = render_template("preparing.html", title=title, note=note, seconds=RETRY_AFTER_S)
        response = Response(body, status=202, mimetype="text/html")
    elif fmt == "json":
        response = Response(json.dumps({"status": "preparing", "message": note, "retry_after": RETRY_AFTER_S},
                                       ensure_ascii=False), status=202, mimetype=JSON_TYPE)
    else:
        response = Response(note + "\n", status=202, mimetype="text/plain")
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    response.headers["Cache-Control"] = "no-store"
    return response
