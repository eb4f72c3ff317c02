"""The outbox and processes (`bot.store.outbox`) on each database ([sqlite], [postgresql]): entries once per
key, whose claims may be taken, and waits kept to the microsecond (a platform's Retry-After)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.models import Outgoing
from bot.store.outbox import removal
from bot.store.store import Store
from tests.bot.store.helpers import outbox_keys, post

AT = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
LEASE = timedelta(seconds=60)


def dm(n: int) -> Outgoing:
    return Outgoing(f"dm:{n}", "dm", {"user": f"console:u{n}"}, {"text": "hi"})


async def holders(store: Store) -> dict[int, str | None]:
    return {r["id"]: r["claimed_by"] for r in await store.db.fetchall("SELECT id, claimed_by FROM outbox ORDER BY id")}


async def test_a_heard_from_process_keeps_its_claims_however_old_the_wall_clock_makes_them(store: Store) -> None:
    await store.outbox.enqueue([dm(1), dm(2)], AT)
    await store.outbox.record_heartbeat("live", "host", 1, "console", AT)
    [mine] = await store.outbox.claim_due("console", AT, 1, "live", LEASE)
    later = AT + timedelta(hours=2)  # a clock step: the lease and the heartbeat both look long gone
    taken = await store.outbox.claim_due("console", later, 5, "other", LEASE)
    assert [e.id for e in taken] == [2] and (await holders(store))[mine.id] == "live"
    # Gone only when someone watched its heartbeat stop; then taken, flagged for a look first.
    [again] = await store.outbox.claim_due("console", later, 5, "other", LEASE, dead=["live"])
    assert again.id == mine.id and again.previous_holder == "live"


async def test_a_process_never_takes_its_own_live_claims_and_takes_back_run_out_ones(store: Store) -> None:
    await store.outbox.enqueue([dm(1)], AT)
    await store.outbox.record_heartbeat("me", "host", 1, "console", AT)
    await store.outbox.claim_due("console", AT, 1, "me", LEASE)
    assert await store.outbox.claim_due("console", AT + timedelta(seconds=30), 1, "me", LEASE, dead=["me"]) == []
    [back] = await store.outbox.claim_due("console", AT + LEASE, 1, "me", LEASE)
    assert back.previous_holder == "me"  # it may have sent it before the lease ran out: it looks first


async def test_a_claim_with_no_heartbeat_behind_it_runs_out_with_its_lease(store: Store) -> None:
    await store.outbox.enqueue([dm(1)], AT)
    await store.outbox.claim_due("console", AT, 1, "no-heartbeat", LEASE)
    assert await store.outbox.claim_due("console", AT + timedelta(seconds=59), 1, "other", LEASE) == []
    [taken] = await store.outbox.claim_due("console", AT + LEASE, 1, "other", LEASE)
    assert taken.previous_holder == "no-heartbeat"


async def test_heartbeats_are_counted(store: Store) -> None:
    await store.outbox.record_heartbeat("p", "host", 1, "console", AT)
    await store.outbox.record_heartbeat("p", "host", 1, "console", AT)  # same wall time: the count still moves
    assert await store.outbox.process_beats() == {"p": 2}


async def test_a_postponed_entry_is_not_due_a_microsecond_before_its_time(store: Store) -> None:
    await store.outbox.enqueue([dm(1)], AT)
    [entry] = await store.outbox.claim_due("console", AT, 1, "a", LEASE)
    until = AT + timedelta(seconds=1, microseconds=250_000)
    await store.outbox.postpone(entry.id, until)
    assert await store.outbox.claim_due("console", until - timedelta(microseconds=1), 1, "b", LEASE) == []
    [due] = await store.outbox.claim_due("console", until, 1, "b", LEASE)
    assert due.previous_holder is None  # postponed after a 429 on the send: nothing went out


async def test_a_postponed_entry_can_keep_its_claim_for_the_look_up_still_owed(store: Store) -> None:
    await store.outbox.enqueue([dm(1)], AT)
    [entry] = await store.outbox.claim_due("console", AT, 1, "a", LEASE)
    until = AT + timedelta(seconds=2.5)
    await store.outbox.postpone(entry.id, until, keep_claim=True)
    assert await store.outbox.claim_due("console", until - timedelta(microseconds=1), 1, "a", LEASE) == []
    [due] = await store.outbox.claim_due("console", until, 1, "a", LEASE)
    assert due.previous_holder == "a"


async def test_a_platforms_wait_is_shared_kept_to_the_microsecond_and_the_later_end_wins(store: Store) -> None:
    assert await store.outbox.wait_left("slack", "chat.postMessage", AT) == 0.0
    await store.outbox.hold_off("slack", "chat.postMessage", AT, 1.25)
    await store.outbox.hold_off("slack", "chat.postMessage", AT, 0.5)  # a shorter wait doesn't cut the longer one
    assert await store.outbox.wait_left("slack", "chat.postMessage", AT) == 1.25
    assert abs(await store.outbox.wait_left("slack", "chat.postMessage", AT + timedelta(seconds=1.2)) - 0.05) < 1e-6
    assert await store.outbox.wait_left("slack", "chat.postMessage", AT + timedelta(seconds=1.25)) == 0.0
    assert await store.outbox.wait_left("slack", "conversations.open", AT) == 0.0  # per method
    assert await store.outbox.wait_left("discord", "chat.postMessage", AT) == 0.0  # per platform
    await store.outbox.hold_off("slack", "chat.postMessage", AT + timedelta(seconds=1), 2.0)
    assert await store.outbox.wait_left("slack", "chat.postMessage", AT + timedelta(seconds=2)) == 1.0


async def test_a_wall_clock_set_back_never_makes_a_wait_longer_than_the_platform_asked(store: Store) -> None:
    await store.outbox.hold_off("slack", "conversations.history", AT, 30.0)
    assert await store.outbox.wait_left("slack", "conversations.history", AT - timedelta(hours=1)) == 30.0


async def test_outbox_entries_are_deduplicated_by_key(store: Store) -> None:
    await store.outbox.enqueue([post("hello:1"), post("hello:1"), post("hello:2")], AT)
    await store.outbox.enqueue([post("hello:2")], AT)
    assert await outbox_keys(store) == ["hello:1", "hello:2"]
    assert await store.outbox.counts() == {"pending": 2}
    assert await store.outbox.next_due_at("console") == "2026-01-05T09:00:00Z"


def change(key: str, kind: str, **target: object) -> Outgoing:
    return Outgoing(key, kind, {"channel": "console:c1", **target}, {"text": key})


async def test_changes_of_one_message_are_claimed_one_at_a_time_in_the_order_queued(store: Store) -> None:
    await store.outbox.enqueue([change("e1", "edit", ref="m1"), dm(1), change("e2", "edit", ref="m1"),
                                change("x1", "edit", ref="m2")], AT)
    first = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    assert [e.payload["text"] for e in first] == ["e1", "hi", "x1"]  # the DM and the other message aren't held
    # Claimed and on its way, the older edit still holds the newer one back, from any process.
    assert await store.outbox.claim_due("console", AT, 10, "b", LEASE) == []
    await store.outbox.mark_sent(first[0], "m1", AT)
    [second] = await store.outbox.claim_due("console", AT, 10, "b", LEASE)
    assert second.payload["text"] == "e2" and second.subject == "ref:console:c1:m1"
    assert [e.subject for e in first] == ["ref:console:c1:m1", None, "ref:console:c1:m2"]


async def test_a_message_given_up_on_no_longer_holds_back_the_next_change(store: Store) -> None:
    await store.outbox.enqueue([change("e1", "edit", ref="m1"), change("e2", "edit", ref="m1")], AT)
    [first] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    await store.outbox.mark_failed(first.id, "gone")
    [second] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    assert second.payload["text"] == "e2"


async def test_a_stale_edit_backing_off_is_due_at_once_and_a_fresh_one_is_not(store: Store) -> None:
    await store.outbox.enqueue([change("e1", "edit", ref="m1")], AT)
    [first] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    await store.outbox.mark_retry(first.id, "timeout", AT + timedelta(minutes=5))
    row = await store.db.fetchone("SELECT claimed_by, claimed_until FROM outbox WHERE id = ?", first.id)
    assert row == {"claimed_by": None, "claimed_until": None}  # an edit is never looked up: its claim goes back
    assert await store.outbox.claim_due("console", AT, 10, "a", LEASE) == []
    await store.outbox.enqueue([change("e2", "edit", ref="m1")], AT)
    [again] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    assert again.id == first.id and await store.outbox.skip_reason(again) is not None


async def test_what_makes_a_change_not_worth_sending(store: Store) -> None:
    await store.outbox.enqueue([change("d1", "delete", response=7), change("e1", "edit", response=7)], AT)
    [gone] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    assert await store.outbox.skip_reason(gone) is None  # a delete is never stale
    await store.outbox.mark_retry(gone.id, "timeout", AT)  # went through on its second try
    await store.outbox.mark_sent(gone, None, AT)
    [late] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    assert await store.outbox.skip_reason(late) == "skipped: the message was already deleted"
    await store.outbox.mark_skipped(late.id, "skipped: the message was already deleted", AT)
    # Shared again: a new post of the answer, and its edit goes out (the delete was of the post before).
    await store.outbox.enqueue([change("p2", "thread", response=7), change("e2", "edit", response=7),
                                change("e3", "edit", ref="m9", response=7)], AT)
    [post2] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    await store.outbox.mark_sent(post2, "m9", AT)
    [edit2] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    assert await store.outbox.skip_reason(edit2) == "skipped: a newer change to the same message was queued after it"
    await store.outbox.mark_skipped(edit2.id, "superseded", AT)
    [edit3] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    assert edit3.payload["text"] == "e3" and await store.outbox.skip_reason(edit3) is None
    assert (await store.outbox.counts()) == {"sent": 4, "pending": 1}


def test_every_entry_about_one_post_names_it_alike() -> None:
    from bot.store.outbox import subject_of

    named = {"thread": Outgoing("p", "thread", {"channel": "c", "round": 3}, {}, 3, 12),
             "edit by answer": Outgoing("e", "edit", {"channel": "c", "response": 12}, {}, response_id=12),
             "edit by id": Outgoing("f", "edit", {"channel": "c", "ref": "m1"}, {}, response_id=12),
             "delete": Outgoing("d", "delete", {"channel": "c", "ref": "m1"}, {}, response_id=12)}
    anonymous = {"thread": Outgoing("p", "thread", {"channel": "c", "round": 3, "post": "anonymous"}, {}, 3, 12),
                 "edit by answer": Outgoing("e", "edit", {"channel": "c", "response": 12, "post": "anonymous"}, {},
                                            response_id=12),
                 "edit by id": Outgoing("f", "edit", {"channel": "c", "ref": "m2", "post": "anonymous"}, {},
                                        response_id=12),
                 "delete by id": Outgoing("d", "delete", {"channel": "c", "ref": "m2", "response": 12,
                                                          "post": "anonymous"}, {})}
    assert {k: subject_of(o) for k, o in named.items()} == dict.fromkeys(named, "answer:12:named")
    assert {k: subject_of(o) for k, o in anonymous.items()} == dict.fromkeys(anonymous, "answer:12:anonymous")
    round_post = Outgoing("round:{round}:post", "post", {"channel": "c", "round_post": True}, {})
    summary = Outgoing("s", "edit", {"channel": "c", "round": 3}, {})
    assert subject_of(round_post, 3) == subject_of(summary) == "round:3"
    care = [Outgoing("c1", "post", {"channel": "c", "care_note": 4}, {}), Outgoing("c2", "edit", {"channel": "c",
                                                                                                  "care_note": 4}, {})]
    assert {subject_of(o) for o in care} == {"care:4"}
    assert subject_of(dm(1)) is None
    assert subject_of(Outgoing("r", "thread", {"channel": "c", "round": 3}, {}, 3)) is None  # a reply, not an answer


async def test_a_delete_by_id_backing_off_holds_up_only_what_names_a_message_by_id(store: Store) -> None:
    """An answer's post is being taken down (by its id) and the platform keeps failing; meanwhile the answer is
    shared again: its new post, and a change that finds the post when it goes, don't wait out those retries."""
    subject = {"response": 7}
    await store.outbox.enqueue([Outgoing("d1", "delete", {"channel": "console:c1", "ref": "m1", **subject},
                                         {"text": "d1"})], AT)
    [gone] = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    await store.outbox.mark_retry(gone.id, "timeout", AT + timedelta(minutes=5))
    await store.outbox.enqueue([
        Outgoing("p1", "thread", {"channel": "console:c1", "round": 1, **subject}, {"text": "p1"}),
        Outgoing("e1", "edit", {"channel": "console:c1", **subject}, {"text": "e1"}),
        Outgoing("e2", "edit", {"channel": "console:c1", "ref": "m1", **subject}, {"text": "e2"}),
    ], AT)
    due = await store.outbox.claim_due("console", AT, 10, "a", LEASE)
    assert {e.subject for e in due} == {gone.subject}
    assert [e.payload["text"] for e in due] == ["p1"]  # (the new post first; its edit waits for it, by id: e2 too)


async def test_a_refusal_is_recorded_only_by_the_process_still_holding_the_claim(store: Store) -> None:
    """`mark_refused` from a process whose claim was taken over meanwhile marks nothing and queues nothing: the
    entry's new holder says what became of it."""
    await store.outbox.enqueue([dm(1)], AT)
    [mine] = await store.outbox.claim_due("console", AT, 1, "a", LEASE)
    [taken] = await store.outbox.claim_due("console", AT + LEASE, 1, "b", LEASE, dead=["a"])
    assert not await store.outbox.mark_refused(mine, "refused", [dm(9)], AT, holder="a")
    row = await store.db.fetchone("SELECT status, claimed_by FROM outbox WHERE id = ?", mine.id)
    assert (row["status"], row["claimed_by"]) == ("pending", "b")
    assert "dm:9" not in await outbox_keys(store)
    await store.outbox.mark_refused(taken, "refused", [], AT, holder="b")
    assert (await store.db.fetchone("SELECT status FROM outbox WHERE id = ?", mine.id))["status"] == "failed"


def erased_removal(n: int, tell: str | None = "console:ann") -> Outgoing:
    return removal(f"erase:{n}:m{n}", "console:c1", f"m{n}", community="console:test", tell=tell)


async def test_a_refused_removal_of_an_erased_members_post_is_told_once_and_then_keeps_nothing_of_them(
        store: Store) -> None:
    """An erasure's removal keeps whom to tell (`tell`) only while it waits: refused for good, the notice is queued
    with its failure and `tell` goes; taken over by another process meanwhile, nothing is marked or queued."""
    await store.outbox.enqueue([erased_removal(1)], AT)
    [mine] = await store.outbox.claim_due("console", AT, 1, "a", LEASE)
    assert mine.tell == "console:ann"
    [taken] = await store.outbox.claim_due("console", AT + LEASE, 1, "b", LEASE, dead=["a"])
    assert not await store.outbox.mark_change_refused(mine, "refused", [dm(9)], AT, True, holder="a")
    assert "dm:9" not in await outbox_keys(store)
    assert await store.outbox.mark_change_refused(taken, "refused", [dm(9)], AT, True, holder="b")
    row = await store.db.fetchone("SELECT status, tell, not_allowed FROM outbox WHERE id = ?", mine.id)
    assert (row["status"], row["tell"], row["not_allowed"]) == ("failed", None, 1)
    assert "dm:9" in await outbox_keys(store)


async def test_whom_to_tell_goes_as_a_removal_stops_waiting_whatever_became_of_it(store: Store) -> None:
    await store.outbox.enqueue([erased_removal(1), erased_removal(2), erased_removal(3)], AT)
    one, two, three = await store.outbox.claim_due("console", AT, 3, "a", LEASE)
    await store.outbox.mark_sent(one, "m1", AT)
    await store.outbox.mark_skipped(two.id, "gone", AT)
    await store.outbox.mark_failed(three.id, "refused")
    assert not await store.db.fetchall("SELECT id FROM outbox WHERE tell IS NOT NULL")


async def test_not_allowed_is_the_rows_flag_not_its_texts_prefix(store: Store) -> None:
    """`round_post_state` goes by the failed row's `not_allowed` (0030), whatever its `last_error` says."""
    await store.outbox.enqueue([Outgoing("round:1:post", "post", {"channel": "console:c1", "round_post": True},
                                         {"text": "p"}),
                                Outgoing("round:2:post", "post", {"channel": "console:c1", "round_post": True},
                                         {"text": "p"})], AT)
    first, second = await store.outbox.claim_due("console", AT, 2, "a", LEASE)
    await store.outbox.mark_failed(first.id, "Discord refused (50013): Missing Permissions", not_allowed=True)
    await store.outbox.mark_failed(second.id, "not allowed to post there: a channel named so", not_allowed=False)
    assert await store.outbox.round_post_state(1) == ("failed", "Discord refused (50013): Missing Permissions", True)
    assert (await store.outbox.round_post_state(2))[2] is False
