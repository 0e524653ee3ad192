"""The import fuzzer's parts, shared by tests/reliability/test_fuzz_import.py (a bounded, seeded
run in CI) and bench/reliability.py (the big campaign): ways to damage the SYNTHETIC data
files, and the oracle "a clear error, or exactly the graph the files say; never a traceback,
never a silent change".

The oracle for an accepted input:
- a meaning-preserving change (Windows-1252 re-encoding of the whole file, a BOM, CRLF line
  ends, semicolons) gives exactly the graph of the unchanged data;
- any other accepted change keeps every text and whole number the graph holds *literally* in
  the input bytes (as UTF-8, or as Windows-1252 when the import warned so): nothing turned
  into mojibake ("ElektromobilitÃ¤t") and no number read as another ("12.5" → 125).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from graph.build import ingest
from graph.errors import ImportFailed
from graph.settings import Settings

TABLE_FILES = ("actors.csv", "districts.csv", "projects.csv", "relations.csv", "collection_points.csv")
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
#: Byte strings worth inserting: delimiters, quotes, line ends, NUL, stray UTF-8 lead and
#: continuation bytes, a surrogate and U+FFFF in UTF-8, a BOM, formula starts, umlauts.
INTERESTING = (b"\x00", b"\xff", b"\xc3", b"\x80", b'"', b",", b";", b"\n", b"\r", b"\r\n", b"\t", b"=",
               b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xef\xbf\xbf", "ä".encode(), "ä".encode("cp1252"),
               b"\\", b"%zz", b"http://[x", b"1.2.3", b"\xe2\x80\xae", b"\x1b[31m")


@dataclass
class Outcome:
    """What one input did: ``kind`` is "error" (a clear ImportFailed), "same" (the unchanged
    graph) or "accepted" (a graph that passed the literal checks)."""

    kind: str
    problems: list = field(default_factory=list)


class Violation(AssertionError):
    """The import broke its promise: a traceback, a silent change, an unlocated error."""


def baseline(data_dir: Path) -> set[str]:
    return graph_of(Settings(data_dir=data_dir))[0]


def graph_of(settings: Settings) -> tuple[set[str], list]:
    """The mapped triples (N-Triples lines) of the data, loaded and checked as a build does
    (without a store on disk), and the warnings; ImportFailed when the data is refused."""
    report = ingest.BuildReport()
    mapped = ingest.prepare(settings, report)
    try:
        ntriples = mapped.finish()
        lines = set(ntriples.read_bytes().decode("utf-8").splitlines())
        scratch = pyoxigraph.Store()
        ingest.load_into(scratch, ntriples, settings)
        ingest.check_shapes(mapped, settings)
    finally:
        mapped.close()
    return lines, report.warnings


def judge(data_dir: Path, expected: set[str], *, preserving: bool) -> Outcome:
    """Import ``data_dir`` and hold the result to the oracle; raise Violation when it fails."""
    try:
        lines, warnings = graph_of(Settings(data_dir=data_dir))
    except ImportFailed as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        if not errors:
            raise Violation("ImportFailed without an error") from exc
        for problem in errors:
            if not problem.file or not problem.message:
                raise Violation(f"an error that does not say where or what: {problem!r}") from exc
        return Outcome("error", errors)
    except Exception as exc:  # anything else is a traceback a user would see
        raise Violation(f"traceback: {type(exc).__name__}: {exc}") from exc
    if lines == expected:
        return Outcome("same")
    if preserving:
        raise Violation(f"a meaning-preserving change altered the graph: {sorted(lines ^ expected)[:3]}")
    cp1252 = any("Windows-1252" in w.message for w in warnings)
    raw = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.is_file() and not p.is_symlink())
    for value, datatype in _literals(lines - expected):
        encoded = value.encode("cp1252", "replace") if cp1252 else value.encode("utf-8")
        if datatype in (None, XSD_INTEGER) and encoded not in raw and encoded.replace(b'"', b'""') not in raw \
                and not _multiline_match(encoded, raw):
            raise Violation(f"the graph holds {value!r}, which the input does not say (mojibake or a number "
                            "read as another)")
    return Outcome("accepted")


def _multiline_match(encoded: bytes, raw: bytes) -> bool:
    """A value with line ends: CSV may have written them as CRLF or CR."""
    if b"\n" not in encoded:
        return False
    return any(encoded.replace(b"\n", end) in raw or encoded.replace(b"\n", end).replace(b'"', b'""') in raw
               for end in (b"\r\n", b"\r"))


def _literals(lines: set[str]):
    """(lexical form, datatype or None for strings and language-tagged text) of each literal."""
    data = "\n".join(lines).encode("utf-8")
    for triple in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES):
        term = triple.object
        if isinstance(term, pyoxigraph.Literal):
            datatype = term.datatype.value
            if term.language or datatype.endswith("#string"):
                yield term.value, None
            elif datatype == XSD_INTEGER:
                yield term.value, XSD_INTEGER


# -- ways to damage a copy of the data -----------------------------------------------------

def copy_data(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def flip(raw: bytes, position: int, value: int) -> bytes:
    position %= max(len(raw), 1)
    return raw[:position] + bytes([value]) + raw[position + 1:]


def truncate(raw: bytes, position: int) -> bytes:
    return raw[: position % max(len(raw), 1)]


def insert(raw: bytes, position: int, chunk: bytes) -> bytes:
    position %= max(len(raw), 1)
    return raw[:position] + chunk + raw[position:]


def delete(raw: bytes, position: int, length: int) -> bytes:
    position %= max(len(raw), 1)
    return raw[:position] + raw[position + length:]


#: Changes that must leave the graph exactly as it was (or be refused clearly).
PRESERVING = {
    "cp1252": lambda raw: raw.decode("utf-8").encode("cp1252"),
    "bom": lambda raw: b"\xef\xbb\xbf" + raw,
    "crlf": lambda raw: raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"),
}
#: Changes that must be refused clearly.
REFUSED = {
    "utf16": lambda raw: raw.decode("utf-8").encode("utf-16"),
    "empty": lambda raw: b"",
}


def special_file(path: Path, kind: str) -> None:
    """Replace ``path`` by something that is not a regular file inside the folder."""
    path.unlink()
    if kind == "dangling":
        os.symlink("nowhere.csv", path)
    elif kind == "loop":
        os.symlink(path.name, path)
    elif kind == "outside":
        os.symlink("/dev/zero", path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        raise ValueError(kind)


SPECIAL = ("dangling", "loop", "outside", "folder", "fifo")


HOSTILE_CELLS = ("12.5", "1,5", "1.2.3", "9" * 5000, "nan", "inf", "1e400", "=1+1", "http://[abc",
                 "https://example.org/%zz", "https://example.org\uff0fx", "\x00", "\uffff", "٣٤", "1²", "-0",
                 "https://exa\u00admple.org/", "<script>", '"', "a\nb", "\u202e", "$x$")
CELLS = (("actors", "name"), ("actors", "website"), ("actors", "lat"), ("actors", "lon"), ("actors", "sources"),
         ("actors", "materials"), ("actors", "description_de"), ("actors", "checked"), ("actors", "kind"),
         ("districts", "population"), ("districts", "area_km2"), ("districts", "population_source"),
         ("relations", "start"), ("relations", "role"), ("relations", "object"), ("projects", "end"))


def random_case(rng, source: Path, target: Path) -> tuple[str, bool]:
    """Damage a fresh copy of ``source`` at ``target`` in one random way; return its name and
    whether the change preserves meaning (for :func:`judge`)."""
    import csv
    import io

    data = copy_data(source, target)
    name = rng.choice(TABLE_FILES)
    path = data / name
    raw = path.read_bytes()
    way = rng.choice(("flip", "truncate", "insert", "delete", "preserving", "refused", "special", "cell", "cell"))
    if way == "flip":
        path.write_bytes(flip(raw, rng.randrange(len(raw) or 1), rng.randrange(256)))
    elif way == "truncate":
        path.write_bytes(truncate(raw, rng.randrange(len(raw) or 1)))
    elif way == "insert":
        chunk = rng.choice(INTERESTING) if rng.random() < 0.7 else bytes(rng.randrange(256) for _ in range(4))
        path.write_bytes(insert(raw, rng.randrange(len(raw) or 1), chunk))
    elif way == "delete":
        path.write_bytes(delete(raw, rng.randrange(len(raw) or 1), rng.randrange(1, 40)))
    elif way == "preserving":
        change = rng.choice(sorted(PRESERVING))
        path.write_bytes(PRESERVING[change](raw))
        return f"{way}:{change}", True
    elif way == "refused":
        path.write_bytes(REFUSED[rng.choice(sorted(REFUSED))](raw))
    elif way == "special":
        special_file(path, rng.choice(SPECIAL))
    else:
        table, column = rng.choice(CELLS)
        path = data / f"{table}.csv"
        records = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        value = rng.choice(HOSTILE_CELLS) if rng.random() < 0.6 else "".join(
            chr(rng.choice((rng.randrange(32, 127), rng.randrange(0x80, 0x3000), rng.randrange(0, 0x110000))))
            for _ in range(rng.randrange(1, 12)))
        records[rng.randrange(len(records))][column] = value
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        path.write_bytes(out.getvalue().encode("utf-8", "surrogatepass"))
    return way, False
