"""The care team's records (`bot.store.care`) on each database: a note's guarded changes and the edits they
queue, who is on duty, follow-ups, and a member's part of an export and an erasure."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from bot.clock import utc_iso
from bot.models import CareNote, Outgoing
from bot.store.repository import DELETED
from tests.bot.store.helpers import AT, COMMUNITY

BODY = [["m", "💛 "], ["u", "Ann"], ["m", " may need some support right now"]]


def edit(note: CareNote) -> list[Outgoing]:
    return [Outgoing(f"care:{note.id}:v{note.version}", "edit", {"channel": "console:mods", "care_note": note.id},
                     {"body": [["m", note.state]]})]


def post(note: CareNote) -> list[Outgoing]:
    return [Outgoing(f"care:{note.id}:post", "post", {"channel": "console:mods", "care_note": note.id},
                     {"body": note.body})]


async def outbox_keys(store) -> list[str]:
    return [r["dedupe_key"] for r in await store.db.fetchall("SELECT dedupe_key FROM outbox ORDER BY id")]


async def open_one(store, user: str = "u1", community: str = COMMUNITY) -> CareNote:
    await store.communities.ensure(community, AT)
    return await store.care.open_note(community, user, "console:mods", BODY, AT, post)


async def test_a_note_opens_with_its_post_and_the_members_cooldown_in_one_go(store):
    note = await open_one(store)
    assert note.state == "open" and note.body == BODY and note.version == 0
    assert await store.notes.last_safety_alert(COMMUNITY, "u1") == AT
    assert await outbox_keys(store) == [f"care:{note.id}:post"]
    assert await store.care.get(COMMUNITY, note.id) == note
    assert await store.care.get("elsewhere", note.id) is None


async def test_take_hand_over_done_are_guarded_and_each_queues_its_own_edit(store):
    note = await open_one(store)
    taken = await store.care.take(COMMUNITY, note.id, "mia", "Mia", AT, edit)
    assert taken and taken.state == "taken" and taken.taken_by == "mia" and taken.taken_at == AT
    assert await store.care.take(COMMUNITY, note.id, "sam", "Sam", AT, edit) is None
    assert await store.care.hand_over(COMMUNITY, note.id, "sam", AT, edit) is None
    assert await store.care.close(COMMUNITY, note.id, "sam", "Sam", AT, edit) is None
    assert await store.care.take("elsewhere", note.id, "zed", "Zed", AT, edit) is None
    back = await store.care.hand_over(COMMUNITY, note.id, "mia", AT, edit)
    assert back and back.state == "open" and back.taken_by is None
    closed = await store.care.close(COMMUNITY, note.id, "sam", "Sam", AT + timedelta(minutes=5), edit)
    assert closed and closed.state == "done" and closed.closed_name == "Sam" and closed.version == 3
    assert await store.care.take(COMMUNITY, note.id, "mia", "Mia", AT, edit) is None
    assert await outbox_keys(store) == [f"care:{note.id}:post", *(f"care:{note.id}:v{v}" for v in (1, 2, 3))]


async def test_two_takes_at_once_exactly_one_wins(store):
    note = await open_one(store)
    results = await asyncio.gather(*(store.care.take(COMMUNITY, note.id, f"mod{i}", f"Mod {i}", AT, edit)
                                     for i in range(6)))
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    assert (await store.care.get(COMMUNITY, note.id)).taken_by == winners[0].taken_by
    assert len(await outbox_keys(store)) == 2


async def test_the_posts_id_is_kept_for_its_edits(store):
    note = await open_one(store)
    (entry,) = await store.outbox.claim_due("console", AT, 10, "p1", timedelta(minutes=1))
    await store.outbox.mark_sent(entry, "m42", AT)
    assert await store.outbox.care_note_post_ref(note.id) == "m42"


async def test_listing_shows_open_and_recently_done_newest_first(store):
    old = await open_one(store, "u1")
    await store.care.close(COMMUNITY, old.id, "mia", "Mia", AT, edit)
    new = await store.care.open_note(COMMUNITY, "u2", "console:mods", BODY, AT + timedelta(hours=1), post)
    assert [n.id for n in await store.care.listing(COMMUNITY, AT - timedelta(days=1))] == [new.id, old.id]
    assert [n.id for n in await store.care.listing(COMMUNITY, AT + timedelta(minutes=1))] == [new.id]


async def test_untaken_notes_are_raised_again_once(store):
    note = await open_one(store)
    assert await store.care.untaken_since(AT - timedelta(minutes=1)) == []
    assert [n.id for n in await store.care.untaken_since(AT + timedelta(hours=1))] == [note.id]
    dm = Outgoing(f"care:{note.id}:raise:mia", "dm", {"user": "console:mia"}, {"body": []})
    assert await store.care.raise_again(note.id, AT, [dm])
    assert not await store.care.raise_again(note.id, AT, [dm])
    assert await store.care.untaken_since(AT + timedelta(hours=1)) == []
    taken = await open_one(store, "u2")
    await store.care.take(COMMUNITY, taken.id, "mia", "Mia", AT, edit)
    assert await store.care.untaken_since(AT + timedelta(hours=1)) == []


async def test_duty_marks(store):
    await store.care.set_duty(COMMUNITY, "mia", False, AT)
    await store.care.set_duty(COMMUNITY, "sam", True, AT)
    await store.care.set_duty(COMMUNITY, "mia", True, AT)
    await store.care.set_duty("elsewhere", "zed", False, AT)
    assert await store.care.duty(COMMUNITY) == {"mia": True, "sam": True}


async def test_a_follow_up_is_sent_once_and_only_when_due(store):
    await store.care.ask_followup(COMMUNITY, "u1", "es", AT, AT + timedelta(days=1))
    assert await store.care.followups_due(AT) == []
    (due,) = await store.care.followups_due(AT + timedelta(days=1))
    assert due.language == "es" and due.user_id == "u1"
    dm = [Outgoing("care:followup:u1", "dm", {"user": "console:u1"}, {"body": []})]
    assert await store.care.send_followup(due, dm, AT)
    assert not await store.care.send_followup(due, dm, AT)
    assert await store.care.followup_of(COMMUNITY, "u1") is None
    assert await outbox_keys(store) == ["care:followup:u1"]


async def test_a_members_follow_up_and_notes_are_exported_and_erased(store):
    note = await open_one(store, "u1")
    other = await open_one(store, "u2")
    await store.care.take(COMMUNITY, other.id, "u1", "Ann", AT, edit)
    await store.care.ask_followup(COMMUNITY, "u1", "en", AT, AT + timedelta(days=1))
    await store.care.set_duty(COMMUNITY, "u1", False, AT)
    exported = await store.care.member_export(COMMUNITY, "u1")
    assert exported == {"care": {
        "follow_up": {"due_at": "2026-01-06T09:00:00Z"}, "care_duty": "off",
        "notes_to_moderators": [{"noted_at": "2026-01-05T09:00:00Z", "care_channel": "console:mods", "status": "open",
                                 "taken_at": None, "done_at": None, "raised_again_at": None}]}}
    assert await store.care.member_summary(COMMUNITY, "u1") == {"care_notes": 1,
                                                               "follow_up_due": "2026-01-06T09:00:00Z"}
    async with store.db.transaction() as tx:
        await store.care.erase_member(tx, COMMUNITY, "u1", AT)
    assert await store.care.get(COMMUNITY, note.id) is None
    assert await store.care.followup_of(COMMUNITY, "u1") is None
    assert await store.care.duty(COMMUNITY) == {}
    kept = await store.care.get(COMMUNITY, other.id)  # (taken by u1, who left: open again, nobody has it)
    assert kept.state == "open" and kept.taken_by == DELETED and kept.taken_name == "" and kept.taken_at is None
    assert await store.care.member_export(COMMUNITY, "u1") == {"care": {"follow_up": None,
                                                                         "notes_to_moderators": []}}


async def test_a_note_its_moderator_took_is_open_again_once_they_erase_and_another_can_take_it(store):
    """It read "someone who has since deleted their data is reaching out": nobody was. Open again, it can be taken
    (and closed) by another moderator; a note they closed keeps its state, naming "deleted-member"."""
    taken = await open_one(store, "u2")
    closed = await open_one(store, "u3")
    await store.care.take(COMMUNITY, taken.id, "mod1", "Mo", AT, edit)
    await store.care.take(COMMUNITY, closed.id, "mod1", "Mo", AT, edit)
    await store.care.close(COMMUNITY, closed.id, "mod1", "Mo", AT, edit)
    assert await store.care.handled_by(COMMUNITY, "mod1") == [taken.id, closed.id]
    async with store.db.transaction() as tx:
        await store.care.erase_member(tx, COMMUNITY, "mod1", AT)
    now = await store.care.get(COMMUNITY, taken.id)
    assert (now.state, now.taken_by, now.taken_name, now.taken_at, now.version) == ("open", DELETED, "", None, 2)
    done = await store.care.get(COMMUNITY, closed.id)
    assert (done.state, done.taken_by, done.closed_by, done.closed_name) == ("done", DELETED, DELETED, "")
    assert await store.care.handled_by(COMMUNITY, "mod1") == []
    assert [n.id for n in await store.care.listing(COMMUNITY, AT)] == [closed.id, taken.id]
    assert await store.care.hand_over(COMMUNITY, taken.id, DELETED, AT, edit) is None  # (nobody's to hand over)
    again = await store.care.take(COMMUNITY, taken.id, "mod2", "Kim", AT + timedelta(hours=1), edit)
    assert (again.state, again.taken_by, again.taken_name) == ("taken", "mod2", "Kim")
    assert (await store.care.close(COMMUNITY, taken.id, "mod2", "Kim", AT, edit)).state == "done"


async def test_a_notes_community_is_found_by_its_number_alone(store):
    """For a press in a DM, where the platform names no community."""
    note = await open_one(store)
    other = await open_one(store, community="elsewhere")
    assert await store.care.community_of(note.id) == COMMUNITY
    assert await store.care.community_of(other.id) == "elsewhere"
    assert await store.care.community_of(other.id + 100) is None


async def test_when_the_next_follow_up_and_the_oldest_untaken_note_are_due(store):
    """What a clock that jumps (the terminal's) stops at, so the follow-up comes on its day (`Job.next_at`)."""
    assert await store.care.next_followup_due() is None and await store.care.first_untaken() is None
    await store.communities.ensure(COMMUNITY, AT)
    await store.care.ask_followup(COMMUNITY, "u1", "en", AT, AT + timedelta(days=1))
    await store.care.ask_followup(COMMUNITY, "u2", "en", AT, AT + timedelta(hours=3))
    assert await store.care.next_followup_due() == AT + timedelta(hours=3)
    note = await open_one(store)
    assert await store.care.first_untaken() == AT
    await store.care.raise_again(note.id, AT + timedelta(hours=1), [])
    assert await store.care.first_untaken() is None  # raised once: nothing more to raise


# -- a note whose member erased their data: withdrawn, not vanished -------------------------------------------

SAID = {"body": [["m", "A care note was here."]], "title": None, "buttons": []}


def named_post(note: CareNote) -> list[Outgoing]:
    """As `bot.flows.care_team.note_post` keys it: naming the member, so their erasure drops it while it waits."""
    return [Outgoing(f"care:{note.community_id}:{note.id}:post:{note.user_id}", "post",
                     {"channel": "console:mods", "care_note": note.id, "community": note.community_id},
                     {"body": note.body})]


async def pending(store) -> list[dict]:
    return await store.db.fetchall("SELECT * FROM outbox WHERE status = 'pending' ORDER BY id")


async def test_an_erased_members_posted_note_is_edited_to_say_it_was_withdrawn_naming_nobody(store):
    from bot.store import member_data

    await store.communities.ensure(COMMUNITY, AT)
    note = await store.care.open_note(COMMUNITY, "console:ann", "console:mods", BODY, AT, named_post)
    (entry,) = await store.outbox.claim_due("console", AT + timedelta(hours=1), 10, "p1", timedelta(minutes=1))
    await store.outbox.mark_sent(entry, "m42", AT)
    later = AT + timedelta(hours=2)
    gone = await member_data.erase(store, COMMUNITY, "console:ann", later, SAID)
    assert (gone.care_notes, gone.care_posts, gone.care_notes_unposted) == (1, 1, 0)
    (edit_row,) = await pending(store)
    assert edit_row["kind"] == "edit" and edit_row["dedupe_key"] == f"care:{COMMUNITY}:{note.id}:withdrawn"
    assert json.loads(edit_row["target"]) == {"channel": "console:mods", "care_note": note.id, "ref": "m42",
                                              "community": COMMUNITY}
    assert json.loads(edit_row["payload"]) == SAID
    assert "console:ann" not in json.dumps(edit_row) and "Ann" not in json.dumps(edit_row)  # not her id, nor name
    assert await store.care.get(COMMUNITY, note.id) is None
    # what stays is nobody's: the note's number and when, for `mod care list` and a press of its buttons
    rows = await store.db.fetchall("SELECT * FROM care_withdrawn")
    assert [dict(r) for r in rows] == [{"community_id": COMMUNITY, "note_id": note.id,
                                        "withdrawn_at": "2026-01-05T11:00:00Z"}]
    assert await store.care.was_withdrawn(COMMUNITY, note.id) and not await store.care.was_withdrawn("x", note.id)
    assert await store.care.community_of(note.id) == COMMUNITY
    assert await store.care.withdrawn_since(COMMUNITY, later) == 1
    assert await store.care.withdrawn_since(COMMUNITY, later + timedelta(seconds=1)) == 0
    assert await store.care.withdrawn_since("elsewhere", AT) == 0


async def test_a_note_still_waiting_for_its_tick_is_never_posted_and_counted_withdrawn(store):
    from bot.store import member_data

    await store.communities.ensure(COMMUNITY, AT)
    note = await store.care.open_note(COMMUNITY, "console:ann", "console:mods", BODY, AT, named_post)
    gone = await member_data.erase(store, COMMUNITY, "console:ann", AT, SAID)
    assert (gone.care_notes, gone.care_posts, gone.care_notes_unposted) == (1, 0, 1)
    assert await pending(store) == []  # its post dropped, and no edit of a post that never was
    assert await store.care.was_withdrawn(COMMUNITY, note.id)


async def test_a_note_going_out_as_its_member_erases_arrives_and_is_then_edited_withdrawn(store):
    """The post was claimed (on its way) when the erasure ran: once out, its id is hung on the waiting edit,
    instead of the post coming down (which would leave moderators with nothing)."""
    from bot.store import member_data

    await store.communities.ensure(COMMUNITY, AT)
    note = await store.care.open_note(COMMUNITY, "console:ann", "console:mods", BODY, AT, named_post)
    (entry,) = await store.outbox.claim_due("console", AT + timedelta(hours=1), 10, "p1", timedelta(minutes=1))
    gone = await member_data.erase(store, COMMUNITY, "console:ann", AT + timedelta(hours=1), SAID)
    assert (gone.care_posts, gone.care_notes_unposted) == (1, 0)
    (waiting,) = await pending(store)
    assert "ref" not in json.loads(waiting["target"])
    assert await store.outbox.care_note_post_ref(note.id) is None  # (so it waits: `Outbox._resolve`)
    await store.outbox.mark_sent(entry, "m43", AT + timedelta(hours=1))
    (edit_row,) = await pending(store)  # no removal queued: the edit, now addressed
    assert edit_row["id"] == waiting["id"] and json.loads(edit_row["target"])["ref"] == "m43"


async def test_a_care_note_post_whose_note_is_gone_with_no_withdrawal_waiting_still_comes_down(store):
    note = await open_one(store)
    (entry,) = await store.outbox.claim_due("console", AT + timedelta(hours=1), 10, "p1", timedelta(minutes=1))
    await store.db.execute("DELETE FROM care_notes WHERE id = ?", note.id)
    await store.outbox.mark_sent(entry, "m44", AT)
    (removal_row,) = await pending(store)
    assert removal_row["kind"] == "delete" and json.loads(removal_row["target"])["ref"] == "m44"


async def test_an_edit_out_right_now_lands_before_the_withdrawal(store):
    """An edit of the note (someone took it) was on its way when the member erased their data: it is dropped
    with their rows, but its call may still land; the withdrawal goes once its lease is over, so it is last."""
    from bot.store import member_data

    await store.communities.ensure(COMMUNITY, AT)
    note = await store.care.open_note(COMMUNITY, "console:ann", "console:mods", BODY, AT, named_post)
    (entry,) = await store.outbox.claim_due("console", AT + timedelta(hours=1), 10, "p1", timedelta(minutes=1))
    await store.outbox.mark_sent(entry, "m45", AT + timedelta(hours=1))

    def named_edit(n: CareNote) -> list[Outgoing]:
        return [Outgoing(f"care:{n.community_id}:{n.id}:v{n.version}:{n.user_id}", "edit",
                         {"channel": "console:mods", "care_note": n.id}, {"body": [["m", n.state]]})]

    now = AT + timedelta(hours=1)
    await store.care.take(COMMUNITY, note.id, "console:mia", "Mia", now, named_edit)
    (out,) = await store.outbox.claim_due("console", now, 10, "p1", timedelta(minutes=1))
    assert out.kind == "edit"
    await member_data.erase(store, COMMUNITY, "console:ann", now, SAID)
    (edit_row,) = await pending(store)
    assert edit_row["dedupe_key"].endswith(":withdrawn") and edit_row["next_attempt_at"] == utc_iso(
        now + timedelta(minutes=1))
