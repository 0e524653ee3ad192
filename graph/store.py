"""Open the on-disk Oxigraph store and replace its content atomically.

Layout of a store folder::

    STORE/
      versions/<stamp>/     one complete Oxigraph database per successful build
      current  -> versions/<stamp>     symlink: what readers open
      previous -> versions/<stamp>     symlink: the build before, kept for roll-back
      building-<stamp>/     a build in progress (removed when it fails or is abandoned)
      building-<stamp>-scratch/  its temporary files (spooled triples; removed likewise)
      .build.lock           held (flock) by the one build that may write here

A build holds an exclusive lock on ``.build.lock`` from start to swap (:func:`build_lock`):
a second build waits for it, or is refused with a message naming the holder, and never
interleaves. The kernel releases the lock when its holder dies, even by ``kill -9``.

A build writes a new database under ``building-…``, validates it, closes it, moves it
under ``versions/`` and only then points ``current`` at it with one ``rename(2)`` of a
symlink, which POSIX makes atomic. A build killed at any moment therefore leaves
``current`` on either the old or the new database, never on a half-written one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph

from graph.errors import StoreError

CURRENT = "current"
PREVIOUS = "previous"
VERSIONS = "versions"
BUILDING_PREFIX = "building-"
LOCK = ".build.lock"
_TMP_LINK = ".{name}.tmp-"


def current_path(store_dir: Path) -> Path:
    """The database folder that ``current`` points at; StoreError when there is none."""
    link = Path(store_dir) / CURRENT
    if not link.is_symlink() and not link.exists():
        raise StoreError(
            f"{store_dir}: no graph has been built here yet; run 'harzgraph build' first"
        )
    target = link.resolve()
    if not target.is_dir():
        raise StoreError(f"{store_dir}: 'current' points at {target}, which does not exist")
    return target


def previous_path(store_dir: Path) -> Path | None:
    """The database of the build before the current one, if it is still kept."""
    link = Path(store_dir) / PREVIOUS
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def open_read_only(store_dir: Path) -> pyoxigraph.Store:
    """Open the current graph for reading. Versions never change once built, so any
    number of processes may read while a new build is written beside them."""
    path = current_path(store_dir)
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from exc


def exists(store_dir: Path) -> bool:
    try:
        current_path(store_dir)
    except StoreError:
        return False
    return True


@contextmanager
def build_lock(store_dir: Path, *, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the store folder's exclusive build lock for the block.

    Waits up to ``wait_s`` seconds for another build to finish; then raises StoreError
    naming the process that holds it. A store folder that cannot be written (read-only,
    full, not a folder) is a StoreError too.
    """
    store_dir = Path(store_dir)
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(store_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot write to the store folder: {_reason(exc)}") from None
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise StoreError(f"{store_dir}: another build (process {holder}) is writing this store; "
                                     "try again when it has finished") from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _reason(exc: OSError) -> str:
    """An OSError in words a person can act on."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


@contextmanager
def new_version(store_dir: Path) -> Iterator[Path]:
    """Yield a fresh ``building-…`` folder for a new database.

    Leaving the block normally does nothing more: call :func:`publish` with the folder to
    swap it in. Leaving it by an exception removes the folder, so the store is as before.
    The caller opens (and closes) the database in it; nothing here keeps it open.
    """
    folder = _building_folder(store_dir)
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        _IN_USE.discard(folder)


@contextmanager
def scratch(store_dir: Path) -> Iterator[Path]:
    """Yield a ``building-…-scratch`` folder for a build's temporary files (its spooled
    triples and SHACL batches: about 1.6 GB at 100,000 actors), removed on leaving.

    In the store folder rather than the system's temporary folder, so that the files of a
    build killed by ``kill -9`` are removed by the next build (:func:`remove_abandoned_builds`),
    like its unfinished database; in the system's folder they stayed until a reboot."""
    folder = _building_folder(store_dir, suffix="-scratch")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _IN_USE.discard(folder)


#: The ``building-…`` folders this process is using (kept from :func:`remove_abandoned_builds`).
_IN_USE: set[Path] = set()


def _building_folder(store_dir: Path, suffix: str = "") -> Path:
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(store_dir)
    now = time.time_ns()
    # Sortable by time to the nanosecond; the pid lets a later build tell abandoned folders.
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9)) + f".{now % 10**9:09d}-{os.getpid()}"
    folder = store_dir / f"{BUILDING_PREFIX}{stamp}{suffix}"
    folder.mkdir()
    _IN_USE.add(folder)
    return folder


def publish(store_dir: Path, folder: Path, *, keep: int = 2) -> Path:
    """Move a finished build under ``versions/`` and point ``current`` at it atomically.

    The former current version becomes ``previous``; versions older than the newest
    ``keep`` are deleted.
    """
    store_dir = Path(store_dir)
    versions = store_dir / VERSIONS
    versions.mkdir(exist_ok=True)
    final = versions / folder.name.removeprefix(BUILDING_PREFIX)
    _fsync_tree(folder)
    os.rename(folder, final)
    old = current_path(store_dir) if exists(store_dir) else None
    if old is not None:
        _point(store_dir, PREVIOUS, old)
    _point(store_dir, CURRENT, final)
    _prune(store_dir, keep=keep)
    return final


def _point(store_dir: Path, name: str, target: Path) -> None:
    """Atomically make ``store_dir/name`` a symlink to ``target`` (relative)."""
    tmp = store_dir / f"{_TMP_LINK.format(name=name)}{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(target, store_dir), tmp)
    os.replace(tmp, store_dir / name)
    fsync_dir(store_dir)


def _prune(store_dir: Path, *, keep: int) -> None:
    keep_paths = {p for p in (current_path(store_dir), previous_path(store_dir)) if p}
    versions = sorted((store_dir / VERSIONS).iterdir(), key=lambda p: p.name, reverse=True)
    for extra in versions[keep:]:
        if extra.resolve() not in keep_paths:
            shutil.rmtree(extra, ignore_errors=True)


def remove_abandoned_builds(store_dir: Path) -> None:
    """Delete ``building-…`` folders and ``.current.tmp-<pid>`` / ``.previous.tmp-<pid>``
    links left by a build that was killed."""
    for leftover in Path(store_dir).glob(BUILDING_PREFIX + "*"):
        pid = _pid_of(leftover.name)
        if leftover in _IN_USE:  # this process's own, open (a scratch folder during its build)
            continue
        # Our own pid on a folder we do not use: a killed build's pid, reused since.
        if pid is None or pid == os.getpid() or not _alive(pid):
            shutil.rmtree(leftover, ignore_errors=True)
    for name in (CURRENT, PREVIOUS):
        prefix = _TMP_LINK.format(name=name)
        for leftover in Path(store_dir).glob(prefix + "*"):
            pid = leftover.name.removeprefix(prefix)
            if not pid.isdigit() or int(pid) == os.getpid() or not _alive(int(pid)):
                leftover.unlink(missing_ok=True)


def _pid_of(name: str) -> int | None:
    parts = name.removeprefix(BUILDING_PREFIX).split("-")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_tree(folder: Path) -> None:
    for root, _dirs, files in os.walk(folder):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(root))


def fsync_dir(path: Path) -> None:
    """Make a rename or new entry in ``path`` durable (fsync of the folder itself)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
