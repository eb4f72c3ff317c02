"""The `hearth` command line: start the bot, or one of its tools."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import AsyncIterator, Iterator, TextIO

from bot.config import LOG_FORMATS, LOG_LEVELS, Config, NotUtf8, decode_utf8, load, load_all
from bot.errors import HearthError
from bot.events import MAX_MESSAGE_CHARS
from hearth.logs import setup_logging
from bot.store.postgres import is_postgres_url

log = logging.getLogger("hearth")


#: A setting given before or after the subcommand means the same: `hearth --script F run` = `hearth run --script F`.
def _common(*names: str) -> argparse.ArgumentParser:
    """The options a subcommand shares with the top level; its copies default to "not given" so they never undo
    one given before the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS
    if "config" in names:
        common.add_argument("--config", default=default, metavar="FILE",
                            help="a TOML config file (default: ./hearth.toml if present, else built-in defaults)")
    if "log-level" in names:
        common.add_argument("--log-level", default=default, metavar="LEVEL", type=str.upper, choices=LOG_LEVELS,
                            help="DEBUG, INFO, WARNING or ERROR (default: the config's log_level; WARNING in the "
                                 "terminal)")
    if "log-format" in names:
        common.add_argument("--log-format", default=default, choices=LOG_FORMATS, type=str.lower,
                            help="text, or json for one JSON object per line (default: the config's log_format)")
    if "script" in names:
        common.add_argument("--script", type=Path, default=default, metavar="FILE",
                            help="run terminal lines from this file (as if typed), then stop")
    return common


SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "run": ("start Hearth (the default)",
            "Start Hearth: on Discord and/or Slack when their tokens are set in the environment, else here in "
            "your terminal on a local SQLite file. With --script, the terminal reads its lines from a file."),
    "demo": ("a one-minute tour of a whole check-in, in the terminal",
             "Play a scripted evening check-in from start to finish on a throwaway database: a moderator "
             "creates a schedule, members join and answer, the round closes with its summary."),
    "check-config": ("check a config file, and everything a start needs, without starting",
                     "Check a config file without starting: every setting, the content folder, the data folder "
                     "and the encryption key, all reported at once. Exits with 0 when Hearth would start."),
    "content": ("prompt-pack tools: hearth content lint [PATH...]",
                "Tools for prompt packs. `hearth content lint [PATH...]` checks packs (the built-in ones by "
                "default) and counts their prompts per theme, kind and depth."),
    "screen": ("check lines on stdin against the crisis screen: prints crisis, gentle or ok",
               "Read lines on stdin and print `crisis`, `gentle` or `ok` for each (`empty` for a blank line, "
               "`unreadable` for one that isn't UTF-8, `too-long` for one longer than any message Hearth reads, "
               f"{MAX_MESSAGE_CHARS} characters), to try the crisis screen on "
               "your own sentences, with the screen your config gives Hearth (by default the model and the phrase "
               "rules, as a community's crisis_screen = model reads: what only the model hears is `gentle`). "
               "Which screen ran goes to stderr first."),
    "keygen": ("print a new HEARTH_ENCRYPTION_KEY for private notes and answers",
               "Print a new key for HEARTH_ENCRYPTION_KEY, which encrypts private notes and private check-in "
               "answers at rest. Keep it safe: without it they can't be read."),
    "status": ("the Hearth processes alive on this store, what each holds, the outbox depth",
               "Show which Hearth processes are alive on the configured database, what each holds, how many "
               "messages wait in the outbox and how many rounds are open."),
    "backup": ("a consistent copy of the SQLite database, safe while Hearth runs",
               "Copy the SQLite database to FILE with SQLite's online backup API: a consistent copy even while "
               "Hearth is running. For PostgreSQL, use pg_dump (docs/hosting.md)."),
    "restore": ("put a backup into an empty data folder",
                "Restore a backup made by `hearth backup` into the configured data folder, which must be empty "
                "(nothing is ever overwritten). Stop Hearth first."),
    "migrate": ("bring the database schema up to date; --check says what would run",
                "Apply the database migrations this version of Hearth needs (a start does the same). With "
                "--check, only say which would run, changing nothing: exit 0 when up to date, 1 when some "
                "would run."),
    "rotate-key": ("re-encrypt private notes and answers under HEARTH_NEW_ENCRYPTION_KEY",
                   "Re-encrypt every private note and private answer under the key in HEARTH_NEW_ENCRYPTION_KEY, "
                   "reading with it or HEARTH_ENCRYPTION_KEY. Safe while Hearth runs (give it both keys too) and "
                   "safe to stop: run it again to carry on. When it is done, the new key becomes "
                   "HEARTH_ENCRYPTION_KEY."),
    "migrate-store": ("copy Hearth's data to another database, e.g. SQLite to PostgreSQL",
                      "Copy every community's data (or one's) into an empty database, then check that the counts "
                      "match. Stop Hearth first."),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hearth", parents=[_top_level()],
        description="Hearth, a community support bot. With no Discord or Slack token set it runs in this terminal.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, *common: str) -> argparse.ArgumentParser:
        short, long = SUBCOMMANDS[name]
        return sub.add_parser(name, help=short, description=long, parents=[_common(*common)])

    add("run", "config", "log-level", "log-format", "script")
    add("demo", "log-level")
    check = add("check-config", "config")
    check.add_argument("file", nargs="?", help="the file to check (default: --config, else ./hearth.toml)")
    content = add("content")
    content.add_argument("action", choices=["lint"], help="lint: check prompt packs")
    content.add_argument("rest", nargs=argparse.REMAINDER, metavar="PATH", help="pack files or folders to check")
    screen = add("screen", "config")
    which = screen.add_mutually_exclusive_group()
    which.add_argument("--rules-only", "--phrases", dest="rules_only", action="store_true",
                       help="the phrase rules alone, whatever the config says, as crisis_screen = phrases reads "
                            "(default: as the config says)")
    which.add_argument("--model", action="store_true", help="the model and the rules, whatever the config says: "
                       "what only the model hears is gentle, a crisis where it is sure (crisis_screen = model, the "
                       "default)")
    which.add_argument("--model-crisis", action="store_true", help="the model and the rules, the model's confident "
                       "alarm a crisis too (crisis_screen = model-crisis)")
    add("keygen")
    add("status", "config", "log-level", "log-format")
    for name in ("backup", "restore"):
        tool = add(name, "config")
        tool.add_argument("file", type=Path, metavar="FILE",
                          help="the backup file to write" if name == "backup" else "the backup file to restore")
    migrate = add("migrate", "config")
    migrate.add_argument("--check", action="store_true", help="only say what would run; change nothing")
    add("rotate-key", "config")
    move = add("migrate-store")
    move.add_argument("--from", dest="source", required=True, metavar="URL",
                      help="where the data is now: sqlite:///path/hearth.db, a file path, or postgresql://…")
    move.add_argument("--to", dest="target", required=True, metavar="URL", help="where it should go (same forms)")
    move.add_argument("--community", action="append", metavar="ID",
                      help="copy only this community, e.g. discord:1234 (repeat for more; default: all)")
    return parser


def _top_level() -> argparse.ArgumentParser:
    top = _common("config", "log-level", "log-format", "script")
    for action in top._actions:
        action.default = None  # given nowhere: None
    return top


class StartProblems(HearthError):
    """Everything that would stop a start, each one sentence, found all at once."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class OutputFailed(HearthError):
    """Standard output can't be written (a full disk, /dev/full, a pipe closed early): a fault of where the output
    goes, said as such, not as a bug of Hearth's."""

    def __init__(self, err: OSError) -> None:
        #: The reader stopped reading (`hearth screen < lines | head -1`): what it wanted, it had; nothing to say.
        self.reader_left = isinstance(err, BrokenPipeError)
        super().__init__(f"I couldn't write my output ({err.strerror or err}), so what this command printed may be "
                         "missing or cut short. Check where the output goes (a full disk? a pipe closed early?) and "
                         "run it again.")


class _Stdout:
    """`sys.stdout` while a command runs: a write or flush that fails is `OutputFailed`, every other use the
    stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as err:
            raise OutputFailed(err) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise OutputFailed(err) from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextlib.contextmanager
def _guarded_stdout() -> Iterator[None]:
    """Each command's writes to stdout raise `OutputFailed` when they fail, and what is still buffered is flushed
    before the command is done, where a failure can be said (at exit it was "Exception ignored", or "something went
    wrong that I didn't expect")."""
    stream = sys.stdout
    sys.stdout = _Stdout(stream)  # type: ignore[assignment]
    try:
        yield
        sys.stdout.flush()
    finally:
        sys.stdout = stream


def _output_lost() -> None:
    """Whatever is left in stdout's buffer goes nowhere, so exit doesn't try (and fail) to write it again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # (said with the subcommand's own usage, not the top level's: `hearth screen --nosuch`)
        subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        (subparsers.choices.get(args.command) or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        with _guarded_stdout():
            return _command(args)
    except KeyboardInterrupt:
        return 0
    except OutputFailed as err:
        _output_lost()
        if not err.reader_left:
            _say([str(err)])
        return 1
    except StartProblems as err:
        _say(err.problems)
        return 2
    except HearthError as err:  # a config, store, content or adapter problem: its message says it all
        _say(str(err).splitlines())
        return 2
    except Exception as err:  # a bug: one sentence for the person, the details for whoever asks for them
        log.debug("hearth stopped on an error", exc_info=True)
        _say([f"something went wrong that I didn't expect ({type(err).__name__}: {err}). "
              "Run again with --log-level DEBUG to see the details."])
        return 1


def _say(problems: list[str]) -> None:
    if len(problems) == 1:
        print(f"hearth: {problems[0]}", file=sys.stderr)
        return
    print(f"hearth: {len(problems)} problems:", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


def _screen_with_model(args: argparse.Namespace, config: Config) -> bool:
    """`hearth screen` runs the screen Hearth would run with this config, unless told otherwise."""
    if args.rules_only or args.model or args.model_crisis:
        return bool(args.model or args.model_crisis)
    return bool(config["safety.model"])


def _command(args: argparse.Namespace) -> int:
    if args.command == "content":
        from bot.content.lint import main as lint_main

        return lint_main(args.rest)
    if args.command == "screen":
        from bot.safety.cli import main as screen_main

        config = _loaded(args.config)  # (its phrase files and head too: `content_dir`, as Hearth reads them)
        content = config["content_dir"]
        return screen_main(sys.stdin, sys.stdout, Path(content).expanduser() if content else None, stderr=sys.stderr,
                           model=_screen_with_model(args, config),
                           reading="model-crisis" if args.model_crisis else "model",
                           off_because="--rules-only" if args.rules_only else None)
    if args.command == "keygen":
        from bot.crypto import main as keygen_main

        return keygen_main()
    if args.command == "migrate-store":
        from bot.ops.migrate_store import main as migrate_store_main

        return migrate_store_main(args.source, args.target, args.community)
    if args.command in ("backup", "restore", "migrate", "rotate-key"):
        from hearth import upkeep

        config = _loaded(args.config)
        if args.command == "rotate-key":
            return upkeep.rotate_main(config)
        if args.command == "migrate":
            return upkeep.migrate_main(config, args.check)
        return (upkeep.backup_main if args.command == "backup" else upkeep.restore_main)(config, args.file)
    if args.command == "demo":
        return run_demo(args.log_level)
    if args.command == "check-config":
        given_as = "check-config FILE" if args.file else "--config"
        config, _ = checked_config(args.file or args.config, given_as)
        _say_warnings(config)
        print(f"Config OK ({config.source or 'built-in defaults'}). Data goes to {_where_data_goes(config)}.")
        return 0
    if args.command == "status":
        from bot.ops.status import status_report

        setup_logging(args.log_level or "WARNING", args.log_format or "text")
        print(asyncio.run(status_report(_loaded(args.config))))
        return 0
    script = getattr(args, "script", None)
    config, text = checked_config(args.config, "--config", script)
    # In the terminal the conversation is the point: only warnings, unless asked.
    setup_logging(args.log_level or (config["log_level"] if config.serves_a_platform else "WARNING"),
                  getattr(args, "log_format", None) or config["log_format"])
    for warning in config.warnings:  # (after logging is set up: in the log a service keeps, once per start)
        log.warning(warning)
    return asyncio.run(run(config, text))


def _loaded(path: str | None) -> Config:
    """The config for a tool (status, backup, migrate...): its warnings said once, on stderr, before it runs."""
    config = load(path)
    _say_warnings(config)
    return config


def _say_warnings(config: Config) -> None:
    for warning in config.warnings:
        print(f"hearth: warning: {warning}", file=sys.stderr)


def checked_config(path: str | None, given_as: str, script: Path | None = None) -> tuple[Config, str | None]:
    """The config, once everything a start needs holds (a script's text too): what check-config and a start share.

    Raises StartProblems with every problem found, not just the first.
    """
    from bot.preflight import start_problems

    config, errors = load_all(path, given_as=given_as)  # (a file that can't be read raises: nothing else to check)
    problems = [str(e) for e in errors]
    text = None
    if script is not None:
        try:
            text = read_script(script)
        except ScriptError as err:
            problems.append(str(err))
    problems += start_problems(config)
    if problems:
        raise StartProblems(problems)
    return config, text


class ScriptError(HearthError):
    """A --script file that can't be run: missing, unreadable or not UTF-8 text."""


def read_script(path: Path) -> str:
    """A script's text, read before anything starts, so a bad one is one sentence (not a hang after a traceback)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScriptError(f"the script {path} (from --script) does not exist.") from None
    except IsADirectoryError:
        raise ScriptError(f"the script {path} (from --script) is a folder, not a file.") from None
    except OSError as err:
        raise ScriptError(f"I can't read the script {path} (from --script): {err.strerror}.") from None
    try:
        return decode_utf8(data)
    except NotUtf8 as err:
        raise ScriptError(f"the script {path} is not UTF-8 text (line {err.line} has a byte that isn't). "
                          "Save it as UTF-8 and try again.") from None


def _where_data_goes(config: Config) -> str:
    url = config["database_url"]
    if is_postgres_url(url):
        from bot.store.postgres import redacted

        return f"the PostgreSQL database {redacted(url)} (not contacted by this check)"
    return str(config.sqlite_path)


async def run(config: Config, script: str | None = None, exports: Path | None = None) -> int:
    """Start Hearth: platform adapters for the tokens set, else the terminal (reading the `script` text if given;
    the files it hands over written to `exports`, else beside the data)."""
    from adapters.console import ConsoleAdapter, ConsoleOut, lines_from
    from adapters.console.adapter import shell_locale
    from bot.clock import OffsetClock
    from hearth.runtime import platform_adapters, serve, start_core

    adapters = platform_adapters(config)
    use_console = not adapters or script is not None
    app = await start_core(config, OffsetClock() if use_console else None)
    done = asyncio.Event()
    console = None
    if use_console:
        lines = lines_from(io.StringIO(script)) if script is not None else stdin_lines(sys.stdin)
        interactive = script is None and sys.stdin.isatty()
        console = ConsoleAdapter(config, lines, ConsoleOut(sys.stdout, sys.stdout.isatty()), done,
                                 interactive, locale=shell_locale(), exports=exports)
        adapters.append(console)
        if script is None:
            print(f"No Discord or Slack token is set, so Hearth runs here in your terminal.\n"
                  f"Your data is kept in {config.sqlite_path}.", file=sys.stderr)
    await serve(app, adapters, until=done if use_console else None, freeze_start_up=script is None)
    if console is not None and console.failure:
        print(f"hearth: {console.failure}", file=sys.stderr)
        return 1
    return 0


async def stdin_lines(stream: TextIO) -> AsyncIterator[str]:
    """The keyboard's (or a pipe's) lines, read on a daemon thread: a SIGTERM while it waits for a line still
    exits, where a worker thread blocked in `readline` would hold the process until Enter was pressed.

    Each line is decoded on its own, bytes that aren't UTF-8 kept as lone surrogates (surrogateescape): the
    terminal answers that one line and reads on, where decoding the stream stopped at the first bad byte."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | BaseException] = asyncio.Queue()
    raw = getattr(stream, "buffer", None)

    def read() -> None:
        try:
            if raw is None:  # (a stream of text already)
                for line in iter(stream.readline, ""):
                    loop.call_soon_threadsafe(queue.put_nowait, line)
            else:
                for data in iter(raw.readline, b""):
                    line = data.decode("utf-8", "surrogateescape").replace("\r\n", "\n")
                    loop.call_soon_threadsafe(queue.put_nowait, line)
            item: str | BaseException = ""
        except BaseException as err:  # (a read that failed: the adapter says so)
            item = err
        with contextlib.suppress(RuntimeError):  # the loop may be gone already
            loop.call_soon_threadsafe(queue.put_nowait, item)

    threading.Thread(target=read, name="stdin", daemon=True).start()
    while True:
        item = await queue.get()
        if isinstance(item, BaseException):
            raise item
        if item == "":
            return
        yield item.rstrip("\n")


def run_demo(log_level: str | None) -> int:
    """The tour runs on a throwaway database, so it never touches real data; the files it hands over (a chart)
    are kept in a folder of their own, named at the end, so the paths it prints still lead somewhere."""
    from adapters.console.demo import DEMO_SCRIPT

    setup_logging(log_level or "WARNING")
    files = Path(tempfile.mkdtemp(prefix="hearth-demo-files-"))
    with tempfile.TemporaryDirectory(prefix="hearth-demo-") as tmp:
        config = load(env={"HEARTH_DATA_DIR": tmp})
        print("Hearth demo: one evening check-in, start to finish. Lines after '>' are typed by people.\n")
        code = asyncio.run(run(config, DEMO_SCRIPT, exports=files))
    if any(files.iterdir()):
        print(f"\nThe demo's files are kept in {files} (its data is gone; delete the folder when you're done).")
    else:
        files.rmdir()
    return code


if __name__ == "__main__":  # (`python -m hearth.cli`, as `python -m hearth`)
    raise SystemExit(main())
