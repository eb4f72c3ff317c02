"""What `make messages` needs beyond pybabel's Python extractor.

* `extract_texts_toml`: the default check-in texts, moods and visibility labels of `content/texts.toml` are
  msgids too: shown through `_()`, they read in the reader's language; a community that rewords one keeps
  its own words (no translation matches them).
* `python -m bot.i18n_extract --english PO`: English is the source language, so its catalog says each
  message as it is (msgstr = msgid).
"""

from __future__ import annotations

import sys
from typing import IO, Any, Iterator

from bot.content.texts import CHECKIN_PLACEHOLDERS
from bot.content.toml import decode_utf8, parse_toml


def extract_texts_toml(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
                       ) -> Iterator[tuple[int, str | None, str, list[str]]]:
    raw = decode_utf8(fileobj.read())
    data = parse_toml(raw, getattr(fileobj, "name", "texts.toml"))  # (as every TOML reader: one way in)
    lines = raw.splitlines()

    def line_of(key: str) -> int:
        for i, line in enumerate(lines, 1):
            if line.strip().startswith(key):
                return i
        return 0

    for value, mood in sorted(data.get("moods", {}).items()):
        yield line_of(f"{value} ="), None, mood["label"], [f"TRANSLATORS: mood {value} of 5 (1 lowest), a button label"]
    for key, text in data.get("checkin", {}).items():
        names = ", ".join("{" + n + "}" for n in CHECKIN_PLACEHOLDERS.get(key, ()))
        yield line_of(f"{key} ="), None, text, [f"TRANSLATORS: check-in text \"{key}\"; it may use {names}"]
    for key, label in data.get("visibility", {}).items():
        yield line_of(f"{key} ="), None, label, [f"TRANSLATORS: where an answer goes (\"{key}\"), a button label"]


def fill_english(path: str) -> None:
    from babel.messages.pofile import read_po, write_po

    with open(path, "rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
    with open(path, "wb") as f:
        write_po(f, catalog, width=116)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--english":
        fill_english(sys.argv[2])
    else:
        sys.exit("usage: python -m bot.i18n_extract --english bot/locales/en/LC_MESSAGES/hearth.po")
