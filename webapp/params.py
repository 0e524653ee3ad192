"""Query string → typed filters (a 400 naming the bad parameter), and link helpers.

Plain words filter (``?district=goslar&kind=recycler``; a repeated parameter means "any
of"); an underscore marks display controls (``?_sort=-relations&_page=2``). Values are
matched to notations case- and accent-insensitively, by notation or by label, so both
``district=03153`` and ``district=goslar`` work; links the app writes use notations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from werkzeug.datastructures import MultiDict
from werkzeug.routing import BaseConverter

from graph.views.actors import FACETS, SORTS, ActorFilter, fold
from graph.views.map import MEASURES
from graph.views.network import MAX_HOPS, NODE_FACETS, NetworkFilter

from .i18n import LANGS

MAX_TEXT = 200
#: Longest query string a page accepts (``/sparql`` bounds its query by characters instead).
MAX_QUERY_STRING = 8192
#: Every query parameter a page reads. Links the app writes keep only these, so an unknown
#: parameter is never echoed into every link and header (issue 10, defect 6). A page that
#: reads a new parameter adds its name here.
KNOWN = frozenset({
    "lang", "q", "_page", "_sort", "_color", "_measure", "_suggest", "_sel", "_chart",
    "kind", "state", "district", "stage", "material", "category", "competency", "confidence", "relation",
    "focus", "hops", "from", "to", "actor", "min_score", "group", "level", "exclude", "table", "measure", "key",
    "download", "format",
    "year", "embed", "v", "_offset", "_limit", "_size", "include", "leave_out",
})
_INTEGER = re.compile(r"[0-9]{1,9}")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")
COLOURS = ("kind", "state", "community")
#: What a node's size in the network view stands for.
SIZES = ("degree", "betweenness")


class SlugConverter(BaseConverter):
    """URL part that is an id: lower-case letters, digits and hyphens (so ``.json`` stays a suffix)."""

    regex = SLUG.pattern


class BadParameter(ValueError):
    """A query parameter has a value the page cannot use; ``name``, ``value`` and the
    ``allowed`` values (when there is a list) say which and what would be right."""

    def __init__(self, name: str, value: str, allowed: list[str] | None = None, reason: str | None = None):
        self.name = name
        self.value = value
        self.allowed = allowed or []
        self.reason = reason
        hint = f"; allowed: {', '.join(self.allowed)}" if self.allowed else (f"; {reason}" if reason else "")
        super().__init__(f"query parameter '{name}': {value!r} is not valid{hint}")


def lang(args: Mapping) -> str:
    """``?lang=en`` or German."""
    return one_of(args, "lang", LANGS, "de")


def one_of(args: Mapping, name: str, allowed: tuple[str, ...] | list[str], default: str) -> str:
    value = args.get(name)
    if value is None or value == "":
        return default
    if value not in allowed:
        raise BadParameter(name, value, list(allowed))
    return value


def integer(args: Mapping, name: str, default: int, low: int, high: int) -> int:
    value = args.get(name)
    if value is None or value == "":
        return default
    if not _INTEGER.fullmatch(value) or not low <= int(value) <= high:
        raise BadParameter(name, value[:40], reason=f"a whole number from {low} to {high}")
    return int(value)


def text(args: Mapping, name: str) -> str:
    value = (args.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise BadParameter(name, value[:40] + "…", reason=f"at most {MAX_TEXT} characters")
    return value


def slug(args: Mapping, name: str) -> str | None:
    """An actor id (``[a-z0-9-]``) or None when absent."""
    value = (args.get(name) or "").strip()
    if not value:
        return None
    if not SLUG.fullmatch(value):
        raise BadParameter(name, value[:40], reason="an actor id of lower-case letters, digits and hyphens")
    return value


def facet_values(args: MultiDict, name: str, choices: dict[str, str]) -> tuple[str, ...]:
    """The notations a repeated facet parameter selects; each value given by notation or label.

    >>> facet_values(MultiDict([("district", "Goslar"), ("district", "03159")]), "district",
    ...              {"03153": "Goslar", "03159": "Göttingen"})
    ('03153', '03159')
    """
    lookup = {}
    for notation, label in choices.items():
        lookup[fold(label)] = notation
    for notation in choices:
        lookup[fold(notation)] = notation
    selected = []
    for value in args.getlist(name):
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            notation = lookup.get(fold(part))
            if notation is None:
                raise BadParameter(name, part, sorted(choices))
            if notation not in selected:
                selected.append(notation)
    return tuple(selected)


def actor_filter(args: MultiDict, choices: dict[str, dict[str, str]]) -> ActorFilter:
    """The actor list's filter: facets of :data:`graph.actors.FACETS`, ``q``, ``_sort``
    (a sort key, ``-`` in front for descending)."""
    selected = {facet: facet_values(args, facet, choices[facet]) for facet in FACETS}
    # A search is ranked by relevance unless the user sorts otherwise.
    sort = args.get("_sort") or ("relevance" if text(args, "q") else "name")
    key = sort.removeprefix("-")
    if key not in SORTS:
        raise BadParameter("_sort", sort, [*SORTS, *(f"-{s}" for s in SORTS)])
    return ActorFilter({f: v for f, v in selected.items() if v}, q=text(args, "q"), sort=key,
                       descending=sort.startswith("-"))


def network_filter(args: MultiDict, choices: dict[str, dict[str, str]], relations: dict[str, str]) -> NetworkFilter:
    """The network view's filter: node facets, ``relation``, ``q``, ``focus`` with ``hops``,
    and ``from``/``to`` for a shortest path (both or neither)."""
    selected = {facet: facet_values(args, facet, choices[facet]) for facet in NODE_FACETS}
    selected["relation"] = facet_values(args, "relation", relations)
    start, end = slug(args, "from"), slug(args, "to")
    if bool(start) != bool(end):
        missing = "to" if start else "from"
        raise BadParameter(missing, "", reason="'from' and 'to' name the two ends of a path; give both")
    return NetworkFilter({f: v for f, v in selected.items() if v}, q=text(args, "q"), focus=slug(args, "focus"),
                         hops=integer(args, "hops", 1, 1, MAX_HOPS), path=(start, end) if start else None)


def colour(args: Mapping) -> str:
    return one_of(args, "_color", COLOURS, "kind")


def size(args: Mapping) -> str:
    return one_of(args, "_size", SIZES, "degree")


def measure(args: Mapping) -> str:
    return one_of(args, "_measure", MEASURES, "actors")


def with_args(args: MultiDict, **changes: object) -> dict[str, list[str]]:
    """The query of ``args`` with some parameters replaced (a value of None removes one);
    pass the result to ``url_for`` as keyword arguments.

    Parameters no page reads are dropped (:data:`KNOWN`).

    >>> with_args(MultiDict([("kind", "a"), ("kind", "b"), ("_page", "2")]), _page=None, q="x")
    {'kind': ['a', 'b'], 'q': ['x']}
    >>> with_args(MultiDict([("kind", "a"), ("junk", "x" * 1000)]))
    {'kind': ['a']}
    """
    query = known_args(args).to_dict(flat=False)
    for name, value in changes.items():
        if value is None or value == "" or value == []:
            query.pop(name, None)
        elif isinstance(value, list | tuple):
            query[name] = [str(v) for v in value]
        else:
            query[name] = [str(value)]
    return query


def known_args(args: MultiDict) -> MultiDict:
    """The parameters of ``args`` that some page reads, in their order.

    >>> known_args(MultiDict([("junk", "1"), ("q", "x")]))
    MultiDict([('q', 'x')])
    """
    return MultiDict([(name, value) for name, value in args.items(multi=True) if name in KNOWN])


def toggled(args: MultiDict, name: str, value: str) -> dict[str, list[str]]:
    """The query with ``value`` added to the repeated parameter ``name``, or removed when
    present; the page number is dropped, since the list changes.

    >>> toggled(MultiDict([("kind", "a"), ("_page", "3")]), "kind", "b")
    {'kind': ['a', 'b']}
    >>> toggled(MultiDict([("kind", "a")]), "kind", "a")
    {}
    """
    current = args.getlist(name)
    values = [v for v in current if v != value] if value in current else [*current, value]
    return with_args(args, **{name: values, "_page": None})
