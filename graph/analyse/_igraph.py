"""NetworkX ↔ igraph for the analyses that hand over to igraph, with seeded runs."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

# igraph draws random numbers from one process-wide generator; a seeded run swaps it in
# and back, and the lock keeps two threads of the web server from mixing their seeds.
_IGRAPH_RNG_LOCK = threading.Lock()


def to_igraph(G: nx.Graph, *, weight: str | None = None) -> tuple[Any, list[str]]:
    """The same graph in igraph, vertices in IRI order; returns (graph, IRIs by index)."""
    import igraph

    nodes = sorted(G)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges() if u != v]
    g = igraph.Graph(n=len(nodes), edges=edges, directed=False)
    if weight is not None:
        g.es["weight"] = [float(d.get(weight, 1.0)) for u, v, d in G.edges(data=True) if u != v]
    return g, nodes


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph with its random numbers drawn from ``random.Random(seed)``."""
    import igraph

    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
