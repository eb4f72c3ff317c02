"""`hearth screen`: run the crisis screen over lines of text, one verdict a line.

Lets moderators and content editors try the screen on their own examples
without starting the bot. Each input line is echoed back after its label
(`crisis`, `gentle` or `ok`) because the person running it is the one who
typed it; the bot itself never logs the text it screens. Which screen ran (the
model and the rules, and how far the model's reading goes, or the rules alone
and why) goes to stderr first. `hearth screen` follows the config: the model
loads unless `[safety] model = false`, and reads as a community's default
`crisis_screen = model` does (what only the model hears is `gentle`);
`--model-crisis` lets its confident alarm be `crisis`, `--rules-only` leaves it out.
A line that holds no text gets no verdict it wasn't given: `empty` for a blank
one, `unreadable` for one that isn't UTF-8 (the terminal skips such a line too).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, TextIO

from bot.safety.content import SafetyContentError
from bot.safety.screen import Reading, Screen

#: How each reading is named on stderr, after the screen itself.
_READS = {"model": "what only the model hears is gentle, a crisis where it is sure (crisis_screen = model)",
          "model-crisis": "the model's confident alarm is a crisis too (crisis_screen = model-crisis)"}
#: What bytes that aren't UTF-8 become, read with surrogateescape (`_lines`): never typed on purpose.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def _lines(stdin: TextIO) -> Iterator[str]:
    """Each line, decoded on its own where the stream has bytes beneath (a pipe, the keyboard): bytes that aren't
    UTF-8 kept as lone surrogates, so that line is said unreadable and the rest read on."""
    raw = getattr(stdin, "buffer", None)
    if raw is None:
        yield from stdin
        return
    for data in iter(raw.readline, b""):
        yield data.decode("utf-8", "surrogateescape")


def main(stdin: TextIO, stdout: TextIO, content_dir: Path | None = None, stderr: TextIO | None = None,
         model: bool = False, reading: Reading = "model", off_because: str | None = None) -> int:
    """Print `<level><TAB>line` per input line; 2 if the phrase file is bad. `model`: try the model too, read as
    `reading` says. `off_because`: why the model is left out, where it was not the config (`--rules-only`)."""
    try:
        screen = Screen.load(content_dir, with_model=model)
        if off_because and screen.model is None:
            screen.unavailable = off_because
    except SafetyContentError as exc:
        stdout.write(f"error\t{exc}\n")
        return 2
    if stderr is not None:
        reads = f"; {_READS[reading]}" if screen.model is not None and reading in _READS else ""
        stderr.write(f"screen: {screen.which}{reads}\n")
        stderr.flush()
    for raw in _lines(stdin):
        line = raw.rstrip("\r\n")
        if _NOT_UTF8.search(line):  # (shown as the terminal shows it: what can't be printed as "\ufffd")
            stdout.write(f"unreadable\t{_NOT_UTF8.sub(chr(0xFFFD), line)}\n")
        elif not line.strip():
            stdout.write(f"empty\t{line}\n")
        else:
            stdout.write(f"{screen.check_many([line], reading)[0].level}\t{line}\n")
    stdout.flush()
    return 0


if __name__ == "__main__":
    import sys

    flags = sys.argv[1:]
    raise SystemExit(main(sys.stdin, sys.stdout, stderr=sys.stderr, model="--rules-only" not in flags,
                          reading="model-crisis" if "--model-crisis" in flags else "model",
                          off_because="--rules-only" if "--rules-only" in flags else None))
