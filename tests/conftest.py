"""Shared fixtures: settings pointing at tmp_path, a copy of the synthetic test data, and a
guard that refuses every outbound connection except loopback (a hidden fetch fails a test)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from graph.settings import Settings

TESTS = Path(__file__).parent
VALID = TESTS / "data" / "valid"
REPO = TESTS.parent

_real_connect = socket.socket.connect


def _loopback_only(self, address, *args, **kwargs):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("/"):
        raise ConnectionRefusedError(f"test session refuses outbound connection to {address!r}")
    return _real_connect(self, address, *args, **kwargs)


@pytest.fixture(autouse=True, scope="session")
def offline():
    socket.socket.connect = _loopback_only
    yield
    socket.socket.connect = _real_connect


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of tests/data/valid (synthetic) that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, store_dir=tmp_path / "store")


@pytest.fixture
def real_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=REPO / "data", store_dir=tmp_path / "store")
