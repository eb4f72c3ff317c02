"""The phrase rules as built, kept between starts: building them from the phrase files is most of the screen's load.

Turning five phrase files into their matchers (aliases, word order, the words every phrase needs) takes a second
and a half of CPU, and gives the same result every time for the same files and the same code. So the result is
kept in the user's cache folder (`$XDG_CACHE_HOME/hearth`, else `~/.cache/hearth`), named by a digest of the
phrase files and of the code that builds them, and read back at the next start in a few hundredths of a second.

Anything wrong with it (no folder, a folder that can't be written, a damaged or old file) only means the rules are
built again, as without it: the file is a copy of what is built, never a source. It is written to a new name and
then renamed, so a start that reads it while another writes never sees half of one. The file is Python's pickle
of the built rules, read only from the user's own cache folder, which only they can write.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Raised by reading a damaged or foreign file: each means "build them again", never a failure.
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
               ValueError, MemoryError)


def cache_folder() -> Path:
    """Where built rules are kept: the XDG cache folder's `hearth` (the platforms' convention for what can be made
    again)."""
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "hearth"


def digest(files: list[Path]) -> str:
    """A name for the rules built from `files`: it changes with any byte of them, of the code that builds them (every
    module of `bot.safety` and the TOML reader) or of Python's version."""
    from bot.content import toml

    h = hashlib.sha256(f"hearth-rules 1 {sys.version}".encode())
    code = sorted(Path(__file__).parent.glob("*.py")) + [Path(toml.__file__)]
    for path in [*files, *code]:
        data = path.read_bytes()
        h.update(f"{path.name} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()[:32]


def read(folder: Path, name: str, kind: type) -> Any | None:
    """The rules kept under `name`, or None when there are none to read (or the file is not a `kind`)."""
    path = folder / f"rules-{name}.pickle"
    try:
        with path.open("rb") as f:
            got = pickle.load(f)
    except FileNotFoundError:
        return None
    except _UNREADABLE as exc:
        log.info("crisis screen: built rules at %s not read (%s); building them again", path, type(exc).__name__)
        return None
    return got if isinstance(got, kind) else None


def write(folder: Path, name: str, rules: object) -> None:
    """Keep `rules` under `name`, and no other built rules (older ones are never read again)."""
    part: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, made = tempfile.mkstemp(dir=folder, prefix=".rules-")
        part = Path(made)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(rules, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, folder / f"rules-{name}.pickle")
        part = None
        for old in folder.glob("rules-*.pickle"):
            if old.name != f"rules-{name}.pickle":
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:
        log.info("crisis screen: built rules not kept in %s (%s); the next start builds them again", folder, exc)
    finally:
        if part is not None:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
