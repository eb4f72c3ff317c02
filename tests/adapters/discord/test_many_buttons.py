"""More buttons than one Discord message holds (5 action rows of 5): none is dropped. The person's own come first
(Reflect now, New check-in, Add a prompt), then each check-in's Answer now; a menu in the last row names every
check-in or prompt whose buttons didn't fit, choosing one shows them, and the message says so.

The fake checks every message against Discord's published spec (`testing.discord_spec`, `discord_rules`): a
sixth row, a sixth button in a row or a 26th option would be refused there, as Discord would."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from adapters.discord import components
from adapters.discord.components import MORE_BUTTONS, fit_buttons
from bot.delivery.sender import Delivery
from bot.events import Button, Reply, rich
from bot.scheduling.runner import RoundScheduler
from testing import discord_rules
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, buttons

UTC = timezone.utc
OWN_MEMBER = ["Reflect now", "My notes", "My status"]
OWN_MODERATOR = ["New check-in", "Add a prompt"]


async def many_checkins(app, fake: FakeDiscord, clock, count: int, joined: tuple[dict[str, Any], ...] = ()) -> None:
    """`count` check-ins, those `joined` in all of them, every one open now (Mon 5 Jan, 09:00 London)."""
    community, now = f"discord:{fake.guild_id}", app.now()
    await app.store.communities.ensure(community, now)
    for i in range(count):
        s = await app.store.schedules.create(
            {"community_id": community, "name": f"circle {i:02d}", "channel_id": f"discord:{fake.channel_id}",
             "spec": "weekdays 09:00", "cron": "0 9 * * 1-5", "timezone": "Europe/London", "open_minutes": 120,
             "remind_minutes": 30, "created_by": "discord:1"}, now)
        for member in joined:
            await app.store.schedules.join(s.id, f"discord:{member['user']['id']}", False, False, now)
    clock.set(datetime(2026, 1, 5, 9, 0, 30, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    assert len(await app.store.rounds.list_open_in(community, app.now())) == count


async def home_of(fake: FakeDiscord, who: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """`/home` as the person sees it: the message carrying its buttons (the last, when the text takes more than
    one: Discord's 2000 characters), and the whole text."""
    iid = await fake.slash(who, "home")
    first = await fake.wait_callback(iid)
    if first["data"].get("components"):
        return first, first["data"]["content"]
    [*_, last] = await fake.wait_for(lambda: [c for c in fake.followups(iid) if c.body.get("components")])
    said = "\n".join([first["data"]["content"], *(c.body["content"] for c in fake.followups(iid))])
    [message_id] = [k for k, m in fake.messages.items() if m["content"] == last.body["content"] and m["components"]]
    return {"message_id": str(message_id), "data": fake.messages[message_id]}, said


def menus(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in message.get("components", []) for c in row.get("components", []) if c["type"] == 3]


async def everything_reachable(fake: FakeDiscord, who: dict[str, Any], home: dict[str, Any]) -> list[str]:
    """The labels of every button the message offers: those shown, and those each name in its menu shows (and
    the menus "More…" opens), each chosen as a person would."""
    labels = [b["label"] for b in buttons(home["data"]) if b["type"] == 2]
    pending = [(int(home["message_id"]), home["data"])]
    while pending:
        message_id, data = pending.pop()
        for menu in menus(data):
            for option in menu["options"]:
                shown = await fake.wait_callback(await fake.choose(who, message_id, menu["custom_id"], option["value"]))
                assert shown["type"] == 4 and shown["data"]["flags"] & 64, shown  # beside the message, privately
                if option["value"] == "more":
                    pending.append((int(shown["message_id"]), shown["data"]))
                    labels += [b["label"] for b in buttons(shown["data"]) if b["type"] == 2]
                    continue
                assert shown["data"]["content"].startswith(f"**{option['label']}**"), shown  # (what they are for)
                got = [b["label"] for b in buttons(shown["data"])]
                assert got and all(option["label"] in label for label in got), (option, got)
                labels += got
    return labels


async def test_a_moderator_with_five_open_check_ins_keeps_new_check_in_and_reaches_every_delete(
        discord_bot, fake: FakeDiscord, app, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    await many_checkins(app, fake, clock, 5)
    home, said = await home_of(fake, mod)
    shown = [b["label"] for b in buttons(home["data"]) if b["type"] == 2]
    assert set(OWN_MEMBER + OWN_MODERATOR) <= set(shown), shown  # the person's own, always
    assert all(f"Answer now · circle {i:02d}" in shown for i in range(5)), shown  # then each one's first action
    assert len(home["data"]["components"]) == 5 and len(shown) == 20
    assert said.endswith(MORE_BUTTONS), said[-200:]  # (and says where the rest are)
    [menu] = menus(home["data"])
    reachable = await everything_reachable(fake, mod, home)
    per_checkin = [f"{what} · circle {i:02d}" for i in range(5) for what in ("Join", "Answer now", "Edit", "Pause",
                                                                           "Delete")]
    assert set(reachable) == set(per_checkin + OWN_MEMBER + OWN_MODERATOR)

    # a button reached through the menu works as any: Delete asks first
    chosen = await fake.wait_callback(await fake.choose(mod, int(home["message_id"]), menu["custom_id"], next(
        o["value"] for o in menu["options"] if o["label"] == "circle 04")))
    asked = await fake.wait_callback(await fake.click(mod, int(chosen["message_id"]),
                                                      button(chosen["data"], "Delete · circle 04")))
    assert "Are you sure" in asked["data"]["content"], asked
    assert await app.store.schedules.find(f"discord:{fake.guild_id}", "circle 04") is not None


async def test_a_member_in_thirty_open_check_ins_keeps_reflect_now_and_reaches_every_answer(
        discord_bot, fake: FakeDiscord, app, clock):
    ann = fake.member(fake.next_id(), "Ann")
    await many_checkins(app, fake, clock, 30, joined=(ann,))
    home, said = await home_of(fake, ann)
    assert said.count("Open now — how are you?") == 30 and said.endswith(MORE_BUTTONS), said[-200:]
    shown = [b["label"] for b in buttons(home["data"]) if b["type"] == 2]
    assert shown[-3:] == OWN_MEMBER and all(s.startswith("Answer now · ") for s in shown[:-3]), shown
    [menu] = menus(home["data"])
    assert len(menu["options"]) == 25 and menu["options"][-1]["value"] == "more"  # (Discord's 25: "More…" last)
    reachable = await everything_reachable(fake, ann, home)
    wanted = [f"{what} · circle {i:02d}" for i in range(30) for what in ("Leave", "Answer now")] + OWN_MEMBER
    assert set(reachable) == set(wanted)

    chosen = await fake.wait_callback(await fake.choose(ann, int(home["message_id"]), menu["custom_id"], next(
        o["value"] for o in menu["options"] if o["label"] == "circle 20")))
    answering = await fake.wait_callback(await fake.click(ann, int(chosen["message_id"]),
                                                          button(chosen["data"], "Answer now · circle 20")))
    assert "circle 20" in str(answering["data"]), answering
    left = await fake.wait_callback(await fake.click(ann, int(chosen["message_id"]),
                                                     button(chosen["data"], "Leave · circle 20")))
    assert "circle 20" in left["data"]["content"] and "left" in left["data"]["content"], left


async def test_a_menu_whose_buttons_are_gone_says_so(discord_bot, fake: FakeDiscord, app, clock):
    ann = fake.member(fake.next_id(), "Ann")
    await many_checkins(app, fake, clock, 15, joined=(ann,))
    home, _said = await home_of(fake, ann)
    [menu] = menus(home["data"])
    await app.store.db.execute("DELETE FROM stashed_args")  # (purged after 90 days unused)
    gone = await fake.wait_callback(await fake.choose(ann, int(home["message_id"]), menu["custom_id"], "0"))
    assert gone["data"]["content"] == "This menu has expired. Please run the command again.", gone
    assert not gone["data"].get("components")


# -- the rule, without Discord --------------------------------------------------------------------


def test_the_adapter_keeps_to_the_limits_of_discords_spec() -> None:
    assert components.ACTION_ROWS == discord_rules.ACTION_ROWS and components.ROW_WIDTH == discord_rules.ROW_ITEMS
    assert components.MAX_OPTIONS == discord_rules.SELECT_OPTIONS


def test_twenty_five_buttons_fit_and_one_more_moves_the_rest_to_the_menu_whole() -> None:
    few = tuple(Button(f"b{i}", "x") for i in range(25))
    assert fit_buttons(few).shown == few and fit_buttons(few).rest == ()
    items = tuple(Button(f"{what} · c{i}", "x", about=f"c{i}", main=what == "Answer")
                  for i in range(15) for what in ("Leave", "Answer"))
    own = tuple(Button(f"own{i}", "x") for i in range(3))
    fit = fit_buttons(items + own)
    assert [b.label for b in fit.shown] == ["Leave · c0", "Answer · c0", "Leave · c1", "Answer · c1"] + [
        f"Answer · c{i}" for i in range(2, 15)] + ["own0", "own1", "own2"]  # (in the reply's order)
    assert [name for name, _ in fit.rest] == [f"c{i}" for i in range(2, 15)]
    assert all(len(bs) == 2 for _, bs in fit.rest)  # a name's buttons all, never half


def test_even_the_persons_own_buttons_past_four_rows_are_offered_by_their_label() -> None:
    own = tuple(Button(f"own{i}", "x") for i in range(30))
    fit = fit_buttons(own)
    assert [b.label for b in fit.shown] == [f"own{i}" for i in range(20)]
    assert [name for name, _ in fit.rest] == [f"own{i}" for i in range(20, 30)]


async def test_a_post_with_more_buttons_than_fit_keeps_them_in_the_menu_and_says_so_whatever_its_length(
        app, fake: FakeDiscord, discord_bot):
    """The outbox's posts go through the same fitting: a text cut to Discord's 2000 characters never loses the
    line about the menu."""
    many = tuple(Button(f"Pick · item {i}", "x", {"n": str(i)}, about=f"item {i}") for i in range(30))
    post = Reply(body=rich("word " * 600), buttons=many, visibility="channel")
    await app.outbox.senders["discord"].send(Delivery("post", post, channel=f"discord:{fake.channel_id}",
                                                      key="outbox:many"))
    [message] = fake.channel_messages(fake.channel_id)
    assert len(message["content"]) <= 2000 and message["content"].endswith(MORE_BUTTONS)
    assert len(message["components"]) == 5 and len(buttons(message)) == 21  # 20 buttons and the menu
    [menu] = menus(message)
    assert [o["label"] for o in menu["options"]] == [f"item {i}" for i in range(20, 30)]
