"""Log lines for a person (text) or for a log collector (JSON lines, `--log-format json`).

Both formats carry the same message: what Hearth logs never holds a token,
a key or a member's words (tests/bot/test_secrets.py holds it to that), and
JSON adds only the time, level and logger around it.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonLines(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


def formatter(kind: str) -> logging.Formatter:
    return JsonLines() if kind == "json" else logging.Formatter(TEXT_FORMAT)


def setup_logging(level: str, kind: str = "text") -> None:
    """Everything to stderr, in the format asked for; APScheduler's line per job run only at DEBUG."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(kind))
    logging.basicConfig(level=level.upper(), handlers=[handler])
    quiet_libraries(level)


#: Libraries whose DEBUG lines hold what members wrote: aiosqlite logs every statement with its parameters.
WORDY = ("aiosqlite",)


def quiet_libraries(level: str) -> None:
    """Keep libraries to lines that hold no member's words, whatever the level asked for."""
    for name in WORDY:
        logging.getLogger(name).setLevel(logging.INFO)
    if level.upper() != "DEBUG":
        logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a line per job run is noise
