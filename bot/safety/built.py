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
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Half-written files older than this are left by a start that was stopped while writing: removed at the next write.
_STALE_PART_S = 3600


def cache_folder() -> Path | None:
    """Where built rules are kept: the XDG cache folder's `hearth` (the platforms' convention for what can be made
    again); None where there is no home to keep them in (a container's user without one)."""
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    try:
        return Path(base).expanduser() / "hearth"
    except RuntimeError:
        return None


def digest(files: list[Path]) -> str | None:
    """A name for the rules built from `files`: it changes with any byte of them, of the code that builds them (every
    module of `bot.safety` and the TOML reader), of Hearth's version or of Python's; None where a file can't be read
    (the build then says what is wrong with it, as without kept rules)."""
    from bot.content import toml
    from bot.content.toml import MAX_FILE_BYTES

    h = hashlib.sha256(f"hearth-rules 1 {sys.version} {_version()}".encode())
    code = sorted(Path(__file__).parent.glob("*.py")) + [Path(toml.__file__)]
    for path in [*files, *code]:
        try:
            if not path.is_file():  # (a pipe or a folder: the build says so; a read here could wait forever)
                return None
            data = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else b""
        except OSError:
            return None
        h.update(f"{path.name} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()[:32]


def _version() -> str:
    """Hearth's installed version: an install without the modules' source (bytecode only) still names new rules."""
    from importlib import metadata

    try:
        return metadata.version("hearth")
    except metadata.PackageNotFoundError:
        return "-"


def _own(path: Path) -> bool:
    """Whether a kept file is the user's own and no one else can write it or its folder: only such a file is read,
    as reading it runs what it holds."""
    mine = getattr(os, "getuid", lambda: None)()
    for p in (path, path.parent):
        st = p.stat()
        if (mine is not None and st.st_uid != mine) or st.st_mode & 0o022:
            return False
    return True


def read(folder: Path, name: str, kind: type) -> Any | None:
    """The rules kept under `name`, or None when there are none to read, or none that can be trusted and used (not
    the user's own, damaged, of another kind, or failing a first check)."""
    path = folder / f"rules-{name}.pickle"
    try:
        if not _own(path):
            log.info("crisis screen: built rules at %s not read (others can write there); building them again", path)
            return None
        with path.open("rb") as f:
            got = pickle.load(f)
        if not isinstance(got, kind):
            return None
        got.check("")  # (an object of an older shape, kept by a build whose digest missed the change, fails here)
        return got
    except FileNotFoundError:
        return None
    except Exception as exc:  # (anything wrong with a copy means building again: it is never a source)
        log.info("crisis screen: built rules at %s not read (%s); building them again", path, type(exc).__name__)
        return None


def write(folder: Path, name: str, rules: object) -> None:
    """Keep `rules` under `name`, and no other built rules (older ones are never read again)."""
    part: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if folder.stat().st_mode & 0o077:  # (read only from a folder no one else can write: `_own`)
            os.chmod(folder, 0o700)
        fd, made = tempfile.mkstemp(dir=folder, prefix=".rules-")
        part = Path(made)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(rules, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, folder / f"rules-{name}.pickle")
        part = None
        for old in folder.glob("rules-*.pickle"):
            if old.name != f"rules-{name}.pickle":
                old.unlink(missing_ok=True)
        for left in folder.glob(".rules-*"):
            if time.time() - left.stat().st_mtime > _STALE_PART_S:
                left.unlink(missing_ok=True)
    except Exception as exc:  # (never a failure: the next start builds them again)
        log.info("crisis screen: built rules not kept in %s (%s); the next start builds them again", folder, exc)
    finally:
        if part is not None:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
