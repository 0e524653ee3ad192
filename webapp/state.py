"""The one owner of the app's shared state: the settings, the store version a request reads,
the SPARQL query runner, the collaboration graph and everything derived from one version.

Blueprints import from here and from ``graph/``, never from each other.

Why a *snapshot*: a build may swap ``current`` at any moment. Each request pins the version it
saw first (in ``flask.g``) and reads only that one from start to end; derived values are cached
per version, so a new version starts with an empty cache and the old one is dropped with its
snapshot. Computing a value holds only that value's own (re-entrant) lock, never a lock that the
computation could need again, so a swap during a computation can never deadlock.
"""

from __future__ import annotations

import collections
import concurrent.futures
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote

import networkx as nx
import pyoxigraph
from flask import Flask, current_app, g

from graph import derived, search
from graph.analyse import partners as analyse_partners
from graph.analyse.partners import PartnerIndex
from graph.compact import CompactGraph
from graph.settings import Settings
from graph.sparql.remote import RemoteStore
from graph.sparql.runner import QueryRunner
from graph.store import VERSIONS, current_path, open_read_only
from graph.views import actors as actor_views
from graph.views import gaps as gap_views
from graph.views import network as network_views

T = TypeVar("T")

#: The district and state boundaries (BKG GeoJSON) shipped with the viewer.
GEO = Path(__file__).parent / "static" / "geo"


@dataclass
class Snapshot:
    """One store version, opened read-only, with the values computed from it."""

    version: Path | str  # the version folder, or the data graph's IRI on a SPARQL server
    store: pyoxigraph.Store  # or a graph.sparql.remote.RemoteStore pinned to that graph
    #: Where the build wrote this version's precomputed page data (graph/derived.py), if here.
    derived: Path | None = None
    cache: dict[str, Any] = field(default_factory=dict)
    locks: dict[str, threading.RLock] = field(default_factory=dict)
    guard: threading.Lock = field(default_factory=threading.Lock)
    #: Values being computed in the background (:func:`prepared`), by key.
    pending: dict[str, concurrent.futures.Future] = field(default_factory=dict)

    def lock_for(self, key: str) -> threading.RLock:
        with self.guard:
            return self.locks.setdefault(key, threading.RLock())


class LoginThrottle:
    """Failed logins per client address and per account name within a window: after
    ``limit`` failures either key is refused until the oldest failure leaves the window.

    Written here rather than taken from Flask-Limiter: it counts only *failed* attempts, per
    address and per account, which a request-rate limiter does not do.
    """

    def __init__(self, limit: int = 5, window_s: float = 900.0) -> None:
        self.limit, self.window_s = limit, window_s
        self.failures: dict[str, list[float]] = {}
        self.lock = threading.Lock()

    def retry_after(self, *keys: str, now: float | None = None) -> int:
        """Seconds until another attempt is allowed for all ``keys`` (0: allowed now)."""
        now = time.monotonic() if now is None else now
        wait = 0.0
        with self.lock:
            for key in keys:
                recent = [t for t in self.failures.get(key, []) if now - t < self.window_s]
                self.failures[key] = recent
                if len(recent) >= self.limit:
                    wait = max(wait, recent[-self.limit] + self.window_s - now)
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, *keys: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self.lock:
            for key in keys:
                self.failures.setdefault(key, []).append(now)

    def succeeded(self, *keys: str) -> None:
        with self.lock:
            for key in keys:
                self.failures.pop(key, None)


class AppState:
    """What one app holds: settings, the newest snapshot, the query runner."""

    def __init__(self, settings: Settings, *, runner_workers: int = 4) -> None:
        self.settings = settings
        # harzgraph serve --sparql URL: every read goes to that server (graph/sparql/remote.py).
        self.remote = RemoteStore(settings.sparql_url) if settings.sparql_url else None
        self.snapshot = self._open(self._version())
        self.swap_lock = threading.Lock()
        self.runner: QueryRunner | None = None
        self.runner_lock = threading.Lock()
        self.runner_workers = runner_workers
        self.logins = LoginThrottle()

    def newest(self) -> Snapshot:
        """The snapshot of the version ``current`` points at now (a readlink; a new version
        is opened once, by whichever request sees it first)."""
        version = self._version()
        snapshot = self.snapshot
        if version != snapshot.version:
            with self.swap_lock:  # held only to open a store: nothing inside takes another lock
                if version != self.snapshot.version:
                    self.snapshot = self._open(version)
                snapshot = self.snapshot
        return snapshot

    def _version(self) -> Path | str:
        return self.remote.current_graph() if self.remote is not None else current_path(self.settings.store_dir)

    def _open(self, version: Path | str) -> Snapshot:
        if self.remote is not None:
            # The build that published this graph wrote its page data into its own version
            # folder; a viewer that can see that folder (same machine, or a shared/copied
            # store folder) reads it instead of computing it from the server.
            local = Path(self.settings.store_dir) / VERSIONS / unquote(str(version).rsplit("/", 1)[-1])
            return Snapshot(version, RemoteStore(self.remote.endpoint, graph=str(version)),
                            derived=local if local.is_dir() else None)
        return Snapshot(version, open_read_only(self.settings.store_dir), derived=version)

    def query_runner(self) -> QueryRunner:
        if self.runner is None:
            with self.runner_lock:
                if self.runner is None:
                    source = self.settings.sparql_url or self.settings.store_dir
                    self.runner = QueryRunner(source, settings=self.settings, workers=self.runner_workers,
                                              sandbox=not self.settings.sparql_url)
        return self.runner

    def close_runner(self) -> None:
        """Stop the runner's workers (a new one starts with the next query)."""
        with self.runner_lock:
            runner, self.runner = self.runner, None
        if runner is not None:
            runner.close()


def install(app: Flask, settings: Settings, *, runner_workers: int = 4) -> AppState:
    """Give ``app`` its state; the runner is closed when the app is collected or at exit."""
    state = AppState(settings, runner_workers=runner_workers)
    app.extensions["harzgraph"] = state
    weakref.finalize(app, state.close_runner)
    return state


def app_state(app: Flask | None = None) -> AppState:
    return (app or current_app).extensions["harzgraph"]


def snapshot() -> Snapshot:
    """The version this request reads, pinned at its first use."""
    pinned = g.get("_harzgraph_snapshot")
    if pinned is None:
        pinned = g._harzgraph_snapshot = app_state().newest()
    return pinned


def current_store() -> pyoxigraph.Store:
    """The read-only store of the version this request reads."""
    return snapshot().store


def current_settings() -> Settings:
    return app_state().settings


def current_runner() -> QueryRunner:
    """The app's one query runner, started with the first query (so a page that never asks
    SPARQL starts no workers)."""
    return app_state().query_runner()


def cached(key: str, compute: Callable[[], T]) -> T:
    """A value computed once per store version: a version never changes once built, so
    results that depend only on it stay true until a build swaps in a new one.

    The build precomputes what the pages need into the version's folder
    (:mod:`graph.derived`); such a value is read from there, and ``compute`` runs only for
    values the build did not write."""
    snap = snapshot()
    if key in snap.cache:
        return snap.cache[key]
    with snap.lock_for(key):
        if key not in snap.cache:
            found, value = derived.load(snap.derived, key)
            snap.cache[key] = value if found else compute()
        return snap.cache[key]


def remembered(key: str, compute: Callable[[], T], keep: int) -> T:
    """A value of this version that depends on what a request asks (a filtered network view):
    the ``keep`` most recently asked ones are kept, so a view asked again (the same filter with
    another actor selected, its JSON twin, a reload) is not computed again, while any number of
    different requests cannot fill the memory. Keys are shared with nothing else."""
    snap = snapshot()
    with snap.lock_for("remembered"):
        recent = snap.cache.setdefault("remembered", collections.OrderedDict())
        if key in recent:
            recent.move_to_end(key)
            return recent[key]
    value = compute()  # outside the lock: two requests for different views do not wait for each other
    with snap.lock_for("remembered"):
        recent[key] = value
        recent.move_to_end(key)
        while len(recent) > keep:
            recent.popitem(last=False)
    return value


#: Background threads for values that take long (:func:`prepared`): the briefing runs every
#: analysis, minutes at 100,000 actors. Two, so that one long computation does not hold up
#: every other page behind it; more would only share the same two cores.
_PREPARER = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="harzgraph-prepare")
#: A value the build wrote and smaller than this is read in the request itself (milliseconds).
_READ_AT_ONCE_BYTES = 20_000_000


#: How long a request waits for a value being prepared before it answers "being prepared"
#: (202, Retry-After): the briefing takes about a second on the shipped data and minutes at
#: 100,000 actors, which nobody should spend looking at a blank page. The app's
#: ``HARZGRAPH_PREPARE_WAIT_S`` setting overrides it.
PREPARE_WAIT_S = 2.0


def prepare_wait_s() -> float:
    """How long this app's requests wait for a value being prepared (:func:`prepared`)."""
    return float(current_app.config.get("HARZGRAPH_PREPARE_WAIT_S", PREPARE_WAIT_S))


def prepared(key: str, compute: Callable[[], T], wait_s: float) -> tuple[bool, T | None]:
    """A value of this version that may take long: ``(True, value)`` once it is ready,
    ``(False, None)`` while it is still being computed.

    The first ask starts :func:`cached` ``(key, compute)`` in the background (once per
    version and key, however many ask; a value the build wrote is read there too, as a large
    pickle takes seconds) and waits up to ``wait_s`` seconds for it, so a page can answer at
    once with "being prepared" instead of keeping its visitor waiting for minutes.
    ``compute`` runs with this request's version and language, as it would in the request;
    an error in it is raised to the request that collects it, and the next ask starts it again.
    """
    snap = snapshot()
    if key in snap.cache:
        return True, snap.cache[key]
    if snap.derived is not None:
        written = derived.path(snap.derived, key)
        if written.is_file() and written.stat().st_size < _READ_AT_ONCE_BYTES:
            return True, cached(key, compute)
    app, lang = current_app._get_current_object(), g.get("lang")

    def run() -> T:
        with app.app_context():
            g._harzgraph_snapshot = snap  # the version the asking request read
            if lang is not None:
                g.lang = lang
            return cached(key, compute)

    with snap.guard:
        future = snap.pending.get(key)
        if future is None:
            future = snap.pending[key] = _PREPARER.submit(run)
    try:
        value = future.result(timeout=wait_s)
    except concurrent.futures.TimeoutError:
        return False, None
    except Exception:
        with snap.guard:
            snap.pending.pop(key, None)
        raise
    return True, value


# -- values derived from one version, shared by the pages --------------------------------

def collaboration() -> nx.Graph:
    """The collaboration graph of this version, built once."""
    store = current_store()
    return cached("collaboration-graph", lambda: derived.graph(store))


def collaboration_compact() -> CompactGraph:
    """The collaboration graph packed (graph/compact.py): loaded in a fraction of a second at
    100,000 actors, for pages that need some of its actors (:meth:`CompactGraph.subgraph`)."""
    return cached("collaboration-compact", lambda: CompactGraph.from_graph(collaboration()))


def collaboration_meta() -> nx.Graph:
    """The collaboration graph's own attributes (labels, stage order, districts) without its
    actors: enough to label a precomputed page, without loading 100,000 actors."""
    return cached("collaboration-meta", lambda: network_views.graph_meta(collaboration()))


def network_layout() -> dict[str, tuple[float, float]]:
    """The positions of the network view's nodes, computed once per version."""
    return cached("network-layout", lambda: derived.layout(collaboration()))


def network_columns() -> network_views.NetworkColumns:
    """Every actor's facet values and every tie's types as arrays, in the packed graph's order
    (:func:`graph.views.network.network_columns`): what a filtered network view reads of the
    whole graph."""
    return cached("network-columns", lambda: network_views.network_columns(collaboration_compact()))


def network_rank() -> list[str]:
    """The actors best connected first (what a capped network view keeps)."""
    return cached("network-rank", lambda: network_views.degree_rank(collaboration()))


def actor_index() -> actor_views.ActorIndex:
    """The actors, labels and facet values in the page's language, read once per version."""
    lang, store = g.lang, current_store()
    return cached(f"actor-index-{lang}", lambda: derived.actor_index(store, lang))


def actor_list_index() -> actor_views.ActorIndex:
    """What the actor list reads on every request (:func:`graph.views.actors.packed_index`):
    precomputed by the build, seconds faster to load at 100,000 actors than :func:`actor_index`.
    Its full-text search index comes from :func:`actor_search`."""
    return cached(f"actor-list-{g.lang}", lambda: actor_views.packed_index(actor_index()))


def actor_name(slug: str) -> str | None:
    """The name of the actor with this id, None when no actor has it (read from the actor
    list's packed index, so a page about one actor need not load the collaboration graph)."""
    index = actor_list_index()
    where = cached(f"actor-positions-{g.lang}", lambda: {actor: i for i, actor in enumerate(index.facets.ids)})
    position = where.get(slug)
    return None if position is None else str(index.records[position]["name"])


def actor_search():
    """The full-text search index of the actors (graph/search.py), for a list with ``q``: the
    folder the build wrote (opened in milliseconds, the same in every language), else the
    index built with :func:`actor_index`."""
    snap = snapshot()

    def compute():
        written = derived.search_folder(snap.derived) if snap.derived is not None else None
        if written is not None and written.is_dir():
            return search.open_file(written)
        found, pickled = derived.load(snap.derived, f"actor-search-{g.lang}")  # a store built before the folder
        return pickled if found else actor_index().search

    return cached("actor-search", compute)


def concept_labels() -> dict:
    """The concepts' labels in the page's language (small; without the whole actor index)."""
    return cached(f"concept-labels-{g.lang}", lambda: actor_index().labels)


def facet_choices() -> dict[str, dict[str, str]]:
    """The values each facet accepts, in the page's language (small; without the actor index)."""
    return cached(f"facet-choices-{g.lang}", lambda: actor_index().choices)


def partner_index() -> PartnerIndex:
    """The partner index of this version (:class:`graph.analyse.partners.PartnerIndex`), written
    by the build: what a ranking about a topic or a place and a place or kind filter read
    instead of the whole collaboration graph (0.1 s to load at 100,000 actors, not 5 s)."""
    return cached("partner-index", lambda: analyse_partners.partner_index(collaboration()))


def suggestions(criteria: gap_views.PairFilter | None = None) -> gap_views.SuggestionList:
    """The ranked partner suggestions in the page's language, about the topic, area and kinds
    of ``criteria`` (all of them when None): the unfiltered list is precomputed by the build
    (graph/derived.py), each other one computed once per version and criteria from the
    partner index and the packed graph (:func:`_ranked`). ``sampled`` on the list says
    whether it is the best of a sample (very large graphs only)."""
    lang = g.lang
    if criteria is None or criteria.key() == gap_views.PairFilter().key():
        return cached(f"suggestions-{lang}", lambda: derived.suggestions(collaboration(), lang))
    return cached(f"suggestions-{lang}-{criteria.key()}", lambda: _ranked(criteria, lang))


def _ranked(criteria: gap_views.PairFilter, lang: str):
    # The packed graph is read when the first rows are worded, in the request, not in the wait.
    source = gap_views.RankingSource(partner_index(), collaboration_compact)
    if not criteria.topic() and not criteria.area():  # only funders or public bodies: beside the build's list
        return gap_views.suggestions_beside(suggestions(), source, criteria, lang=lang)
    return gap_views.partner_suggestions(source, lang=lang, criteria=criteria)


def suggestions_ready(criteria: gap_views.PairFilter, wait_s: float) -> bool:
    """Whether :func:`suggestions` of ``criteria`` can be had at once; if not, they are being
    computed in the background (:func:`prepared`). From the partner index the build wrote, a
    ranking about a topic or a place is bounded (about a second at 100,000 actors): the
    request computes it itself rather than answer "being prepared". Without that index (a
    store built before it existed) it is computed from the whole graph, in the background."""
    lang = g.lang
    if criteria.key() == gap_views.PairFilter().key():
        return True
    snap, key = snapshot(), f"suggestions-{lang}-{criteria.key()}"
    indexed = "partner-index" in snap.cache or (snap.derived is not None
                                                and derived.path(snap.derived, "partner-index").is_file())
    if indexed and key not in snap.pending:  # (one being computed in the background is waited for below)
        return True
    ready, _ = prepared(key, lambda: _ranked(criteria, lang), wait_s)
    return ready


def suggestions_of(iri: str) -> list[dict[str, Any]]:
    """The suggestions one actor takes part in, in rank order."""
    by_actor = cached(f"suggestions-by-actor-{g.lang}", lambda: derived.suggestions_by_actor(suggestions()))
    return by_actor.get(iri, [])


def data_tables() -> dict[str, list[dict[str, str]]]:
    """The editable tables as this version holds them (for the quality dashboard), read once."""
    from graph.export import tables_from_store

    store = current_store()
    return cached("data-tables", lambda: tables_from_store(store))


def release_name(version: Path | str) -> str:
    """A version's name: its folder's, or the end of a SPARQL server's data graph IRI
    (``…/graph/<version>``, as ``build --publish`` names it)."""
    return version.name if isinstance(version, Path) else version.rsplit("/", 1)[-1]


def quality_facts():
    """The data-quality checks of every record on any day (graph.views.quality.QualityFacts),
    written by the build; without it, from the tables read back once per version (slow)."""
    from graph.views import quality

    return cached("quality-facts", lambda: quality.prepare(data_tables()))


def releases() -> list[dict[str, str]]:
    """The store versions still kept, newest first: ``{"release", "role"}`` (current/previous)."""
    from graph.store import previous_path

    settings = app_state().settings
    version = snapshot().version
    if not isinstance(version, Path):  # a SPARQL server's data graph: its IRI ends in the release
        return [{"release": release_name(version), "role": "current"}]  # (no local folder to compare with)
    found = [{"release": version.name, "role": "current"}]
    previous = previous_path(settings.store_dir)
    if previous is not None and previous.name != found[0]["release"]:
        found.append({"release": previous.name, "role": "previous"})
    return found


def release_diff():
    """The previous release against the one this request reads (``graph.diff`` rows), once per version."""
    from graph.diff import diff
    from graph.store import previous_path

    settings = app_state().settings
    current = snapshot().version
    previous = previous_path(settings.store_dir)
    return cached("release-diff", lambda: diff(previous, current, ontology_dir=settings.ontology_dir))
