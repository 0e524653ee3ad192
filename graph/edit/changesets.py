"""Change sets: a proposed edit of ``data/``, checked like a build, reviewed, then applied.

A change set edits the fields of one record, adds one, or retires one with a reason (actors,
projects, collection points, relations). Its life::

    propose ──► pending ──► applied      (reviewer: data/ rewritten, build, publish, PROV)
                   │  └───► rejected     (reviewer, with a comment)
                   └──────► conflict     (the record changed since the proposal; both versions kept)

**Checks.** A proposal is checked with exactly the build's checks: the tables of ``data/``
with the change applied are copied aside and run through ``graph.build.ingest.validate``
(readers → records → mapping → SHACL). Problems in the changed row are reported against its
field; others (a relation left pointing at a retired actor) against the change as a whole. A
new or changed fact needs a source URL, which joins the record's ``sources``.

**Apply, all or nothing.** Under the editing lock:

1. the record must still be as the proposal saw it, else the change set becomes a conflict;
2. the new tables are written to a staging copy and built from there into a new store
   version, with the change's PROV activity (``graph.edit.log``);
3. a journal (``journal.json``) names the files, the hashes of their old and new contents,
   and keeps the old files (``backups/<id>/``) and the new ones;
4. just before the new version is swapped in, each changed file is written beside its
   original in ``data/`` (temporary file, fsync) and renamed over it; then ``current`` is
   swapped; then the change log is appended and the journal removed.

If the build fails, ``data/`` is restored from the backups and nothing is published. If the
process is killed (``kill -9``), :func:`recover` — run before every apply and when the viewer
starts — finishes the job from the journal: the new store holds the change's activity, so
``data/`` is brought forward to the new files; else ``data/`` is brought back to the old ones.
Either way ``data/`` and the store end both old or both new. An edit writes no file outside
``data/`` except the editing state.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import re
import secrets
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from graph.build import ingest
from graph.build.tablespec import TABLE_BY_NAME, TABLES
from graph.diff import diff_tables, normalised, record_key
from graph.edit import log
from graph.edit.files import EditError, edits_dir, locked, read_json, write_atomic, write_json
from graph.errors import ImportFailed, NotFound
from graph.settings import Settings
from graph.store import fsync_dir

EDITABLE = ("actors", "projects", "collection_points", "relations")
OPS = ("edit", "add", "retire")
STATUSES = ("pending", "applied", "rejected", "conflict")
#: Columns that are bookkeeping rather than facts: changing only these needs no new source.
NOT_FACTS = ("note", "checked", "sources", "confidence")
URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
ID = re.compile(r"^cs-[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$")


# -- reading and writing the tables of data/ ------------------------------------------------

def read_table(settings: Settings, table: str) -> tuple[list[str], list[dict[str, str]], str]:
    """Header, rows and line ending of ``data/<table>.csv``."""
    path = _table_path(settings, table)
    raw = path.read_bytes().decode("utf-8-sig") if path.exists() else ""
    if not raw:
        return list(TABLE_BY_NAME[table].column_names), [], "\n"
    ending = "\r\n" if "\r\n" in raw.split("\n", 1)[0] + "\n" else "\n"
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    header = [h.strip() for h in rows[0]]
    records = [dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
               for cells in rows[1:] if any(c.strip() for c in cells)]
    return header, records, ending


def table_bytes(header: list[str], rows: list[dict[str, str]], ending: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    writer.writerow(header)
    writer.writerows([[row.get(c, "") for c in header] for row in rows])
    return out.getvalue().encode("utf-8")


def _table_path(settings: Settings, table: str) -> Path:
    data = Path(settings.data_dir)
    if not data.is_dir():
        raise EditError(f"{data}: editing in the browser needs a data folder of CSV files")
    if table not in TABLE_BY_NAME:
        raise EditError(f"unknown table {table!r}")
    return data / f"{table}.csv"  # a fixed name inside data/: an edit never writes elsewhere


def find(settings: Settings, table: str, key: str) -> dict[str, str] | None:
    """The record of ``table`` with ``key`` as it is in ``data/`` now, or None."""
    _header, rows, _ending = read_table(settings, table)
    return next((r for r in rows if record_key(table, r) == key), None)


def _same(table: str, a: dict[str, str] | None, b: dict[str, str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return all(normalised(table, c, a.get(c)) == normalised(table, c, b.get(c)) for c in set(a) | set(b))


def changed_tables(settings: Settings, ops: list[dict]) -> dict[str, bytes]:
    """The new bytes of each table file the operations touch."""
    out: dict[str, bytes] = {}
    for table in sorted({op["table"] for op in ops}):
        header, rows, ending = read_table(settings, table)
        for op in (o for o in ops if o["table"] == table):
            header += [c for c in (op.get("after") or {}) if c not in header]
            index = next((i for i, r in enumerate(rows) if record_key(table, r) == op["key"]), None)
            if op["op"] == "add":
                rows.append(dict(op["after"]))
            elif index is not None and op["op"] == "edit":
                rows[index] = dict(op["after"])
            elif index is not None:
                del rows[index]
        out[f"{table}.csv"] = table_bytes(header, rows, ending)
    return out


def _stage(settings: Settings, files: dict[str, bytes], folder: Path) -> Path:
    """A copy of ``data/`` (its table files) with ``files`` replaced."""
    staging = folder / "data"
    staging.mkdir(parents=True)
    for spec in TABLES:
        name = f"{spec.name}.csv"
        if name in files:
            (staging / name).write_bytes(files[name])
        elif (Path(settings.data_dir) / name).exists():
            shutil.copyfile(Path(settings.data_dir) / name, staging / name)
    return staging


def _row_of(files: dict[str, bytes], table: str, key: str) -> int | None:
    """The spreadsheet row (header = 1) of the record in the new file."""
    raw = files[f"{table}.csv"].decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    header = rows[0]
    for number, cells in enumerate(rows[1:], start=2):
        if record_key(table, dict(zip(header, cells, strict=False))) == key:
            return number
    return None


# -- proposing -----------------------------------------------------------------------------

def new_op(settings: Settings, op: str, table: str, key: str | None, fields: dict[str, str]) -> dict:
    """One operation: the record before (as in ``data/`` now) and after. Raises EditError
    for an unknown table, operation or record."""
    if table not in EDITABLE:
        raise EditError(f"table {table!r} cannot be edited here; editable: {', '.join(EDITABLE)}")
    if op not in OPS:
        raise EditError(f"operation {op!r}: expected one of {', '.join(OPS)}")
    columns = TABLE_BY_NAME[table].column_names
    clean = {c: _clean(v) for c, v in fields.items() if c in columns}
    if op == "add":
        after = {c: clean.get(c, "") for c in columns}
        return {"op": op, "table": table, "key": record_key(table, after), "before": None, "after": after}
    before = find(settings, table, key or "")
    if before is None:
        raise NotFound(f"no record {key!r} in {table}")
    after = None if op == "retire" else {**before, **{c: v for c, v in clean.items()
                                                      if c != TABLE_BY_NAME[table].key}}
    return {"op": op, "table": table, "key": key, "before": before, "after": after}


def _clean(value: str) -> str:
    """Text as text: line breaks kept, other control characters dropped."""
    return "".join(ch for ch in str(value) if ch in "\n\t" or ch >= " ").replace("\r\n", "\n").strip()


def fields_changed(op: dict) -> list[str]:
    """The columns whose value the operation changes (all filled ones for add and retire)."""
    table, before, after = op["table"], op["before"] or {}, op["after"] or {}
    columns = TABLE_BY_NAME[op["table"]].column_names
    return [c for c in columns
            if normalised(table, c, before.get(c)) != normalised(table, c, after.get(c))]


def with_source(op: dict, source: str) -> dict:
    """The operation with ``source`` joined to the record's sources (when not there yet)."""
    if op["after"] is None or not source:
        return op
    urls = op["after"].get("sources", "").split()
    if source not in urls:
        urls.append(source)
    return {**op, "after": {**op["after"], "sources": " ".join(urls)}}


def check(settings: Settings, op: dict, *, source: str, reason: str) -> list[dict[str, str | None]]:
    """Problems of one operation: ``{"field": column or None, "message": str}``.

    The input rules first (a source URL for a new or changed fact, a reason to retire),
    then the build's own checks on the tables with the change applied.
    """
    problems: list[dict[str, str | None]] = []
    changed = fields_changed(op)
    if op["op"] == "edit" and not changed:
        problems.append({"field": None, "message": "nothing changed"})
    facts = [c for c in changed if c not in NOT_FACTS]
    if op["op"] in ("edit", "add") and facts and not source:
        problems.append({"field": "source", "message": "a new or changed fact needs a source URL "
                         f"(changed: {', '.join(facts)})"})
    if source and not URL.match(source):
        problems.append({"field": "source", "message": "not a web address (http:// or https://, no spaces)"})
    if op["op"] == "retire" and not reason:
        problems.append({"field": "reason", "message": "say why the record is retired"})
    if op["op"] == "add" and find(settings, op["table"], op["key"]) is not None:
        problems.append({"field": TABLE_BY_NAME[op["table"]].key or "subject",
                         "message": f"a record {op['key']!r} exists already"})
    if problems:
        return problems
    files = changed_tables(settings, [op])
    row = _row_of(files, op["table"], record_key(op["table"], op["after"])) if op["after"] is not None else None
    with tempfile.TemporaryDirectory(prefix="check-", dir=edits_dir(settings)) as tmp:
        staging = _stage(settings, files, Path(tmp))
        try:
            ingest.validate(replace(settings, data_dir=staging), changes=[])
        except ImportFailed as exc:
            for p in exc.problems:
                if p.severity != "error":
                    continue
                name = Path(p.file).name
                mine = name == f"{op['table']}.csv" and row is not None and p.row == row
                where = "" if mine else f"{name}{f', row {p.row}' if p.row else ''}: "
                problems.append({"field": p.field if mine else None, "message": where + p.message})
    return problems


def propose(settings: Settings, op: dict, *, author: str, role: str, reason: str,
            source: str) -> tuple[dict | None, list[dict]]:
    """Check one operation and keep it as a pending change set; (None, problems) when the
    checks find problems (nothing is kept then)."""
    op = with_source(op, source)
    problems = check(settings, op, source=source, reason=reason)
    if problems:
        return None, problems
    now = _now()
    cs = {"id": f"cs-{now.replace('-', '').replace(':', '')[:15]}-{secrets.token_hex(4)}", "status": "pending",
          "proposed": now, "author": author, "author_role": role, "reason": reason, "source": source,
          "ops": [{**op, "fields": fields_changed(op)}], "conflicts": [], "review": None, "release": None}
    save(settings, cs)
    return cs, []


# -- change sets on disk ----------------------------------------------------------------------

def _folder(settings: Settings) -> Path:
    folder = edits_dir(settings) / "changesets"
    folder.mkdir(exist_ok=True, mode=0o700)
    return folder


def save(settings: Settings, cs: dict) -> None:
    write_json(_folder(settings) / f"{cs['id']}.json", cs)


def load(settings: Settings, change_id: str) -> dict:
    if not ID.match(change_id):
        raise NotFound(f"no change set {change_id!r}")
    cs = read_json(_folder(settings) / f"{change_id}.json", None)
    if cs is None:
        raise NotFound(f"no change set {change_id!r}")
    return cs


def all_changesets(settings: Settings, status: str | None = None) -> list[dict]:
    """Change sets, newest first, optionally of one status."""
    found = [read_json(p, {}) for p in _folder(settings).glob("cs-*.json")]
    return sorted((c for c in found if status is None or c.get("status") == status),
                  key=lambda c: c["proposed"], reverse=True)


def review_rows(cs: dict) -> list[dict[str, str]]:
    """The change set field by field (``table, key, change, field, old, new``), with sources."""
    old = {op["table"]: [op["before"]] for op in cs["ops"] if op["before"]}
    new = {op["table"]: [op["after"]] for op in cs["ops"] if op["after"]}
    return diff_tables(old, new).rows


def reject(settings: Settings, change_id: str, *, role: str, comment: str) -> dict:
    with locked(settings):
        cs = load(settings, change_id)
        if cs["status"] not in ("pending", "conflict"):
            raise EditError(f"change set {change_id} is {cs['status']}, not pending")
        cs.update(status="rejected", review={"role": role, "comment": comment, "time": _now()})
        save(settings, cs)
    return cs


# -- applying -------------------------------------------------------------------------------

def conflicts(settings: Settings, cs: dict) -> list[dict]:
    """Records that changed since the proposal: the version proposed against, the one in
    ``data/`` now, and the proposed one."""
    found = []
    for op in cs["ops"]:
        now = find(settings, op["table"], op["key"])
        if not _same(op["table"], op["before"], now):
            found.append({"table": op["table"], "key": op["key"], "proposed_against": op["before"], "now": now,
                          "proposed": op["after"]})
    return found


def apply(settings: Settings, change_id: str, *, role: str, comment: str = "", build=ingest.build) -> dict:
    """Apply a pending change set: rewrite ``data/``, build, publish — or change nothing.

    Returns the change set (status "applied", or "conflict" with both versions). Raises
    ImportFailed (``data/`` restored, nothing published) when the build fails.
    """
    with locked(settings):
        recover(settings)
        cs = load(settings, change_id)
        if cs["status"] != "pending":
            raise EditError(f"change set {change_id} is {cs['status']}, not pending")
        clash = conflicts(settings, cs)
        if clash:
            cs.update(status="conflict", conflicts=clash)
            save(settings, cs)
            return cs
        files = changed_tables(settings, cs["ops"])
        entry = {"id": cs["id"], "proposed": cs["proposed"], "applied": _now(), "reason": cs["reason"],
                 "source": cs["source"], "author_role": cs["author_role"], "reviewer_role": role,
                 "comment": comment, "ops": [{**{k: op[k] for k in ("op", "table", "key", "fields")},
                                              "new_key": record_key(op["table"], op["after"]) if op["after"] else None}
                                             for op in cs["ops"]],
                 "diff": review_rows(cs)}
        work = edits_dir(settings) / "work" / cs["id"]
        shutil.rmtree(work, ignore_errors=True)
        (work / "old").mkdir(parents=True)
        (work / "new").mkdir()
        data = Path(settings.data_dir)
        for name, content in files.items():
            if (data / name).exists():
                shutil.copy2(data / name, work / "old" / name)
            (work / "new" / name).write_bytes(content)
        journal = {"id": cs["id"], "entry": entry,
                   "files": {name: {"old": _sha(data / name), "new": hashlib.sha256(content).hexdigest()}
                             for name, content in files.items()}}
        write_json(_journal(settings), journal)
        staging = _stage(settings, files, work)
        try:
            report = build(replace(settings, data_dir=staging), changes=[*log.entries(settings), entry],
                           before_swap=lambda: _swap_in(data, work / "new", files))
        except BaseException:
            _roll_back(settings, journal)
            raise
        _finish(settings, journal, report.version.name if report.version else None)
        return load(settings, change_id)


def _swap_in(data: Path, new: Path, files: dict[str, bytes]) -> None:
    """Each changed file: written beside its original (temporary file, fsync), then renamed over it."""
    for name in sorted(files):
        write_atomic(data / name, (new / name).read_bytes(), mode=0o644)
    fsync_dir(data)


def _finish(settings: Settings, journal: dict, release: str | None) -> None:
    entry = {**journal["entry"], "release": release}
    log.append(settings, entry)
    cs = load(settings, journal["id"])
    cs.update(status="applied", release=release, review={"role": entry["reviewer_role"],
                                                        "comment": entry.get("comment", ""), "time": entry["applied"]})
    save(settings, cs)
    _journal(settings).unlink(missing_ok=True)
    shutil.rmtree(edits_dir(settings) / "work" / journal["id"] / "data", ignore_errors=True)


def _roll_back(settings: Settings, journal: dict) -> None:
    """Put every file of ``data/`` back to its old content (old files are kept in the work folder)."""
    data = Path(settings.data_dir)
    old = edits_dir(settings) / "work" / journal["id"] / "old"
    for name, sums in journal["files"].items():
        if _sha(data / name) != sums["old"]:
            if (old / name).exists():
                write_atomic(data / name, (old / name).read_bytes(), mode=0o644)
            else:
                (data / name).unlink(missing_ok=True)
    for leftover in data.glob(".*.tmp-*"):
        leftover.unlink(missing_ok=True)
    _journal(settings).unlink(missing_ok=True)


def recover(settings: Settings) -> str | None:
    """Finish an apply that was killed: forward when the published store holds the change's
    activity, else back. Returns "forward", "back" or None (nothing to do)."""
    journal = read_json(_journal(settings), None) if settings.edits_path.exists() else None
    if not journal:
        return None
    if _store_has(settings, log.change_iri(journal["id"])):
        data = Path(settings.data_dir)
        new = edits_dir(settings) / "work" / journal["id"] / "new"
        for name, sums in journal["files"].items():
            if _sha(data / name) != sums["new"]:
                write_atomic(data / name, (new / name).read_bytes(), mode=0o644)
        for leftover in data.glob(".*.tmp-*"):
            leftover.unlink(missing_ok=True)
        from graph.store import current_path

        _finish(settings, journal, current_path(settings.store_dir).name)
        return "forward"
    _roll_back(settings, journal)
    return "back"


def _store_has(settings: Settings, subject: str) -> bool:
    import pyoxigraph

    from graph import store as store_mod

    if not store_mod.exists(settings.store_dir):
        return False
    database = store_mod.open_read_only(settings.store_dir)
    return any(database.quads_for_pattern(pyoxigraph.NamedNode(subject), None, None))


def _journal(settings: Settings) -> Path:
    return edits_dir(settings) / "journal.json"


def _sha(path: Path) -> str | None:
    with contextlib.suppress(FileNotFoundError):
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
