"""Adapters spell out no command: they read names from the registry, the core's views and the constants the core
declares (`bot.views.home`), so renaming a command is one change in its flow."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot import features
from bot.views.home import HOME_COMMANDS

REGISTRY = features.registry()

ADAPTERS = Path(__file__).resolve().parents[2] / "adapters"
#: String literals that look like a command and are not one, each with why.
NOT_COMMANDS = {
    ("console/adapter.py", "mod"): "`as mia mod`: the terminal's own word for speaking as a moderator",
    ("slack/", "home"): "Slack's own word: the App Home tab, and a view's type",
}
#: Files that are words people type, run whole by a test (a renamed command fails it there).
SCRIPTS = {"console/demo.py"}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: documentation may name commands."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def literals(source: str) -> list[tuple[int, str]]:
    """Every string literal of a module but its docstrings (the fixed parts of f-strings included)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip]


def _names() -> tuple[set[str], set[str]]:
    """Whole command names, and the group words before them ("mod schedule", "checkin")."""
    names = {c.name for c in REGISTRY.commands.values()}
    groups = {" ".join(c.path[:n]) for c in REGISTRY.commands.values() for n in range(1, len(c.path))}
    return names, groups


def naming(text: str) -> list[str]:
    """The commands (or groups) a literal spells out: a literal that is one; or one of two words or more
    anywhere in it; or any command or group after a slash ("/hearth help", "/checkin")."""
    names, groups = _names()
    said = text.strip().lower()
    found = [n for n in names | groups if said == n]
    found += [n for n in names | groups if " " in n and re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", said)]
    found += [n for n in names | groups if re.search(rf"/(?:hearth )?{re.escape(n)}(?![\w-])", said)]
    return sorted(set(found))


def test_no_adapter_spells_out_a_command():
    found = []
    for path in sorted(ADAPTERS.rglob("*.py")):
        where = path.relative_to(ADAPTERS).as_posix()
        if where in SCRIPTS:
            continue
        for line, text in literals(path.read_text(encoding="utf-8")):
            hits = [n for n in naming(text) if not any(where.startswith(w) and n == said
                                                       for w, said in NOT_COMMANDS)]
            if hits:
                found.append(f"adapters/{where}:{line}: {text[:60]!r} names {hits}")
    assert found == [], "\n".join(found)


def test_the_check_catches_what_it_is_for():
    """It must fail on the ways a command was spelled out before: whole, inside words, after a slash."""
    assert naming("checkin join") == ["checkin join"]
    assert "mod schedule edit" in naming("mod schedule edit")
    assert naming("mod schedule") == ["mod schedule"]
    assert "help" in naming("Type `/hearth help` for everything")
    assert "checkin join" in naming("then run **/checkin join** again")
    assert naming("help") == ["help"] and naming("reflect") == ["reflect"]
    assert naming("Type help for Hearth's commands") == []  # a plain word in a sentence is not a command
    source = 'x = "checkin leave"\ndef f():\n    """Runs `checkin join`."""\n    return f"/hearth {x}"\n'
    assert [t for _, t in literals(source)] == ["checkin leave", "/hearth "]


def test_the_names_the_core_declares_for_adapters_are_commands():
    assert set(HOME_COMMANDS) <= set(REGISTRY.commands), set(HOME_COMMANDS) - set(REGISTRY.commands)


def test_a_script_of_typed_commands_is_run_whole_elsewhere():
    """`SCRIPTS` are passed over here only because a test runs each and fails on a command it doesn't know."""
    runs = (Path(__file__).resolve().parent / "console" / "test_console_script.py").read_text(encoding="utf-8")
    assert SCRIPTS == {"console/demo.py"} and 'main(["demo"])' in runs and "I don't know the command" in runs
