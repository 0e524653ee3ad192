"""harzgraph: import, store, query and analyse the Harz region's circular-economy actors.

The public surface is small on purpose; modules are imported lazily so that
``import graph`` does no work (no store opened, no file read).
"""

from graph.errors import (
    HarzgraphError,
    ImportFailed,
    NotFound,
    Problem,
    QueryError,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooBusy,
    StoreError,
)
from graph.settings import Settings
from graph.tables import Table

__all__ = [
    "HarzgraphError",
    "ImportFailed",
    "NotFound",
    "Problem",
    "QueryError",
    "QuerySyntaxError",
    "QueryTimeout",
    "QueryTooBusy",
    "Settings",
    "StoreError",
    "Table",
]
