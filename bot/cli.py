"""The `hearth` command line: start the bot, or one of its tools."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hearth", description="Hearth, a community support bot.")
    parser.add_argument("--config", help="path to a TOML config (default ./hearth.toml if present)")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING or ERROR")
    return parser


def main(argv: list[str] | None = None) -> int:
    build_parser().parse_args(argv)
    print("Hearth is starting up. (work in progress)", file=sys.stderr)
    return 0
