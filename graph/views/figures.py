"""The viewer's figures as files to download (PNG, SVG): the value-chain heatmap of ``/chains``,
a border matrix of ``/borders``, the collection chart of ``/collection`` and the map of ``/map``, drawn from the rows
each page shows (so a file shows what the page's filters chose) in the briefing's style
(:mod:`graph.report.figures`, which also writes the files with :func:`~graph.report.figures.figure_file`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch, PathPatch, Rectangle
from matplotlib.path import Path

from graph.analyse.chains import OFF_PATH
from graph.report import figures
from graph.report.figures import INK, MUTED, RULE
from graph.views.collection import status_label
from graph.words.ui import translate

#: Colours of the collection chart, as on the page (``collection.css``): generated (its range
#: darker), the target band, collected by status, and the scenario with levers.
PAGE_ACCENT, WEAK = "#17607a", "#b23c17"
GENERATED, GENERATED_RANGE, TARGET, SCENARIO, SCENARIO_BASE = (
    "#d9d4c7",
    "#a89f88",
    (0.698, 0.235, 0.09, 0.18),
    "#b8860b",
    "#e9d9a8",
)
COLLECTED = {
    "measured": {"facecolor": PAGE_ACCENT},
    "estimated": {"facecolor": "#c9dde3", "hatch": "////", "edgecolor": PAGE_ACCENT, "linewidth": 0},
    "assumed": {"facecolor": "#c9dde3", "edgecolor": PAGE_ACCENT, "linestyle": "--", "linewidth": 0.8},
}


def file_of(fig: Figure | None, fmt: str, *, title: str) -> bytes | None:
    """``fig`` as a PNG or SVG file (:func:`graph.report.figures.figure_file`); None for no figure."""
    return figures.figure_file(fig, fmt, title=title) if fig is not None else None


def chain_figure(rows: Sequence[Mapping[str, Any]], grid: Mapping[str, Any], *, lang: str = "de") -> Figure | None:
    """The heatmap of one ``/chains`` view: ``rows`` of :func:`graph.views.gaps.chain_rows` (as
    the page keeps them) and the groups of :func:`graph.views.gaps.chain_grid`, in the page's
    order; None when no item has an actor."""
    cells = [{**row, f"item_{lang}": row["item_label"], f"stage_{lang}": row["stage_label"]} for row in rows]
    groups = [
        (translate(f"chains.group.{group['group']}", lang), [entry["item"] for entry in group["entries"]])
        for group in grid["groups"]
    ]
    return figures.chain_figure(cells, groups, lang=lang, off_path=OFF_PATH)


def border_figure(rows: Sequence[Mapping[str, Any]], level: str, *, lang: str = "de") -> Figure | None:
    """The matrix of one level (``"state"`` or ``"district"``) of ``/borders``: ``rows`` of
    :func:`graph.views.gaps.border_rows`; None when the level has no rows."""
    mine = [{**row, f"a_{lang}": row["a_label"], f"b_{lang}": row["b_label"]} for row in rows if row["level"] == level]
    return figures.border_figure(mine, lang=lang)


def collection_figure(districts: Sequence[Mapping[str, Any]], *, lang: str = "de") -> Figure | None:
    """The chart of ``/collection``: per district with a model, WEEE generated (its range
    darker), the target band, what is collected (coloured by measured / estimated / assumed)
    and, where levers are set, what would be collected with them, in tonnes a year.

    Parameters
    ----------
    districts : the ``districts`` of :func:`graph.views.collection.collection_view`.
    lang : "de" or "en".

    Returns
    -------
    Figure or None
        None when no district has a model.
    """
    rows = [d for d in districts if d.get("generated") and d.get("collected")]
    if not rows:
        return None
    scenario = any(d.get("scenario_collected") for d in rows)
    with figures.style():
        height = 0.9 + 0.55 * len(rows)
        fig = Figure(figsize=(7.5, height))
        ax = fig.add_axes((1.9 / 7.5, 0.75 / height, 5.3 / 7.5, 0.55 * len(rows) / height))
        for i, d in enumerate(rows):
            generated, collected, target = d["generated"], d["collected"], d.get("target")
            ax.barh(i - 0.3, generated["high"], height=0.16, color=GENERATED, linewidth=0)
            ax.barh(
                i - 0.3,
                generated["high"] - generated["low"],
                left=generated["low"],
                height=0.16,
                color=GENERATED_RANGE,
                linewidth=0,
            )
            if target:
                ax.barh(
                    i,
                    max(target["high"] - target["low"], _top(rows) * 0.004),
                    left=target["low"],
                    height=0.8,
                    facecolor=TARGET,
                    edgecolor=WEAK,
                    linewidth=1.0,
                )
            style = COLLECTED.get(collected["status"], COLLECTED["assumed"])
            ax.barh(i - 0.02, collected["high"], height=0.22, **{"linewidth": 0, **style})
            later = d.get("scenario_collected")
            if later:
                ax.barh(i + 0.26, later["low"], height=0.12, color=SCENARIO_BASE, linewidth=0)
                ax.barh(
                    i + 0.26,
                    max(later["high"] - later["low"], _top(rows) * 0.003),
                    left=later["low"],
                    height=0.16,
                    color=SCENARIO,
                    linewidth=0,
                )
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([d["name"] for d in rows], fontsize=7.5)
        ax.invert_yaxis()
        ax.set_xlim(0, _top(rows) * 1.05)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", labelsize=6.5)
        ax.xaxis.set_major_formatter(lambda x, _pos: figures._num(x, lang, 0))
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.grid(axis="x", color="#e4e7eb", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.set_xlabel(translate("collection.chart", lang), fontsize=7, color=MUTED)
        collected_word = translate("collection.col.collected", lang)
        handles = [
            Patch(facecolor=GENERATED_RANGE, label=translate("collection.chart.generated", lang)),
            Patch(facecolor=TARGET, edgecolor=WEAK, label=translate("collection.chart.target", lang)),
            *[
                Patch(**{"linewidth": 0, **style}, label=f"{collected_word}: {status_label(status, lang)}")
                for status, style in COLLECTED.items()
            ],
        ]
        if scenario:
            handles.append(Patch(facecolor=SCENARIO, label=translate("collection.chart.scenario", lang)))
        _bottom_legend(fig, handles, left=0.02, ncols=3)
        return fig


def _bottom_legend(fig: Figure, handles: list, *, left: float, ncols: int) -> None:
    """The figures' legend along the bottom edge, in one style for all of them."""
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(left, 0.0), ncols=ncols, frameon=False,
               fontsize=6.5, handlelength=1.2, columnspacing=1.0, labelcolor=INK)


def _top(rows: Sequence[Mapping[str, Any]]) -> float:
    """The largest amount the collection chart draws (tonnes), at least 1."""
    values = [d["generated"]["high"] for d in rows]
    values += [d["scenario_collected"]["high"] for d in rows if d.get("scenario_collected")]
    return max(values, default=1.0) or 1.0


#: The map's colours, as on the page (``harzgraph.css``: ``.shade-*``, ``.outside``, ``.actor-place``, ``.site``).
SHADES = ("#eef3f4", "#c9dde3", "#93bccb", "#5b93aa", "#2f6b84")
NO_DATA, OUTSIDE, STATE_LINE, CANDIDATE_LINE = "#e4e1da", "#ecebe6", "#4b5157", "#9a5b00"
ACTOR_PLACE, ACTOR_EDGE, SITE = "#e0b000", "#5a4500", "#b5442c"
_POINT = re.compile(r"([MLZ])\s*(?:(-?[0-9.]+)[ ,](-?[0-9.]+))?")


def map_figure(drawing: Mapping[str, Any], *, lang: str = "de", title: str = "") -> Figure:
    """The map of ``/map`` as a figure: the districts shaded by the measure (candidates
    hatched, those outside the region grey), the state borders, the districts' names,
    collection points (squares) and actors (circles, sized by how many share a place).

    Parameters
    ----------
    drawing : :func:`graph.views.map.region_map` (SVG path data in its own units, y downwards).
    lang : "de" or "en", for the legend.
    title : drawn above the map (the measure), escaped like every other text.
    """
    width, height = float(drawing["width"]), float(drawing["height"])
    with figures.style():
        inches = 7.0
        head, foot = (0.35 if title else 0.0), 0.55
        fig = Figure(figsize=(inches, inches * height / width + head + foot))
        ax = fig.add_axes((0.0, foot / fig.get_figheight(), 1.0, 1 - (head + foot) / fig.get_figheight()))
        for d in drawing["districts"]:
            if d.get("in_region"):
                colour = NO_DATA if d.get("shade") is None else SHADES[min(int(d["shade"]), len(SHADES) - 1)]
            else:
                colour = OUTSIDE
            candidate = d.get("region_status") == "candidate"
            ax.add_patch(
                PathPatch(
                    _path(d["path"]),
                    facecolor=colour,
                    edgecolor=CANDIDATE_LINE if candidate else "#ffffff",
                    linewidth=1.0 if candidate else 0.8,
                    linestyle="--" if candidate else "-",
                    hatch="///" if candidate else None,
                )
            )
        for s in drawing["states"]:
            ax.add_patch(
                PathPatch(
                    _path(s["path"]),
                    facecolor="none",
                    edgecolor=STATE_LINE,
                    linewidth=1.2,
                    linestyle=(0, (6, 2, 1.5, 2)),
                )
            )
        for d in drawing["districts"]:
            ax.text(
                d["label_x"],
                d["label_y"],
                d["name"],
                ha="center",
                va="center",
                fontsize=7 if d.get("in_region") else 6,
                fontweight="bold" if d.get("in_region") else "normal",
                color=INK if d.get("in_region") else MUTED,
                bbox={"boxstyle": "round,pad=0.12", "facecolor": "#ffffff", "edgecolor": "none", "alpha": 0.7},
            )
        for site in drawing.get("sites", ()):
            ax.add_patch(
                Rectangle((site["x"] - 4, site["y"] - 4), 8, 8, facecolor=SITE, edgecolor="#ffffff", linewidth=0.5)
            )
        for place in drawing.get("actor_places", ()):
            n = place["count"]
            ax.add_patch(
                Circle(
                    (place["x"], place["y"]),
                    4 + n**0.5 * 2.5,
                    facecolor=ACTOR_PLACE,
                    edgecolor=ACTOR_EDGE,
                    linewidth=0.6,
                    alpha=0.9,
                )
            )
            if n > 1:
                ax.text(
                    place["x"],
                    place["y"],
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=5.5,
                    fontweight="bold",
                    color="#3b2e00",
                )
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.set_aspect("equal")
        ax.axis("off")
        if title:
            fig.text(
                0.02,
                1 - 0.1 / fig.get_figheight(),
                title,
                ha="left",
                va="top",
                fontsize=9,
                fontweight="bold",
                color=INK,
            )
        _bottom_legend(fig, _map_legend(drawing, lang), left=0.01, ncols=5)
        fig.text(
            0.99,
            1 - 0.1 / fig.get_figheight(),
            "© GeoBasis-DE / BKG 2021 (Daten verändert)",
            ha="right",
            va="top",
            fontsize=5.5,
            color=MUTED,
        )
        return fig


def _map_legend(drawing: Mapping[str, Any], lang: str) -> list:
    """The shades with their ranges, then candidate, outside, actor and collection point."""
    rate = str(drawing.get("measure", "")).endswith("per_100k")
    handles = []
    for row in drawing.get("legend", ()):
        low, high = row["low"], row["high"]
        if row["shade"] == 0:
            text = "0"
        elif rate:
            text = f"{figures._num(low, lang)}–{figures._num(high, lang)}"
        else:
            text = (
                f"{figures._num(low, lang, 0)}"
                if low == high
                else f"{figures._num(low, lang, 0)}–{figures._num(high, lang, 0)}"
            )
        handles.append(
            Patch(facecolor=SHADES[min(int(row["shade"]), len(SHADES) - 1)], edgecolor=RULE, linewidth=0.5, label=text)
        )
    handles += [
        Patch(
            facecolor=SHADES[1],
            edgecolor=CANDIDATE_LINE,
            hatch="///",
            linestyle="--",
            label=translate("map.legend.candidate", lang),
        ),
        Patch(facecolor=OUTSIDE, edgecolor=RULE, label=translate("map.legend.outside", lang)),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markerfacecolor=ACTOR_PLACE,
            markeredgecolor=ACTOR_EDGE,
            label=translate("map.legend.actor", lang),
        ),
        Line2D(
            [],
            [],
            marker="s",
            linestyle="none",
            markerfacecolor=SITE,
            markeredgecolor="#ffffff",
            label=translate("map.legend.site", lang),
        ),
    ]
    return handles


def _path(data: str) -> Path:
    """SVG path data of :func:`graph.views.map.svg_path` (``M x y L x y … Z``, rings one after
    another) as a matplotlib path."""
    vertices, codes, start = [], [], (0.0, 0.0)
    for command, x, y in _POINT.findall(data):
        if command == "Z":
            vertices.append(start)
            codes.append(Path.CLOSEPOLY)
            continue
        point = (float(x), float(y))
        if command == "M":
            start = point
        vertices.append(point)
        codes.append(Path.MOVETO if command == "M" else Path.LINETO)
    return Path(vertices, codes)
