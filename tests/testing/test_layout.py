"""testing/ is the one home of the fakes: benchmarks import it, not tests/; the wheel leaves it out.

(That bot/, adapters/ and hearth/ never import it is an import contract in pyproject.toml.)"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[2]


def _imported(folder: str) -> dict[str, set[str]]:
    """Each module under `folder` and the top-level packages it imports (at any depth of the file)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_benchmarks_and_fakes_import_nothing_from_tests() -> None:
    offenders = [f for folder in ("bench", "testing") for f, names in _imported(folder).items() if "tests" in names]
    assert offenders == []


def test_the_benchmarks_use_the_fakes_from_testing() -> None:
    users = {f for f, names in _imported("bench").items() if "testing" in names}
    assert {"bench/slack.py", "bench/discord.py", "bench/ack.py"} <= users


def test_the_wheel_ships_the_runtime_packages_only() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = find_packages(str(ROOT), include=pyproject["tool"]["setuptools"]["packages"]["find"]["include"])
    assert "bot" in shipped and "adapters" in shipped
    assert not [p for p in shipped if p.split(".")[0] in ("testing", "tests", "bench")]
