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
one, `unreadable` for one that isn't UTF-8 (the terminal skips such a line too),
`too-long` for one longer than any message Hearth reads (`MAX_MESSAGE_CHARS`),
read past in pieces: a line of megabytes was held whole and screened, ~680 MB.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import AnyStr, Callable, Iterator, TextIO

from bot.events import MAX_MESSAGE_CHARS
from bot.safety.content import SafetyContentError
from bot.safety.screen import Reading, Screen

#: How each reading is named on stderr, after the screen itself.
_READS = {"model": "what only the model hears is gentle, a crisis where it is sure (crisis_screen = model)",
          "model-crisis": "the model's confident alarm is a crisis too (crisis_screen = model-crisis)"}
#: What bytes that aren't UTF-8 become, read with surrogateescape (`_lines`): never typed on purpose.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


#: How much of a line too long to screen is shown after its label.
_SHOWN = 60


def _lines(stdin: TextIO) -> Iterator[tuple[str, bool]]:
    """Each line, and whether it was read whole (False: far longer than `MAX_MESSAGE_CHARS`, its start only). Decoded
    on its own where the stream has bytes beneath (a pipe, the keyboard): bytes that aren't UTF-8 kept as lone
    surrogates, so that line is said unreadable and the rest read on."""
    raw = getattr(stdin, "buffer", None)
    if raw is None:
        yield from _capped(stdin.readline, MAX_MESSAGE_CHARS, "\n")
        return
    for data, whole in _capped(raw.readline, 4 * MAX_MESSAGE_CHARS, b"\n"):  # (UTF-8: four bytes a character at most)
        yield data.decode("utf-8", "surrogateescape"), whole


def _capped(readline: Callable[[int], AnyStr], most: int, newline: AnyStr) -> Iterator[tuple[AnyStr, bool]]:
    """The lines `readline` gives, none held longer than `most` (and its line end): a longer one's start, and
    False, once the rest of it has been read past a piece at a time."""
    while piece := readline(most + 2):
        if piece.endswith(newline) or len(piece) < most + 2:
            yield piece, True
            continue
        while (rest := readline(most)) and not rest.endswith(newline):
            pass
        yield piece, False


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
    for number, (raw, whole) in enumerate(_lines(stdin), 1):
        line = raw.rstrip("\r\n")
        if not whole or len(line) > MAX_MESSAGE_CHARS:
            stdout.write(f"too-long\t{_NOT_UTF8.sub(chr(0xFFFD), line[:_SHOWN])}…\n")
            if stderr is not None:
                stderr.write(f"screen: line {number} is longer than {MAX_MESSAGE_CHARS:,} characters, the most Hearth "
                             "reads in one message, so it was not screened. Split it to try it.\n")
                stderr.flush()
        elif _NOT_UTF8.search(line):  # (shown as the terminal shows it: what can't be printed as "\ufffd")
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
