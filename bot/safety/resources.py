"""Support resources per region, and the private reply that lists them.

Phone numbers and keywords are facts someone may act on in their worst
moment, so they live in `content/resources.toml`, are validated on load, and
are rendered exactly as written. Every region also lists the worldwide
directory, and an unknown region falls back to `anywhere` rather than to
nothing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.content.packs import default_content_dir
from bot.events import Rich
from bot.safety.content import SafetyContentError

ANYWHERE = "anywhere"
_CODE = re.compile(r"^[a-z]{2,12}$")


@dataclass(frozen=True)
class Resource:
    name: str
    detail: str


@dataclass(frozen=True)
class RegionResources:
    """What to show for one region: its own resources first, then the directory."""

    code: str
    name: str
    resources: tuple[Resource, ...]
    emergency: str

    def lines(self) -> list[str]:
        """One `**name**: detail` line per resource, then the emergency line."""
        out = [f"• **{r.name}**: {r.detail}" for r in self.resources]
        out.append(f"• **In immediate danger**: call {self.emergency}")
        return out


@dataclass(frozen=True)
class Resources:
    """All regions from a resources file."""

    intro: str
    not_a_therapist: str
    _regions: dict[str, RegionResources]
    _aliases: dict[str, str]

    def regions(self) -> list[tuple[str, str]]:
        """(code, name) for every region, `anywhere` first, for a region picker."""
        return [(code, r.name) for code, r in self._regions.items()]

    def for_region(self, code: str | None) -> RegionResources:
        """The region's resources; unknown or missing codes get `anywhere`."""
        key = (code or ANYWHERE).strip().casefold()
        key = self._aliases.get(key, key)
        return self._regions.get(key, self._regions[ANYWHERE])

    def support_message(self, region: str | None) -> Rich:
        """The private reply: intro, the resources as lines, the not-a-therapist line."""
        lines = [self.intro, "", *self.for_region(region).lines(), "", self.not_a_therapist]
        return Rich(("\n".join(lines),))


def _fail(path: Path, where: str, problem: str) -> SafetyContentError:
    return SafetyContentError(f"{path}: {where}: {problem}")


def _text(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, "must be a non-empty string")
    if re.search(r"(?<!\*)\*(?!\*)|[_`<>]", value.replace("**", "")):
        raise _fail(path, where, "may use **bold** only (no *, _, `, < or >)")
    return value.strip()


def load_resources(content_dir: Path | None = None) -> Resources:
    """Read and check `<content_dir>/resources.toml`; errors name the file and entry."""
    path = Path(content_dir or default_content_dir()) / "resources.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SafetyContentError(f"{path}: no such resources file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SafetyContentError(f"{path}: not valid TOML: {exc}") from None
    intro = _text(path, "intro", data.get("intro"))
    not_a_therapist = _text(path, "not_a_therapist", data.get("not_a_therapist"))
    raw = data.get("regions")
    if not isinstance(raw, dict) or ANYWHERE not in raw:
        raise _fail(path, "[regions]", f"needs at least [regions.{ANYWHERE}]")
    regions: dict[str, RegionResources] = {}
    aliases: dict[str, str] = {}
    for code in [ANYWHERE, *sorted(c for c in raw if c != ANYWHERE)]:
        where = f"[regions.{code}]"
        entry = raw[code]
        if not _CODE.match(code) or not isinstance(entry, dict):
            raise _fail(path, where, "region codes are lowercase letters, e.g. [regions.gb]")
        unknown = set(entry) - {"name", "aliases", "emergency", "resources"}
        if unknown:
            raise _fail(path, where, f"unknown key(s) {sorted(unknown)}")
        own = []
        for i, item in enumerate(entry.get("resources", [])):
            if not isinstance(item, dict) or set(item) - {"name", "detail"}:
                raise _fail(path, f"{where}.resources[{i}]", "needs exactly name and detail")
            own.append(Resource(_text(path, f"{where}.resources[{i}].name", item.get("name")),
                                _text(path, f"{where}.resources[{i}].detail", item.get("detail"))))
        if code == ANYWHERE and not own:
            raise _fail(path, where, "needs at least one resource (the worldwide directory)")
        extra = () if code == ANYWHERE else regions[ANYWHERE].resources
        regions[code] = RegionResources(code, _text(path, f"{where}.name", entry.get("name")),
                                        tuple(own) + extra, _text(path, f"{where}.emergency", entry.get("emergency")))
        for alias in entry.get("aliases", []):
            if not isinstance(alias, str) or not _CODE.match(alias) or alias in raw or alias in aliases:
                raise _fail(path, f"{where}.aliases", f"“{alias}” must be a new lowercase code")
            aliases[alias] = code
    return Resources(intro, not_a_therapist, regions, aliases)


@lru_cache(maxsize=4)
def _default(content_dir: Path | None) -> Resources:
    return load_resources(content_dir)


def support_message(region: str | None, content_dir: Path | None = None) -> Rich:
    """The private crisis reply for `region`, from the shipped resources (loaded once)."""
    return _default(content_dir).support_message(region)
