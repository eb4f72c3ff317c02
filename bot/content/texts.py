"""The mood scale and the short texts around a check-in (`content/texts.toml`).

Communities can restyle these. The file has three sections::

    [moods]        # 1 = lowest .. 5 = highest
    1 = { label = "Rough", emoji = "🌧️" }
    ...
    [checkin]      # opening, dm, reminder, thanks, summary, summary_small, summary_none
    [visibility]   # shared, anonymous, private

Check-in texts use Hearth's tiny markup (**bold**, _italic_) and `{name}`
placeholders that the core fills; each text may use only its own placeholders
(see `CHECKIN_PLACEHOLDERS`).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from bot.content.errors import PackError
from bot.content.toml import parse_toml, read_text_file
from bot.events import Rich, UserText
from bot.i18n import _

MOOD_VALUES: tuple[int, ...] = (1, 2, 3, 4, 5)

CHECKIN_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "opening": ("schedule", "prompt", "closes"),
    "dm": ("schedule", "prompt", "closes"),
    "reminder": ("schedule", "closes"),
    "thanks": ("visibility_phrase",),
    "summary": ("schedule", "count", "spread"),
    "summary_small": ("schedule", "count", "private"),
    "summary_none": ("schedule",),
}
"""Each check-in text -> the placeholders it may use."""

REQUIRED_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "opening": ("prompt",),
    "dm": ("prompt",),
    "summary": ("spread",),
}
"""Placeholders a text must keep, or the message would lose its point."""

VISIBILITY_KEYS: tuple[str, ...] = ("shared", "anonymous", "private")

MAX_LABEL_CHARS = 75      # Slack caps button text at 75 characters, Discord at 80
MAX_EMOJI_CHARS = 16
MAX_TEXT_CHARS = 1000


@dataclass(frozen=True)
class Mood:
    value: int
    label: str
    emoji: str


@dataclass(frozen=True)
class CheckinTexts:
    """Validated texts: `moods[1..5]`, `checkin[key]`, `visibility[key]`."""

    moods: Mapping[int, Mood]
    checkin: Mapping[str, str]
    visibility: Mapping[str, str]

    def render(self, key: str, **values: str | int | Rich | UserText) -> Rich:
        """Fill check-in text `key`. A `str` value is shown as user text (inert);
        pass `Rich` for Hearth markup (e.g. the pre-rendered mood spread)."""
        parts: list[str | UserText] = []
        for literal, name, _spec, _conv in string.Formatter().parse(self.checkin[key]):
            if literal:
                parts.append(literal)
            if name is None:
                continue
            value = values[name]
            if isinstance(value, Rich):
                parts.extend(value.parts)
            elif isinstance(value, UserText):
                parts.append(value)
            elif isinstance(value, int):
                parts.append(str(value))
            elif value:
                parts.append(UserText(value))
        return Rich(tuple(parts))


def load_texts(path: Path | str, source: str | None = None) -> CheckinTexts:
    path = Path(path)
    source = source or path.name
    return parse_texts(read_text_file(path, _("check-in texts file (they live in content/texts.toml)"), source), source)


def parse_texts(text: str, source: str = "texts.toml") -> CheckinTexts:
    """Validate texts TOML; raises `PackError` listing every problem."""
    data = parse_toml(text, source)
    problems: list[str] = []
    for key in data:
        if key not in ("moods", "checkin", "visibility"):
            problems.append(_("{source}: unknown section [{key}] — the file has [moods], [checkin] and "
                              "[visibility]").format(source=source, key=key))
    moods = _check_moods(data.get("moods"), source, problems)
    checkin = _check_checkin(data.get("checkin"), source, problems)
    visibility = _check_visibility(data.get("visibility"), source, problems)
    if problems:
        raise PackError(problems)
    return CheckinTexts(moods=moods, checkin=checkin, visibility=visibility)


def _section(raw: Any, name: str, source: str, problems: list[str]) -> dict[str, Any] | None:
    if raw is None:
        problems.append(_("{source}: the [{section}] section is missing — add it (see "
                          "content/texts.toml)").format(source=source, section=name))
        return None
    if not isinstance(raw, dict):
        problems.append(_("{source}: \"{section}\" should be a [{section}] section").format(source=source,
                                                                                       section=name))
        return None
    return raw


def _check_moods(raw: Any, source: str, problems: list[str]) -> dict[int, Mood]:
    section = _section(raw, "moods", source, problems)
    if section is None:
        return {}
    wanted = [str(v) for v in MOOD_VALUES]
    for key in section:
        if key not in wanted:
            problems.append(_("{source}: [moods]: unknown mood \"{key}\" — moods are numbered 1 (lowest) to 5 "
                              "(highest)").format(source=source, key=key))
    moods: dict[int, Mood] = {}
    for value in MOOD_VALUES:
        where = _("{source}: [moods]: mood {value}").format(source=source, value=value)
        entry = section.get(str(value))
        if entry is None:
            problems.append(_("{where} is missing — add {example}").format(
                where=where, example=f'{value} = {{ label = "...", emoji = "..." }}'))
            continue
        if not isinstance(entry, dict):
            problems.append(_("{where} should look like {example}").format(
                where=where, example=f'{value} = {{ label = "...", emoji = "..." }}'))
            continue
        for key in entry:
            if key not in ("label", "emoji"):
                problems.append(_("{where}: unknown field \"{key}\" — a mood has a label and an emoji").format(
                    where=where, key=key))
        fields: dict[str, str] = {}
        for key, limit in (("label", MAX_LABEL_CHARS), ("emoji", MAX_EMOJI_CHARS)):
            v = entry.get(key)
            if v is None:
                problems.append(_("{where}: missing \"{key}\" — add {example}").format(
                    where=where, key=key, example=f'{key} = "..."'))
            elif not isinstance(v, str) or not v.strip():
                problems.append(_("{where}: \"{key}\" should be non-empty text in quotes").format(where=where,
                                                                                                 key=key))
            elif len(v.strip()) > limit:
                problems.append(_("{where}: \"{key}\" is {chars} characters; the limit is {limit} — shorten "
                                  "it").format(where=where, key=key, chars=len(v.strip()), limit=limit))
            else:
                fields[key] = v.strip()
        if len(fields) == 2:
            moods[value] = Mood(value=value, label=fields["label"], emoji=fields["emoji"])
    return moods


def _check_checkin(raw: Any, source: str, problems: list[str]) -> dict[str, str]:
    section = _section(raw, "checkin", source, problems)
    if section is None:
        return {}
    for key in section:
        if key not in CHECKIN_PLACEHOLDERS:
            problems.append(_("{source}: [checkin]: unknown text \"{key}\" — the texts are: {keys}").format(
                source=source, key=key, keys=", ".join(CHECKIN_PLACEHOLDERS)))
    out: dict[str, str] = {}
    for key, allowed in CHECKIN_PLACEHOLDERS.items():
        where = _("{source}: [checkin]: \"{key}\"").format(source=source, key=key)
        value = section.get(key)
        if value is None:
            problems.append(_("{where} is missing — add {example}").format(where=where, example=f'{key} = "..."'))
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(_("{where} should be non-empty text in quotes").format(where=where))
            continue
        before = len(problems)
        if len(value) > MAX_TEXT_CHARS:
            problems.append(_("{where} is {chars} characters; the limit is {limit} — shorten it").format(
                where=where, chars=len(value), limit=MAX_TEXT_CHARS))
        used = _placeholders(value, where, allowed, problems)
        for name in REQUIRED_PLACEHOLDERS.get(key, ()):
            if used is not None and name not in used:
                problems.append(_("{where} needs {placeholder} somewhere in it — the core fills it in").format(
                    where=where, placeholder="{" + name + "}"))
        problems.extend(_markup_problems(value, where))
        if len(problems) == before:
            out[key] = value
    return out


def _check_visibility(raw: Any, source: str, problems: list[str]) -> dict[str, str]:
    section = _section(raw, "visibility", source, problems)
    if section is None:
        return {}
    for key in section:
        if key not in VISIBILITY_KEYS:
            problems.append(_("{source}: [visibility]: unknown label \"{key}\" — the labels are: {keys}").format(
                source=source, key=key, keys=", ".join(VISIBILITY_KEYS)))
    out: dict[str, str] = {}
    for key in VISIBILITY_KEYS:
        where = _("{source}: [visibility]: \"{key}\"").format(source=source, key=key)
        value = section.get(key)
        if value is None:
            problems.append(_("{where} is missing — add {example}").format(where=where, example=f'{key} = "..."'))
        elif not isinstance(value, str) or not value.strip():
            problems.append(_("{where} should be non-empty text in quotes").format(where=where))
        elif len(value.strip()) > MAX_LABEL_CHARS:
            problems.append(_("{where} is {chars} characters; the limit is {limit} (it is a button label) — "
                              "shorten it").format(where=where, chars=len(value.strip()), limit=MAX_LABEL_CHARS))
        elif "{" in value or "}" in value or "*" in value or "_" in value:
            problems.append(_("{where} is a plain label — leave out braces and markup").format(where=where))
        else:
            out[key] = value.strip()
    return out


def _placeholders(value: str, where: str, allowed: tuple[str, ...], problems: list[str]) -> set[str] | None:
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError:
        problems.append(_("{where} has a stray {{ or }} — placeholders look like {example}; write {literal} for a "
                          "literal brace").format(where=where, example="{" + allowed[0] + "}", literal="{{ or }}"))
        return None
    used: set[str] = set()
    for _literal, name, spec, conv in parsed:
        if name is None:
            continue
        if name not in allowed:
            shown = "{" + name + "}" if name else "{}"
            problems.append(_("{where} uses {shown}, which this text can't fill — it can use: {allowed}").format(
                where=where, shown=shown, allowed=", ".join("{" + a + "}" for a in allowed)))
        elif spec or conv:
            problems.append(_("{where}: write {placeholder} plainly, without ':' or '!' after the name").format(
                where=where, placeholder="{" + name + "}"))
        used.add(name)
    return used


def _markup_problems(value: str, where: str) -> list[str]:
    problems = []
    literal = "".join(lit for lit, *_ in string.Formatter().parse(value)) if _parses(value) else value
    if literal.count("**") % 2:
        problems.append(_("{where} has a {mark} without its partner — bold text looks like {example}").format(
            where=where, mark="**", example="**this**"))
    if literal.replace("**", "").count("_") % 2:
        problems.append(_("{where} has a {mark} without its partner — italic text looks like {example}").format(
            where=where, mark="_", example="_this_"))
    for bad in ("`", "<", "@everyone", "@here", "~~"):
        if bad in literal:
            problems.append(_("{where} contains \"{bad}\" — Hearth's texts use only **bold** and "
                              "_italic_").format(where=where, bad=bad))
    return problems


def _parses(value: str) -> bool:
    try:
        list(string.Formatter().parse(value))
        return True
    except ValueError:
        return False
