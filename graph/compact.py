"""The collaboration graph packed for pages that read a part of it (issue 15).

At 100,000 actors the :func:`graph.network.collaboration_graph` pickle takes 5–9 s to load
(100,000 node dicts and 316,000 edge dicts of lists, millions of Python objects), so a page
that needs a few hundred actors of it — a filtered network, the evidence of 5,000 partner
suggestions, a district's rows — cannot afford it. :class:`CompactGraph` keeps the same
graph as a few NumPy arrays and two blocks of JSON lines (:class:`PackedRecords`): it loads
in a fraction of a second, answers degrees and neighbours from arrays, decodes an actor's or
a tie's attributes only when asked, and rebuilds the NetworkX graph of just the actors a page
needs (:meth:`CompactGraph.subgraph`), on which the analyses and views run unchanged.

The build writes it under the key ``collaboration-compact`` (:mod:`graph.derived`).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np

from graph.views.actors import PackedRecords


class CompactGraph:
    """An undirected graph (no multi-edges) as CSR arrays and packed attributes.

    ``nodes``: the node names, sorted; ``indptr``/``indices``: the neighbours of node ``i``
    are ``indices[indptr[i]:indptr[i + 1]]`` (sorted; a self-loop is a tie, in ``loops``: node →
    its row, but no neighbour); ``tie_of``: beside ``indices``, the row of that tie in ``ties``, whose
    records are the edge attributes with ``"ends": [i, j]`` (i ≤ j); ``attrs``: node ``i``'s
    attributes; ``graph``: the graph's own attributes.

    >>> G = nx.Graph(name="toy")
    >>> G.add_node("b", kind="recycler"); G.add_node("a", kind="repairer"); G.add_node("c")
    >>> G.add_edge("a", "b", weight=1.0, sources=["s1"]); G.add_edge("b", "c", weight=0.5)
    >>> C = CompactGraph.from_graph(G)
    >>> C.nodes, C.degree().tolist(), C.neighbours("b")
    (['a', 'b', 'c'], [1, 2, 1], ['a', 'c'])
    >>> C.node_attrs("b"), C.tie("b", "a")
    ({'kind': 'recycler'}, {'weight': 1.0, 'sources': ['s1']})
    >>> H = C.subgraph(["a", "b"])
    >>> sorted(H.nodes(data="kind")), list(H.edges(data="weight")), H.graph["name"]
    ([('a', 'repairer'), ('b', 'recycler')], [('a', 'b', 1.0)], 'toy')
    """

    def __init__(self, nodes: list[str], indptr: np.ndarray, indices: np.ndarray, tie_of: np.ndarray,
                 attrs: PackedRecords, ties: PackedRecords, graph: dict, loops: dict[int, int]) -> None:
        self.nodes = nodes
        self.loops = loops
        self.indptr, self.indices, self.tie_of = indptr, indices, tie_of
        self.attrs, self.ties, self.graph = attrs, ties, graph
        self._index: dict[str, int] | None = None

    @classmethod
    def from_graph(cls, G: nx.Graph) -> CompactGraph:
        """Pack ``G`` (its attributes must be JSON values: str, numbers, None, lists, dicts).
        O(n log n + m)."""
        if G.is_directed() or G.is_multigraph():
            raise ValueError("CompactGraph packs undirected simple graphs only")
        nodes = sorted(G)
        index = {v: i for i, v in enumerate(nodes)}
        ties, ends = [], []
        for u, v, data in G.edges(data=True):
            i, j = sorted((index[u], index[v]))
            ties.append({**data, "ends": [i, j]})
            ends.append((i, j))
        pairs = np.array(ends, dtype=np.int64).reshape(-1, 2)
        rows = np.arange(len(ends), dtype=np.int64)
        proper = pairs[:, 0] != pairs[:, 1]
        # Each tie seen from both ends (self-loops are ties but nobody's neighbour).
        src = np.concatenate([pairs[proper, 0], pairs[proper, 1]])
        dst = np.concatenate([pairs[proper, 1], pairs[proper, 0]])
        row = np.concatenate([rows[proper], rows[proper]])
        order = np.lexsort((dst, src))
        indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=len(nodes)), out=indptr[1:])
        dtype = np.int32 if len(nodes) < 2**31 and len(ends) < 2**31 else np.int64
        compact = cls(nodes, indptr, dst[order].astype(dtype), row[order].astype(dtype),
                      PackedRecords([dict(G.nodes[v]) for v in nodes]), PackedRecords(ties), dict(G.graph),
                      {int(pairs[r, 0]): int(r) for r in rows[~proper]})
        compact._index = index
        return compact

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node: object) -> bool:
        return node in self.index

    @property
    def index(self) -> dict[str, int]:
        """Node name → its position in ``nodes`` (built on first use)."""
        if self._index is None:
            self._index = {v: i for i, v in enumerate(self.nodes)}
        return self._index

    def number_of_ties(self) -> int:
        return len(self.ties)

    def degree(self) -> np.ndarray:
        """The number of neighbours of every node, in ``nodes`` order."""
        return np.diff(self.indptr)

    def neighbour_ids(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i]:self.indptr[i + 1]]

    def neighbours(self, node: str) -> list[str]:
        return [self.nodes[j] for j in self.neighbour_ids(self.index[node])]

    def node_attrs(self, node: str) -> dict:
        return self.attrs[self.index[node]]

    def tie(self, u: str, v: str) -> dict | None:
        """The attributes of the tie between ``u`` and ``v`` (None without one)."""
        i, j = self.index[u], self.index[v]
        if i == j:
            return self._tie_attrs(self.loops[i]) if i in self.loops else None
        found = self.neighbour_ids(i)
        k = int(np.searchsorted(found, j))
        if k < len(found) and found[k] == j:
            return self._tie_attrs(int(self.tie_of[self.indptr[i] + k]))
        return None

    def _tie_attrs(self, row: int) -> dict:
        data = self.ties[row]
        del data["ends"]
        return data

    def subgraph(self, nodes: Iterable[str]) -> nx.Graph:
        """The NetworkX graph induced by ``nodes`` (unknown names left out), with every
        attribute of its nodes and ties and the graph's own; O(Σ degree of ``nodes``)."""
        index = self.index
        chosen = sorted({index[v] for v in nodes if v in index})
        H = nx.Graph(**self.graph)
        H.add_nodes_from((self.nodes[i], self.attrs[i]) for i in chosen)
        wanted = np.zeros(len(self.nodes), dtype=bool)
        wanted[chosen] = True
        rows = {self.loops[i] for i in chosen if i in self.loops}
        for i in chosen:
            start, stop = self.indptr[i], self.indptr[i + 1]
            keep = wanted[self.indices[start:stop]]
            rows.update(self.tie_of[start:stop][keep].tolist())
        for row in sorted(rows):
            data = self.ties[row]
            i, j = data.pop("ends")
            H.add_edge(self.nodes[i], self.nodes[j], **data)
        return H
