"""Blueprint: ``/id/…``, the graph's own IRIs made dereferenceable (issue 5).

``https://w3id.org/harzgraph/id/<path>`` is served here as ``/id/<path>``: Turtle, N-Triples
or JSON-LD by ``Accept`` (or ``?format=``), and for a browser a page listing what the graph
says about the resource and what points at it, with labels, links and sources, and the
query that produced it. An actor's page is its profile, so a browser asking for an actor
is sent there (303). Both come from ``graph/queries/resource.rq``, run by the app's query
runner with the resource's IRI as the query's base IRI (written ``<>`` in the query), so no
value is ever written into a query's text.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Blueprint, Response, g, redirect, render_template, request, url_for
from werkzeug.exceptions import NotAcceptable

from graph.build.ingest import GENID
from graph.errors import NotFound
from graph.namespaces import BASE, ID, PREFIXES
from graph.sparql.catalog import named_query
from graph.sparql.runner import FORMATS

from . import params
from .results import GRAPH_TYPES, result_response, wants_html
from .state import current_runner, current_settings, current_store, release_name, snapshot
from .workbench import compact

bp = Blueprint("resources", __name__)

#: One to four path segments of unreserved characters, as every IRI the graph mints has.
PATH = re.compile(r"(?!\.\.?(?:/|$))[A-Za-z0-9._~-]{1,200}(?:/(?!\.\.?(?:/|$))[A-Za-z0-9._~-]{1,200}){0,3}")
GENID_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}-[0-9]{1,9}")
SOURCE_PROPERTIES = ("http://purl.org/dc/terms/source", "http://www.w3.org/ns/prov#wasDerivedFrom")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: How many subjects of one incoming property the page lists before "… and n more".
MAX_INCOMING = 50
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
          "https://schema.org/name")


@bp.get("/id/<path:path>")
def resource(path: str) -> Response:
    """One resource of the graph, ``/id/concept/material/tantalum``: HTML, Turtle, N-Triples, JSON-LD."""
    iri = iri_of(path)
    actor = re.fullmatch(r"actor/([a-z0-9][a-z0-9-]*)", path)
    return _serve(iri, actor.group(1) if actor else None)


@bp.get("/ns")
def ontology() -> Response:
    """The ``hg:`` ontology at its namespace IRI (``https://w3id.org/harzgraph/ns``): the
    ontology file itself as RDF, or its page for a browser."""
    fmt = negotiate()
    if fmt is None:
        return _serve(BASE + "ns", None)
    text = (current_settings().ontology_dir / "harzgraph.ttl").read_bytes()
    if fmt == "turtle":
        return Response(text, mimetype="text/turtle")
    triples = ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=BASE + "ns")
    out_format = ox.RdfFormat.N_TRIPLES if fmt == "ntriples" else ox.RdfFormat.JSON_LD
    media = "application/n-triples" if fmt == "ntriples" else "application/ld+json"
    return Response(ox.serialize(triples, format=out_format), mimetype=media)


@bp.get("/.well-known/genid/<name>")
def skolem(name: str) -> Response:
    """A skolem IRI (a blank node of the vocabularies given a stable name, RDF 1.1 §3.5)."""
    if not GENID_NAME.fullmatch(name):
        raise NotFound(f"/.well-known/genid/{name[:80]} is not a skolem IRI of this graph")
    return _serve(GENID + name, None)


@bp.get("/dump.nq.gz")
def dump() -> Response:
    """The whole graph of the current version as gzip-compressed N-Quads, streamed (no row cap:
    a CONSTRUCT through the endpoint stops at its row limit)."""
    store = current_store()
    version = release_name(snapshot().version)

    def chunks():
        packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
        batch = []
        for quad in store.quads_for_pattern(None, None, None, None):
            batch.append(quad)
            if len(batch) == DUMP_BATCH:
                yield packer.compress(ox.serialize(batch, format=ox.RdfFormat.N_QUADS))
                batch = []
        if batch:
            yield packer.compress(ox.serialize(batch, format=ox.RdfFormat.N_QUADS))
        yield packer.flush()

    response = Response(chunks(), mimetype="application/gzip")
    response.headers["Content-Disposition"] = f'attachment; filename="harzgraph-{version}.nq.gz"'
    return response


#: Quads serialised at a time while streaming the dump.
DUMP_BATCH = 5000


def _serve(iri: str, actor: str | None) -> Response:
    """The resource ``iri`` as RDF (by ``Accept`` or ``?format=``) or as a page; an actor's
    page is its profile."""
    fmt = negotiate()
    if fmt is not None:
        result = current_runner().run(named_query("resource").text, result_format=fmt, base_iri=iri,
                                      prefixes=PREFIXES)
        if result.count == 0:
            raise NotFound(f"the graph says nothing about <{iri}>")
        return result_response(result)
    if actor:
        if current_runner().run(named_query("resource").text, result_format="ntriples", base_iri=iri).count == 0:
            raise NotFound(f"the graph says nothing about <{iri}>")
        return redirect(url_for("actors.profile", actor=actor), 303)
    page = describe(iri, g.lang)
    html = render_template("sparql/resource.html", title=page.title, page=page, links=None, page_prefix=ID,
                           formats=[f for f in FORMATS.values() if f.graph])
    return Response(html, mimetype="text/html")


@bp.after_request
def _linked_data_headers(response: Response) -> Response:
    response.headers.add("Vary", "Accept")
    if not response.mimetype.startswith("text/html"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def iri_of(path: str) -> str:
    """The IRI ``/id/<path>`` stands for; NotFound for a path no IRI of ours can have."""
    if not PATH.fullmatch(path):
        raise NotFound(f"/id/{path[:80]} is not an IRI of this graph")
    return ID + path


def negotiate() -> str | None:
    """The RDF format asked for by ``?format=`` or ``Accept``; None for the HTML page."""
    name = request.args.get("format")
    if name:
        fmt = FORMATS.get(GRAPH_TYPES.get(name, name))
        if fmt is None or not fmt.graph:
            raise params.BadParameter("format", name, [f.name for f in FORMATS.values() if f.graph])
        return fmt.name
    if wants_html():
        return None
    if not request.headers.get("Accept"):
        return "turtle"
    best = request.accept_mimetypes.best_match(list(GRAPH_TYPES))
    if best is None:
        raise NotAcceptable(f"this resource is available as text/html, {', '.join(GRAPH_TYPES)}")
    return GRAPH_TYPES[best]


@dataclass
class Page:
    """A resource as the HTML page shows it."""

    iri: str
    title: str
    query: str
    types: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    parts: list[dict] = field(default_factory=list)
    incoming: list[dict] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    count: int = 0
    truncated: bool = False


def describe(iri: str, lang: str) -> Page:
    """What the page shows about ``iri``: its facts, parts, incoming links and sources, with labels."""
    text = named_query("resource").text
    runner = current_runner()
    result = runner.run(text, result_format="ntriples", base_iri=iri, prefixes=PREFIXES)
    if result.count == 0:
        raise NotFound(f"the graph says nothing about <{iri}>")
    triples = list(ox.parse(result.body, format=ox.RdfFormat.N_TRIPLES))
    labels = _labels(runner.run_table(named_query("resource_labels").text, base_iri=iri, prefixes=PREFIXES).rows,
                     lang)
    shown = f"BASE <{iri}>\n{_body(text)}"
    page = Page(iri, labels.get(iri) or compact(iri) or iri, shown, count=result.count, truncated=result.truncated)
    outgoing = [t for t in triples if t.subject == ox.NamedNode(iri)]
    page.types = [_term(t.object, labels) for t in outgoing if t.predicate.value == RDF_TYPE]
    page.sources = sorted({t.object.value for t in outgoing if t.predicate.value in SOURCE_PROPERTIES})
    page.facts = _grouped([t for t in outgoing if t.predicate.value not in (RDF_TYPE, *SOURCE_PROPERTIES)],
                          labels, lambda t: t.object)
    for part in sorted({t.subject.value for t in triples if t.subject.value.startswith(iri + "#")}):
        mine = [t for t in triples if t.subject == ox.NamedNode(part)]
        page.parts.append({"term": _term(ox.NamedNode(part), labels), "facts": _grouped(mine, labels,
                                                                                          lambda t: t.object)})
    incoming = [t for t in triples if t.object == ox.NamedNode(iri) and t.subject != ox.NamedNode(iri)]
    page.incoming = _grouped(incoming, labels, lambda t: t.subject, limit=MAX_INCOMING)
    if iri not in labels:  # a relation has no label: name it by its ends and type
        ends = {t.predicate.value.rsplit("#", 1)[-1]: t.object for t in outgoing}
        if {"subject", "object", "relationType"} <= set(ends):
            page.title = " – ".join(_term(ends[k], labels)["text"] for k in ("subject", "relationType", "object"))
    return page


def _body(text: str) -> str:
    """The query without its header comments."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()


def _labels(rows: list[dict], lang: str) -> dict[str, str]:
    """One label per IRI: in ``lang``, else without language, else any."""
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        score = 3 if row["lang"] == lang else 2 if not row["lang"] else 1
        if score > best.get(row["thing"], (0, ""))[0]:
            best[row["thing"]] = (score, str(row["label"]))
    return {iri: label for iri, (_, label) in best.items()}


def _grouped(triples: list, labels: dict[str, str], pick, *, limit: int | None = None) -> list[dict]:
    """Triples grouped by property: ``{"property": term, "terms": [term], "more": n}``, labels
    first, then by the property's short name."""
    groups: dict[str, list] = {}
    for triple in triples:
        groups.setdefault(triple.predicate.value, []).append(pick(triple))
    rows = []
    for predicate, values in groups.items():
        terms = sorted((_term(v, labels) for v in values), key=lambda t: (t["text"].casefold(), t["value"]))
        kept = terms if limit is None else terms[:limit]
        rows.append({"property": _term(ox.NamedNode(predicate), labels), "terms": kept,
                     "more": len(terms) - len(kept)})
    rows.sort(key=lambda r: (r["property"]["value"] not in LABELS, r["property"]["short"]))
    return rows


def _term(term, labels: dict[str, str]) -> dict[str, object]:
    """A term as the template shows it: its text, a short name, where it links to, its kind."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        short = "" if term.language or datatype.endswith("#string") else compact(datatype) or datatype
        return {"kind": "literal", "value": term.value, "text": term.value, "short": short,
                "lang": term.language or "", "href": None}
    if isinstance(term, ox.BlankNode):
        return {"kind": "bnode", "value": f"_:{term.value}", "text": f"_:{term.value}", "short": "", "lang": "",
                "href": None}
    iri = term.value
    short = compact(iri) or iri
    return {"kind": "iri", "value": iri, "text": labels.get(iri) or short, "short": short, "lang": "",
            "href": local_href(iri)}


def local_href(iri: str) -> str | None:
    """Where a page links an IRI: our own IRIs to their page here (actors to their profile),
    web addresses to themselves, anything else (``urn:``, ``mailto:``) nowhere."""
    if iri.startswith(ID):
        path = iri[len(ID):].split("#", 1)[0]
        actor = re.fullmatch(r"actor/([a-z0-9][a-z0-9-]*)", path)
        if actor:
            return url_for("actors.profile", actor=actor.group(1))
        return url_for("resources.resource", path=path) if PATH.fullmatch(path) else None
    return iri if iri.startswith(("http://", "https://")) else None
