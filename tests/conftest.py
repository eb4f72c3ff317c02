"""Shared fixtures: a real Hearth on a real database, with a hand-moved clock.

Every test that takes `app` or `store` runs twice, `[sqlite]` and
`[postgresql]`: the same flows must behave the same on both stores.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from adapters.console.adapter import ConsoleChannels, ConsoleModerators
from bot.app import Hearth
from bot.clock import ManualClock
from bot.config import load
from bot.delivery.sender import Delivery
from bot.events import Actor, Event, Reply
from bot.store.store import Store
from tests.fakes import RecordingSender
from tests.postgres import emptied, fresh_schema, pg_server, pg_shared  # noqa: F401  (fixtures)

COMMUNITY = "console:test"
#: The suite's own settings; every other HEARTH_* variable in the shell running the tests is hidden from them.
SUITE_ENV = {"HEARTH_TEST_DATABASE_URL", "HEARTH_REQUIRE_POSTGRES", "HEARTH_DASHBOARD_SCREENSHOTS", "HEARTH_CHROMIUM",
            "HEARTH_REQUIRE_BROWSER", "HEARTH_TEST_CLOCK_START"}


def pytest_configure(config: pytest.Config) -> None:
    """The phrase rules a test's Hearth builds are kept in a folder of this run's own (`bot.safety.built`; the
    processes tests start inherit it), never in the developer's cache, which a run must neither read nor fill."""
    import os
    import tempfile

    os.environ["XDG_CACHE_HOME"] = config.stash[_CACHE] = tempfile.mkdtemp(prefix="hearth-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's own cache folder goes with it."""
    import shutil

    if (folder := config.stash.get(_CACHE, None)) is not None:
        shutil.rmtree(folder, ignore_errors=True)


_CACHE = pytest.StashKey[str]()


@pytest.fixture(autouse=True)
def no_hearth_settings_from_the_developer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A HEARTH_DATA_DIR or a token exported in the developer's shell, or a ./hearth.toml in the checkout, would
    otherwise reach every Hearth a test starts (a shared data folder made one test find another's check-ins;
    a `database_url` there would have a test write to the developer's real database)."""
    import os

    import bot.config

    for name in [n for n in os.environ if n.startswith("HEARTH_") and n not in SUITE_ENV]:
        monkeypatch.delenv(name)
    for name in ("LC_ALL", "LC_MESSAGES"):  # the terminal speaks the shell's language: English, in tests
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setattr(bot.config, "DEFAULT_CONFIG_FILE", str(tmp_path / "no-hearth.toml"))


def start_terminal_clock_at(monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    """The terminal's clock (`OffsetClock`) starts at `when` instead of the real time, and runs on from there: for a
    terminal script whose check depends on the day (a month's end), which `at HH:MM` alone can't set."""
    import bot.clock

    when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when
    made = bot.clock.OffsetClock.__init__

    def starting_then(self: bot.clock.OffsetClock) -> None:
        made(self)
        self.offset = when - datetime.now(timezone.utc)

    monkeypatch.setattr(bot.clock.OffsetClock, "__init__", starting_then)


@pytest.fixture(autouse=True)
def terminal_clock_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """HEARTH_TEST_CLOCK_START=2026-12-06T19:05:00 runs every terminal script as if started then: to find a test that
    passes only at some real times of day, weekdays or month ends (it should set its own clock: `at 12:00`)."""
    import os

    start = os.environ.get("HEARTH_TEST_CLOCK_START")
    if start:
        start_terminal_clock_at(monkeypatch, datetime.fromisoformat(start))


@pytest.fixture
def clock() -> ManualClock:
    # Monday 5 January 2026, 08:00 UTC
    return ManualClock(datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc))


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A `database_url` for a migrated database with no rows, of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'hearth.db'}"
    return await emptied(request.getfixturevalue("pg_shared"))


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A `database_url` for a database with nothing in it, not even a schema: for migration tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh' / 'hearth.db'}"
        return
    async with fresh_schema(request.getfixturevalue("pg_server")) as url:
        yield url


@pytest.fixture
async def store(database_url: str, clock: ManualClock):
    opened = await Store.open(database_url, clock)
    yield opened
    await opened.close()


@pytest.fixture
async def app(tmp_path: Path, clock: ManualClock, database_url: str):
    config = load(env={"HEARTH_DATA_DIR": str(tmp_path / "data"), "HEARTH_DATABASE_URL": database_url})
    hearth = await Hearth.open(config, clock)
    hearth.add_platform_moderators(ConsoleModerators())  # as the terminal registers it: its word stands until retaken
    sender = RecordingSender("console")
    hearth.outbox.add_sender(sender)
    hearth.sent = sender.sent  # type: ignore[attr-defined]
    hearth.add_channel_directory(ConsoleChannels())  # as the terminal registers it: every `console:` channel is ours
    yield hearth
    await hearth.close()


def actor(name: str, moderator: bool = False, community: str = COMMUNITY) -> Actor:
    return Actor(community, f"console:{name}", name.capitalize(), platform_moderator=moderator,
                 channel_id="console:general")


async def run(app: Hearth, who: Actor, command: str, /, **args: str) -> list[Reply]:
    return await app.handle(Event("command", who, command, dict(args)))


async def typed(app: Hearth, who: Actor, line: str, /) -> list[Reply]:
    """A command line typed, as the terminal and Slack's slash command send it (a refused line is answered too)."""
    from bot.commands.parse import parse_line, rest_of_line
    from bot.errors import UserError

    try:
        cmd, args = parse_line(app.registry, line)
    except UserError as err:
        return await app.refused_line(who, line, err.reply())  # (as the adapters: the line is still screened)
    return await app.handle(Event("command", who, cmd.name, args, typed=True, line=rest_of_line(app.registry, line)))


async def press(app: Hearth, who: Actor, action: str, /, args: dict[str, str], values: dict[str, str] | None = None,
                kind: str = "action") -> list[Reply]:
    return await app.handle(Event(kind, who, action, dict(args), dict(values or {})))  # type: ignore[arg-type]


def text(replies: list[Reply]) -> str:
    return "\n".join(r.plain() for r in replies)


def ref_of(app: Hearth, delivery: Delivery) -> str:
    """The message id the platform (a recording sender) gave `delivery`.

    Never work an id out from where a delivery sits in `app.sent`: a round's post and its DMs leave the
    outbox together, in any order (on PostgreSQL, or under load, a DM often goes first)."""
    for sender in app.outbox.senders.values():
        ref = sender.ref_of(delivery) if isinstance(sender, RecordingSender) else None
        if ref is not None:
            return ref
    raise AssertionError(f"never sent: {delivery}")


def round_post(app: Hearth, channel: str = "console:general") -> Delivery:
    """The one post in `channel` (a round's), found by what it is, not by when it went out."""
    posts = [d for d in app.sent if d.kind == "post" and d.channel == channel]  # type: ignore[attr-defined]
    assert len(posts) == 1, f"{len(posts)} posts in {channel}"
    return posts[0]


def round_post_ref(app: Hearth, channel: str = "console:general") -> str:
    """The message id of the round post in `channel`: its summary edit and its thread replies hang on it."""
    return ref_of(app, round_post(app, channel))
