"""Draw the report's figures with matplotlib, each as an inline SVG string.

Every figure is drawn on its own :class:`matplotlib.figure.Figure` (never through
``pyplot``, so no GUI backend and no global figure state) with DejaVu Sans, the font that
ships with matplotlib: nothing is fetched and no font warning is raised. Text is drawn as
glyph outlines (``svg.fonttype = "path"``), so the SVG carries no text from the data at
all — a hostile actor name cannot become markup — and looks the same in every browser and
printer. Element ids get a per-figure prefix, so several figures can share one page.
"""

from __future__ import annotations

import io
import re
import textwrap
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib
from markupsafe import escape
from matplotlib.colors import BoundaryNorm, LinearSegmentedColormap, ListedColormap, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from graph.words import format as fmt
from graph.words.briefing import FIGURES

#: The report's calm palette: ink, muted ink, rules, and the accent scale.
INK = "#1f2933"
MUTED = "#616e7c"
RULE = "#cbd2d9"
ACCENT = "#1d4e89"
# Actors at a stage: 0 (missing), 1 (a single actor: a dependency), 2–3, 4 and more.
COUNT_COLOURS = ("#ffffff", "#d5e4f3", "#8fb3dc", "#1d4e89")
CANDIDATE = "#b9c2cc"
# Fewer ties than expected in terracotta, more in the accent blue, "as expected" white.
_DIVERGING = LinearSegmentedColormap.from_list("harzgraph", ["#b5523b", "#f1d3c6", "#ffffff", "#c4d6ec", ACCENT])

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "svg.fonttype": "path",
    "svg.hashsalt": "harzgraph",
    "text.parse_math": False,  # a label such as "$x$" or "a_b" is text, never mathtext (issue 10, defect 5)
    "text.color": INK,
    "axes.edgecolor": RULE,
    "axes.labelcolor": INK,
    "xtick.color": MUTED,
    "ytick.color": INK,
}

_TEXT = FIGURES  # the figures' words (graph.words.briefing)

#: matplotlib's settings are one global dict, and ``rc_context`` swaps them in and out: two
#: threads drawing at once (the viewer's request threads, the briefing prepared in the
#: background) could save one figure with the other's settings, e.g. text as outlines in an
#: SVG file meant to keep it as text. Every figure is drawn and saved holding this lock.
_DRAWING = threading.RLock()


@contextmanager
def style(extra: Mapping[str, Any] | None = None) -> Iterator[None]:
    """The figures' matplotlib settings (plus ``extra``), for one thread at a time."""
    with _DRAWING, matplotlib.rc_context({**_RC, **(extra or {})}):
        yield


def chain_heatmap(
    cells: Iterable[Mapping[str, Any]],
    groups: Sequence[tuple[str, Sequence[str]]],
    *,
    lang: str = "de",
    off_path: Iterable[str] = (),
    title: str = "",
) -> str:
    """The item × stage heatmap of the value chain: how many regional actors per cell.

    Parameters
    ----------
    cells : rows of :func:`graph.analyse.chains.value_chain_matrix` (one level and area).
    groups : (heading, item notations) in the order to draw; items without cells are
        skipped.
    lang : "de" or "en" for the labels.
    off_path : stage notations drawn with a grey heading (beside the recycling path).
    title : the accessible name of the figure.

    Returns
    -------
    str
        One ``<svg>`` element ("" when no item has a cell).
    """
    with style():
        fig = chain_figure(cells, groups, lang=lang, off_path=off_path)
        return _svg(fig, "chain", title, fluid=True) if fig else ""


def chain_figure(cells: Iterable[Mapping[str, Any]], groups: Sequence[tuple[str, Sequence[str]]], *,
                 lang: str = "de", off_path: Iterable[str] = ()) -> Figure | None:
    """The figure of :func:`chain_heatmap` (to save as SVG or PNG with :func:`figure_file`);
    None when no item has a cell."""
    lines, columns, by_item, stages = _chain_grid(cells, groups, lang)
    if not lines or not columns:
        return None
    off = set(off_path)
    values = [[by_item[i].get(s, 0) if i else -1 for s in columns] for _, i in lines]
    # Inches: row labels on the left, square-ish cells, room on the right and on top for
    # the slanted stage names, the legend below.
    row_h, cell_w, right, head, foot = 0.2, 0.42, 0.85, 1.25, 0.62
    # The left margin fits the longest row label (at 7 pt DejaVu Sans a character is about
    # 0.058 in wide; labels are shortened to 44 characters), so none is cut at the edge.
    left = max(1.6, 0.25 + 0.058 * max(len(text) for text, _ in lines))
    width = left + cell_w * len(columns) + right
    height = head + row_h * len(lines) + foot
    with style():
        fig = Figure(figsize=(width, height))
        axes_w = cell_w * len(columns)
        ax = fig.add_axes((left / width, foot / height, axes_w / width, row_h * len(lines) / height))
        cmap = ListedColormap(["#ffffff", *COUNT_COLOURS])
        norm = BoundaryNorm([-1.5, -0.5, 0.5, 1.5, 3.5, 1e9], cmap.N)
        ax.imshow(values, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
        _chain_cells(ax, lines, values, label_x=-(left - 0.08) / axes_w)
        _chain_axes(ax, lines, columns)
        for c, stage in enumerate(columns):
            name = _shorten(stages[stage][1].split(" (")[0], 30)
            ax.text(c - 0.2, -0.65, name, ha="left", va="bottom", rotation=42, rotation_mode="anchor",
                    fontsize=6.8, color=MUTED if stage in off else INK, clip_on=False)
        _count_legend(fig, _TEXT[lang], width, height)
        if off:
            fig.text(0.1 / width, 0.04 / height, _TEXT[lang]["off_path"], ha="left", va="bottom", fontsize=6.5,
                     color=MUTED)
        return fig


def _chain_grid(cells, groups, lang):
    """The heatmap's rows ((text, item), item None for a group heading), its stage columns in
    chain order, the counts by item and stage, and the stages' (position, name)."""
    by_item: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    stages: dict[str, tuple[int, str]] = {}
    for cell in cells:
        by_item.setdefault(cell["item"], {})[cell["stage"]] = int(cell["actors"])
        names[cell["item"]] = cell[f"item_{lang}"]
        stages[cell["stage"]] = (cell["position"], cell[f"stage_{lang}"])
    columns = sorted(stages, key=lambda s: stages[s][0])
    lines: list[tuple[str, str | None]] = []
    for heading, items in groups:
        kept = [i for i in items if i in by_item]
        if kept:
            lines.append((heading, None))
            lines.extend((_shorten(names[i], 44), i) for i in kept)
    return lines, columns, by_item, stages


def _chain_cells(ax, lines, values, *, label_x: float) -> None:
    """Group headings left of the grid with a rule above them; a count (or ·) in each cell."""
    for r, (text, item) in enumerate(lines):
        if item is None:
            ax.text(label_x, r, text, ha="left", va="center", fontsize=7.5, fontweight="bold", color=ACCENT,
                    transform=ax.get_yaxis_transform(), clip_on=False)
            if r:
                ax.axhline(r - 0.5, color=RULE, linewidth=0.6)
            continue
        for c, v in enumerate(values[r]):
            ax.text(c, r, str(v) if v else "·", ha="center", va="center", fontsize=7,
                    color="#ffffff" if v >= 4 else (INK if v else MUTED))


def _chain_axes(ax, lines, columns) -> None:
    """Item names as row labels, a thin grid between cells, no ticks or spines."""
    ax.set_xticks([])
    ax.set_yticks([r for r, (_, item) in enumerate(lines) if item])
    ax.set_yticklabels([text for text, item in lines if item], fontsize=7)
    ax.tick_params(length=0, pad=4)
    ax.set_xticks([c - 0.5 for c in range(1, len(columns))], minor=True)
    ax.set_yticks([r - 0.5 for r in range(1, len(lines))], minor=True)
    ax.grid(which="minor", color="#e4e7eb", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _count_legend(fig, words, width: float, height: float) -> None:
    """The legend of the count colours (none, one, a few, many) below the grid."""
    legend = [Patch(facecolor=colour, edgecolor=RULE, linewidth=0.5, label=text)
              for colour, text in zip(COUNT_COLOURS, (words["none"], words["one"], words["few"], words["many"]),
                                      strict=True)]
    fig.legend(handles=legend, loc="lower left", bbox_to_anchor=(0.08 / width, 0.2 / height), ncols=4,
               frameon=False, fontsize=7, handlelength=1.2, columnspacing=1.2, borderaxespad=0)


def border_heatmap(rows: Iterable[Mapping[str, Any]], *, lang: str = "de", title: str = "") -> str:
    """The state × state matrix of known against expected ties, coloured by their ratio.

    Parameters
    ----------
    rows : rows of :func:`graph.analyse.borders.border_cohesion` (one level).
    lang : "de" or "en".
    title : the accessible name of the figure.

    Returns
    -------
    str
        One ``<svg>`` element, or "" when there are no groups.
    """
    with style():
        fig = border_figure(rows, lang=lang)
        return _svg(fig, "borders", title) if fig else ""


def border_figure(rows: Iterable[Mapping[str, Any]], *, lang: str = "de") -> Figure | None:
    """The figure of :func:`border_heatmap`; None when there are no groups."""
    t = _TEXT[lang]
    rows = list(rows)
    keys = sorted({r["a"] for r in rows} | {r["b"] for r in rows})
    if not keys:
        return None
    names = {}
    for r in rows:
        names[r["a"]], names[r["b"]] = r[f"a_{lang}"], r[f"b_{lang}"]
    cell = {}
    for r in rows:
        cell[r["a"], r["b"]] = cell[r["b"], r["a"]] = r
    n = len(keys)
    ratios = [[(cell.get((a, b)) or {}).get("ratio") for b in keys] for a in keys]
    known = [x for row in ratios for x in row if x is not None]
    top = max([2.0, *known])
    with style():
        size = 1.0 + 0.95 * n
        fig = Figure(figsize=(size + 0.4, size + 0.15))
        ax = fig.add_axes(
            (1.15 / (size + 0.4), 0.45 / (size + 0.15), 0.95 * n / (size + 0.4), 0.95 * n / (size + 0.15))
        )
        norm = TwoSlopeNorm(vmin=0.0, vcenter=1.0, vmax=top)
        shown = [[float("nan") if x is None else x for x in row] for row in ratios]
        ax.imshow(shown, cmap=_DIVERGING, norm=norm, aspect="equal")
        for i, a in enumerate(keys):
            for j, b in enumerate(keys):
                r = cell.get((a, b))
                if not r:
                    continue
                colour = "#ffffff" if r["ratio"] is not None and (r["ratio"] < 0.2 or r["ratio"] > 0.75 * top) else INK
                ax.text(
                    j,
                    i - 0.12,
                    str(r["observed"]),
                    ha="center",
                    va="center",
                    fontsize=12,
                    fontweight="bold",
                    color=colour,
                )
                ax.text(
                    j,
                    i + 0.22,
                    f"{t['expected']} {_num(r['expected'], lang)}",
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color=colour,
                )
        short = [textwrap.fill(names[k], 14) for k in keys]
        ax.set_xticks(range(n))
        ax.set_xticklabels(short, fontsize=8.5)
        ax.set_yticks(range(n))
        ax.set_yticklabels(short, fontsize=8.5)
        ax.tick_params(length=0)
        ax.xaxis.tick_top()
        for spine in ax.spines.values():
            spine.set_visible(False)
        fig.text(0.02, 0.02, textwrap.fill(t["ratio"], 48), fontsize=7.5, color=MUTED, va="bottom")
        return fig


def collection_bars(rows: Iterable[Mapping[str, Any]], *, lang: str = "de", title: str = "") -> str:
    """Horizontal bars: collection points per 100,000 inhabitants per district.

    Candidate districts are drawn in grey; a district without population gets a note in
    place of its bar.

    Parameters
    ----------
    rows : rows of :func:`graph.analyse.collection.collection_coverage`.
    lang : "de" or "en".
    title : the accessible name of the figure.

    Returns
    -------
    str
        One ``<svg>`` element, or "" when there are no districts.
    """
    with style():
        fig = collection_figure(rows, lang=lang)
        return _svg(fig, "collection", title) if fig else ""


def collection_figure(rows: Iterable[Mapping[str, Any]], *, lang: str = "de") -> Figure | None:
    """The figure of :func:`collection_bars`; None when there are no districts."""
    t = _TEXT[lang]
    rows = list(rows)
    if not rows:
        return None
    values = [r["per_100k"] for r in rows]
    top = max([v for v in values if v is not None] or [1.0]) or 1.0
    with style():
        height = 0.55 + 0.27 * len(rows)
        fig = Figure(figsize=(7.0, height))
        ax = fig.add_axes((1.75 / 7.0, 0.42 / height, 4.6 / 7.0, 0.27 * len(rows) / height))
        for i, r in enumerate(rows):
            candidate = r.get("region_status") == "candidate"
            v = r["per_100k"]
            if v is None:
                ax.text(0, i, t["no_population"], va="center", fontsize=7, color=MUTED, style="italic")
                continue
            ax.barh(
                i,
                v,
                height=0.62,
                color=CANDIDATE if candidate else ACCENT,
                hatch="////" if candidate else None,
                edgecolor="#ffffff",
                linewidth=0,
            )
            ax.text(v + top * 0.015, i, f"{_num(v, lang)}  ({r['points']})", va="center", fontsize=7, color=INK)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([r["district_name"] for r in rows], fontsize=7.5)
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.22)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", labelsize=6.5)
        ax.xaxis.set_major_formatter(lambda x, _pos: _num(x, lang))
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.grid(axis="x", color="#e4e7eb", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.set_xlabel(t["per_100k"], fontsize=7, color=MUTED)
        if any(r.get("region_status") == "candidate" for r in rows):
            fig.legend(
                handles=[Patch(facecolor=CANDIDATE, hatch="////", edgecolor="#ffffff", label=t["candidate"])],
                loc="upper right",
                frameon=False,
                fontsize=7,
                handlelength=1.2,
            )
        return fig


#: The media type of each file format :func:`figure_file` writes.
MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def figure_file(fig: Figure, fmt: str, *, title: str = "") -> bytes:
    """One figure as a file to download: a standalone SVG document or a PNG image.

    Parameters
    ----------
    fig : a figure of :func:`chain_figure`, :func:`border_figure`, :func:`collection_figure`
        or another drawn with this module's style.
    fmt : "svg" or "png".
    title : the figure's name, written into the SVG as its ``<title>`` (escaped) and into the
        PNG's metadata.

    Returns
    -------
    bytes
        The SVG (UTF-8, its text kept as ``<text>``, so it stays searchable and editable;
        matplotlib escapes every label, and the title is escaped here) or the PNG at 150 dpi.
        The same figure gives the same bytes: no date or software version is written.

    Raises
    ------
    ValueError
        for a format other than "svg" or "png".

    Examples
    --------
    >>> fig = Figure(figsize=(1, 1))
    >>> _ = fig.text(0.1, 0.5, "<script>")
    >>> svg = figure_file(fig, "svg", title="a & b").decode()
    >>> "&lt;script&gt;" in svg and "<script>" not in svg and "<title>a &amp; b</title>" in svg
    True
    >>> figure_file(fig, "png")[1:4]
    b'PNG'
    """
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"fmt must be one of {', '.join(map(repr, MEDIA_TYPES))}, not {fmt!r}")
    buffer = io.BytesIO()
    with style({"svg.fonttype": "none"}):
        if fmt == "png":
            fig.savefig(buffer, format="png", dpi=150, facecolor="#ffffff",
                        metadata={"Software": None, **({"Title": title} if title else {})})
            return buffer.getvalue()
        fig.savefig(buffer, format="svg", facecolor="#ffffff",
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = _METADATA.sub("", buffer.getvalue().decode("utf-8"))
    if title:
        head, _, body = text.partition("<svg ")
        tag, _, rest = body.partition(">")
        text = f"{head}<svg {tag}>\n <title>{escape(title)}</title>{rest}"
    return text.encode("utf-8")


def _num(value: float, lang: str, digits: int = 1) -> str:
    return fmt.number(value, lang, digits)


def _shorten(text: str, limit: int) -> str:
    """Cut a long label at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + " …"


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')


def _svg(fig: Figure, prefix: str, title: str, *, fluid: bool = False) -> str:
    """The figure as one inline ``<svg>`` element: no prologue, no metadata, no fixed size.

    It scales with its container; unless ``fluid``, never beyond its drawn width.
    """
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1))
    head, _, body = text.partition(">")
    natural = re.search(r'\swidth="([^"]*)"', head)
    head = _SIZE.sub("", head, count=2)
    max_width = f' style="max-width: {natural.group(1)}"' if natural and not fluid else ""
    # Ids from two figures could meet on one page; give each figure its own.
    body = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', body)
    body = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', body)
    body = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", body)
    label = f' role="img" aria-label="{escape(title)}"' if title else ""
    return f'{head} class="figure figure-{prefix}"{max_width}{label}>{body}'
