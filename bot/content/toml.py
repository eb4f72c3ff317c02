"""Reading a TOML content file: one way, with one kind of error that says which file, where and what to do.

Packs, check-in texts, safety lists, care texts, support resources and the config all come
through here. Each caller names its own error class (`error`), so a pack problem stays a
`PackError` and a phrase list's a `SafetyContentError`, while the words are the same everywhere.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Callable

from bot.content.errors import PackError
from bot.i18n import _

ErrorFor = Callable[[str], Exception]


class NotUtf8(ValueError):
    """Bytes that aren't UTF-8 text; `line` is where the first byte that isn't stands."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}")
        self.line = line


def decode_utf8(data: bytes) -> str:
    """The text, or `NotUtf8` naming the line people should look at (a config, a script). A leading byte-order
    mark (Windows Notepad saves one) is dropped, as a pack uploaded from the dashboard has it dropped: every file
    kind reads the same bytes the same way."""
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as err:
        raise NotUtf8(data[:err.start].count(b"\n") + 1) from None


#: The most bytes a file is read to. Hearth's own are a few hundred kilobytes at most, a pack at most
#: `bot.content.packs.MAX_PACK_CHARS` characters: a path past this names none of them (a log, a disk image,
#: /dev/zero, which has no end), and reading on would fill the machine's memory before saying so.
MAX_FILE_BYTES = 16 * 1024 * 1024


def _read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes, or at most `limit` + 1 of them. Opened without waiting: a named pipe nobody writes to
    reads as empty (an open that blocks would hang Hearth, as `mod pack import` typed at the terminal did); one
    with a writer (`--config <(…)`) is read to its end as before, as reads wait again once it is open."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        parts: list[bytes] = []
        total = 0
        while total <= limit:
            part = os.read(fd, min(1 << 20, limit + 1 - total))
            if not part:
                break
            parts.append(part)
            total += len(part)
        return b"".join(parts)
    finally:
        os.close(fd)


def read_text_file(path: Path, what: str, source: str | None = None, error: ErrorFor = PackError) -> str:
    """The file's UTF-8 text; a missing, unreadable, non-UTF-8 or too big (`MAX_FILE_BYTES`) file raises `error`
    naming it as `source`."""
    source = source or str(path)
    try:
        data = _read_capped(path, MAX_FILE_BYTES)
        if len(data) > MAX_FILE_BYTES:
            raise MemoryError
        return decode_utf8(data)
    except MemoryError:
        raise error(_too_big(source)) from None
    except FileNotFoundError:
        raise error(_("{source}: file not found — there's no such {what}; check the path").format(
            source=source, what=what)) from None
    except NotUtf8 as err:
        raise error(_("{source}: this file isn't UTF-8 text (line {line} has a byte that isn't) — save it as "
                      "UTF-8 and try again").format(source=source, line=err.line)) from None
    except OSError as err:
        raise error(_("{source}: can't read the file ({reason})").format(source=source,
                                                                       reason=err.strerror or err)) from None


def load_toml(path: Path, what: str, source: str | None = None, error: ErrorFor = PackError) -> dict[str, Any]:
    """The tables of the TOML file at `path` (a `what`, e.g. "phrase file"); any problem raises `error`."""
    return parse_toml(read_text_file(path, what, source, error), source or str(path), error)


#: The most levels of arrays and tables a file may nest. Hearth's own files use three or four; the TOML reader
#: itself gives up (RecursionError) somewhere past 300, and whatever reads the tables after it walks them too.
MAX_DEPTH = 32


def parse_toml(text: str, source: str, error: ErrorFor = PackError) -> dict[str, Any]:
    """`tomllib.loads` with a kind error that names the file, the line and the column: every TOML reader's one way
    in (packs on every platform and the dashboard, check-in texts, safety lists, care texts, resources, the
    config, `hearth content lint`, the translators' extractor). Whatever the reader can't take becomes `error`,
    never an unexpected one: a syntax error; nesting too deep to read (RecursionError), or deeper than
    `MAX_DEPTH` (a file the reader took, but whose tables nothing after it should have to walk); a file too big
    to hold (MemoryError); anything else the TOML reader raises."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise error(_syntax_problem(source, err, text)) from None
    except RecursionError:
        raise error(_too_deep(source, text)) from None
    except MemoryError:
        raise error(_too_big(source)) from None
    except (ValueError, TypeError) as err:  # (the reader's own, should it raise another kind)
        # TRANSLATORS: {what} is the TOML reader's own words, in English.
        raise error(_("{source}: this isn't valid TOML ({what}) — check for a missing quote, bracket or \"=\"").format(
            source=source, what=str(err) or type(err).__name__)) from None
    if _depth(data) > MAX_DEPTH:
        raise error(_too_deep(source, text))
    return data


def _depth(value: Any) -> int:
    """How many levels of tables and arrays `value` nests, counted without recursion (a deep file can't
    overflow the count), stopping once past `MAX_DEPTH`."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _too_deep(source: str, text: str) -> str:
    line = _deep_line(text)
    if line is None:
        return _("{source}: this file nests arrays or tables too deeply to read (more than {limit} levels) — "
                 "Hearth's files need only a few").format(source=source, limit=MAX_DEPTH)
    return _("{source}: line {line}: this file nests arrays or tables too deeply to read (more than {limit} "
             "levels) — Hearth's files need only a few").format(source=source, line=line, limit=MAX_DEPTH)


def _too_big(source: str) -> str:
    return _("{source}: this file is too big to read — Hearth's files are small; check that it's the right "
             "one").format(source=source)


def _deep_line(text: str) -> int | None:
    """The first line where the file nests past `MAX_DEPTH`, counting brackets and braces outside strings and
    comments, plus the dots of a key or a table's header (`a.b.c`); None where the count can't tell."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        quote, dots, valued = None, 0, False
        for i, ch in enumerate(line):
            if quote:
                if ch == quote and line[i - 1:i] != "\\":
                    quote = None
                continue
            if ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch in "[{":
                depth += 1
            elif ch in "]}":
                depth = max(0, depth - 1)
            elif ch == "=":
                valued = True  # (a key's dots are before it; a number's after it are none)
            elif ch == "." and not valued:
                dots += 1
            if depth + dots > MAX_DEPTH:
                return number
    return None


def _syntax_problem(source: str, err: tomllib.TOMLDecodeError, text: str) -> str:
    msg = str(err)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", msg)
    if m:
        what = msg[: m.start()].rstrip(".")
        # TRANSLATORS: {what} is the TOML reader's own words, in English (e.g. "Unclosed array").
        return _("{source}: line {line}: this isn't valid TOML ({what}, at column {column}) — check that line "
                 "for a missing quote, bracket or \"=\"").format(source=source, line=m.group(1), what=what,
                                                                  column=m.group(2))
    m = re.search(r"\s*\(at end of document\)\s*$", msg)
    if m:
        what = msg[: m.start()].rstrip(".")
        last = max(1, len(text.splitlines()))
        # TRANSLATORS: {what} is the TOML reader's own words, in English.
        return _("{source}: line {line} (end of file): this isn't valid TOML ({what}) — check for an unclosed "
                 "quote or bracket").format(source=source, line=last, what=what)
    # TRANSLATORS: {what} is the TOML reader's own words, in English.
    return _("{source}: this isn't valid TOML ({what}) — check for a missing quote, bracket or \"=\"").format(
        source=source, what=msg)
