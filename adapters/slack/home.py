"""The App Home tab: a member's check-ins and reflection, and a moderator's controls.

Built from the store on each open (it is small), in the member's own
timezone. Its buttons carry commands ("checkin join mornings") or open a
command's form prefilled from a schedule or prompt, so the core still
decides everything and checks every permission.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from adapters.slack.render import (
    VALUES, ButtonValue, actions_blocks, button_element, context, escape, fit_view_blocks, mrkdwn, plain_text, section,
)
from bot.events import SHOWN_TO, Actor, Rich, channel
from bot.flows.checkins import open_rounds_for
from bot.flows.common import schedule_line
from bot.scheduling import parse_when

if TYPE_CHECKING:
    from bot.app import Hearth

MAX_OWN_PROMPTS = 30


def cmd(command: str, **args: str) -> ButtonValue:
    return {"k": "c", "n": command, "a": args}


def form(command: str, hidden: dict[str, str] | None = None, defaults: dict[str, str] | None = None) -> ButtonValue:
    return {"k": "f", "n": command, "a": hidden or {}, "d": defaults or {}}


class Counter:
    """Unique action ids across the whole view."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


async def home_view(app: "Hearth", actor: Actor, notice: Rich | None = None) -> dict[str, Any]:
    ids = Counter()
    blocks: list[dict[str, Any]] = [{"type": "header", "text": plain_text("Hearth", 150)}]
    if notice is not None and notice.parts:
        blocks.append(section(mrkdwn(notice)))
    blocks += await _member_blocks(app, actor, ids)
    if await app.is_moderator(actor):
        blocks += await _moderator_blocks(app, actor, ids)
    blocks.append(context("Hearth is not a therapist or an emergency service. Type `/hearth help` for everything "
                          "I can do."))
    return {"type": "home", "blocks": fit_view_blocks(shown_to(blocks, actor.user_id),
                                                      "See everything with `/hearth checkin list`.")}


def shown_to(blocks: list[dict[str, Any]], user_id: str) -> list[dict[str, Any]]:
    """Every button of a person's Home carries who it is for, as the core's own buttons do (`Reply.shown_to`):
    the core refuses anyone else pressing it."""
    for block in blocks:
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        for element in [*elements, block.get("accessory") or {}]:
            value = VALUES.decode(element.get("value", "")) if element.get("type") == "button" else None
            if value is not None:
                element["value"] = VALUES.encode({**value, "a": {**(value.get("a") or {}), SHOWN_TO: user_id}})
    return blocks


async def _member_blocks(app: "Hearth", actor: Actor, ids: Counter) -> list[dict[str, Any]]:
    tz = await app.timezone_of(actor)
    schedules = await app.store.schedules.list_all(actor.community_id)
    joined = {s.id for s, _ in await app.store.communities.memberships(actor.community_id, actor.user_id)}
    open_now = {s.id: r for r, s in await open_rounds_for(app, actor.community_id)}
    skips = await app.store.schedules.skips_of([s.id for s in schedules])
    blocks: list[dict[str, Any]] = [section(f"*Your check-ins* (times in {escape(tz.key)})")]
    if not schedules:
        blocks.append(context("There are no check-ins here yet. A moderator can create one."))
    for s in schedules:
        when = mrkdwn(schedule_line(s, app.now(), tz, skips.get(s.id, ())))
        state = "✓ joined" if s.id in joined else "not joined"
        text = f"*{escape(s.name)}* — {when} ({state})"
        if s.id in open_now:
            mine = await app.store.rounds.response_of(open_now[s.id].id, actor.user_id)
            text += "\n_Open now — " + ("you've answered; you can still change it._" if mine else "how are you?_")
        button = (button_element("Leave", cmd("checkin leave", schedule=s.name), ids()) if s.id in joined
                  else button_element("Join", cmd("checkin join", schedule=s.name), ids(), "primary"))
        block = section(text)
        block["accessory"] = button
        blocks.append(block)
        if s.id in open_now:
            blocks += actions_blocks([("Answer now", cmd("checkin answer", schedule=s.name), "primary")], ids())
            ids.n += 1
    blocks.append({"type": "divider"})
    blocks.append(section("*Just for you*\nA private reflection prompt, on any theme. Only you see it."))
    items = [("Reflect now", cmd("reflect"), "primary"), ("My notes", cmd("notes list"), "secondary"),
             ("My status", cmd("checkin status"), "secondary")]
    blocks += actions_blocks(items, ids())
    ids.n += len(items)
    return blocks


async def _moderator_blocks(app: "Hearth", actor: Actor, ids: Counter) -> list[dict[str, Any]]:
    tz = await app.timezone_of(actor)
    blocks: list[dict[str, Any]] = [{"type": "divider"}, {"type": "header", "text": plain_text("For moderators", 150)}]
    schedules = await app.store.schedules.list_all(actor.community_id)
    skips = await app.store.schedules.skips_of([s.id for s in schedules])
    blocks.append(section(f"*Check-in schedules* ({len(schedules)})"))
    for s in schedules:
        people = len(await app.store.schedules.participants(s.id))
        line = mrkdwn(schedule_line(s, app.now(), tz, skips.get(s.id, ())))
        where = mrkdwn(channel(s.channel_id))
        text = (f"*{escape(s.name)}* · {escape(parse_when(s.spec).describe())} ({escape(s.timezone)}) · "
                f"{where} · {people} joined · {line}")
        blocks.append(section(text))
        defaults = {"when": s.spec, "channel": s.channel_id, "timezone": s.timezone, "theme": s.theme or "",
                    "depth": s.depth or "", "open": f"{s.open_minutes}m",
                    "remind": f"{s.remind_minutes}m" if s.remind_minutes else "0"}
        toggle = (("Resume", cmd("mod schedule resume", name=s.name), "primary") if s.paused_at(app.now())
                  else ("Pause", cmd("mod schedule pause", name=s.name), "secondary"))
        items = [("Edit", form("mod schedule edit", {"name": s.name}, defaults), "secondary"), toggle,
                 ("Delete", cmd("mod schedule delete", name=s.name), "danger")]
        blocks += actions_blocks(items, ids())
        ids.n += len(items)
    blocks += actions_blocks([("New check-in", form("mod schedule create", {}, {"timezone": tz.key}), "primary")],
                             ids())
    ids.n += 1
    prompts = await app.store.prompts.list_all(actor.community_id)
    blocks.append(section(f"*Your community's prompts* ({len(prompts)}) — the built-in packs are always there too."))
    for p in prompts[:MAX_OWN_PROMPTS]:
        state = "" if p["enabled"] else " (disabled)"
        block = section(f"`{escape(p['id'])}` {escape(p['kind'])}/{escape(p['theme'])}/{escape(p['depth'])}{state}\n"
                        f"{escape(p['text'])}")
        blocks.append(block)
        switch = (("Enable", cmd("mod prompt enable", id=p["id"]), "primary") if not p["enabled"]
                  else ("Disable", cmd("mod prompt disable", id=p["id"]), "secondary"))
        items = [("Edit", form("mod prompt edit", {"id": p["id"]}, {"text": p["text"]}), "secondary"), switch]
        blocks += actions_blocks(items, ids())
        ids.n += len(items)
    if len(prompts) > MAX_OWN_PROMPTS:
        blocks.append(context(f"_Showing {MAX_OWN_PROMPTS} of {len(prompts)}. `/hearth mod prompt list` shows all._"))
    blocks += actions_blocks([("Add a prompt", form("mod prompt add"), "primary")], ids())
    ids.n += 1
    return blocks
