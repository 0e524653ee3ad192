"""Small file helpers of the editing state: atomic writes (temporary file, fsync, rename),
JSON files, and the one exclusive lock under which change sets are applied."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

from graph.errors import HarzgraphError
from graph.settings import Settings
from graph.store import fsync_dir


class EditError(HarzgraphError):
    """An editing step cannot be done (unknown account, change set or record; a conflict)."""


def edits_dir(settings: Settings, *, create: bool = True) -> Path:
    """The editing state folder; refused when it would lie inside ``data/``."""
    folder = settings.edits_path.resolve()
    data = Path(settings.data_dir).resolve()
    if folder == data or data in folder.parents:
        raise EditError(f"{folder}: the editing state must not live inside the data folder {data}")
    if create:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, fsync, rename(2)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)



def read_json(path: Path, default: object) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def write_json(path: Path, value: object) -> None:
    write_atomic(path, json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


@contextlib.contextmanager
def locked(settings: Settings, name: str = "apply.lock") -> Iterator[None]:
    """Hold the exclusive lock of the editing state (released by the kernel if we die)."""
    path = edits_dir(settings) / name
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
