"""The package's public surface: one sorted __all__, every name importable, no work at import."""

import subprocess
import sys

import graph


def test_all_is_sorted_and_importable():
    assert graph.__all__ == sorted(graph.__all__)
    for name in graph.__all__:
        assert getattr(graph, name) is not None


def test_import_opens_no_store_and_reads_no_data():
    code = ("import sys, graph, graph.cli; "
            "print(sorted(m for m in sys.modules if m in ('pyshacl', 'openpyxl', 'flask')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
