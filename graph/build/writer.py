"""The child process of a build that writes the on-disk database of a new version.

Run as ``python -m graph.build.writer FOLDER NTRIPLES ONTOLOGY_DIR`` by ``ingest``: a fresh
interpreter, not a fork (see ``ingest._start_writer``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph

from graph.build.ingest import load_into
from graph.settings import Settings


def main(argv: list[str]) -> None:
    """Load the vocabularies and the mapped triples into a new database at FOLDER and close it."""
    folder, ntriples, ontology_dir = argv
    target = pyoxigraph.Store(folder)
    load_into(target, Path(ntriples), Settings(ontology_dir=Path(ontology_dir)))
    target.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
