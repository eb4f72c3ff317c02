"""The terminal adapter: Hearth with no account, for trying, demos and scripts."""

from adapters.console.adapter import ConsoleAdapter, ConsoleOut, ConsoleSender, lines_from

__all__ = ["ConsoleAdapter", "ConsoleOut", "ConsoleSender", "lines_from"]
