"""The stage chain the analyses share: positions, the ordered chain, and one rule for adjacency (flow ranks)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx


def stage_positions(G: nx.Graph) -> dict[str, int]:
    """Stage notation -> position in the material flow, from ``G.graph["stage_order"]``."""
    return dict(G.graph.get("stage_order") or {})


def chain(G: nx.Graph) -> list[str]:
    """The top-level stages in material-flow order, one notation per position.

    ``G.graph["stage_chain"]`` wins when the projection provides it. Otherwise, of the
    notations that share a position, the group concept is taken: a notation that is not a
    number (``TS-RR``, ``TS-MR``) before the shortest one (``TS-01`` before ``TS-01a``).

    >>> chain(nx.Graph(stage_order={"TS-01": 1, "TS-01a": 1, "TS-02": 2, "TS-RR": 2}))
    ['TS-01', 'TS-RR']
    """
    if G.graph.get("stage_chain"):
        return list(G.graph["stage_chain"])
    by_position: dict[int, list[str]] = {}
    for notation, position in stage_positions(G).items():
        by_position.setdefault(position, []).append(notation)

    def group_first(notation: str) -> tuple[int, int, str]:
        code = notation.split("-", 1)[-1]
        return (0 if code.isalpha() else 1, len(notation), notation)

    return [min(by_position[p], key=group_first) for p in sorted(by_position)]


def chain_positions(G: nx.Graph, stages: Iterable[str] | None) -> list[tuple[int, str]]:
    """(position, notation) of the chain stages an analysis looks at, in flow order."""
    positions = stage_positions(G)
    top = chain(G)
    if stages is None:
        return [(positions[s], s) for s in top]
    wanted = list(stages)
    unknown = [s for s in wanted if s not in top]
    if unknown:
        known = ", ".join(top) or "none in G.graph['stage_order']"
        raise ValueError(f"stages: {', '.join(unknown)} is not a top-level stage of the chain ({known})")
    return sorted((positions[s], s) for s in set(wanted))


# Re-use and repair branch off the recycling path; energy recovery and disposal take its
# residues. A gap there is not where a material's value leaves the region, so chains look
# along the path only (stage scheme: ontology/vocab/stages.ttl).
OFF_PATH = ("TS-RR", "TS-12", "TS-13")


def flow_ranks(G: nx.Graph, off_path: Iterable[str] = OFF_PATH) -> dict[str, int]:
    """Stage notation -> rank along the recycling path, the one notion of "adjacent stages"
    that chains and partner suggestions share.

    The stages on the path get even ranks 0, 2, 4 … in flow order; a stage off the path
    (re-use and repair, energy recovery, disposal) gets the odd rank between the path stages
    around it, so it is adjacent to both and does not push them apart: collection and sorting
    stay neighbours although re-use sits between them in the full order. Sub-stages take
    their group's rank. Two stages are adjacent when their ranks differ by 1 or 2.

    >>> G = nx.Graph(stage_order={"TS-01": 1, "TS-RR": 2, "TS-02": 2, "TS-05": 3})
    >>> flow_ranks(G)
    {'TS-01': 0, 'TS-RR': 1, 'TS-02': 1, 'TS-05': 2}
    """
    off = set(off_path)
    rank_of_position: dict[int, int] = {}
    rank = -2
    for stage in chain(G):
        position = stage_positions(G)[stage]
        if stage in off:
            rank_of_position[position] = rank + 1
        else:
            rank += 2
            rank_of_position[position] = rank
    return {s: rank_of_position[p] for s, p in stage_positions(G).items() if p in rank_of_position}


def adjacent(rank_a: int, rank_b: int, gap: int = 1) -> bool:
    """Whether two flow ranks (:func:`flow_ranks`) are at most ``gap`` steps apart, not equal."""
    return 0 < abs(rank_a - rank_b) <= 2 * gap
