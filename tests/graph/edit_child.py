"""Child process for the kill -9 test: apply one change set (``python -m tests.graph.edit_child
DATA STORE CHANGE_ID``). SYNTHETIC test data only."""

from __future__ import annotations

import sys
from pathlib import Path

from graph.edit.changesets import apply
from graph.settings import Settings

if __name__ == "__main__":
    data, store, change_id = sys.argv[1:4]
    apply(Settings(data_dir=Path(data), store_dir=Path(store)), change_id, role="reviewer")
