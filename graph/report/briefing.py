"""Write the briefing for decision makers: one self-contained, printable HTML document.

:func:`build_report` runs the gap analyses of :mod:`graph.analyse` on the store's
collaboration graph and turns their rows into a short report for the regional strategists
of the Harz WEEE alliance: headline findings first, each with its number and the sources
behind it, then the districts, the state × state matrix, the value-chain heatmap with the
critical raw materials, suggested partnerships (worded as hypotheses), brokers at risk,
collection coverage per district, the training the chain lacks per district, actors
without ties, a method note and the numbered list of sources. Wherever a finding rests on thin data, a note says why.

The document needs nothing from outside: CSS sits in a ``<style>`` element, figures are
inline SVG (:mod:`graph.figures`), there is no JavaScript, and the only external links
are plain ``<a href>`` links to the sources. The template (``templates/report.html.j2``)
escapes every string from the data. The wording is in :mod:`graph.words.briefing`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyoxigraph
from markupsafe import Markup

from graph.analyse import (
    border_cohesion,
    brokers,
    collection_coverage,
    communities,
    community_gaps,
    critical_materials,
    missing_partnerships,
    periphery,
    value_chain_matrix,
)
from graph.analyse._names import actor_state, is_regional, label
from graph.analyse.borders import is_weak_border
from graph.analyse.chains import OFF_PATH
from graph.analyse.training import training_gaps
from graph.build.vocabulary import vocabulary_from_store
from graph.concepts import hierarchy_of, node_matches
from graph.errors import QueryError
from graph.network import TIE_WEIGHTS, collaboration_graph, collection_points
from graph.report import figures
from graph.report.collection import collection_target
from graph.report.training import training_section
from graph.sparql.catalog import run_named
from graph.stats import stats
from graph.views.collection import default_features, locate_points
from graph.words import findings
from graph.words import format as fmt
from graph.words.briefing import TEXT
from graph.words.format import date, integer, join, number, percent
from graph.words.ui import DERIVED_TIES

LANGS = ("de", "en")
TEMPLATES = Path(__file__).parent / "templates"

#: How many rows the report's tables show.
TOP_PARTNERS = 10
TOP_BROKERS = 8
TOP_COMMUNITY_GAPS = 3
#: At most this many suggestions per actor in the partner table, so that a few
#: well-described actors do not fill it.
PARTNERS_PER_ACTOR = 2
#: The heatmap shows the device categories, the critical raw materials the region
#: handles, and at most this many other materials (those spread over most stages first).
TOP_OTHER_MATERIALS = 12
#: A headline finding names at most this many sources; its section names them all.
HEADLINE_REFS = 8
#: At most this many sources beside a row, and actors named per material ("+n more" beyond):
#: on a national graph a border or a material rests on thousands (a 54 MB briefing at 100,000
#: SYNTHETIC actors before these bounds); the region's data stays well within them.
ROW_REFS = 100
MATERIAL_ACTORS = 30
#: Tie types that say only that two actors belong to the same association or network.
MEMBERSHIP = {"shared_network", "member_of", "founding_member_of"}
#: Below these, a border row rests on thin data.
FEW_TIES, FEW_EXPECTED = 3, 5.0


def build_report(store: pyoxigraph.Store, *, lang: str = "de", selection: Selection | None = None,
                 G: nx.Graph | None = None) -> str:
    """The briefing on the store's graph as one self-contained HTML document.

    Parameters
    ----------
    store : an open (read-only) store.
    lang : ``"de"`` (default) or ``"en"``.
    selection : a district or state and a topic the briefing is about (:class:`Selection`);
        the whole region when None. The document says what was selected.
    G : the store's collaboration graph (:func:`graph.network.collaboration_graph`), when the
        caller keeps it (the viewer reads the build's copy); built from the store when None.

    Returns
    -------
    str
        A complete HTML document: no script, no external resource; links only to the
        sources the findings rest on.

    Raises
    ------
    ValueError
        for a language other than "de" or "en".

    Notes
    -----
    The analyses take well under a second on the shipped data; drawing the three
    figures takes about half a second more. The document, its findings and its figures can
    all be had from one :func:`briefing_context` (the viewer keeps one per selection).
    """
    return render_report(briefing_context(store, lang=lang, selection=selection, G=G))


def briefing_findings(store: pyoxigraph.Store, *, lang: str = "de", selection: Selection | None = None,
                      G: nx.Graph | None = None) -> list[dict[str, Any]]:
    """The briefing's findings as plain rows (its JSON and CSV twins): see :func:`findings_of`."""
    return findings_of(briefing_context(store, lang=lang, selection=selection, G=G))


def findings_of(context: dict[str, Any]) -> list[dict[str, Any]]:
    """A briefing's findings as plain rows: ``number``, ``finding`` (the lead sentence),
    ``text``, ``section`` (the anchor of its section in the document), ``sources`` (the URLs
    it rests on) and ``thin`` (what rests on weak evidence)."""
    return [{"number": n, "finding": f["lead"], "text": f["text"], "section": f["anchor"],
             "sources": [ref.url for ref in f["refs"]], "more_sources": f["more"], "thin": f["thin"]}
            for n, f in enumerate(context["findings"], start=1)]


#: The briefing's figures, by the name of their section.
FIGURES = ("borders", "chain", "collection")


def briefing_figures(store: pyoxigraph.Store, *, lang: str = "de", selection: Selection | None = None,
                     G: nx.Graph | None = None) -> dict[str, Callable[[str], bytes | None]]:
    """The briefing's figures as files to download: see :func:`figures_of`."""
    return figures_of(briefing_context(store, lang=lang, selection=selection, G=G))


def figures_of(context: dict[str, Any]) -> dict[str, Callable[[str], bytes | None]]:
    """A briefing's figures as files to download: section name (:data:`FIGURES`) → a function
    of the format ("svg" or "png") giving the file (:func:`graph.report.figures.figure_file`),
    or None when the figure is empty. Each file is drawn when asked for."""

    def file_of(draw: Callable[[], Any], title: str) -> Callable[[str], bytes | None]:
        def write(fmt: str) -> bytes | None:
            figure = draw()
            return figures.figure_file(figure, fmt, title=title) if figure else None
        return write

    return {name: file_of(*context[name]["_figure"]) for name in FIGURES}


def briefing_context(store: pyoxigraph.Store, *, lang: str = "de", selection: Selection | None = None,
                     G: nx.Graph | None = None, found: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything a briefing shows (:func:`report_context`), read from the store.

    ``found``: results the caller has already computed on the same ``G``, used instead of
    computing them again (the build's precompute step has them, :mod:`graph.derived`):
    ``"brokers"`` (:func:`~graph.analyse.brokers`), ``"communities"`` and
    ``"community_gaps"`` (with ``top=None``), ``"partners"`` (the rows of
    :func:`~graph.analyse.missing_partnerships` about the selection's topic and area, best
    first, at least 50 of them; :func:`~graph.analyse.partners.rank_partnerships` gives them
    from the build's partner index), ``"actor_sources"`` (actor IRI → its source URLs), ``"points"`` (the
    collection points placed in the shipped district boundaries) and ``"collection_inputs"``
    (:func:`graph.views.collection.collection_inputs`). The language-free analyses computed
    for a context are added to ``found`` (:func:`report_context`): pass the same dict for
    each language."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGS))}, not {lang!r}")
    G = G if G is not None else collaboration_graph(store)
    found = {} if found is None else found
    selection = selection or Selection()
    points = found["points"] if "points" in found else locate_points(  # counted where they lie
        collection_points(store), default_features())
    counts = stats(store, lang=lang)
    dataset = (run_named(store, "dataset", lang=lang).rows or [{}])[0]
    sources = found.get("actor_sources")
    if sources is None:
        sources = {}
        for row in run_named(store, "actor_sources").rows:
            sources.setdefault(row["actor"], []).append(row["source"])
    context = report_context(G, points, counts, dataset, sources, lang=lang, selection=selection, found=found)
    context["collection_target"] = collection_target(store, context["sources"], lang,
                                                     inputs=found.get("collection_inputs"))
    return context


@dataclass(frozen=True)
class Selection:
    """What a briefing is about: a district or state and a topic (notations; all optional).

    The partner suggestions are ranked about the topic and keep the pairs with an actor in
    the area; the brokers and the actors at the edge are those in the area and holding the
    topic (or a narrower concept); the value chain shows the chosen material and its narrower
    ones; the collection table the area's districts. The other sections stay regional: they
    compare the region's parts with each other."""

    district: str | None = None
    state: str | None = None
    material: str | None = None
    competency: str | None = None

    def is_empty(self) -> bool:
        return not (self.district or self.state or self.material or self.competency)

    def topic(self) -> dict[str, list[str]]:
        return {f: [v] for f, v in (("material", self.material), ("competency", self.competency)) if v}

    def area(self) -> dict[str, list[str]]:
        return {f: [v] for f, v in (("district", self.district), ("state", self.state)) if v}

    def matches(self, G: nx.Graph, actor: str) -> bool:
        """Whether an actor is in the area and holds the topic (or a narrower concept)."""
        if actor not in G:
            return False
        attrs = G.nodes[actor]
        if self.district and attrs.get("district") != self.district:
            return False
        if self.state and actor_state(G, attrs) != self.state:
            return False
        return all(node_matches(G, attrs, facet, values) for facet, values in self.topic().items())


def selection_from_terms(store: pyoxigraph.Store, *, district: str | None = None, state: str | None = None,
                         material: str | None = None, competency: str | None = None) -> Selection:
    """A :class:`Selection` from names, labels or notations ("Goslar", "Batterien", "03153").

    Raises
    ------
    QueryError
        naming the option whose term is unknown, with the nearest known terms.
    """
    vocab = vocabulary_from_store(store)
    found: dict[str, str | None] = {}
    for option, scheme, text in (("district", "district", district), ("state", "state", state),
                                 ("material", "material", material), ("competency", "competency", competency)):
        if not text:
            found[option] = None
            continue
        iri = vocab.resolve(scheme, text)
        if iri is None:
            raise QueryError(f"--{option}: {vocab.unknown(scheme, text)}")
        found[option] = vocab.notation[iri]
    return Selection(**found)


def render_report(context: dict[str, Any]) -> str:
    """Render a context of :func:`report_context` with ``templates/report.html.j2``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2").render(**context).lstrip()


def report_context(
    G: nx.Graph,
    points: list[dict],
    counts: dict,
    dataset: dict,
    actor_sources: dict[str, list[str]],
    *,
    lang: str = "de",
    selection: Selection | None = None,
    found: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the template shows, as plain data (figures as SVG markup).

    Parameters
    ----------
    G : the collaboration graph of :func:`graph.network.collaboration_graph`.
    points : the collection points of :func:`graph.network.collection_points`.
    counts : the tables of :func:`graph.stats.stats`.
    dataset : the dataset row (``title``, ``modified``).
    actor_sources : actor IRI → its source URLs.
    lang : "de" or "en".
    found : analyses already computed on ``G`` (see :func:`briefing_context`); the language-free
        ones this computes are added to it, so that the next language's context reuses them.

    Returns
    -------
    dict
        ``lang``, ``t`` (the wording), ``dataset_title``, ``modified``, ``holdings``,
        ``findings``, one entry per section (``borders``, ``chain``, ``partners``,
        ``communities``, ``brokers``, ``collection``, ``training``, ``periphery``), ``method``,
        ``weights`` and ``sources`` (numbered as the template first shows them).
    """
    r = _Report(G, points, actor_sources, lang)
    sel = selection or Selection()
    found = {} if found is None else found
    items = sorted(hierarchy_of(G).expand("material", [sel.material])) if sel.material else None
    chosen = sel.matches if not sel.is_empty() else (lambda _G, _actor: True)

    def once(key: str, compute: Callable[[], Any]) -> Any:
        """An analysis that depends on neither the language nor (for these keys) the selection,
        kept in ``found`` for the next language's context (at 100,000 actors each takes seconds)."""
        if key not in found:
            found[key] = compute()
        return found[key]

    sections = {
        "borders": r.borders(once("border_cohesion", lambda: border_cohesion(G))),
        "chain": r.chain(value_chain_matrix(G, items=items) if items is not None
                         else once("value_chain", lambda: value_chain_matrix(G))),
        "partners": r.partners(found["partners"][:50] if "partners" in found else
                               missing_partnerships(G, top=50, area=sel.area() or None, topic=sel.topic() or None)),
        "communities": r.communities(found["community_gaps"][:TOP_COMMUNITY_GAPS] if "community_gaps" in found
                                     else community_gaps(G, top=TOP_COMMUNITY_GAPS),
                                     found["communities"] if "communities" in found else communities(G)),
        "brokers": r.brokers([row for row in (found["brokers"] if "brokers" in found else brokers(G))
                              if chosen(G, row["actor"])]),
        "collection": r.collection([row for row in collection_coverage(G, points)
                                    if (not sel.district or row["district"] == sel.district)
                                    and (not sel.state or row["state"] == sel.state)]),
        "training": training_section(r, once("training_gaps",
                                             lambda: training_gaps(G, levels=("region", "district")))),
        "periphery": r.periphery([row for row in once("isolated",
                                                      lambda: periphery(G, max_core=0, include_separate=False))
                                  if chosen(G, row["actor"])]),
    }
    findings = [
        r.border_finding(sections["borders"]),
        r.community_finding(sections["communities"]),
        r.broker_finding(sections["brokers"]),
        r.materials_finding(sections["chain"]),
        r.collection_finding(sections["collection"]),
        r.outlet_finding(sections["collection"]),
        r.partner_finding(sections["partners"]),
        r.periphery_finding(sections["periphery"]),
    ]
    return {
        "lang": lang,
        "t": r.t,
        "dataset_title": dataset.get("title") or "",
        "selection": r.selection(sel),
        "modified": date(dataset.get("modified"), lang),
        "holdings": r.holdings(counts),
        "findings": [f for f in findings if f],
        **sections,
        "method": r.t["method"],
        "weights": r.weights(),
        "sources": r.cite,
    }


# --- citations ----------------------------------------------------------------------------


class _Ref:
    """One cited source. Its number is drawn when the template first shows it, so the
    numbers run in the order of the page, headline findings first."""

    __slots__ = ("_citations", "link", "url")

    def __init__(self, url: str, citations: _Citations) -> None:
        self.url, self.link, self._citations = url, _is_web(url), citations

    @property
    def n(self) -> int:
        return self._citations.number(self.url)


class _Citations:
    """The sources a report cites, numbered in the order they are first shown."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def refs(self, urls: Iterable[str], limit: int | None = None) -> dict[str, Any]:
        """``refs`` (up to ``limit``, by default :data:`ROW_REFS`) and ``more`` (how many were
        left out) for a template block."""
        unique = list(dict.fromkeys(u for u in urls if u))
        shown = unique[:ROW_REFS if limit is None else limit]
        return {"refs": [_Ref(u, self) for u in shown], "more": len(unique) - len(shown)}

    def number(self, url: str) -> int:
        return self.numbers.setdefault(url, len(self.numbers) + 1)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The sources as numbered so far (the template reads this last)."""
        for url, n in sorted(self.numbers.items(), key=lambda item: item[1]):
            yield {"n": n, "url": url, "link": _is_web(url)}


def _is_web(url: str) -> bool:
    """Only web addresses become links; anything else is shown as text."""
    return url.startswith(("https://", "http://"))


def _urls(block: dict[str, Any]) -> list[str]:
    return [ref.url for ref in block["refs"]]


def _reason_parts(text: str, a: str, b: str) -> list[str]:
    """Split "A and B could work together: x; y; z" into the parts after the pair.

    >>> _reason_parts("A und B könnten zusammenarbeiten: x; y", "A", "B")
    ['x', 'y']
    """
    for joiner in (" und ", " and "):
        head = f"{a}{joiner}{b} "
        if text.startswith(head) and ": " in text[len(head) :]:
            text = text[len(head) :].split(": ", 1)[1]
            break
    return [part for part in text.split("; ") if part]


# --- the report ---------------------------------------------------------------------------


class _Report:
    """One report in one language: the graph, its sources, the wording and the citations."""

    def __init__(self, G: nx.Graph, points: list[dict], actor_sources: dict[str, list[str]], lang: str):
        self.G, self.points, self.sources, self.lang = G, points, actor_sources, lang
        self.t = TEXT[lang]
        self.cite = _Citations()

    # --- words ---------------------------------------------------------------------------

    def selection(self, sel: Selection) -> str:
        """What the briefing was narrowed to, in words ("Auswahl: Landkreis: Goslar; Material:
        Batterien"), or "" for the whole region."""
        if sel.is_empty():
            return ""
        t = self.t
        parts = []
        if sel.district:
            parts.append(f"{t['selection_district']}: {self.district(sel.district)}")
        if sel.state:
            parts.append(f"{t['selection_state']}: {self.label(sel.state, 'state')}")
        if sel.material:
            parts.append(f"{t['selection_material']}: {self.label(sel.material, 'material')}")
        if sel.competency:
            parts.append(f"{t['selection_competency']}: {self.label(sel.competency, 'competency')}")
        return f"{t['selection']}: " + "; ".join(parts) + ". " + t["selection_note"]

    def tn(self, key: str, n: int, *, by: int | None = None, **values: object) -> str:
        """The text ``key`` for the count ``n`` (or for the count ``by`` when another number
        decides the wording): ``key_1`` for CLDR's "one", ``key_0`` for none, else ``key``."""
        forms = {"=0": self.t.get(key + "_0"), "one": self.t.get(key + "_1"), "other": self.t[key]}
        text = fmt.pick({k: v for k, v in forms.items() if v is not None}, n if by is None else by, self.lang)
        return text.format(n=fmt.number(n, self.lang), **values)

    def name(self, iri: str) -> str:
        return self.G.nodes[iri].get("label") or iri if iri in self.G else iri

    def label(self, key: str | None, scheme: str | None = None) -> str:
        """A concept's label, looked up by its IRI (``scheme`` + notation); the derived tie
        types (joint project, shared network) by the pages' words."""
        if key is None:
            return ""
        found = label(self.G, key, self.lang, scheme)
        derived = DERIVED_TIES.get(key, {})
        return found if found != key else (derived.get(self.lang) or key)

    def short(self, key: str | None) -> str:
        """A stage's label without its explanation in brackets, for running text."""
        return self.label(key, "stage").split(" (", 1)[0]

    def stages(self, keys: Iterable[str], limit: int | None = None) -> str:
        return join(
            [f"„{self.short(s)}“" if self.lang == "de" else f"“{self.short(s)}”" for s in keys], self.lang, limit=limit
        )

    def count(self, n: int, noun: str) -> str:
        """ "1 actor", "4 actors": a number with its noun in the right number."""
        one, other = self.t["nouns"][noun]
        return fmt.count(n, {"one": one, "other": other}, self.lang)

    def district(self, key: str | None) -> str:
        return ((self.G.graph.get("districts") or {}).get(key or "") or {}).get("name") or key or "–"

    # --- sources and thin data -----------------------------------------------------------

    def actor_urls(self, iris: Iterable[str]) -> list[str]:
        return [u for iri in iris for u in sorted(self.sources.get(iri, ()))]

    def edge_urls(self, pairs: Iterable[tuple[str, str]]) -> list[str]:
        return [u for a, b in pairs if self.G.has_edge(a, b) for u in self.G.edges[a, b].get("sources", ())]

    def thin_actors(self, iris: Sequence[str]) -> list[str]:
        """Notes on actors recorded with medium or low confidence or seated in a candidate district."""
        nodes = [self.G.nodes[v] for v in iris if v in self.G]
        weak = [d for d in nodes if d.get("confidence") in ("medium", "low")]
        notes = []
        if weak:
            notes.append(
                self.t["thin_confidence_one"]
                if len(nodes) == 1
                else self.t["thin_confidence"].format(n=len(weak), m=len(nodes))
            )
        candidates = sorted({self.district(d["district"]) for d in nodes if d.get("region_status") == "candidate"})
        if candidates:
            notes.append(self.tn("thin_candidate", len(candidates), names=join(candidates, self.lang)))
        return notes

    def thin_edges(self, pairs: Sequence[tuple[str, str]]) -> list[str]:
        edges = [self.G.edges[a, b] for a, b in pairs if self.G.has_edge(a, b)]
        low = [e for e in edges if e.get("confidence") == "low"]
        if not low:
            return []
        return [self.t["thin_ties_one"] if len(edges) == 1 else self.t["thin_ties"].format(n=len(low), m=len(edges))]

    # --- what the graph holds ------------------------------------------------------------

    def holdings(self, counts: dict) -> dict[str, Any]:
        t, lang = self.t, self.lang
        totals = (counts["totals"].rows or [{}])[0]
        actors_by_district = {r["district"]: int(r["actors"]) for r in counts["by_district"].rows}
        points = Counter(p["district"] for p in self.points)
        districts = []
        for row in counts["districts"].rows:
            candidate = row["region_status"] == "candidate"
            districts.append(
                {
                    "name": row["name"],
                    "state": self.label(row["state"], "state"),
                    "status": t["candidate"] if candidate else t["confirmed"],
                    "candidate": candidate,
                    "note": row.get("status_note") if lang == "en" and candidate else None,
                    "actors": actors_by_district.get(row["key"], 0),
                    "points": points.get(row["key"], 0),
                    "population": integer(row["population"], lang) if row["population"] else "–",
                    "population_date": date(row["population_date"], lang),
                }
            )
        districts.sort(key=lambda d: (d["candidate"], d["name"]))
        confirmed = [d["name"] for d in districts if not d["candidate"]]
        candidates = [d["name"] for d in districts if d["candidate"]]

        def count(key: str, noun: str) -> str:
            return self.count(int(totals.get(key) or 0), noun)

        outside = actors_by_district.get(None, 0)
        regional = int(totals.get("actors") or 0) - outside
        status = [self.tn("status_confirmed", len(confirmed), names=join(confirmed, lang))]
        if candidates:
            status.append(t["status_candidates"].format(names=join(candidates, lang)))
        if len(confirmed) < 6:
            status.append(t["status_sixth"])
        return {
            "summary": t["holds"].format(
                actors=count("actors", "actor"),
                relations=count("relations", "relation"),
                projects=count("projects", "project"),
                points=count("collection_points", "point"),
                sources=count("sources", "source"),
            ),
            "regional": " ".join([self.tn("regional", regional), self.tn("outside", outside)]),
            "districts": districts,
            "status": " ".join(status),
        }

    # --- sections ------------------------------------------------------------------------

    def borders(self, rows: list[dict]) -> dict[str, Any]:
        t, lang = self.t, self.lang
        # The ties border_cohesion counts: between actors seated in the region's districts.
        state = {v: actor_state(self.G, d) for v, d in self.G.nodes(data=True) if is_regional(d, True)}
        across: dict[frozenset, list[tuple[str, str]]] = {}  # the ties by the two states they join, in one pass
        for u, v in self.G.edges():
            if state.get(u) and state.get(v):
                across.setdefault(frozenset((state[u], state[v])), []).append((u, v))
        out = []
        for row in rows:
            if row["ratio"] is None:
                continue
            between = row["scope"] == "between"
            pairs = across.get(frozenset((row["a"], row["b"])), []) if between else []
            thin = []
            # Small expectations keep two decimals: 0.25 ties, not "0.2".
            expected = number(row["expected"], lang, 2 if row["expected"] < 1 else 1)
            if row["observed"] < FEW_TIES:
                thin.append(self.tn("thin_few_ties", row["observed"]))
            elif row["expected"] < FEW_EXPECTED:
                thin.append(t["thin_small_expectation"].format(expected=expected))
            thin += self.thin_edges(pairs)
            members = [e for e in pairs if set(self.G.edges[e]["relations"]) <= MEMBERSHIP]
            via = Counter(x for e in members for x in self.G.edges[e].get("via", ()))
            out.append(
                {
                    "a": row[f"a_{lang}"],
                    "b": row[f"b_{lang}"],
                    "scope": row["scope"],
                    "pair": f"{row[f'a_{lang}']}–{row[f'b_{lang}']}"
                    if between
                    else t["within"].format(a=row[f"a_{lang}"]),
                    "observed": row["observed"],
                    "expected": expected,
                    "ratio": number(row["ratio"], lang, 2),
                    "weak": is_weak_border(row),
                    **self.cite.refs(self.edge_urls(pairs)),
                    "thin": thin,
                    "_members": len(members),
                    "_via": [self.name(x) for x, _ in via.most_common(2)],
                }
            )
        ordered = [r for r in out if r["scope"] == "between"] + [r for r in out if r["scope"] == "within"]
        return {"svg": Markup(figures.border_heatmap(rows, lang=lang, title=t["borders_title"])), "rows": ordered,
                "_figure": (partial(figures.border_figure, rows, lang=lang), t["borders_title"])}

    def chain(self, matrix: list[dict]) -> dict[str, Any]:
        t, lang, G = self.t, self.lang, self.G
        cells: dict[str, dict[str, list[str]]] = {}
        for cell in matrix:
            cells.setdefault(cell["item"], {})[cell["stage"]] = cell["actor_iris"]

        def covered(item: str) -> int:
            return sum(1 for actors in cells.get(item, {}).values() if actors)

        def handled_by(item: str) -> int:
            return len({a for actors in cells.get(item, {}).values() for a in actors})

        flags = G.graph.get("materials") or {}
        crm = {m for m, f in flags.items() if f.get("crm_strategic") or f.get("crm_critical")}
        categories = sorted({c["item"] for c in matrix if c["item_type"] == "category"})
        crm_shown = [m for m in sorted(crm) if covered(m)]
        others = [i for i in cells if i not in crm and i not in categories and covered(i) >= 2]
        others = sorted(others, key=lambda i: (-covered(i), -handled_by(i), i))[:TOP_OTHER_MATERIALS]
        shown = {*categories, *crm_shown, *others}
        groups = [(t["group_categories"], categories), (t["group_crm"], crm_shown), (t["group_other"], others)]
        svg = figures.chain_heatmap(matrix, groups, lang=lang, off_path=OFF_PATH, title=t["chain_title"])
        chain = sorted({(c["position"], c["stage"]) for c in matrix})
        path = [s for _, s in chain if s not in OFF_PATH]
        materials = [self._material(row, cells.get(row["material"], {}), path) for row in critical_materials(G)]
        none = [m["name"] for m in materials if not m["actors"]]
        return {
            "svg": Markup(svg),
            "_figure": (partial(figures.chain_figure, matrix, groups, lang=lang, off_path=OFF_PATH), t["chain_title"]),
            "omitted": t["chain_omitted"].format(
                rest=self.count(sum(1 for i in cells if i not in shown and covered(i)), "more_material"),
                none=self.count(sum(1 for i in cells if i not in shown and not covered(i)), "material"),
            ),
            "notes": self._stage_notes(chain),
            "path": " → ".join(self.short(s) for s in path),
            "materials": [m for m in materials if m["actors"]],
            "materials_none": self.tn("materials_none", len(none), names=", ".join(none)) if none else None,
            "_materials": materials,
        }

    def _stage_notes(self, chain: list[tuple[int, str]]) -> list[dict[str, Any]]:
        """Stages no regional actor works at: beside the path, skipped, or where the flow leaves."""
        order = self.G.graph.get("stage_order") or {}
        at: dict[int, set[str]] = {}
        for v, d in self.G.nodes(data=True):
            if d.get("district"):
                for s in d.get("stages") or ():
                    if s in order:
                        at.setdefault(order[s], set()).add(v)
        empty = [(p, s) for p, s in chain if not at.get(p)]
        path_held = [p for p, s in chain if s not in OFF_PATH and at.get(p)]
        off = [s for _, s in empty if s in OFF_PATH]
        skipped = [(p, s) for p, s in empty if s not in OFF_PATH and any(q > p for q in path_held)]
        leaves = [s for p, s in empty if s not in OFF_PATH and (p, s) not in skipped]
        notes = []
        if skipped:
            later = min(q for q in path_held if q > skipped[0][0])
            iris = sorted(at[later])
            stage = next(s for p, s in chain if p == later)
            notes.append(
                {
                    "text": self.tn(
                        "stage_skipped",
                        len(skipped),
                        stages=self.stages(s for _, s in skipped),
                        actors=self.count(len(iris), "actor"),
                        next=self.stages([stage]),
                    ),
                    **self.cite.refs(self.actor_urls(iris)),
                }
            )
        if leaves:
            notes.append(
                {"text": self.tn("stage_leaves", len(leaves), stages=self.stages(leaves)), **self.cite.refs([])}
            )
        if off:
            notes.append({"text": self.tn("stage_off", len(off), stages=self.stages(off)), **self.cite.refs([])})
        return notes

    def _material(self, row: dict, cells: dict[str, list[str]], path: list[str]) -> dict[str, Any]:
        t, lang = self.t, self.lang
        at = {s: set(cells.get(s, ())) for s in row["stages_present"]}  # sets: thousands of actors at scale
        iris = sorted(set().union(*at.values()))
        named = sorted(iris, key=lambda v: (self.name(v).casefold(), v))
        return {
            "name": row[f"material_{lang}"],
            "crm": t["strategic"] if row["crm"] == "strategic" else t["critical"],
            "strategic": row["crm"] == "strategic",
            "actors": row["actors"],
            "path": [{"stage": self.short(s), "held": bool(cells.get(s))} for s in path],
            "by_actor": [
                {"name": self.name(a),
                 "stages": join([self.short(s) for s in row["stages_present"] if a in at[s]], lang)}
                for a in named[:MATERIAL_ACTORS]
            ],
            "more_actors": t["more_actors"].format(n=number(len(named) - MATERIAL_ACTORS, lang))
            if len(named) > MATERIAL_ACTORS else None,
            **self.cite.refs(self.actor_urls(iris)),
            "thin": self.thin_actors(iris),
            "_iris": iris,
            "_stages": row["stages_present"],
            "_single": row["single_actor_stages"],
        }

    def partners(self, rows: list[dict]) -> list[dict[str, Any]]:
        t, lang = self.t, self.lang
        used: Counter[str] = Counter()
        out = []
        for row in rows:
            a, b = row["actor_a"], row["actor_b"]
            if used[a] >= PARTNERS_PER_ACTOR or used[b] >= PARTNERS_PER_ACTOR:
                continue
            used.update((a, b))
            pairs = [(x, c) for c in row["common_partners"] for x in (a, b)]
            parts = [
                (t["part_chain"], row["value_chain"]),
                (t["part_proximity"], row["proximity"]),
                (t["part_competence"], row["competence"]),
                (t["part_border"], row["border"]),
            ]
            out.append(
                {
                    "rank": len(out) + 1,
                    "a": row["label_a"],
                    "b": row["label_b"],
                    "score": number(row["score"], lang, 2),
                    "parts": [{"name": name, "text": number(value, lang, 2)} for name, value in parts],
                    "reasons": _reason_parts(row[f"reasons_{lang}"], row["label_a"], row["label_b"]),
                    **self.cite.refs(self.actor_urls([a, b]) + self.edge_urls(pairs)),
                    "thin": self.thin_actors([a, b]) + self.thin_edges(pairs),
                }
            )
            if len(out) == TOP_PARTNERS:
                break
        return out

    def communities(self, gaps: list[dict], groups: list[dict]) -> list[dict[str, Any]]:
        lang = self.lang
        members = {g["community"]: g["members"] for g in groups}

        def leaders(c: str) -> list[str]:
            return sorted(members.get(c, []), key=lambda v: (-self.G.degree(v), v))[:2]

        out = []
        for gap in gaps:
            a, b = leaders(gap["community_a"]), leaders(gap["community_b"])
            pairs = [tuple(tie.split(" – ", 1)) for tie in gap["ties"]]
            out.append(
                {
                    "links": gap["links"],
                    "reasons": findings.reasons("communities", self.G, gap, lang),
                    **self.cite.refs(self.actor_urls(a + b) + self.edge_urls(pairs)),
                    "thin": [self.t["thin_groups"], *self.thin_actors(a + b)],
                    "_values": {
                        "na": gap["size_a"],
                        "nb": gap["size_b"],
                        "ea": join([self.name(v) for v in a], lang),
                        "eb": join([self.name(v) for v in b], lang),
                        "sa": self.stages(gap["stages_only_a"], limit=3) or "–",
                        "sb": self.stages(gap["stages_only_b"], limit=3) or "–",
                    },
                }
            )
        return out

    def brokers(self, rows: list[dict]) -> dict[str, Any]:
        lang = self.lang
        articulation = sum(1 for r in rows if r["splits"] >= 2)
        bridges = len({tuple(sorted((r["actor"], p))) for r in rows for p in r["bridges"]})
        out = []
        for row in [r for r in rows if r["betweenness"] > 0][:TOP_BROKERS]:
            pairs = [(row["actor"], p) for p in row["bridges"]]
            out.append(
                {
                    "name": row["label"],
                    "district": self.district(row["district"]) if row["district"] else "–",
                    "degree": row["degree"],
                    "share": percent(row["betweenness"], lang),
                    "share_value": row["betweenness"],
                    "cut": row["cut_off_count"],
                    "cut_names": join([self.name(x) for x in row["cut_off"]], lang, limit=4),
                    **self.cite.refs(self.actor_urls([row["actor"]]) + self.edge_urls(pairs)),
                    "thin": self.thin_actors([row["actor"]]) + self.thin_edges(pairs),
                }
            )
        return {
            "rows": out,
            "articulation": articulation,
            "summary": " ".join([self.tn("articulation", articulation), self.tn("bridges", bridges)]),
            "max": max([r["share_value"] for r in out] or [1.0]) or 1.0,
        }

    def collection(self, rows: list[dict]) -> dict[str, Any]:
        t, lang = self.t, self.lang
        by_iri = {p["iri"]: p for p in self.points}
        out = []
        for row in rows:
            here = [p for p in self.points if p.get("district") == row["district"]]
            thin = []
            if row["region_status"] == "candidate":
                thin.append(self.tn("thin_candidate", 1, names=row["district_name"]))
            if row["population"] is None:
                thin.append(t["thin_no_population"])
            if row["points"] <= 2:
                thin.append(self.tn("thin_few_points", row["points"]))
            if row["points_without_groups"]:
                thin.append(self.tn("thin_no_groups", row["points_without_groups"]))
            unlinked = row["points_without_treatment_tie"]
            out.append(
                {
                    "district": row["district_name"],
                    "state": self.label(row["state"], "state"),
                    "candidate": row["region_status"] == "candidate",
                    "points": row["points"],
                    "population": integer(row["population"], lang) if row["population"] else "–",
                    "population_date": date(row["population_date"], lang),
                    "population_source": self.cite.refs([row["population_source"]]),
                    "per_100k": number(row["per_100k"], lang, 1) if row["per_100k"] is not None else "–",
                    "per_100_km2": number(row["per_100_km2"], lang, 2) if row["per_100_km2"] is not None else "–",
                    "groups_not_known": row["groups_not_known"],
                    "unlinked": len(unlinked),
                    "unlinked_operators": [self.name(o) for o in row["operators_without_treatment_tie"]],
                    **self.cite.refs(u for p in here for u in p.get("sources", ())),
                    "thin": thin,
                    "_zero": row["points"] == 0 and row["population"] is not None,
                    "_ranked": row["per_100k"] is not None,
                    "_unlinked_sources": [u for i in unlinked for u in by_iri.get(i, {}).get("sources", ())],
                }
            )
        groups = sorted({g for r in rows for g in r["groups_not_known"]})
        return {
            "svg": Markup(figures.collection_bars(rows, lang=lang, title=t["collection_title"])),
            "_figure": (partial(figures.collection_figure, rows, lang=lang), t["collection_title"]),
            "rows": out,
            "total": len(self.points),
            "groups": join([f"{g} {self.label(g, 'collection-group')}" for g in groups], lang),
        }

    def periphery(self, rows: list[dict]) -> dict[str, Any]:
        lang = self.lang
        alone = [r for r in rows if r["degree"] == 0]
        regional = sorted(
            (r for r in alone if r["district"]),
            key=lambda r: (self.district(r["district"]), r["label"].casefold(), r["actor"]),
        )
        out = []
        for row in regional:
            offers = dict.fromkeys([*(self.label(x, "competency") for x in row["competencies"]),
                                     *(self.label(x, "stage") for x in row["stages"])])
            out.append(
                {
                    "name": row["label"],
                    "district": self.district(row["district"]),
                    "kind": self.label(row["kind"], "kind"),
                    "offers": join(list(offers), lang, limit=3) or "–",
                    "confidence": self.G.nodes[row["actor"]].get("confidence"),
                    **self.cite.refs(self.actor_urls([row["actor"]])),
                }
            )
        total = self.G.number_of_nodes()
        intro = " ".join(
            [
                self.tn("periphery_alone", len(alone), total=total),
                self.tn("periphery_regional", len(out)),
                self.t["periphery_why"],
            ]
        )
        return {"rows": out, "alone": len(alone), "regional": len(out), "total": total, "intro": intro}

    def weights(self) -> str:
        full = sorted(self.label(k, "relation-type") for k, w in TIE_WEIGHTS.items() if w == 1.0)
        half = sorted(self.label(k, "relation-type") for k, w in TIE_WEIGHTS.items() if w != 1.0)
        return self.t["method_weights"].format(full=join(full, self.lang), half=join(half, self.lang))

    # --- headline findings ---------------------------------------------------------------

    def _finding(self, lead: str, text: str, anchor: str, urls: Iterable[str], thin: Iterable[str]) -> dict:
        return {
            "lead": lead,
            "text": text,
            "anchor": anchor,
            **self.cite.refs(urls, HEADLINE_REFS),
            "thin": list(dict.fromkeys(thin)),
        }

    def border_finding(self, section: dict) -> dict | None:
        r = next((r for r in section["rows"] if r["scope"] == "between"), None)
        if r is None:
            return None
        t, lang = self.t, self.lang
        text = [self.tn("f_border", r["observed"], expected=r["expected"], ratio=r["ratio"])]
        via = join(r["_via"], lang) or "–"
        if r["_members"] and r["_members"] == r["observed"]:
            text.append(self.tn("f_border_members_all", r["_members"], via=via))
        elif r["_members"]:
            text.append(self.tn("f_border_members", r["_members"], via=via))
        text.append(t["f_border_could"])
        return self._finding(
            t["f_border_lead"].format(a=r["a"], b=r["b"]), " ".join(text), "borders", _urls(r), r["thin"]
        )

    def community_finding(self, section: list[dict]) -> dict | None:
        if not section:
            return None
        gap, t = section[0], self.t
        key = "f_community" if gap["links"] == 0 else "f_community_one"
        return self._finding(t[key + "_lead"], t[key].format(**gap["_values"]), "communities", _urls(gap), gap["thin"])

    def broker_finding(self, section: dict) -> dict | None:
        if not section["rows"]:
            return None
        r, t = section["rows"][0], self.t
        parts = [
            t["f_broker"].format(name=r["name"], share=r["share"]),
            self.tn("f_broker_cut", r["cut"], names=r["cut_names"]),
            self.tn("f_broker_points", section["articulation"]),
        ]
        return self._finding(t["f_broker_lead"].format(name=r["name"]), " ".join(parts), "brokers", _urls(r), r["thin"])

    def materials_finding(self, section: dict) -> dict | None:
        rows = section["_materials"]
        if not rows:
            return None
        lang = self.lang
        covered = [m for m in rows if m["actors"]]
        single = [m for m in covered if len(m["_stages"]) == 1 and m["_single"]]
        strategic_none = sum(1 for m in rows if m["strategic"] and not m["actors"])
        parts = []
        if single:
            stage = self.stages(sorted({m["_stages"][0] for m in single}))
            parts.append(
                self.tn(
                    "f_materials_single",
                    len(single),
                    stage=stage,
                    names=join([m["name"] for m in single], lang, limit=6),
                )
            )
        parts.append(self.tn("f_materials_none", strategic_none))
        iris = sorted({a for m in single for a in m["_iris"]})
        return self._finding(
            self.tn("f_materials_lead", len(covered), total=len(rows)),
            " ".join(parts),
            "chain",
            self.actor_urls(iris),
            [*self.thin_actors(iris), self.t["thin_absence"]],
        )

    def collection_finding(self, section: dict) -> dict | None:
        rows = [r for r in section["rows"] if r["_ranked"]]
        if not rows:
            return None
        t, lang = self.t, self.lang
        thin = [self.tn("thin_known_points", section["total"])]
        zero = [r for r in rows if r["_zero"]]
        if zero:
            names = join([r["district"] for r in zero], lang)
            return self._finding(
                self.tn("f_collection_zero_lead", len(zero), names=names),
                t["f_collection_zero"],
                "collection",
                [],
                thin,
            )
        r = rows[0]
        points = self.tn("points", r["points"])
        return self._finding(
            t["f_collection_lead"].format(district=r["district"]),
            t["f_collection"].format(
                points=points, population=r["population"], date=r["population_date"], per=r["per_100k"]
            ),
            "collection",
            [*_urls(r["population_source"]), *_urls(r)],
            thin + r["thin"],
        )

    def outlet_finding(self, section: dict) -> dict | None:
        rows = [r for r in section["rows"] if r["unlinked"]]
        if not rows:
            return None
        operators = list(dict.fromkeys(o for r in rows for o in r["unlinked_operators"]))
        n = sum(r["unlinked"] for r in rows)
        return self._finding(
            self.tn("f_outlet_lead", n, by=section["total"], total=fmt.number(section["total"], self.lang)),
            self.tn("f_outlet_point" if n == 1 else "f_outlet", len(operators),
                    names=join(operators, self.lang, limit=3)),
            "collection",
            [u for r in rows for u in r["_unlinked_sources"]],
            [self.t["thin_absence"]],
        )

    def partner_finding(self, rows: list[dict]) -> dict | None:
        if not rows:
            return None
        best = rows[0]
        return self._finding(
            self.tn("f_partners_lead", len(rows)),
            self.t["f_partners"].format(a=best["a"], b=best["b"], score=best["score"]),
            "partners",
            _urls(best),
            [*best["thin"], self.t["thin_hypothesis"]],
        )

    def periphery_finding(self, section: dict) -> dict | None:
        if not section["alone"]:
            return None
        names = join([r["name"] for r in section["rows"]], self.lang, limit=3)
        return self._finding(
            self.tn("f_periphery_lead", section["alone"], total=section["total"]),
            " ".join(
                [self.tn("f_periphery", section["regional"], names=names), self.tn("f_periphery_how", section["alone"])]
            ),
            "periphery",
            [u.url for r in section["rows"] for u in r["refs"]],
            [self.t["thin_absence"]],
        )
