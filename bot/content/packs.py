"""Prompt packs: load, validate, dump, and gather them into a library.

A pack is a TOML file with a `[pack]` header and `[[prompts]]` entries::

    [pack]
    id = "hearth-reflections"
    name = "Hearth reflections"
    version = "1.0.0"
    language = "en"
    description = "..."

    [[prompts]]
    id = "respect-01"
    kind = "reflection"      # or "checkin"
    theme = "respect"        # a key of THEMES
    depth = "light"          # light | medium | deep
    text = "..."

Built-in packs live in `content/packs/`; moderators import and export packs in
the same format. Every problem found is collected into one `PackError`, with
messages that name the file, the prompt and how to fix it.
"""

from __future__ import annotations

import difflib
import re
import site
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import tomli_w

from bot.i18n import N_, _, number
from bot.content.errors import PackError
from bot.content.style import only_marks, shows_nothing, unseen
from bot.content.texts import CheckinTexts, Mood, load_texts
from bot.content.toml import parse_toml, read_text_file

__all__ = [
    "DEPTHS",
    "KINDS",
    "MAX_PROMPT_CHARS",
    "THEMES",
    "Library",
    "Pack",
    "PackError",
    "Prompt",
    "default_content_dir",
    "dump_pack",
    "load_library",
    "load_pack",
    "parse_pack",
]

THEMES: dict[str, str] = {
    "respect": N_("Respect"),
    "listening": N_("Listening"),
    "honesty": N_("Honesty"),
    "vulnerability": N_("Vulnerability"),
    "fear": N_("Fear and old wounds"),
    "boundaries": N_("Needs and boundaries"),
    "conflict": N_("Disagreeing well"),
    "appreciation": N_("Appreciation"),
    "growth": N_("Growing together"),
    "repair": N_("Repair"),
    "signs": N_("Signs of safety"),
}
"""Theme id -> short human title, in the content guide's order (English; `_(title)` where shown)."""

KINDS: tuple[str, ...] = ("reflection", "checkin")
DEPTHS: tuple[str, ...] = ("light", "medium", "deep")
MAX_PROMPT_CHARS = 280
MAX_ID_CHARS = 64
MAX_NAME_CHARS = 80
MAX_DESCRIPTION_CHARS = 500
MAX_PACK_PROMPTS = 2000
MAX_PACK_CHARS = 1_000_000

ID_RE = re.compile(r"[a-z0-9-]+")
#: Control characters (bar tab and newline): invisible, and PostgreSQL cannot store NUL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
VERSION_RE = re.compile(r"\d+(?:\.\d+){0,2}")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

HEADER_FIELDS = ("id", "name", "version", "language", "description")
REQUIRED_HEADER_FIELDS = ("id", "name", "version", "language")
PROMPT_FIELDS = ("id", "kind", "theme", "depth", "text")

_EXAMPLES = {
    "id": 'id = "my-pack"',
    "name": 'name = "Our team\'s prompts"',
    "version": 'version = "1.0.0"',
    "language": 'language = "en"',
    "description": 'description = "What this pack is for"',
}
_PROMPT_EXAMPLES = {
    "id": 'id = "respect-01"',
    "kind": 'kind = "reflection"',
    "theme": 'theme = "respect"',
    "depth": 'depth = "light"',
    "text": 'text = "Who makes you feel heard, and how?"',
}


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    """One prompt. `id` is unique within its pack and stable across versions."""

    id: str
    kind: str
    theme: str
    depth: str
    text: str
    pack_id: str

    @property
    def theme_title(self) -> str:
        return THEMES.get(self.theme, self.theme)


@dataclass(frozen=True)
class Pack:
    """A validated pack. `path` is where it was loaded from (None for uploads)."""

    id: str
    name: str
    version: str
    language: str
    description: str
    prompts: tuple[Prompt, ...]
    path: Path | None = field(default=None, compare=False)

    def prompt(self, prompt_id: str) -> Prompt | None:
        for p in self.prompts:
            if p.id == prompt_id:
                return p
        return None


@dataclass(frozen=True)
class Library:
    """All built-in content: packs, every prompt by id, moods and check-in texts."""

    packs: tuple[Pack, ...]
    prompts: Mapping[str, Prompt]
    texts: CheckinTexts

    @property
    def moods(self) -> Mapping[int, Mood]:
        """Mood value (1 = lowest .. 5 = highest) -> label and emoji."""
        return self.texts.moods

    @property
    def checkin(self) -> Mapping[str, str]:
        return self.texts.checkin

    @property
    def visibility(self) -> Mapping[str, str]:
        return self.texts.visibility

    def select(self, kind: str | None = None, theme: str | None = None,
               depth: str | None = None) -> list[Prompt]:
        """Prompts matching every filter given, in library order."""
        return [p for p in self.prompts.values()
                if (kind is None or p.kind == kind)
                and (theme is None or p.theme == theme)
                and (depth is None or p.depth == depth)]


# --------------------------------------------------------------------------
# Loading and validating
# --------------------------------------------------------------------------


def default_content_dir() -> Path:
    """The built-in packs, texts and safety lists: the checkout's `content/` beside the code, else the copy an
    install put under `<prefix>/share/hearth/content` (pyproject's data-files), for the environment or the user."""
    beside = Path(__file__).resolve().parents[2] / "content"
    candidates = [beside] + [Path(base) / "share" / "hearth" / "content" for base in (sys.prefix, site.USER_BASE)]
    return next((c for c in candidates if (c / "texts.toml").is_file()), beside)


def load_pack(path: Path | str, source: str | None = None) -> Pack:
    """Read and validate a pack file. Messages name it as `source` (default: file name)."""
    path = Path(path)
    source = source or path.name
    return parse_pack(read_text_file(path, _("prompt pack"), source), source, path=path)


def parse_pack(text: str, source: str = "pack.toml", *, path: Path | None = None) -> Pack:
    """Validate pack TOML (a file's or an upload's text) and build a `Pack`.

    Raises `PackError` listing every problem found (in the reader's language: `bot.i18n`).
    """
    if len(text) > MAX_PACK_CHARS:
        raise PackError(_("{source}: the file is {chars} characters; the limit is {limit} — split it into smaller "
                          "packs").format(source=source, chars=number(len(text)), limit=number(MAX_PACK_CHARS)))
    data = parse_toml(text, source)
    problems: list[str] = []

    for key in data:
        if key not in ("pack", "prompts"):
            problems.append(_("{source}: unknown section \"{key}\"{suggestion} — a pack has a [pack] header and "
                              "[[prompts]] entries").format(source=source, key=key,
                                                            suggestion=_did_you_mean(key, ("pack", "prompts"))))

    header = _check_header(data.get("pack"), source, problems)
    pack_id = header.get("id", "")
    prompts = _check_prompts(data.get("prompts"), source, pack_id, problems)

    if problems:
        raise PackError(problems)
    return Pack(id=header["id"], name=shown_name(header["name"]), version=header["version"],
                language=header["language"], description=header.get("description", ""),
                prompts=tuple(prompts), path=path)


def _check_header(raw: Any, source: str, problems: list[str]) -> dict[str, str]:
    where = _("{source}: [pack]").format(source=source)
    if raw is None:
        problems.append(_("{source}: the [pack] header is missing — start the file with [pack] and id, name, "
                          "version and language, e.g. id = \"my-pack\"").format(source=source))
        return {}
    if not isinstance(raw, dict):
        problems.append(_("{source}: \"pack\" should be a [pack] section with id, name, version and "
                          "language").format(source=source))
        return {}
    out: dict[str, str] = {}
    for key in raw:
        if key not in HEADER_FIELDS:
            problems.append(_("{where}: unknown field \"{key}\"{suggestion} — the header has: {fields}").format(
                where=where, key=key, suggestion=_did_you_mean(key, HEADER_FIELDS), fields=", ".join(HEADER_FIELDS)))
    for key in HEADER_FIELDS:
        if key not in raw:
            if key in REQUIRED_HEADER_FIELDS:
                problems.append(_("{where}: missing \"{key}\" — add a line like {example}").format(
                    where=where, key=key, example=_EXAMPLES[key]))
            continue
        value = raw[key]
        if not isinstance(value, str):
            problems.append(_("{where}: \"{key}\" should be text in quotes, like {example}").format(
                where=where, key=key, example=_EXAMPLES[key]))
            continue
        problem = _header_value_problem(key, value)
        if problem:
            problems.append(_("{where}: {problem}").format(where=where, problem=problem))
        else:
            out[key] = value
    return out


def shown_name(value: str) -> str:
    """A pack's name without what shows nothing (`style.unseen`: a direction control would turn it around where
    it is listed), runs of spaces squeezed."""
    return " ".join("".join(ch for ch in value if not unseen(ch)).split())


def _header_value_problem(key: str, value: str) -> str | None:
    if key == "id":
        return _id_problem(value, "pack")
    if key == "name":
        if shows_nothing(value):
            return _("the name is empty — give the pack a short name, like name = \"Our team's prompts\"")
        if only_marks(value):
            return _("the name \"{value}\" is only punctuation — give the pack a short name, like name = \"Our "
                     "team's prompts\"").format(value=value)
        if len(value) > MAX_NAME_CHARS:
            return _("the name is {chars} characters; the limit is {limit} — shorten it").format(
                chars=len(value), limit=MAX_NAME_CHARS)
    if key == "version" and not VERSION_RE.fullmatch(value):
        return _("version \"{value}\" should be numbers with dots, like version = \"1.0.0\"").format(value=value)
    if key == "language" and not LANGUAGE_RE.fullmatch(value):
        return _("language \"{value}\" should be a language code, like language = \"en\" or "
                 "\"pt-BR\"").format(value=value)
    if key == "description" and len(value) > MAX_DESCRIPTION_CHARS:
        return _("the description is {chars} characters; the limit is {limit} — shorten it").format(
            chars=len(value), limit=MAX_DESCRIPTION_CHARS)
    return None


def _id_problem(value: str, of: str) -> str | None:
    """What is wrong with a pack's (`of="pack"`) or a prompt's id, if anything."""
    pack = of == "pack"
    example = 'id = "my-pack"' if pack else 'id = "respect-01"'
    if not value:
        return (_("the pack id is empty — use lowercase letters, digits and dashes, like {example}") if pack else
                _("the prompt id is empty — use lowercase letters, digits and dashes, like {example}")
                ).format(example=example)
    if not ID_RE.fullmatch(value):
        return (_("pack id \"{value}\" can only use lowercase letters, digits and dashes (a-z, 0-9, -), "
                  "like {example}") if pack else
                _("prompt id \"{value}\" can only use lowercase letters, digits and dashes (a-z, 0-9, -), "
                  "like {example}")).format(value=value, example=example)
    if not value.strip("-"):  # ("---": nothing a person could tell apart or type again)
        return (_("pack id \"{value}\" is only dashes — give it a letter or a digit too, like {example}") if pack
                else _("prompt id \"{value}\" is only dashes — give it a letter or a digit too, like {example}")
                ).format(value=value, example=example)
    if len(value) > MAX_ID_CHARS:
        return (_("pack id \"{value}\" is {chars} characters; the limit is {limit} — shorten it") if pack else
                _("prompt id \"{value}\" is {chars} characters; the limit is {limit} — shorten it")
                ).format(value=value, chars=len(value), limit=MAX_ID_CHARS)
    return None


def _check_prompts(raw: Any, source: str, pack_id: str, problems: list[str]) -> list[Prompt]:
    if raw is None or raw == []:
        problems.append(_("{source}: the pack has no prompts — add at least one [[prompts]] "
                          "entry").format(source=source))
        return []
    if not isinstance(raw, list):
        problems.append(_("{source}: write each prompt under its own [[prompts]] line (double brackets), "
                          "not [prompts]").format(source=source))
        return []
    if len(raw) > MAX_PACK_PROMPTS:
        problems.append(_("{source}: the pack has {count} prompts; the limit is {limit} — split it into smaller "
                          "packs").format(source=source, count=len(raw), limit=MAX_PACK_PROMPTS))
        return []

    prompts: list[Prompt] = []
    first_seen: dict[str, int] = {}
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            problems.append(_("{source}: prompt #{number}: write each prompt as a [[prompts]] entry with id, kind, "
                              "theme, depth and text").format(source=source, number=n))
            continue
        prompt = _check_prompt(entry, n, source, pack_id, first_seen, problems)
        if prompt is not None:
            prompts.append(prompt)
    return prompts


def _check_prompt(entry: dict[str, Any], n: int, source: str, pack_id: str,
                  first_seen: dict[str, int], problems: list[str]) -> Prompt | None:
    raw_id = entry.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        where = _("{source}: prompt \"{id}\"").format(source=source, id=raw_id.strip())
    else:
        where = _("{source}: prompt #{number} (no id)").format(source=source, number=n)
    before = len(problems)

    for key in entry:
        if key not in PROMPT_FIELDS:
            problems.append(_("{where}: unknown field \"{key}\"{suggestion} — a prompt has: {fields}").format(
                where=where, key=key, suggestion=_did_you_mean(key, PROMPT_FIELDS), fields=", ".join(PROMPT_FIELDS)))

    values: dict[str, str] = {}
    for key in PROMPT_FIELDS:
        if key not in entry:
            if key == "kind":
                hint = _("kind = \"reflection\" or kind = \"checkin\"")
            elif key == "theme":
                hint = _("theme = \"...\" with one of: {themes}").format(themes=", ".join(THEMES))
            elif key == "depth":
                hint = _("depth = \"light\", \"medium\" or \"deep\"")
            else:
                hint = _PROMPT_EXAMPLES[key]
            problems.append(_("{where}: missing \"{key}\" — add {hint}").format(where=where, key=key, hint=hint))
            continue
        value = entry[key]
        if not isinstance(value, str):
            problems.append(_("{where}: \"{key}\" should be text in quotes, like {example}").format(
                where=where, key=key, example=_PROMPT_EXAMPLES[key]))
            continue
        values[key] = value

    if "id" in values:
        pid = values["id"]
        problem = _id_problem(pid, "prompt")
        if problem:
            problems.append(_("{where}: {problem}").format(where=where, problem=problem))
        elif pid in first_seen:
            problems.append(_("{where}: the id is used twice (prompts #{first} and #{second}) — give each prompt "
                              "its own id").format(where=where, first=first_seen[pid], second=n))
        else:
            first_seen[pid] = n
    if "kind" in values and values["kind"] not in KINDS:
        problems.append(_choice_problem(where, "kind", values["kind"], KINDS))
    if "theme" in values and values["theme"] not in THEMES:
        problems.append(_choice_problem(where, "theme", values["theme"], tuple(THEMES)))
    if "depth" in values and values["depth"] not in DEPTHS:
        problems.append(_choice_problem(where, "depth", values["depth"], DEPTHS))
    if "text" in values:
        text = values["text"]
        if shows_nothing(text):  # (spaces, a zero-width space, a Hangul filler: members would read no question)
            problems.append(_("{where}: the text is empty — write the prompt, or remove this [[prompts]] "
                              "entry").format(where=where))
        elif len(text) > MAX_PROMPT_CHARS:
            problems.append(_("{where}: the text is {chars} characters; the limit is {limit} — shorten it by "
                              "{over}").format(where=where, chars=len(text), limit=MAX_PROMPT_CHARS,
                                               over=len(text) - MAX_PROMPT_CHARS))
        elif CONTROL_RE.search(text):
            problems.append(_("{where}: the text holds an invisible control character — retype it as plain "
                              "text").format(where=where))

    if len(problems) > before or not pack_id:
        return None
    return Prompt(id=values["id"], kind=values["kind"], theme=values["theme"],
                  depth=values["depth"], text=values["text"], pack_id=pack_id)


def _choice_problem(where: str, key: str, value: str, allowed: tuple[str, ...]) -> str:
    # (`key` is a field's name: kind, theme or depth, typed in English in every language)
    return _("{where}: unknown {field} \"{value}\"{suggestion} — use one of: {choices}").format(
        where=where, field=key, value=value, suggestion=_did_you_mean(value, allowed), choices=", ".join(allowed))


def _did_you_mean(value: str, options: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(value.lower(), list(options), n=1, cutoff=0.6)
    # TRANSLATORS: put right after a name someone wrote that Hearth doesn't know (a space goes before it).
    return " " + _("(did you mean \"{suggestion}\"?)").format(suggestion=close[0]) if close else ""


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def dump_pack(pack: Pack) -> str:
    """The pack as TOML text; `parse_pack(dump_pack(p)) == p`."""
    data = {
        "pack": {
            "id": pack.id,
            "name": pack.name,
            "version": pack.version,
            "language": pack.language,
            "description": pack.description,
        },
        "prompts": [
            {"id": p.id, "kind": p.kind, "theme": p.theme, "depth": p.depth, "text": p.text}
            for p in pack.prompts
        ],
    }
    return tomli_w.dumps(data)


# --------------------------------------------------------------------------
# The library
# --------------------------------------------------------------------------


def load_library(content_dir: Path | None = None) -> Library:
    """Load every `packs/*.toml` and `texts.toml` under `content_dir`.

    Prompt ids and pack ids must be unique across the library. All problems in
    all files are raised together in one `PackError`.
    """
    content_dir = Path(content_dir) if content_dir is not None else default_content_dir()
    problems: list[str] = []
    packs: list[Pack] = []
    pack_files = sorted((content_dir / "packs").glob("*.toml"))
    if not pack_files:
        problems.append(f"{content_dir / 'packs'}: no packs found — add at least one *.toml pack there")
    for path in pack_files:
        try:
            packs.append(load_pack(path, f"packs/{path.name}"))
        except PackError as e:
            problems.extend(e.problems)

    prompts: dict[str, Prompt] = {}
    problems.extend(cross_pack_problems(packs, prompts))

    texts: CheckinTexts | None = None
    try:
        texts = load_texts(content_dir / "texts.toml")
    except PackError as e:
        problems.extend(e.problems)

    if problems or texts is None:
        raise PackError(problems)
    return Library(packs=tuple(packs), prompts=prompts, texts=texts)


def cross_pack_problems(packs: list[Pack], prompts_out: dict[str, Prompt] | None = None) -> list[str]:
    """Pack ids and prompt ids that clash between packs; fills `prompts_out` by id."""
    problems: list[str] = []
    prompts = prompts_out if prompts_out is not None else {}
    pack_by_id: dict[str, Pack] = {}
    owner: dict[str, Pack] = {}
    for pack in packs:
        name = _pack_name(pack)
        if pack.id in pack_by_id:
            problems.append(f"{name}: pack id \"{pack.id}\" is also used by {_pack_name(pack_by_id[pack.id])}"
                            " — give each pack its own id")
        pack_by_id.setdefault(pack.id, pack)
        for p in pack.prompts:
            if p.id in prompts:
                problems.append(f"{name}: prompt \"{p.id}\": the id is also used in "
                                f"{_pack_name(owner[p.id])} — prompt ids must be unique across packs")
                continue
            prompts[p.id] = p
            owner[p.id] = pack
    return problems


def _pack_name(pack: Pack) -> str:
    return pack.path.name if pack.path is not None else f"pack \"{pack.id}\""
