"""Which prompts a community may be served, and how one is picked.

Built-in pack prompts and the community's own sit side by side; a community
can switch off a prompt, a whole theme or a whole pack. Picking avoids the
recently used ones, and falls back to the least recent when all were used.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import Hearth


@dataclass(frozen=True)
class Candidate:
    id: str
    kind: str
    theme: str
    depth: str
    text: str
    source: str  # pack id, or "community"


async def available(
    app: "Hearth", community_id: str, kind: str, theme: str | None = None, depth: str | None = None,
    lang: str = "en",
) -> list[Candidate]:
    """Enabled prompts of this kind (and theme, depth) for the community: the community's own, whatever language
    they wrote them in, and the built-in packs in `lang` (the community's for a round, the member's for
    `reflect`; English where that language has none of this kind and theme). A community can mix: a built-in
    pack of another language switched on with `mod pack on` is used too (`pack_on`)."""
    switches = await app.store.prompts.switches(community_id)

    def on(target: str) -> bool:
        return switches.get(target, True)

    if switches:
        chosen = {c.id for c in _built_in(app, kind, theme, lang)}
        found = [c for c in _built_in(app, kind, theme)
                 if (c.id in chosen if switches.get(f"pack:{c.source}") is None else switches[f"pack:{c.source}"])
                 and on(f"prompt:{c.id}") and on(f"theme:{c.theme}")]
    else:  # nothing switched, the usual case: no per-prompt checks on every request
        found = list(_built_in(app, kind, theme, lang))
    for row in await app.store.prompts.list_all(community_id):
        if row["kind"] == kind and row["enabled"] and (theme is None or row["theme"] == theme) and on(
            f"theme:{row['theme']}"
        ):
            found.append(Candidate(row["id"], row["kind"], row["theme"], row["depth"], row["text"], "community"))
    if depth:
        found = [c for c in found if c.depth == depth]
    return found


def pack_on(pack_language_code: str, community_language: str, switch: bool | None) -> bool:
    """Whether a built-in pack is in use in a community: as switched (`mod pack on/off`), else when it is in the
    community's language (English packs too, for what that language has no prompts of)."""
    if switch is not None:
        return switch
    return pack_language(pack_language_code) in (community_language, "en")


_BUILT_IN: dict[tuple[int, str, str | None, str | None], tuple[object, tuple[Candidate, ...]]] = {}


def _built_in(app: "Hearth", kind: str, theme: str | None, lang: str | None = None) -> tuple[Candidate, ...]:
    """The built-in prompts in `lang` (else English; None: every language) as candidates, made once per content
    library (content doesn't change)."""
    library = app.content
    key = (id(library), kind, theme, lang)
    cached = _BUILT_IN.get(key)
    if cached is None or cached[0] is not library:
        prompts = library.prompts(kind, theme)
        if lang is not None:
            languages = {p.id: pack_language(p.language) for p in library.library.packs}
            prompts = ([p for p in prompts if languages.get(p.pack_id) == lang]
                       or [p for p in prompts if languages.get(p.pack_id) == "en"] or prompts)
        cached = (library, tuple(Candidate(p.id, p.kind, p.theme, p.depth, p.text, p.pack_id) for p in prompts))
        _BUILT_IN[key] = cached
    return cached[1]


def pack_language(declared: str) -> str:
    """A pack's `language` ("pt-BR", "es") as one of Hearth's language codes ("pt", "es")."""
    return declared.replace("_", "-").split("-")[0].lower()


def pick(candidates: list[Candidate], recent_ids: list[str], rng: random.Random) -> Candidate | None:
    """A random fresh prompt; if every one was used recently, the least recent."""
    if not candidates:
        return None
    recent = set(recent_ids)
    fresh = [c for c in candidates if c.id not in recent]
    if fresh:
        return rng.choice(fresh)
    order = {pid: i for i, pid in enumerate(recent_ids)}  # 0 = most recent
    return max(candidates, key=lambda c: order.get(c.id, len(order)))
