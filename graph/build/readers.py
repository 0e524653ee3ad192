"""Read the ``data/`` tables (CSV files or one XLSX workbook) into records that remember
their file, row and field.

Reading refuses what it cannot read safely (a macro workbook, a formula cell, a file over
the size limit, a zip bomb) and decodes what a German spreadsheet program commonly writes
(semicolon-delimited, Windows-1252) on purpose, with a warning, so nothing turns into
mojibake. It never raises on the first problem: every problem is collected.

One rule for every file read (:func:`open_data_file`): only a regular file, inside the data
folder (a symlink may point elsewhere inside it, never out of it; a dangling symlink or a
loop is an error, never an absent table), never a FIFO, device or folder, and its size is
checked before a byte is read. Text is decoded as strict UTF-8; Windows-1252 only when the
whole file plausibly is Windows-1252 (not one valid UTF-8 multi-byte sequence in it), with a
warning; otherwise the error names the byte offset, row and field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from graph.build.tablespec import TABLES
from graph.errors import Problem

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100


@dataclass
class Record:
    """One data row: which table, which file and row (header = row 1), and its cells."""

    table: str
    file: str
    row: int
    values: dict[str, str]

    def get(self, field: str) -> str:
        return self.values.get(field, "").strip()


class Origin(NamedTuple):
    """Where a record came from, without its cells: all an error message needs."""

    file: str
    row: int


@dataclass
class RawTable:
    name: str
    file: str
    header: list[str]
    records: list[Record]


#: A valid UTF-8 multi-byte sequence (RFC 3629): a file holding one is not Windows-1252.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")


class Unreadable(Exception):
    """A file the rule refuses; the message says why, in words a person can act on."""


def open_data_file(file: Path, root: Path | None, limit: int | None = None) -> bytes:
    """The bytes of ``file`` if it is a regular file of at most ``limit`` bytes (inside
    ``root`` when given); raise :class:`Unreadable` otherwise.

    The file is opened without blocking and checked on the open descriptor, so a FIFO can
    neither hang the build nor be swapped in between the check and the read.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        real = file.resolve(strict=True)
    except FileNotFoundError:
        raise Unreadable(f"is a symlink to {os.readlink(file)}, which does not exist" if file.is_symlink()
                         else "does not exist") from None
    except (RuntimeError, OSError) as exc:  # a symlink loop (RuntimeError before Python 3.13)
        raise Unreadable(f"cannot be followed: {exc}") from None
    if root is not None and not real.is_relative_to(root.resolve()):
        raise Unreadable(f"is a symlink to {real}, outside the data folder; copy the file into the folder")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise Unreadable(f"cannot be opened: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("is not a regular file (a FIFO, socket or device); give a file")
        if info.st_size > limit:
            raise Unreadable(f"is {info.st_size / 2**20:.0f} MB; the limit is {limit // 2**20} MB")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise Unreadable(f"is larger than the limit of {limit // 2**20} MB")
        return raw
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)


def read_data(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every table from a folder of CSV files or from one ``.xlsx`` workbook."""
    path = Path(path)
    if not path.exists():
        return {}, [Problem(str(path), None, None, "no such data folder or workbook")]
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() == ".xlsx":
        return read_workbook(path)
    if path.suffix.lower() in (".xlsm", ".xltm", ".xlsb", ".xls"):
        return {}, [Problem(str(path), None, None,
                            f"'{path.suffix}' workbooks are not read (macros or an old binary "
                            "format); save the workbook as .xlsx")]
    return {}, [Problem(str(path), None, None,
                        "not a data folder or an .xlsx workbook (expected data/ with actors.csv …)")]


def _read_folder(folder: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for spec in TABLES:
        file = folder / f"{spec.name}.csv"
        if not file.exists() and not file.is_symlink():
            if spec.required_file:
                problems.append(Problem(str(file), None, None, "file is missing"))
            continue
        table, found = read_csv(file, spec.name, root=folder)
        problems += found
        if table is not None:
            tables[spec.name] = table
    known = {f"{t.name}.csv" for t in TABLES}
    for extra in sorted(folder.glob("*.csv")):
        if extra.name not in known:
            problems.append(Problem(str(extra), None, None,
                                    f"unknown table; expected one of {', '.join(sorted(known))}",
                                    "warning"))
    return tables, problems


def read_csv(file: Path, name: str, root: Path | None = None) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV file (inside ``root`` when given); decode UTF-8 (or, when the whole file
    plausibly is, Windows-1252, with a warning)."""
    problems: list[Problem] = []
    try:
        raw = open_data_file(file, root)
    except Unreadable as exc:
        return None, [Problem(str(file), None, None, f"the file {exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        cp1252 = None
        if not _UTF8_MULTIBYTE.search(raw):
            try:
                cp1252 = raw.decode("cp1252")
            except UnicodeDecodeError:
                pass
        if cp1252 is None:
            row, field = _locate(raw, exc.start)
            return None, [Problem(str(file), row, field,
                                  f"byte {exc.start} (0x{raw[exc.start]:02x}) is not valid UTF-8, and the file "
                                  "is not Windows-1252 text either; save it as 'CSV UTF-8'")]
        text = cp1252
        problems.append(Problem(str(file), None, None,
                                "file is not UTF-8; read it as Windows-1252 (Excel's 'CSV'); "
                                "please save it as 'CSV UTF-8'", "warning"))
    delimiter = _delimiter(text)
    if delimiter == ";":
        problems.append(Problem(str(file), 1, None,
                                "file is semicolon-delimited; read it so, but comma-delimited is "
                                "the project's format", "warning"))
    # strict: a quote in the wrong place (``""X",``) is an error, never a stray character in a value
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        return None, problems + [Problem(str(file), reader.line_num, None, f"cannot parse CSV: {exc}")]
    return _table_from_rows(name, str(file), rows, problems), problems


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _locate(raw: bytes, offset: int) -> tuple[int | None, str | None]:
    """The spreadsheet row (header = 1) and column name of the cell holding byte ``offset``."""
    text = raw.decode("utf-8", "surrogateescape").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number == 1:
                header = cells
            for index, cell in enumerate(cells):
                if any("\udc80" <= c <= "\udcff" for c in cell):
                    field = header[index].strip() if index < len(header) else None
                    return number, field or None
    except csv.Error:
        pass
    return raw[:offset].count(b"\n") + 1, None


def _table_from_rows(name: str, file: str, rows: list[list[str]],
                     problems: list[Problem]) -> RawTable:
    if not rows:
        problems.append(Problem(file, None, None, "file is empty (no header row)"))
        return RawTable(name, file, [], [])
    header = [h.strip() for h in rows[0]]
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            extra = [c for c in cells[len(header):] if c.strip()]
            if extra:
                problems.append(Problem(file, number, None,
                                        f"row has {len(cells)} cells but the header has "
                                        f"{len(header)} columns (a stray delimiter?)"))
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
        records.append(Record(name, file, number, values))
    return RawTable(name, file, header, records)


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the sheets of an ``.xlsx`` workbook named like the CSV files.

    Refused before parsing: files over 50 MB and zip bombs (more than 200 MB unpacked or
    a packing ratio above 100). Formula cells are refused: the graph takes values, and a
    formula's cached value may be stale.
    """
    file = str(path)
    try:
        raw = open_data_file(path, None)
    except Unreadable as exc:
        return {}, [Problem(file, None, None, f"the workbook {exc}")]
    problem = _check_zip(path, raw)
    if problem:
        return {}, [problem]
    try:
        return _read_book(path, raw)
    except Exception as exc:  # noqa: BLE001 — openpyxl and its XML parser raise many kinds on a damaged file
        return {}, [Problem(file, None, None, f"cannot read the workbook ({type(exc).__name__}: {exc}); "
                                              "open it in a spreadsheet program and save it again as .xlsx")]


def _read_book(path: Path, raw: bytes) -> tuple[dict[str, RawTable], list[Problem]]:
    import openpyxl  # imported here: only workbook users pay for it

    file = str(path)
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    if getattr(book, "vba_archive", None) is not None:
        return {}, [Problem(file, None, None, "the workbook contains macros; save it as .xlsx")]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        for spec in TABLES:
            if spec.name not in book.sheetnames:
                if spec.required_file:
                    problems.append(Problem(file, None, None, f"sheet '{spec.name}' is missing"))
                continue
            where = f"{file}#{spec.name}"
            rows = []
            for number, row in enumerate(book[spec.name].iter_rows(), start=1):
                cells = []
                for cell in row:
                    if cell.data_type == "f":
                        problems.append(Problem(where, number, _header_name(rows, len(cells)),
                                                "cell holds a formula; enter the value itself"))
                        cells.append("")
                    else:
                        cells.append(_cell_text(cell.value))
                rows.append(cells)
            while rows and not any(rows[-1]):
                rows.pop()
            tables[spec.name] = _table_from_rows(spec.name, where, rows, problems)
        known = {t.name for t in TABLES}
        for extra in book.sheetnames:
            if extra not in known:
                problems.append(Problem(file, None, None, f"unknown sheet '{extra}' ignored", "warning"))
    finally:
        book.close()
    return tables, problems


def _header_name(rows: list[list[str]], index: int) -> str | None:
    if rows and index < len(rows[0]):
        return rows[0][index] or None
    return None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_zip(path: Path, raw: bytes) -> Problem | None:
    file = str(path)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return Problem(file, None, None, "not an .xlsx workbook (not a zip archive)")
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNZIPPED_BYTES or unpacked / packed > MAX_ZIP_RATIO:
        return Problem(file, None, None,
                       f"workbook unpacks to {unpacked / 2**20:.0f} MB (ratio {unpacked / packed:.0f}:1); "
                       "refused as a possible zip bomb")
    if any(i.filename.lower().endswith("vbaproject.bin") for i in infos):
        return Problem(file, None, None, "the workbook contains macros; save it as .xlsx")
    return None
