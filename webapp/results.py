"""SPARQL results over HTTP: the media types a client may ask for, content negotiation, and
the response with its count, time and truncation headers. Shared by ``/sparql`` and ``/id/…``."""

from __future__ import annotations

from flask import Response, request
from werkzeug.exceptions import NotAcceptable

from graph.sparql.runner import FORMATS, QueryResult, ResultFormat

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
