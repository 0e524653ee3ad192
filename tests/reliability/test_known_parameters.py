"""Links keep only the parameters in ``webapp.params.KNOWN`` (issue 10, defect 6), so every
parameter a page reads must be listed there, or its own links would lose it."""

from __future__ import annotations

import re
from pathlib import Path

from graph.views.actors import FACETS
from graph.views.network import NODE_FACETS
from webapp.params import KNOWN

WEBAPP = Path(__file__).parents[2] / "webapp"
READS = re.compile(r"""(?:request\.args(?:\.get|\.getlist)?\(|params\.\w+\(request\.args,\s*)["']([A-Za-z_]+)["']""")


def test_every_parameter_a_page_reads_is_known():
    read = {name for path in WEBAPP.rglob("*.py") if path.name != "sparql.py"  # /sparql reads its own protocol
            for name in READS.findall(path.read_text(encoding="utf-8"))}
    read |= set(FACETS) | set(NODE_FACETS)
    assert read - KNOWN == set()
    assert len(read) > 10  # the pattern still finds the reads
