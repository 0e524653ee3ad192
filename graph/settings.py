"""Paths and limits of one harzgraph installation, built once at the edge."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def default_store_dir(environ: os._Environ | dict | None = None) -> Path:
    """The user-writable default store folder: ``$XDG_DATA_HOME/harzgraph/store``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "harzgraph" / "store"


def default_ontology_dir() -> Path:
    """The ``ontology/`` folder, shipped as the package ``harzgraph_ontology``."""
    return Path(importlib.import_module("harzgraph_ontology").__file__).parent


@dataclass(frozen=True)
class Settings:
    """Where the data, vocabularies and store live, and the limits of queries.

    Build it with :meth:`from_env` at the edge (CLI, ``create_app``) and pass it down;
    nothing else reads the environment.
    """

    data_dir: Path = Path("data")
    store_dir: Path = field(default_factory=default_store_dir)
    ontology_dir: Path = field(default_factory=default_ontology_dir)
    query_timeout_s: float = 10.0
    query_max_rows: int = 10_000
    query_max_bytes: int = 20_000_000
    query_max_length: int = 200_000
    keep_versions: int = 2
    #: Accounts, change sets and the change log of editing in the browser; None: ``edits/``
    #: beside the store folder (never inside ``data/``, never in the graph).
    edits_dir: Path | None = None

    @property
    def edits_path(self) -> Path:
        """Where the editing state lives: ``edits_dir``, or ``edits`` beside the store."""
        return Path(self.edits_dir) if self.edits_dir else Path(self.store_dir).parent / "edits"

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> Settings:
        """Defaults, then ``HARZGRAPH_DATA`` / ``HARZGRAPH_STORE`` / ``HARZGRAPH_EDITS``, then
        explicit overrides."""
        env = os.environ if environ is None else environ
        settings = cls(store_dir=default_store_dir(env))
        if env.get("HARZGRAPH_DATA"):
            settings = replace(settings, data_dir=Path(env["HARZGRAPH_DATA"]))
        if env.get("HARZGRAPH_STORE"):
            settings = replace(settings, store_dir=Path(env["HARZGRAPH_STORE"]))
        if env.get("HARZGRAPH_EDITS"):
            settings = replace(settings, edits_dir=Path(env["HARZGRAPH_EDITS"]))
        given = {k: Path(v) if k.endswith("_dir") else v for k, v in overrides.items() if v is not None}
        return replace(settings, **given)
