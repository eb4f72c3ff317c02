"""Suggestions for the registry's `suggest` sources: schedules, themes, timezones, prompts, packs.

One place for every adapter's autocomplete and menus. Read-only and quick:
Discord gives an autocomplete request about three seconds and shows at most
25 suggestions.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

from typing import TYPE_CHECKING

from bot.fit import fit

if TYPE_CHECKING:
    from bot.app import Hearth
    from bot.events import Actor

LIMIT = 25
NAME_LIMIT = 100
#: The sources whose values name something that exists here and was named by whoever made it (a check-in, a
#: built-in pack, a prompt); themes and timezones are fixed lists, read as choices.
NAMING = frozenset({"schedules", "packs", "prompts"})


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


def _rank(pairs: list[tuple[str, str]], current: str) -> list[tuple[str, str]]:
    """Prefix matches first, then anywhere; (label, value) pairs, at most 25."""
    needle = current.strip().lower()
    if not needle:
        return pairs[:LIMIT]
    starts = [p for p in pairs if p[0].lower().startswith(needle) or p[1].lower().startswith(needle)]
    inside = [p for p in pairs if p not in starts and (needle in p[0].lower() or needle in p[1].lower())]
    return (starts + inside)[:LIMIT]


async def suggestions_for(app: "Hearth", actor: "Actor", command: str, source: str,
                          current: str) -> list[tuple[str, str]]:
    """`suggestions` for an option of `command`, typed by `actor`: none at all if they may not run it (a
    member typing a moderator command sees no prompts, no schedules, nothing of a moderator's)."""
    if not await app.registry.permits(app, actor, command):
        return []
    return await suggestions(app, source, actor.community_id, current)


async def suggestions(app: "Hearth", source: str, community_id: str, current: str) -> list[tuple[str, str]]:
    """(label, value) pairs for one `suggest` source, filtered by what was typed so far."""
    if source == "schedules":
        pairs = [(s.name, s.name) for s in await app.store.schedules.list_all(community_id)]
    elif source == "themes":
        pairs = [(title, key) for key, title in app.content.themes.items()]
    elif source == "packs":
        pairs = [(f"{p.name} ({p.id})", p.id) for p in app.content.library.packs]
    elif source == "timezones":
        pairs = [(z, z) for z in _zones()]
    elif source == "prompts":
        own = [(f"{p['id']} — {p['text']}", p["id"]) for p in await app.store.prompts.list_all(community_id)]
        built_in = [(f"{p.id} — {p.text}", p.id) for kind in ("checkin", "reflection")
                    for p in app.content.prompts(kind)]
        pairs = own + built_in
    else:
        pairs = []
    return [(fit(label, NAME_LIMIT), value[:NAME_LIMIT])
            for label, value in _rank(pairs, current)]


async def names_one(app: "Hearth", source: str, community_id: str, value: str) -> bool:
    """Whether `value` names something of `source` that exists here, found as its command finds it: a check-in by
    its name in any case (`store.schedules.find`), a built-in pack by its id in any case, a prompt by its id (the
    community's own, or a built-in one). Only a whole name: "end it all tonight" names no check-in "end it all"."""
    typed = value.strip()
    if not typed or source not in NAMING:
        return False
    if source == "schedules":
        return await app.store.schedules.find(community_id, typed) is not None
    if source == "packs":
        return typed.lower() in {p.id for p in app.content.library.packs}
    return app.content.prompt(typed) is not None or await app.store.prompts.get(community_id, typed) is not None
