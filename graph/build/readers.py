"""Read the ``data/`` tables (CSV files or one XLSX workbook) into records that remember
their file, row and field.

Reading refuses what it cannot read safely (a macro workbook, a formula cell, a file over
the size limit, a zip bomb) and decodes what a German spreadsheet program commonly writes
(semicolon-delimited, Windows-1252) on purpose, with a warning, so nothing turns into
mojibake. It never raises on the first problem: every problem is collected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

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


@dataclass
class RawTable:
    name: str
    file: str
    header: list[str]
    records: list[Record]


def read_data(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every table from a folder of CSV files or from one ``.xlsx`` workbook."""
    path = Path(path)
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
        if not file.exists():
            if spec.required_file:
                problems.append(Problem(str(file), None, None, "file is missing"))
            continue
        table, found = read_csv(file, spec.name)
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


def read_csv(file: Path, name: str) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV file; decode UTF-8 (or Windows-1252, with a warning)."""
    problems: list[Problem] = []
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(str(file), None, None,
                              f"file is {size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            return None, [Problem(str(file), line, None,
                                  "not UTF-8 and not Windows-1252 text; save it as 'CSV UTF-8'")]
        problems.append(Problem(str(file), line, None,
                                "file is not UTF-8; read it as Windows-1252 (Excel's 'CSV'); "
                                "please save it as 'CSV UTF-8'", "warning"))
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if first_line.count(";") > first_line.count(","):
        delimiter = ";"
        problems.append(Problem(str(file), 1, None,
                                "file is semicolon-delimited; read it so, but comma-delimited is "
                                "the project's format", "warning"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        return None, problems + [Problem(str(file), reader.line_num, None, f"cannot parse CSV: {exc}")]
    return _table_from_rows(name, str(file), rows, problems), problems


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
    problem = _check_zip(path)
    if problem:
        return {}, [problem]
    import openpyxl  # imported here: only workbook users pay for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return {}, [Problem(file, None, None, f"cannot read the workbook: {exc}")]
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


def _check_zip(path: Path) -> Problem | None:
    file = str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Problem(file, None, None,
                       f"workbook is {size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
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
