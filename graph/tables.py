"""``Table``: column names and row dicts, the common currency of queries and analyses."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

Cell = str | int | float | bool | None

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    """A result: ordered column names and one dict per row (plain str/int/float/None).

    ``truncated`` says that a cap cut the rows short; ``notes`` carries words for the reader
    (e.g. what a filter kept).
    """

    columns: list[str]
    rows: list[dict[str, Cell]] = field(default_factory=list)
    truncated: bool = False
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Cell]:
        return [row.get(name) for row in self.rows]

    def to_csv(self) -> str:
        """CSV text; cells a spreadsheet would run as formulas are neutralised with a quote."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([safe_csv_cell(row.get(c)) for c in self.columns])
        return out.getvalue()

    def to_json(self) -> str:
        return json.dumps(
            {"columns": self.columns, "rows": self.rows, "count": len(self.rows),
             "truncated": self.truncated},
            ensure_ascii=False,
        )

    def to_text(self, max_width: int = 60) -> str:
        """A plain aligned text table for the terminal."""
        cells = [[_short(row.get(c), max_width) for c in self.columns] for row in self.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(self.columns)]
        line = "  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True))
        rule = "  ".join("-" * w for w in widths)
        body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
        return "\n".join([line, rule, *body])


def safe_csv_cell(value: Cell) -> Cell:
    """Prefix a quote to text a spreadsheet would evaluate (``=``, ``+``, ``-``, ``@``).

    >>> safe_csv_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_csv_cell(-3)
    -3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _short(value: Cell, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
