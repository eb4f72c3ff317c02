"""What must hold before Hearth starts, checked once for both `hearth check-config` and a start.

A loaded config can still name a content folder that isn't there, a data
folder nobody can write to, or a SQLite file that isn't one. Each of those
used to surface as a traceback halfway through start-up; here each becomes
one sentence naming the setting and where its value came from, and every
problem is reported at once. Nothing is left created or changed: it looks, and the
data folder is tried as a start uses it (made, and written in), since only that
tells whether a start can; what the try made is taken away again.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bot.config import Config
from bot.content.errors import PackError
from bot.errors import ConfigError
from bot.safety.content import SafetyContentError
from bot.store.postgres import is_postgres_url

SQLITE_HEADER = b"SQLite format 3\x00"


def start_problems(config: Config) -> list[str]:
    """Every reason this config would fail at start (without touching the database's contents)."""
    data = _data_problems(config)
    keys = _key_problems(config)
    return [*_content_problems(config), *data, *keys, *([] if data or keys else _stored_key_problems(config)),
            *_platform_problems(config)]


def _named(config: Config, key: str) -> str:
    """`data_dir` (from $HEARTH_DATA_DIR): a setting and the source of its value."""
    return f"`{key}` (from {config.origin(key)})"


def _content_problems(config: Config) -> list[str]:
    from bot.content.library import ContentLibrary

    folder = config["content_dir"]
    if folder and not Path(folder).expanduser().is_dir():
        return [f"{_named(config, 'content_dir')} is {folder}, which is not a folder I can find. "
                "Point it at Hearth's content folder, or leave it out to use the built-in one."]
    try:
        ContentLibrary.load(folder or None, config["safety.model"])
    except PackError as err:
        return [f"The content in {folder or 'the built-in folder'} has problems: {p}" for p in err.problems]
    except SafetyContentError as err:  # a phrase list, the care texts or the support resources
        return [f"The safety content in {folder or 'the built-in folder'} has a problem: {err}"]
    except OSError as err:
        return [f"I couldn't read the content in {folder or 'the built-in folder'}: {err.strerror} "
                f"({err.filename})."]
    return []


def _data_problems(config: Config) -> list[str]:
    """The SQLite file and its folder: there or creatable, writable, and really a SQLite database."""
    url = config["database_url"]
    if is_postgres_url(url):
        return []  # PostgreSQL: reached at start, and `hearth status` says whether it can be
    key = "database_url" if url else "data_dir"
    path = config.sqlite_path
    folder = path.parent
    existing = _nearest_existing(folder)
    if existing is None or not existing.is_dir():
        return [f"{_named(config, key)} puts the data in {folder}, but {existing or folder} is a file, "
                "not a folder. Choose another place for the data."]
    if not os.access(existing, os.W_OK | os.X_OK):
        verb = "write in" if existing == folder else "create folders in"
        return [f"{_named(config, key)} puts the data in {folder}, but I can't {verb} {existing} (it's "
                "read-only for me). Choose a folder you can write to, or change its permissions."]
    if (tried := _tried_writing(folder, existing)) is not None:
        return [f"{_named(config, key)} puts the data in {folder}, but I couldn't use it: {tried}. "
                "Choose a folder I can write to."]
    if not path.exists():
        return []
    if not path.is_file():
        return [f"{_named(config, key)} puts the data in {path}, which is a folder, not a file."]
    if not os.access(path, os.R_OK | os.W_OK):
        return [f"The data file {path} (from {config.origin(key)}) is read-only for me. "
                "Make it writable, or choose another place for the data."]
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as err:
        return [f"I couldn't read the data file {path}: {err.strerror}."]
    if head and head != SQLITE_HEADER:
        return [f"The data file {path} (from {config.origin(key)}) is not a SQLite database; it may be damaged. "
                "Move it aside (Hearth then starts a new one), or restore it from a backup."]
    return []


def _tried_writing(folder: Path, existing: Path) -> str | None:
    """Why a start could not make `folder` (from `existing`, its nearest folder that is there) and write in it, or
    None: tried for real, as a start does, since permission bits don't tell it all (a system folder such as /proc,
    a read-only disk, a file system that refuses, root's access): what it makes is taken away again."""
    made: list[Path] = []
    try:
        for part in reversed([p for p in (folder, *folder.parents) if p != existing and existing in p.parents]):
            part.mkdir()
            made.append(part)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        return f"{err.strerror} ({err.filename})" if err.filename else str(err.strerror or err)
    finally:
        for part in reversed(made):
            try:
                part.rmdir()
            except OSError:
                pass
    return None


def _nearest_existing(folder: Path) -> Path | None:
    """The folder itself, or the closest parent that exists (what a start would create the rest in)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return None


def _key_problems(config: Config) -> list[str]:
    from bot.crypto import KEY_ENV, NEW_KEY_ENV, cipher_from_key

    problems = []
    for name in (KEY_ENV, NEW_KEY_ENV):
        try:
            cipher_from_key(config.secret(name), name)
        except ConfigError as err:
            problems.append(str(err))
    return problems


def _stored_key_problems(config: Config) -> list[str]:
    """The SQLite file's schema is one this Hearth knows, and the key settings open the private words already sealed in the SQLite file, as a start checks
    (`bot.crypto.prepare_store`): else check-config would say "Config OK" to a start that refuses. (PostgreSQL is
    not contacted by this check; a start says the same there.)"""
    import sqlite3

    from bot.crypto import cipher_from_key, configured_keys, key_problem
    from bot.store.sealing import sealed_in_sqlite_file

    if is_postgres_url(config["database_url"]) or not config.sqlite_path.is_file():
        return []
    from bot.errors import StoreError
    from bot.store.upgrade import pending_sqlite

    try:
        pending_sqlite(config.sqlite_path)  # (written by a newer Hearth: a start refuses it, so this says so too)
    except StoreError as err:
        return [str(err)]
    try:
        sealed, sample = sealed_in_sqlite_file(config.sqlite_path)
    except sqlite3.Error as err:  # (a damaged file: the store's own sentence, as a start says it; else the start's)
        from bot.store.store import damaged

        said = damaged(config.sqlite_path, err)
        return [str(said)] if said is not None else []
    problem = key_problem(cipher_from_key(configured_keys(config)), sealed, sample)
    return [problem] if problem else []


def _platform_problems(config: Config) -> list[str]:
    """What a platform's adapter needs besides its token, as its start refuses without it (`adapters.slack`):
    else check-config said "Config OK" to a Slack over HTTP with no signing secret, which can't start."""
    if config.secret("HEARTH_SLACK_BOT_TOKEN") and not config.secret("HEARTH_SLACK_APP_TOKEN") \
            and not config.secret("HEARTH_SLACK_SIGNING_SECRET"):
        return ["HEARTH_SLACK_BOT_TOKEN is set, but Slack over HTTP needs HEARTH_SLACK_SIGNING_SECRET too (or set "
                "HEARTH_SLACK_APP_TOKEN for Socket Mode instead). See docs/slack.md."]
    return []
