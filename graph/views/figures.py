"""The viewer's figures as files to download (PNG, SVG): the value-chain heatmap of ``/chains``,
a border matrix of ``/borders`` and the collection chart of ``/collection``, drawn from the rows
each page shows (so a file shows what the page's filters chose) in the briefing's style
(:mod:`graph.report.figures`, which also writes the files with :func:`~graph.report.figures.figure_file`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from graph.analyse.chains import OFF_PATH
from graph.report import figures
from graph.report.figures import ACCENT, INK, MUTED, RULE
from graph.views.collection import status_label
from graph.words.ui import translate

#: Colours of the collection chart: generated (grey), the target band, collected by status,
#: and the scenario with levers (terracotta).
GENERATED, GENERATED_RANGE, TARGET, SCENARIO = "#e4e7eb", "#9aa5b1", "#f0b429", "#b5523b"
COLLECTED = {"measured": ACCENT, "estimated": "#5b86bf", "assumed": "#c4d6ec"}


def file_of(fig: Figure | None, fmt: str, *, title: str) -> bytes | None:
    """``fig`` as a PNG or SVG file (:func:`graph.report.figures.figure_file`); None for no figure."""
    return figures.figure_file(fig, fmt, title=title) if fig is not None else None


def chain_figure(rows: Sequence[Mapping[str, Any]], grid: Mapping[str, Any], *, lang: str = "de") -> Figure | None:
    """The heatmap of one ``/chains`` view: ``rows`` of :func:`graph.views.gaps.chain_rows` (as
    the page keeps them) and the groups of :func:`graph.views.gaps.chain_grid`, in the page's
    order; None when no item has an actor."""
    cells = [{**row, f"item_{lang}": row["item_label"], f"stage_{lang}": row["stage_label"]} for row in rows]
    groups = [(translate(f"chains.group.{group['group']}", lang), [entry["item"] for entry in group["entries"]])
              for group in grid["groups"]]
    return figures.chain_figure(cells, groups, lang=lang, off_path=OFF_PATH)


def border_figure(rows: Sequence[Mapping[str, Any]], level: str, *, lang: str = "de") -> Figure | None:
    """The matrix of one level (``"state"`` or ``"district"``) of ``/borders``: ``rows`` of
    :func:`graph.views.gaps.border_rows`; None when the level has no rows."""
    mine = [{**row, f"a_{lang}": row["a_label"], f"b_{lang}": row["b_label"]} for row in rows
            if row["level"] == level]
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
    with matplotlib.rc_context(figures._RC):
        height = 0.9 + 0.55 * len(rows)
        fig = Figure(figsize=(7.5, height))
        ax = fig.add_axes((1.9 / 7.5, 0.75 / height, 5.3 / 7.5, 0.55 * len(rows) / height))
        for i, d in enumerate(rows):
            generated, collected, target = d["generated"], d["collected"], d.get("target")
            ax.barh(i - 0.28, generated["high"], height=0.12, color=GENERATED, linewidth=0)
            ax.barh(i - 0.28, generated["high"] - generated["low"], left=generated["low"], height=0.12,
                    color=GENERATED_RANGE, linewidth=0)
            if target:
                ax.barh(i, max(target["high"] - target["low"], _top(rows) * 0.004), left=target["low"],
                        height=0.8, color=TARGET, alpha=0.45, linewidth=0)
            ax.barh(i - 0.05, collected["high"], height=0.24, linewidth=0,
                    color=COLLECTED.get(collected["status"], COLLECTED["assumed"]))
            later = d.get("scenario_collected")
            if later:
                ax.barh(i + 0.24, later["high"], height=0.14, color=SCENARIO, alpha=0.35, linewidth=0)
                ax.barh(i + 0.24, later["high"] - later["low"], left=later["low"], height=0.14, color=SCENARIO,
                        linewidth=0)
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
        handles = [Patch(facecolor=GENERATED_RANGE, label=translate("collection.chart.generated", lang)),
                   Patch(facecolor=TARGET, alpha=0.45, label=translate("collection.chart.target", lang)),
                   *[Patch(facecolor=colour, edgecolor=RULE, linewidth=0.5,
                           label=f"{collected_word}: {status_label(status, lang)}")
                     for status, colour in COLLECTED.items()]]
        if scenario:
            handles.append(Patch(facecolor=SCENARIO, label=translate("collection.chart.scenario", lang)))
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncols=3, frameon=False,
                   fontsize=6.5, handlelength=1.2, columnspacing=1.0, labelcolor=INK)
        return fig


def _top(rows: Sequence[Mapping[str, Any]]) -> float:
    """The largest amount the collection chart draws (tonnes), at least 1."""
    values = [d["generated"]["high"] for d in rows]
    values += [d["scenario_collected"]["high"] for d in rows if d.get("scenario_collected")]
    return max(values, default=1.0) or 1.0
