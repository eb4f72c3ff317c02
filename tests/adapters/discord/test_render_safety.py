"""Issue 6: whatever people type, nothing Hearth renders on Discord can ping anyone or fake a link.

Whole replies are rendered as they are sent — message text (split into
messages or cut to fit), buttons, and modals with their intro text, fields
and defaults — with user text anywhere it can go, side by side included.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from hypothesis import example, given, settings, strategies as st

from adapters.discord.components import build_modal, build_view
from adapters.discord.interactions import NO_PINGS as INTERACTION_PINGS
from adapters.discord.render import chunks, fit, reply_text
from adapters.discord.sender import NO_PINGS as SENDER_PINGS
from bot.events import Button, ChannelRef, Choice, Form, FormField, Reply, Rich, UserText, disarmed

TRICKS = ["@everyone", "@here", "@", "everyone", "<@123>", "<@!123>", "<@&1>", "<#2>", "</cmd:3>", "<:e:4>",
          "<a:e:5>", "<t:1700000000:R>", "<id:customize>", "<", "@every", "one", "<!channel>", "<!here>", "<@U1>",
          "<http://evil|click>", "[x](http://evil)", "[x", "](http://evil)", "\u200b", "\u200d", "\ufeff", "\\",
          "**", "_", "`", "||", "> ", "# ", "\n- ", "http://evil.example", "@123>", "@&1>", "#2>", "t:1>"]
user_text = st.lists(st.sampled_from(TRICKS) | st.text(max_size=20), max_size=6).map("".join)
HEARTH = ["**Check-in**: ", " said ", "_gently_", "\n", "• ", " (shared) ", ""]
part = st.one_of(st.sampled_from(HEARTH), user_text.map(UserText),
                 st.from_regex(r"\A[0-9]{17,19}\Z").map(lambda i: ChannelRef(f"discord:{i}")))
bodies = st.lists(part, max_size=8).map(lambda ps: Rich(tuple(ps)))

# Where Discord reads markdown and mentions: message content and a modal's text display.
MENTION = re.compile(r"<@!?\d+>|<@&\d+>|</[^>\s]+:\d+>|<a?:\w+:\d+>|<t:-?\d+(?::\w)?>|<id:\w+>"
                     r"|@everyone|@here", re.IGNORECASE)
CHANNEL_LINK = re.compile(r"<#\d+>")


def unescaped(text: str) -> str:
    """The text with every `\\x` escape pair removed: what markdown still acts on."""
    return re.sub(r"\\.", "", text, flags=re.DOTALL)


def assert_inert(markdown: str, links: set[str]) -> None:
    assert not MENTION.search(markdown), markdown
    assert not MENTION.search(markdown.replace("\n", "")), markdown
    for link in CHANNEL_LINK.findall(markdown):
        assert link in links  # only the channels Hearth linked, never one typed
    bare = unescaped(markdown)
    assert "[" not in bare and "]" not in bare, markdown  # no masked link can open


class MemoryState:
    """Stands in for the database table of long custom ids."""

    async def stash(self, args: dict[str, str]) -> str:
        return "k"


async def render(reply: Reply) -> tuple[list[str], list[dict[str, Any]], dict[str, Any] | None]:
    text = reply_text(reply)
    messages = [*chunks(text), fit(text)]
    view = await build_view(reply.buttons, MemoryState())  # type: ignore[arg-type]
    components = view.to_components() if view else []
    modal = (await build_modal(reply.form, MemoryState(), text)).to_dict() if reply.form else None  # type: ignore[arg-type]
    return messages, components, modal


@settings(max_examples=300, deadline=None)
@given(body=bodies, words=user_text, title=st.sampled_from([None, "Your check-in"]))
@example(body=Rich((UserText("hi <"), UserText("@123> there"))), words="", title=None)  # side by side
@example(body=Rich((UserText("@every"), UserText("one"))), words="@here", title=None)
def test_no_reply_can_ping_or_spoof_a_link(body: Rich, words: str, title: str | None) -> None:
    links = {f"<#{p.short}>" for p in body.parts if isinstance(p, ChannelRef)}
    form = Form("Check in", "checkin.submit", (
        FormField("mood", "How are you?", "choice", choices=(Choice("4", "Good"),), default="4"),
        FormField("words", "A few words", "paragraph", required=False, default=words),
    ), args={"round": "1", "note": words})
    reply = Reply(body=body, title=title, form=form,
                  buttons=(Button("Another one", "reflect.next", {"theme": words}), Button("Done", "reflect.done")))

    messages, components, modal = asyncio.run(render(reply))
    for text in messages:
        assert_inert(text, links)
    for row in components:
        for button in row["components"]:
            assert button["label"] in ("Another one", "Done") and len(button["custom_id"]) <= 100
    assert modal is not None
    for item in modal["components"]:
        if item["type"] == 10:  # the intro, in markdown
            assert_inert(item["content"], links)
    # Field defaults are what the person typed, shown back in a text box (plain text: never parsed), with nothing
    # invisible left in them (`disarmed`, the one door for every word shown).
    [box] = [c["component"] for c in modal["components"] if c.get("component", {}).get("custom_id") == "words"]
    assert box.get("value") == (disarmed(words)[:4000] or None)


def test_every_send_forbids_pings():
    assert INTERACTION_PINGS.to_dict() == {"parse": []} and SENDER_PINGS.to_dict() == {"parse": []}
