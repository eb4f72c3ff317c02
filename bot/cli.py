"""The `hearth` command line: start the bot, or one of its tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from pathlib import Path

from bot.config import Config, load
from bot.errors import ConfigError, StoreError
from bot.runtime import AdapterUnavailable

log = logging.getLogger("hearth")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hearth",
        description="Hearth, a community support bot. With no Discord or Slack token set it runs in this terminal.",
    )
    parser.add_argument("--config", help="a TOML config file (default: ./hearth.toml if present)")
    parser.add_argument("--log-level", help="DEBUG, INFO, WARNING or ERROR (default from config: INFO)")
    parser.add_argument("--script", type=Path, help="run terminal commands from this file, then stop")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="start Hearth (the default)")
    sub.add_parser("demo", help="a one-minute tour of a whole check-in, in the terminal")
    check = sub.add_parser("check-config", help="validate a config file without starting")
    check.add_argument("file", nargs="?", help="the file to check (default: --config or ./hearth.toml)")
    content = sub.add_parser("content", help="prompt-pack tools: hearth content lint [PATH...]")
    content.add_argument("action", choices=["lint"])
    content.add_argument("rest", nargs=argparse.REMAINDER)
    sub.add_parser("screen", help="check lines on stdin against the crisis screen: prints crisis, gentle or ok")
    sub.add_parser("keygen", help="print a new HEARTH_ENCRYPTION_KEY for private notes and answers")
    sub.add_parser("status", help="the Hearth processes alive on this store, what each holds, the outbox depth")
    move = sub.add_parser("migrate-store", help="copy Hearth's data to another database, e.g. SQLite to PostgreSQL",
                          description="Copy every community's data (or one's) into an empty database, then check "
                                      "that the counts match. Stop Hearth first.")
    move.add_argument("--from", dest="source", required=True, metavar="URL",
                      help="where the data is now: sqlite:///path/hearth.db, a file path, or postgresql://…")
    move.add_argument("--to", dest="target", required=True, metavar="URL", help="where it should go (same forms)")
    move.add_argument("--community", action="append", metavar="ID",
                      help="copy only this community, e.g. discord:1234 (repeat for more; default: all)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "content":
        from bot.content.lint import main as lint_main

        return lint_main(args.rest)
    if args.command == "screen":
        from bot.safety.cli import main as screen_main

        return screen_main(sys.stdin, sys.stdout, stderr=sys.stderr)
    if args.command == "keygen":
        from bot.crypto import main as keygen_main

        return keygen_main()
    if args.command == "migrate-store":
        from bot.ops.migrate_store import main as migrate_store_main

        return migrate_store_main(args.source, args.target, args.community)
    try:
        config = load(args.file if args.command == "check-config" and args.file else args.config)
    except ConfigError as err:
        print(f"hearth: {err}", file=sys.stderr)
        return 2
    if args.command == "check-config":
        print(f"Config OK ({config.source or 'built-in defaults'}). Data goes to {config.sqlite_path}.")
        return 0
    if args.command == "status":
        from bot.ops.status import status_report

        print(asyncio.run(status_report(config)))
        return 0
    if args.command == "demo":
        return run_demo(args.log_level)
    # In the terminal the conversation is the point: only warnings, unless asked.
    setup_logging(args.log_level or (config["log_level"] if config.serves_a_platform else "WARNING"))
    try:
        return asyncio.run(run(config, args.script))
    except KeyboardInterrupt:
        return 0
    except (StoreError, AdapterUnavailable) as err:
        print(f"hearth: {err}", file=sys.stderr)
        return 2


def setup_logging(level: str) -> None:
    logging.basicConfig(level=level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if level.upper() != "DEBUG":
        logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a line per job run is noise


async def run(config: Config, script: Path | None) -> int:
    """Start Hearth: platform adapters for the tokens set, else the terminal."""
    from adapters.console import ConsoleAdapter, ConsoleOut, lines_from
    from adapters.console.adapter import shell_locale
    from bot.clock import OffsetClock
    from bot.runtime import platform_adapters, serve, start_core

    adapters = platform_adapters(config)
    use_console = not adapters or script is not None
    app = await start_core(config, OffsetClock() if use_console else None)
    done = asyncio.Event()
    if use_console:
        stream = script.open(encoding="utf-8") if script else sys.stdin
        interactive = script is None and sys.stdin.isatty()
        console = ConsoleAdapter(config, lines_from(stream), ConsoleOut(sys.stdout, sys.stdout.isatty()), done,
                                 interactive, locale=shell_locale())
        adapters.append(console)
        if not script:
            print(f"No Discord or Slack token is set, so Hearth runs here in your terminal.\n"
                  f"Your data is kept in {config.sqlite_path}.", file=sys.stderr)
    await serve(app, adapters, until=done if use_console else None, freeze_start_up=script is None)
    return 0


def run_demo(log_level: str | None) -> int:
    """The tour runs on a throwaway database, so it never touches real data."""
    from adapters.console.demo import DEMO_SCRIPT

    setup_logging(log_level or "WARNING")
    with tempfile.TemporaryDirectory(prefix="hearth-demo-") as tmp:
        script = Path(tmp) / "demo.txt"
        script.write_text(DEMO_SCRIPT, encoding="utf-8")
        config = load(env={"HEARTH_DATA_DIR": tmp})
        print("Hearth demo: one evening check-in, start to finish. Lines after '>' are typed by people.\n")
        return asyncio.run(run(config, script))
