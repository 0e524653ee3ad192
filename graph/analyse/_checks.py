"""Argument checks and choices the analyses share: levels, backends, when igraph takes over, rounding."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

# Above this many actors the heavy measures (betweenness, constraint, communities, cores)
# go through igraph; NetworkX stays the readable reference the tests compare against.
# (Exact NetworkX betweenness takes about 3 s at 1,000 SYNTHETIC actors with 4,600 ties.)
NX_LIMIT = 500
# NetworkX's Burt constraint grows with the cube of the degrees (2.7 s for 300 SYNTHETIC
# actors with 1,400 ties, against milliseconds in igraph), so it hands over much earlier.
NX_LIMIT_CONSTRAINT = 100

LEVELS = ("region", "state", "district")
BACKENDS = ("auto", "networkx", "igraph")


def check_top(top: int | None) -> None:
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 0):
        raise ValueError(f"top must be None or an integer >= 0, not {top!r}")


def check_choice(name: str, value: object, allowed: Iterable[object]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}, not {value!r}")


def check_positive_int(name: str, value: object, *, minimum: int = 1) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, not {value!r}")


def use_igraph(G: nx.Graph, backend: str, *, limit: int = NX_LIMIT) -> bool:
    """Whether a heavy measure goes through igraph for this graph and backend choice."""
    check_choice("backend", backend, BACKENDS)
    if backend == "auto":
        return G.number_of_nodes() > limit
    return backend == "igraph"


def order_levels(levels: Iterable[str]) -> tuple[str, ...]:
    levels = tuple(levels)
    for level in levels:
        check_choice("levels", level, LEVELS)
    return tuple(level for level in LEVELS if level in levels)

def r4(value: float) -> float:
    """Round for output: four decimals, plain float (never a numpy scalar)."""
    return float(round(float(value), 4))
