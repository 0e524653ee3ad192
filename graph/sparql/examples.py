"""The example library of the SPARQL workbench: ``queries/examples/*.rq`` with their titles,
descriptions and chart hints in German and English (issue 5).

Each file is a complete query that runs as is in any SPARQL client: it declares the
prefixes it uses (all from :data:`graph.namespaces.PREFIXES`). It opens with header
comments, one field per line; a comment line without a field name continues the field
above it::

    # title_de: Akteure je Landkreis
    # title_en: Actors per district
    # description_de: …
    # description_en: …
    # chart: bar

The chart hint tells the workbench how to draw the result besides the table:
``bar`` (the first text column as categories, the first number column as bar lengths),
``map`` (columns ``lat`` and ``lon``), ``network`` (columns ``source`` and ``target``,
one edge per row) or ``table`` (the table alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.errors import NotFound

#: Where the example queries live.
EXAMPLES = Path(__file__).parent / "queries" / "examples"

#: The chart hints a header may give.
CHARTS = ("table", "bar", "map", "network")

#: The header fields every example has, in the order they are written.
FIELDS = ("title_de", "title_en", "description_de", "description_en", "chart")

_FIELD = re.compile(r"#\s*(" + "|".join(FIELDS) + r")\s*:\s*(.*)")
_NAME = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True)
class Example:
    """One example query: its file stem, header fields and the whole text of the file."""

    name: str
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    chart: str
    text: str

    def title(self, lang: str = "de") -> str:
        """The title in ``lang`` (``de`` or ``en``)."""
        return self.title_en if lang == "en" else self.title_de

    def description(self, lang: str = "de") -> str:
        """The description in ``lang`` (``de`` or ``en``)."""
        return self.description_en if lang == "en" else self.description_de


def parse_example(name: str, text: str) -> Example:
    """Read the header comments of an example query.

    Parameters
    ----------
    name : the example's name (its file stem), used in messages.
    text : the whole file.

    Returns
    -------
    Example
        with ``text`` unchanged, header comments included.

    Raises
    ------
    ValueError
        a header field is missing, given twice or empty, or the chart hint is not one
        of :data:`CHARTS`.

    Examples
    --------
    >>> q = parse_example("demo", '''# title_de: Alles
    ... # title_en: Everything
    ... # description_de: Jedes Tripel,
    ... #   höchstens zehn.
    ... # description_en: Every triple, at most ten.
    ... # chart: table
    ... SELECT * WHERE { ?s ?p ?o } LIMIT 10
    ... ''')
    >>> q.title("en"), q.description("de"), q.chart
    ('Everything', 'Jedes Tripel, höchstens zehn.', 'table')
    >>> parse_example("demo", "# title_de: Alles\\nSELECT * {}")
    Traceback (most recent call last):
    ValueError: example 'demo': the header has no title_en, description_de, description_en, chart
    """
    fields: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        found = _FIELD.fullmatch(stripped)
        if found:
            current = found.group(1)
            if current in fields:
                raise ValueError(f"example '{name}': the header gives {current} twice")
            fields[current] = found.group(2).strip()
        elif current is not None:
            fields[current] = f"{fields[current]} {stripped.lstrip('#').strip()}".strip()
    missing = [f for f in FIELDS if f not in fields]
    if missing:
        raise ValueError(f"example '{name}': the header has no {', '.join(missing)}")
    empty = [f for f in FIELDS if not fields[f]]
    if empty:
        raise ValueError(f"example '{name}': the header leaves {', '.join(empty)} empty")
    if fields["chart"] not in CHARTS:
        raise ValueError(f"example '{name}': chart '{fields['chart']}' is not one of {', '.join(CHARTS)}")
    return Example(name=name, text=text, **fields)


def examples(directory: Path = EXAMPLES) -> list[Example]:
    """Every example query in ``directory``, sorted by name.

    Parameters
    ----------
    directory : the folder of ``*.rq`` files; the shipped library by default.

    Returns
    -------
    list of Example

    Raises
    ------
    ValueError
        a file's header is incomplete (see :func:`parse_example`).
    """
    return [parse_example(path.stem, path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.rq"))]


def example(name: str, directory: Path = EXAMPLES) -> Example:
    """The example query called ``name`` (its file stem).

    Raises
    ------
    NotFound
        no example of that name.
    """
    path = directory / f"{name}.rq"
    if not _NAME.fullmatch(name) or not path.is_file():
        raise NotFound(f"no example query '{name}'")
    return parse_example(name, path.read_text(encoding="utf-8"))
