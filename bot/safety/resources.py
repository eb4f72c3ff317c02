"""Support resources per region, and the private reply that lists them.

Phone numbers and keywords are facts someone may act on in their worst
moment, so they live in `content/resources.toml`, are validated on load
(each with the organisation's own `source` and the date it was last
`verified`), and are shown exactly as written, as inert text. The words around
them ("call", "or") come from the care texts in the person's language. Every
region also lists the worldwide directory, and an unknown region falls back
to `anywhere` rather than to nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from bot.content.packs import default_content_dir
from bot.content.toml import load_toml
from bot.events import Rich, fill, hearth_text, join_rich, rich
from bot.language import LANGUAGES
from bot.safety.content import SafetyContentError
from bot.safety.replies import CareTexts, load_care_texts

ANYWHERE = "anywhere"
_CODE = re.compile(r"^[a-z]{2,12}$")
_NUMBER = re.compile(r"^[0-9*+#()][0-9*+#() -]*[0-9]$")
_KEYWORD = re.compile(r"^[A-Z0-9]{2,20}$")
_WEB = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/[A-Za-z0-9._~/-]*)?$")
_SOURCE = re.compile(r"^https://[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$")
_REGION_KEYS = {"name", "aliases", "emergency", "resources", "source", "verified"}
_RESOURCE_KEYS = {"name", "call", "text", "keyword", "web", "about", "source", "verified", "abuse"}

#: What a care reply opens with: the crisis reply has one per kind of danger (`bot.safety.screen.Kind`):
#: "crisis" for the writer's own, "crisis_someone_else" for another person in danger now, "crisis_harm" for danger to
#: the writer from another person (its abuse lines first: `RegionResources.lines`).
Opening = Literal["crisis", "crisis_someone_else", "crisis_harm", "gentle", "support", "low_mood"]
#: The openings of a reply to words of concern (the rest answer a question, or a run of low check-ins).
CONCERN_OPENINGS = ("crisis", "crisis_someone_else", "crisis_harm", "gentle")


def crisis_opening(level: str, kind: str = "self") -> Opening:
    """The opening for words screened at `level` whose danger is of `kind`: only the crisis reply differs by kind
    (the gentle word is for words that sound heavy, not like danger, whoever they are about)."""
    if level == "crisis":
        return "crisis_someone_else" if kind == "someone_else" else "crisis_harm" if kind == "harm_from_others" \
            else "crisis"
    return "gentle" if level == "gentle" else "support"


@dataclass(frozen=True)
class Resource:
    """One organisation and how to reach it; `about` holds a few words per language, if any."""

    name: str
    source: str
    verified: date
    call: tuple[str, ...] = ()
    text: str | None = None
    keyword: str | None = None
    web: str | None = None
    about: tuple[tuple[str, str], ...] = ()
    abuse: bool = False
    """A line for violence or abuse from another person: shown only in the reply to that danger (`crisis_harm`),
    first."""

    def line(self, texts: CareTexts, language: str) -> Rich:
        """`• **name**: how to reach them (about)`, the facts inert, the words in `language`."""
        reach: list[Rich] = []
        if self.call and self.text and self.keyword is None:  # validated: then `text` is the one call number
            reach.append(fill(texts.text(language, "call_or_text"), numbers=self.text))
        else:
            if self.call:
                reach.append(fill(texts.text(language, "call"), numbers=either(self.call, texts, language)))
            if self.text:
                reach.append(fill(texts.text(language, "text_keyword"), keyword=self.keyword or "",
                                  number=self.text))
        if self.web:
            reach.append(rich("{}", self.web))
        detail = join_rich(reach, ", ")
        about = dict(self.about).get(language)
        if about:
            detail += hearth_text(f" ({about})")
        return rich("• ") + fill(texts.text(language, "resource"), name=self.name, detail=detail)


def either(numbers: tuple[str, ...], texts: CareTexts, language: str) -> Rich:
    """"112", "15 or 112", "A, B or C": the numbers inert, the "or" in `language`."""
    parts = [rich("{}", n) for n in numbers]
    if len(parts) == 1:
        return parts[0]
    return join_rich(parts[:-1], ", ") + hearth_text(f" {texts.text(language, 'or')} ") + parts[-1]


@dataclass(frozen=True)
class RegionResources:
    """What to show for one region: its own resources first, then the directory, then the emergency line."""

    code: str
    names: tuple[tuple[str, str], ...]
    resources: tuple[Resource, ...]
    emergency: tuple[str, ...]
    source: str
    verified: date

    def name(self, language: str = "en") -> str:
        names = dict(self.names)
        return names.get(language, names["en"])

    def lines(self, texts: CareTexts, language: str = "en", abuse: bool = False) -> list[Rich]:
        """One line per resource, then what to do in immediate danger. `abuse`: the region's lines for violence
        or abuse from another person first (the reply to that danger); else those lines are left out."""
        shown = [r for r in self.resources if r.abuse] + [r for r in self.resources if not r.abuse] if abuse else \
            [r for r in self.resources if not r.abuse]
        out = [r.line(texts, language) for r in shown]
        if self.emergency:
            out.append(rich("• ") + fill(texts.text(language, "emergency"),
                                          numbers=either(self.emergency, texts, language)))
        else:
            out.append(rich("• ") + fill(texts.text(language, "emergency_local")))
        return out


@dataclass(frozen=True)
class Resources:
    """All regions from a resources file."""

    _regions: dict[str, RegionResources]
    _aliases: dict[str, str]

    def regions(self, language: str = "en") -> list[tuple[str, str]]:
        """(code, name in `language`) for every region, `anywhere` first, for a region picker."""
        return [(code, r.name(language)) for code, r in self._regions.items()]

    def all(self) -> list[RegionResources]:
        return list(self._regions.values())

    def known(self, code: str | None) -> bool:
        """Whether `code` (or an alias, or the region's name in one of Hearth's languages) names a region here."""
        return self._code(code) is not None

    def for_region(self, code: str | None) -> RegionResources:
        """The region's resources; unknown or missing codes get `anywhere`."""
        return self._regions[self._code(code) or ANYWHERE]

    def _code(self, code: str | None) -> str | None:
        """The region `code` names: a code or an alias ("GB", " uk "), else the region's name in any language ("germany",
        "Deutschland", "Royaume-Uni": "support germany" was told there were no resources for it, trial21). A name two
        regions share names neither."""
        key = " ".join((code or "").split()).casefold()
        key = self._aliases.get(key, key)
        if key in self._regions:
            return key
        named = {r.code for r in self._regions.values() for _lang, name in r.names
                 if " ".join(name.split()).casefold() == key}
        return named.pop() if len(named) == 1 else None


def care_message(resources: Resources, texts: CareTexts, language: str, region: str | None, opening: Opening,
                 saved: bool | str = False, told_in: Rich | None = None, told_where: bool = True,
                 region_hint: bool = False) -> Rich:
    """A private care reply: its opening words, the region's resources, then (`region_hint`, where no region is
    known for them: only the lines for anywhere) the command that shows the lines where they live, then (only if
    true) that the words were saved (`saved="held"`: saved, but held back from the post they chose until they
    say) and that moderators were told who (and, `told_where`, where) in `told_in`, and that Hearth is not a
    therapist."""
    parts = [rich(texts.text(language, opening)), Rich(),
             join_rich(resources.for_region(region).lines(texts, language, abuse=opening == "crisis_harm")), Rich()]
    if region_hint and region is None:
        parts += [rich(texts.text(language, "region_hint")), Rich()]
    if saved:
        parts.append(rich(texts.text(language, "held" if saved == "held" else "saved")))
    if told_in is not None:
        parts.append(fill(texts.text(language, "told" if told_where else "told_name"), channel=told_in))
    parts.append(rich(texts.text(language, "not_a_therapist")))
    return join_rich(parts)


# -- loading ----------------------------------------------------------------------------


def _fail(path: Path, where: str, problem: str) -> SafetyContentError:
    return SafetyContentError(f"{path}: {where}: {problem}")


def _text(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, "must be a non-empty string")
    if re.search(r"(?<!\*)\*(?!\*)|[_`<>]", value.replace("**", "")):
        raise _fail(path, where, "may use **bold** only (no *, _, `, < or >)")
    return value.strip()


def _matching(path: Path, where: str, value: Any, pattern: re.Pattern[str], example: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise _fail(path, where, f"must look like {example}")
    return value


def _per_language(path: Path, where: str, value: Any) -> tuple[tuple[str, str], ...]:
    """A table with a text for every language Hearth speaks."""
    if not isinstance(value, dict):
        raise _fail(path, where, "must be a table with a text per language: { " +
                    ", ".join(f'{code} = "…"' for code in LANGUAGES) + " }")
    missing, extra = set(LANGUAGES) - set(value), set(value) - set(LANGUAGES)
    if missing or extra:
        raise _fail(path, where, f"needs exactly the languages {', '.join(LANGUAGES)}"
                    + (f"; missing {sorted(missing)}" if missing else "") + (f"; unknown {sorted(extra)}" if extra else ""))
    return tuple((code, _text(path, f"{where}.{code}", value[code])) for code in LANGUAGES)


def _provenance(path: Path, where: str, entry: dict[str, Any]) -> tuple[str, date]:
    source = _matching(path, f"{where}.source", entry.get("source"), _SOURCE,
                       '"https://www.samaritans.org" (the organisation\'s own website)')
    verified = entry.get("verified")
    if not isinstance(verified, date) or hasattr(verified, "hour"):
        raise _fail(path, f"{where}.verified", "must be the date it was last checked, like 2026-12-04 (no quotes)")
    return source, verified


def _numbers(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _fail(path, where, 'must be a list of numbers, like ["116 123"]')
    return tuple(_matching(path, f"{where}[{i}]", v, _NUMBER, '"116 123"') for i, v in enumerate(value))


def _resource(path: Path, where: str, item: Any) -> Resource:
    if not isinstance(item, dict):
        raise _fail(path, where, "must be a table")
    unknown = set(item) - _RESOURCE_KEYS
    if unknown:
        raise _fail(path, where, f"unknown key(s) {sorted(unknown)}")
    call = _numbers(path, f"{where}.call", item.get("call", []))
    text = _matching(path, f"{where}.text", item["text"], _NUMBER, '"741741"') if "text" in item else None
    keyword = _matching(path, f"{where}.keyword", item["keyword"], _KEYWORD, '"HOME"') if "keyword" in item else None
    web = _matching(path, f"{where}.web", item["web"], _WEB, '"findahelpline.com"') if "web" in item else None
    if keyword and not text:
        raise _fail(path, where, "a keyword needs the number to text it to (text)")
    if text and not keyword and call != (text,):
        raise _fail(path, where, "a text number needs a keyword, unless it is also the one number to call")
    if not (call or text or web):
        raise _fail(path, where, "needs a way to reach them: call, text or web")
    about = _per_language(path, f"{where}.about", item["about"]) if "about" in item else ()
    abuse = item.get("abuse", False)
    if not isinstance(abuse, bool):
        raise _fail(path, f"{where}.abuse", "must be true or false (true: a line for violence or abuse from another "
                    "person)")
    source, verified = _provenance(path, where, item)
    return Resource(_text(path, f"{where}.name", item.get("name")), source, verified, call, text, keyword, web, about,
                    abuse)


def load_resources(content_dir: Path | None = None) -> Resources:
    """Read and check `<content_dir>/resources.toml`; errors name the file and entry."""
    path = Path(content_dir or default_content_dir()) / "resources.toml"
    data = load_toml(path, "resources file", error=SafetyContentError)
    raw = data.get("regions")
    if not isinstance(raw, dict) or ANYWHERE not in raw:
        raise _fail(path, "[regions]", f"needs at least [regions.{ANYWHERE}]")
    if set(data) - {"regions"}:
        raise _fail(path, "top level", f"unknown key(s) {sorted(set(data) - {'regions'})}: the words of the reply "
                    "are in safety/replies.toml")
    regions: dict[str, RegionResources] = {}
    aliases: dict[str, str] = {}
    for code in [ANYWHERE, *sorted(c for c in raw if c != ANYWHERE)]:
        where = f"[regions.{code}]"
        entry = raw[code]
        if not _CODE.match(code) or not isinstance(entry, dict):
            raise _fail(path, where, "region codes are lowercase letters, e.g. [regions.gb]")
        unknown = set(entry) - _REGION_KEYS
        if unknown:
            raise _fail(path, where, f"unknown key(s) {sorted(unknown)}")
        own = tuple(_resource(path, f"{where}.resources[{i}]", item)
                    for i, item in enumerate(entry.get("resources", [])))
        if code == ANYWHERE and not own:
            raise _fail(path, where, "needs at least one resource (the worldwide directory)")
        emergency = _numbers(path, f"{where}.emergency", entry.get("emergency"))
        if not emergency and code != ANYWHERE:
            raise _fail(path, f"{where}.emergency", 'needs the number(s) to call in immediate danger, like ["112"]')
        extra = () if code == ANYWHERE else regions[ANYWHERE].resources
        regions[code] = RegionResources(code, _per_language(path, f"{where}.name", entry.get("name")), own + extra,
                                        emergency, *_provenance(path, where, entry))
        for alias in entry.get("aliases", []):
            if not isinstance(alias, str) or not _CODE.match(alias) or alias in raw or alias in aliases:
                raise _fail(path, f"{where}.aliases", f"“{alias}” must be a new lowercase code")
            aliases[alias] = code
    return Resources(regions, aliases)


@lru_cache(maxsize=4)
def _default(content_dir: Path | None) -> tuple[Resources, CareTexts]:
    return load_resources(content_dir), load_care_texts(content_dir)


def support_message(region: str | None, language: str = "en", content_dir: Path | None = None) -> Rich:
    """The reply to `support` for `region` in `language`, from the shipped content (loaded once)."""
    resources, texts = _default(content_dir)
    return care_message(resources, texts, language, region, "support")
