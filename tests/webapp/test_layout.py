"""The web layer's shape (issue 8): blueprints import from ``webapp.state`` and ``graph/``,
never from each other, and each one imports on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

WEBAPP = Path(__file__).resolve().parents[2] / "webapp"


def _blueprints() -> list[str]:
    return sorted(p.stem for p in WEBAPP.glob("*.py") if "Blueprint(" in p.read_text(encoding="utf-8"))


def _imported_webapp_modules(name: str) -> set[str]:
    tree = ast.parse((WEBAPP / f"{name}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("webapp."):
                found.add(node.module.split(".")[1])
            elif node.module == "webapp":
                found.update(alias.name for alias in node.names)
    return found


def test_there_are_blueprints_to_check():
    assert {"actors", "gaps", "network", "sparql", "home"} <= set(_blueprints())


@pytest.mark.parametrize("name", _blueprints())
def test_no_blueprint_imports_another(name):
    others = set(_blueprints()) - {name}
    assert not _imported_webapp_modules(name) & others


@pytest.mark.parametrize("name", _blueprints())
def test_each_blueprint_imports_alone(name):
    done = subprocess.run([sys.executable, "-c", f"import webapp.{name}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
