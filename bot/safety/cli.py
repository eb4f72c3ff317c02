"""`hearth screen`: run the crisis screen over lines of text, one verdict a line.

Lets moderators and content editors try the screen on their own examples
without starting the bot. Each input line is echoed back after its label
(`crisis`, `gentle` or `ok`) because the person running it is the one who
typed it; the bot itself never logs the text it screens. Which screen ran (the
model and the rules, or the rules alone and why) goes to stderr first.
`--model` adds the model, as `[safety] model = true` does in Hearth
(`hearth screen` follows the config).
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from bot.safety.content import SafetyContentError
from bot.safety.screen import Screen


def main(stdin: TextIO, stdout: TextIO, content_dir: Path | None = None, stderr: TextIO | None = None,
         model: bool = False) -> int:
    """Print `<level><TAB>line` per input line; 2 if the phrase file is bad. `model`: try the model too."""
    try:
        screen = Screen.load(content_dir, with_model=model)
    except SafetyContentError as exc:
        stdout.write(f"error\t{exc}\n")
        return 2
    if stderr is not None:
        stderr.write(f"screen: {screen.which}\n")
        stderr.flush()
    for raw in stdin:
        line = raw.rstrip("\r\n")
        stdout.write(f"{screen.check(line).level}\t{line}\n")
    stdout.flush()
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.stdin, sys.stdout, stderr=sys.stderr, model="--model" in sys.argv[1:]))
