"""What changed between two versions of the data: records added, removed and changed, field by field.

Either side may be a data folder (CSV files), an ``.xlsx`` workbook, a store folder (its
``current`` version) or one store version (``STORE/versions/<stamp>``, or ``STORE/previous``).
Stores are read back into the editable tables with :func:`graph.export.tables_from_store`, so
a folder can be compared with a release as well as with another folder.

Cells are compared as the build reads them: surrounding blanks do not count, and in list
columns (materials, stages …) and source lists neither order nor separator spacing does.
"""

from __future__ import annotations

from pathlib import Path

from graph.build.readers import read_data
from graph.build.tablespec import TABLE_BY_NAME, TABLES
from graph.build.vocabulary import Vocabulary, add_districts, load_vocabulary
from graph.errors import HarzgraphError, ImportFailed, StoreError
from graph.settings import default_ontology_dir
from graph.tables import Table

Tables = dict[str, list[dict[str, str]]]

COLUMNS = ["table", "key", "change", "field", "old", "new"]
CHANGES = ("added", "removed", "changed")


def load_tables(path: Path) -> Tables:
    """The rows of every table in a data folder, a workbook, a store or a store version."""
    path = Path(path)
    if not path.exists():
        raise HarzgraphError(f"{path}: no such folder or file")
    if path.is_dir() and not any(path.glob("*.csv")) and (_is_store(path) or _is_version(path)):
        return _store_tables(path)
    raw, problems = read_data(path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ImportFailed(errors)
    return {name: [dict(r.values) for r in table.records] for name, table in raw.items()}


def _is_store(path: Path) -> bool:
    return (path / "current").is_symlink() or (path / "versions").is_dir()


def _is_version(path: Path) -> bool:
    return (path / "CURRENT").is_file()  # an Oxigraph (RocksDB) database


def _store_tables(path: Path) -> Tables:
    import pyoxigraph

    from graph import store as store_mod
    from graph.export import tables_from_store

    folder = store_mod.current_path(path) if _is_store(path) and not _is_version(path) else path.resolve()
    try:
        database = pyoxigraph.Store.read_only(str(folder))
    except OSError as exc:
        raise StoreError(f"{folder}: cannot open the store version: {exc}") from exc
    return tables_from_store(database)


def record_key(table: str, row: dict[str, str]) -> str:
    """The record's identity: its id (districts: key); relations: subject, type, object, start.

    >>> record_key("relations", {"subject": "a", "relation": "partner_in", "object": "p", "start": ""})
    'a partner_in p'
    >>> record_key("actors", {"id": " x "})
    'x'
    """
    spec = TABLE_BY_NAME[table]
    if spec.key:
        return row.get(spec.key, "").strip()
    parts = [row.get(c, "").strip() for c in ("subject", "relation", "object", "start")]
    return " ".join(p for p in parts if p)


def normalised(table: str, field: str, value: str | None, vocab: Vocabulary | None = None) -> str:
    """A cell as the build reads it: stripped; terms as their notation (with ``vocab``:
    "Goslar" and "03153" are one district); list cells sorted and joined with "; ", URL
    lists sorted and joined with a space.

    >>> normalised("actors", "materials", "weee;metals ; ")
    'metals; weee'
    >>> normalised("actors", "sources", "https://b  https://a")
    'https://a https://b'
    >>> normalised("actors", "lat", "51.8050")
    '51.805'
    """
    text = (value or "").strip()
    spec = TABLE_BY_NAME.get(table)
    kind = next((c.kind for c in spec.columns if c.name == field), "text") if spec else "text"
    if kind.startswith(("list:", "term:")) and vocab is not None:
        scheme = kind.split(":", 1)[1]
        parts = [p.strip() for p in text.split(";")] if kind.startswith("list:") else [text]
        text = ";".join(vocab.notation.get(vocab.resolve(scheme, p) or "", p) for p in parts if p)
    if kind.startswith("list:"):
        return "; ".join(sorted(p.strip() for p in text.split(";") if p.strip()))
    if kind == "urls":
        return " ".join(sorted(text.split()))
    if kind in ("lat", "lon", "decimal") and text:
        try:
            return repr(float(text))
        except ValueError:
            return text
    return text


def diff_tables(old: Tables, new: Tables, vocab: Vocabulary | None = None) -> Table:
    """Field-by-field differences between two sets of tables.

    Rows ``{"table", "key", "change", "field", "old", "new"}``: a changed record gives one
    row per changed field; an added or removed record gives one row per filled field (so its
    values can be read). Tables in the order of the build, then by key, then column order.

    Examples
    --------
    >>> old = {"actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}
    >>> new = {"actors": [{"id": "a", "name": "A2"}, {"id": "c", "name": "C"}]}
    >>> [(r["key"], r["change"], r["field"], r["old"], r["new"]) for r in diff_tables(old, new).rows]
    [('a', 'changed', 'name', 'A', 'A2'), ('b', 'removed', 'name', 'B', ''), ('c', 'added', 'name', '', 'C')]
    """
    rows: list[dict[str, str]] = []
    for spec in TABLES:
        before = _by_key(spec.name, old.get(spec.name, []))
        after = _by_key(spec.name, new.get(spec.name, []))
        seen = {c for r in (*before.values(), *after.values()) for c in r}
        columns = [c for c in spec.column_names if c != spec.key] + sorted(seen - set(spec.column_names) - {spec.key})
        for key in sorted(before.keys() | after.keys()):
            a, b = before.get(key), after.get(key)
            change = "added" if a is None else "removed" if b is None else "changed"
            for column in columns:
                was = normalised(spec.name, column, (a or {}).get(column), vocab)
                now = normalised(spec.name, column, (b or {}).get(column), vocab)
                if was != now:
                    rows.append({"table": spec.name, "key": key, "change": change, "field": column,
                                 "old": was, "new": now})
    return Table(list(COLUMNS), rows)


def _by_key(table: str, rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        key = record_key(table, row)
        number = 2
        unique = key
        while unique in found:  # the build refuses duplicates; a diff still shows both
            unique = f"{key} #{number}"
            number += 1
        found[unique] = row
    return found


def summary(table: Table) -> dict[str, int]:
    """How many records were added, removed and changed (not fields).

    >>> t = Table(COLUMNS, [{"table": "actors", "key": "a", "change": "changed", "field": "x"},
    ...                     {"table": "actors", "key": "a", "change": "changed", "field": "y"}])
    >>> summary(t)
    {'added': 0, 'removed': 0, 'changed': 1}
    """
    records = {(r["table"], r["key"], r["change"]) for r in table.rows}
    return {change: sum(1 for r in records if r[2] == change) for change in CHANGES}


def diff(old: Path, new: Path, *, ontology_dir: Path | None = None) -> Table:
    """Differences between two data folders, workbooks, stores or store versions."""
    before, after = load_tables(old), load_tables(new)
    return diff_tables(before, after, term_vocabulary(before, after, ontology_dir=ontology_dir))


def term_vocabulary(*sides: Tables, ontology_dir: Path | None = None) -> Vocabulary:
    """The shipped vocabularies plus the districts of every side, for comparing terms."""
    vocab = load_vocabulary(ontology_dir or default_ontology_dir())
    for tables in sides:
        add_districts(vocab, [(r.get("key", "").strip(), r.get("name", "").strip(), "")
                              for r in tables.get("districts", [])])
    return vocab
