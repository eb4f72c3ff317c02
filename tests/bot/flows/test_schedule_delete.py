"""Deleting a check-in takes down what its rounds left in the channel, and says so; counts stay true."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, press, ref_of, run, text
from tests.fakes import RecordingSender

UTC = timezone.utc
MIA = actor("mia", moderator=True)


async def open_round(app, clock):
    schedule = await make_schedule(app)
    for name in ("ann", "bob", "cy"):
        await run(app, actor(name), "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    return schedule


async def delete_schedule(app) -> tuple[str, str]:
    ask = (await run(app, MIA, "mod schedule delete", name="mornings"))[0]
    yes = [b for b in ask.buttons if b.action == "confirm"][0]
    return ask.plain(), text(await press(app, MIA, "confirm", yes.args))


async def test_deleting_a_schedule_closes_its_open_round_post_and_takes_down_its_answer_posts(app, clock):
    await open_round(app, clock)
    (round_post,) = [d for d in app.sent if d.kind == "post"]
    assert round_post.message.buttons
    await run(app, actor("ann"), "checkin answer", mood="4", visibility="shared", words="Good coffee")
    for name, words in (("bob", "Tired"), ("dan", "Calm"), ("eve", "Busy")):  # a batch: the anonymous go up
        await run(app, actor(name), "checkin answer", mood="2", visibility="anonymous", words=words)
    await run(app, actor("cy"), "checkin answer", mood="3", visibility="private", words="mine")
    await app.outbox.drain_all()
    threads = [d for d in app.sent if d.kind == "thread"]
    assert len(threads) == 4
    posted_refs = sorted(ref_of(app, t) for t in threads)

    asked, done = await delete_schedule(app)
    assert "takes down the posts of shared and anonymous answers" in asked
    assert "Members keep their own answers" in asked
    assert "open now closes at once" in asked
    assert "Deleted mornings and its 1 round." in done
    assert "Its 5 answers stay with the members who wrote them" in done
    assert "open round closed early" in done and "taking down 4 posts" in done

    await app.outbox.drain_all()
    edits = [d for d in app.sent if d.kind == "edit"]
    assert len(edits) == 1 and edits[0].ref == ref_of(app, round_post) and edits[0].channel == "console:general"
    assert edits[0].message.buttons == ()  # nothing left to press
    assert "A moderator deleted this check-in" in edits[0].message.plain()
    assert "each person keeps their own answer" in edits[0].message.plain()
    assert "Good coffee" not in edits[0].message.plain()
    deletes = [d for d in app.sent if d.kind == "delete"]
    assert sorted(d.ref for d in deletes) == posted_refs

    # Ann's answer stayed hers; her own erasure deletes it, with no post left to take down, and says so truly.
    done = text(await run(app, actor("ann"), "me delete", confirmed="yes"))
    assert "1 answer" in done and "taking down" not in done

    # A DM's mood button for the deleted round is refused kindly.
    dm = [d for d in app.sent if d.kind == "dm" and d.user == "console:ann"][0]
    refusal = await press(app, actor("ann"), "checkin.mood", dm.message.buttons[0].args)
    assert refusal[0].error and "couldn't find that check-in round" in text(refusal)


async def test_deleting_a_schedule_with_no_open_round_leaves_its_summaries(app, clock):
    await open_round(app, clock)
    await run(app, actor("ann"), "checkin answer", mood="4", visibility="shared")
    await app.outbox.drain_all()
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    summary_edits = len([d for d in app.sent if d.kind == "edit"])
    _, done = await delete_schedule(app)
    assert "open round" not in done and "taking down 1 post" in done
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "edit"]) == summary_edits  # the summary stays as it was
    assert len([d for d in app.sent if d.kind == "delete"]) == 1


async def test_an_answer_made_private_is_no_longer_counted_as_a_post_to_take_down(app, clock):
    await open_round(app, clock)
    ann = actor("ann")
    await run(app, ann, "checkin answer", mood="4", visibility="shared", words="first")
    await app.outbox.drain_all()
    await run(app, ann, "checkin answer", mood="4", visibility="private", words="second")
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "delete"]) == 1  # its post is down already
    done = text(await run(app, ann, "me delete", confirmed="yes"))
    assert "1 answer" in done and "taking down" not in done
    await app.outbox.drain_all()
    assert len([d for d in app.sent if d.kind == "delete"]) == 1


class DeletesWhileSending(RecordingSender):
    """The far side answers the round post only after a moderator deleted the schedule meanwhile."""

    def __init__(self, app) -> None:
        super().__init__("console")
        self.app = app
        self.deleted = False

    async def send(self, delivery):
        if delivery.kind == "post" and not self.deleted:
            self.deleted = True
            await run(self.app, MIA, "mod schedule delete", name="mornings", confirmed="yes")
        return await super().send(delivery)


async def test_a_round_post_that_arrives_after_its_schedule_was_deleted_is_taken_down(app, clock):
    await make_schedule(app)
    sender = DeletesWhileSending(app)
    app.outbox.add_sender(sender)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    kinds = [(d.kind, d.ref) for d in sender.sent]
    assert kinds == [("post", None), ("delete", sender.ref_of(sender.sent[0]))]


async def test_a_deleted_check_in_leaves_each_member_their_own_answer(app, clock):
    """trial4 #17: a moderator's deletion took members' private words silently. Now each answer stays its author's:
    in `me history` and `me export`, for them alone; `privacy` says so; `me delete` still takes it."""
    import json

    await open_round(app, clock)
    cy = actor("cy")
    await run(app, cy, "checkin answer", mood="2", visibility="private", words="my own words")
    await app.outbox.drain_all()
    _, done = await delete_schedule(app)
    assert "Its 1 answer stays with the member who wrote it, in their own history, for them alone." in done

    history = text(await run(app, cy, "me history"))
    assert "mornings" in history and "my own words" in history and "check-in deleted, kept for you only" in history
    exported = json.loads((await run(app, cy, "me export"))[0].attachment.content)
    assert [(a["checkin"], a["words"], a["visibility"]) for a in exported["answers"]] == \
        [("mornings", "my own words", "private")]
    assert "my own words" not in text(await run(app, actor("ann"), "me history"))  # (hers alone)
    assert "your answers to it stay yours" in text(await run(app, cy, "privacy"))

    done = text(await run(app, cy, "me delete", confirmed="yes"))
    assert "1 answer" in done
    assert "my own words" not in text(await run(app, cy, "me history"))
