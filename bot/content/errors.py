"""The one error the content loader raises, carrying every problem it found,
and TOML parsing that turns syntax errors into that error."""

from __future__ import annotations

import re
import tomllib
from typing import Any


class PackError(ValueError):
    """A pack or texts file has problems.

    `problems` lists every problem found (not just the first), each naming the
    file, the prompt id where there is one, what is wrong and how to fix it.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems: list[str] = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0]
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"- {p}" for p in self.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._message()


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """`tomllib.loads` with a kind error that names the file and line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PackError(_toml_problem(source, e, text)) from None


def _toml_problem(source: str, e: tomllib.TOMLDecodeError, text: str) -> str:
    msg = str(e)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", msg)
    if m:
        what = msg[: m.start()].rstrip(".")
        return (f"{source}: line {m.group(1)}: this isn't valid TOML ({what}, at column {m.group(2)}) — "
                "check that line for a missing quote, bracket or \"=\"")
    m = re.search(r"\s*\(at end of document\)\s*$", msg)
    if m:
        what = msg[: m.start()].rstrip(".")
        last = max(1, len(text.splitlines()))
        return (f"{source}: line {last} (end of file): this isn't valid TOML ({what}) — "
                "check for an unclosed quote or bracket")
    return f"{source}: this isn't valid TOML ({msg}) — check for a missing quote, bracket or \"=\""
