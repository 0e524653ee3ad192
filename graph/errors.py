"""The exception tree of harzgraph.

::

    HarzgraphError
    ├── ImportFailed      .problems: list[Problem(file, row, field, message)]
    ├── StoreError        the store is missing, locked or damaged
    ├── QueryError        bad or forbidden SPARQL (syntax, update, SERVICE, LOAD)
    │   ├── QuerySyntaxError  .line, .column: where the parser stopped
    │   ├── QueryTimeout  the query ran past its time limit
    │   └── QueryTooBusy  too many heavy queries at once
    └── NotFound          unknown actor, query or analysis

Context travels as attributes, so tests and the web layer can read ``problem.file``,
``problem.row`` and ``problem.field`` instead of parsing text.
"""

from __future__ import annotations

from dataclasses import dataclass


class HarzgraphError(Exception):
    """Base class of every error harzgraph raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can.

    ``row`` is the spreadsheet row number (the header is row 1), or None for problems of a
    whole file. ``field`` is the column name, or None. ``severity`` is "error" or
    "warning"; warnings do not stop a build.
    """

    file: str
    row: int | None
    field: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class ImportFailed(HarzgraphError):
    """Reading or validating the data found problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        errors = [p for p in self.problems if p.severity == "error"]
        lines = "\n".join(f"  {p}" for p in errors)
        super().__init__(f"{len(errors)} problem(s) in the data; the store was not changed:\n{lines}")


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.field or "", problem.message)


class StoreError(HarzgraphError):
    """The store cannot be opened or replaced."""


class QueryError(HarzgraphError):
    """A SPARQL query is malformed or not allowed."""


class QuerySyntaxError(QueryError):
    """A SPARQL query does not parse; ``line`` and ``column`` (1-based) say where."""

    def __init__(self, message: str, *, line: int, column: int):
        super().__init__(message)
        self.line = line
        self.column = column


class QueryTimeout(QueryError):
    """A SPARQL query ran past its time limit and was stopped."""


class QueryTooBusy(QueryError):
    """Too many heavy queries run at once; try again later."""


class NotFound(HarzgraphError):
    """An actor, project, query or analysis of that name does not exist."""
