"""render23: a member's answer posted for the group (shared, anonymous, changed) is one Discord message, and all of
it: escaping doubles words of `*`, `_`, `~`, `|` or backticks, and a 1000-character answer of them was cut in its
public post (`fit`) though the member had been told it fits. Such words are now shown whole as a code block."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from adapters.discord.render import CUT_NOTE, MESSAGE_LIMIT, ZWSP, one_message, reply_text
from bot.events import Reply, rich
from bot.flows.checkins import MAX_ANSWER_CHARS
from tests.adapters.discord.helpers import button, round_open_for_ann
from tests.adapters.discord.test_render_safety import MENTION, unescaped

MARKS = ["*", "_", "~", "|", "`", "\\", "<", "@", ">", "#", "-", "[", "]"]
BLOCK = re.compile(r"```\n(.*?)\n```", re.DOTALL)


def words_shown(text: str) -> str:
    """What a reader sees of someone's words in a message: a code block's content as it is, else the text with its
    escapes shown as the characters they escape; zero-width breaks unseen."""
    found = BLOCK.search(text)
    seen = found.group(1) if found else re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)
    return seen.replace(ZWSP, "")


def assert_inert_post(text: str) -> None:
    """Nothing pings or formats: inside a code block nothing can but three backticks (closing it early); outside,
    every mark is escaped."""
    for inside in BLOCK.findall(text):
        assert "```" not in inside and not MENTION.search(inside), inside[:40]
    outside = BLOCK.sub("", text)
    assert not MENTION.search(outside) and "[" not in unescaped(outside)


def answer_post(name: str, words: str, mood: str = "🙂 Good") -> Reply:
    """A shared answer's post as `checkins.answer_messages` makes it."""
    return Reply(body=rich("**{}** · " + mood + "\n{}", name, words), visibility="channel")


def test_an_answer_of_marks_is_posted_whole_in_one_message():
    for mark in MARKS:
        words = mark * MAX_ANSWER_CHARS
        assert len(reply_text(answer_post("Ann", words))) > MESSAGE_LIMIT or mark in "<@#-[]"
        text = one_message(answer_post("Ann", words))
        assert len(text) <= MESSAGE_LIMIT and CUT_NOTE not in text, mark
        assert words_shown(text.split("\n", 1)[1]) == words, mark
        assert_inert_post(text)
    anonymous = one_message(Reply(body=rich("_Someone_\n{}", "*" * MAX_ANSWER_CHARS), visibility="channel"))
    assert anonymous.startswith("_Someone_\n```\n") and words_shown(anonymous) == "*" * MAX_ANSWER_CHARS


def test_a_short_answer_is_still_escaped_as_before():
    reply = answer_post("Ann", "I *really* _needed_ this ~~today~~")
    assert one_message(reply) == reply_text(reply) and "```" not in one_message(reply)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(MARKS + ["a", " ", "\n", "everyone", "here", "1.", "```"]), max_size=400)
       .map("".join).map(lambda w: (w * (MAX_ANSWER_CHARS // max(len(w), 1) + 1))[:MAX_ANSWER_CHARS].strip() or "x"),
       name=st.text(st.sampled_from(MARKS + ["a"]), min_size=1, max_size=32))
def test_no_answer_is_cut_whatever_it_holds(words, name):
    """The longest answer, of anything, under the longest name and mood label (`MAX_LABEL_CHARS`, an emoji), fits
    one message whole and inert."""
    text = one_message(answer_post(name, words, "🙂" * 4 + "m" * 75))
    assert len(text) <= MESSAGE_LIMIT and CUT_NOTE not in text
    assert words_shown(text.split("\n", 1)[1]).strip() == words.strip()
    assert_inert_post(text)


async def test_a_long_answer_of_marks_is_posted_and_changed_whole(discord_bot, fake, app, clock):
    """Through the fake Discord: the shared post and its edit carry every character of the words."""
    ann, post = await round_open_for_ann(fake, app, clock)

    async def answer(words: str) -> None:
        form = await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Good")))
        iid = await fake.submit(ann, form["data"]["custom_id"], {"mood": "4", "words": words, "visibility": "shared"},
                                selects=("mood", "visibility"))
        assert (await fake.wait_callback(iid))["type"] == 4
        await app.outbox.drain_all()

    await answer("*" * MAX_ANSWER_CHARS)
    [shown] = [m["content"] for m in fake.channel_messages(int(post["id"]))]
    assert CUT_NOTE not in shown and words_shown(shown.split("\n", 1)[1]) == "*" * MAX_ANSWER_CHARS
    await answer("_~|`" * (MAX_ANSWER_CHARS // 4))
    edit = fake.calls_to("PATCH", f"/channels/{post['id']}/messages/")[-1]
    assert words_shown(edit.body["content"].split("\n", 1)[1]) == "_~|`" * (MAX_ANSWER_CHARS // 4)
    assert fake.refused == []


async def test_words_kept_for_a_member_by_dm_arrive_whole_however_long(discord_bot, fake, app):
    """A sibling path: someone's words an interaction couldn't show go to their DM by the outbox
    (`Hearth.keep_privately`), a note given back up to 6000 characters (`MAX_NOTE_CHARS`, escaped: 12,000). A DM
    was one message, cut at 2000; now it is as many messages as the words need, none cut."""
    from bot.commands.registry import given_back
    from bot.events import Actor
    from bot.flows.reflections import MAX_NOTE_CHARS

    ann = fake.member(fake.next_id(), "Ann")
    uid = int(ann["user"]["id"])
    words = ("*stars* and _lines_ <@1> @everyone `code` | ~~x~~ - - - > quote " * 200)[:MAX_NOTE_CHARS].strip()
    actor = Actor(community_id=f"discord:{fake.guild_id}", user_id=f"discord:{uid}", display_name="Ann")
    refusal = Reply(body=rich("Hearth couldn't save that."), error=True)
    assert await app.keep_privately(actor, [given_back(refusal, [words])], "discord:77")
    await app.outbox.drain_all()
    got = [m["content"] for m in fake.channel_messages(fake.dm_channels[uid])]
    assert len(got) > 3 and all(len(t) <= MESSAGE_LIMIT for t in got) and not any(CUT_NOTE in t for t in got)
    shown = re.sub(r"\\(.)", r"\1", "".join(got)).replace(ZWSP, "")
    assert "".join(words.split()) in "".join(shown.split())
    assert not any(MENTION.search(t) for t in got)
    assert fake.refused == []
