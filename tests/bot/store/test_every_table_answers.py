"""Every table that can hold a member's id has a repository that answers for it (Red-DiscordBot's rule: each part
answers for its own user data), so `me data`, `me export` and `me delete` can't forget one.

A new table fails here until it is claimed (`Repository.member_tables`, and that repository's member hooks) or
listed below as holding no member's data, with why. And what each claimed table holds about a member is gone after
`me delete`, including what the last session's audit found missed: the care replies' digests, a pack upload
waiting for its "Import", arguments stashed for a long button.
"""

from __future__ import annotations

import json
import re

from bot.store import member_data
from bot.store.repository import Repository
from bot.store.schema import NOT_DATA, describe
from tests.conftest import actor, run

#: Tables that hold nobody's id, and why.
HOLDS_NO_MEMBER = {
    "communities": "a community's own row and settings (channels, times)",
    "content_switches": "which themes and packs are on (a theme or pack id)",
    "schedule_skips": "a check-in's skipped days",
    "rounds": "a round's times, prompt and post id",
    "round_tallies": "a round's counts by visibility and mood, nobody's",
    "held_posts": "an anonymous post waiting for its batch: a response id (`responses`) or a message id, no person",
    "insight_weeks": "a community's weeks, as counted",
    "insight_cells": "a week's counts per check-in, nobody's",
    "care_withdrawn": "a care note withdrawn by its member's erasure: the note's number and when, nobody's",
}
#: Of those tables' columns that sound like they name someone, the ones that don't.
NAMES_NO_ONE = {("communities", "name"), ("content_switches", "target")}
#: Column names that hold (or may hold) a person's id, or words that name them.
NAMING = re.compile(r"user|actor|subject|_by$|member|target|payload|detail|data|event_id|dedupe_key|name$")


def claims(app) -> dict[str, list[Repository]]:
    found: dict[str, list[Repository]] = {}
    for repository in app.store.repositories:
        for table in repository.member_tables:
            found.setdefault(table, []).append(repository)
    return found


async def test_every_table_is_answered_for_or_holds_no_one(app):
    tables = await describe(app.store.db, app.store.db.dialect)
    claimed = claims(app)
    for name, table in tables.items():
        if name in NOT_DATA - {"local_state"} or name in ("schema_migrations", "sqlite_sequence"):
            continue
        if name == "local_state":
            continue  # (an installation's own values, the terminal's clock: `bot.store.local_state`)
        owners = claimed.get(name, [])
        assert len(owners) <= 1, f"{name} is claimed by {owners}: one repository answers for a table"
        if owners:
            owner = type(owners[0])
            assert any(getattr(owner, hook) is not getattr(Repository, hook)
                       for hook in ("member_export", "erase_member")), f"{owner.__name__} claims {name} but answers nothing"
            continue
        assert name in HOLDS_NO_MEMBER, (
            f"table {name} ({', '.join(table.columns)}) is answered for by no repository: add it to one's "
            "`member_tables` with its part of member_summary/member_export/erase_member, or to HOLDS_NO_MEMBER here")
        naming = [c for c in table.columns if NAMING.search(c) and (name, c) not in NAMES_NO_ONE]
        assert not naming, f"{name} looks like it names someone: {naming}"
    assert set(claimed) <= set(tables), set(claimed) - set(tables)


async def test_what_the_last_audit_missed_goes_with_me_delete(app, clock):
    """Care replies' digests (they were left for retention), a pack upload waiting for its Import button, and
    long button arguments that name the member: counted or exported while there, gone after `me delete`."""
    zed, mod = actor("zephyrine", moderator=True), actor("mia", moderator=True)
    from bot.flows.crisis_care import _answered_before
    from bot.store.care import care_reply_mark

    await run(app, mod, "mod moderators add", who="zephyrine")  # an audit entry naming Zed, Mia acting
    await _answered_before(app, zed, ["I can't go on like this"])
    mark = care_reply_mark(app.store.cipher, zed.community_id, zed.user_id)
    assert "zephyrine" not in mark  # (a keyed mark, never the id)
    async with app.store.db.transaction() as tx:
        await tx.execute("INSERT INTO pending_imports (token, community_id, actor_id, pack, created_at, expires_at) "
                         "VALUES ('t1', ?, ?, '{}', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z')",
                         zed.community_id, zed.user_id)
    key = await app.store.stash.stash({"for": zed.user_id, "words": "x" * 200}, app.now())
    other = await app.store.stash.stash({"for": mod.user_id, "words": "y" * 200}, app.now())

    exported = await member_data.export(app.store, zed.community_id, zed.user_id, app.now())
    assert exported["care"]["care_replies_remembered"] == 2
    assert exported["pack_uploads_waiting"] and exported["audit_entries_about_you"]
    summary = await member_data.summary(app.store, zed.community_id, zed.user_id)
    assert summary.audit_mentions == 1

    await member_data.erase(app.store, zed.community_id, zed.user_id, app.now())
    events = [r["event_id"] for r in await app.store.db.fetchall("SELECT event_id FROM processed_events")]
    assert not [e for e in events if e.startswith(mark)]
    assert await app.store.db.fetchall("SELECT * FROM pending_imports") == []
    assert await app.store.stash.unstash(key) is None and await app.store.stash.unstash(other) is not None
    for table in claims(app):
        for row in await app.store.db.fetchall(f"SELECT * FROM {table}"):
            assert not any(isinstance(v, str) and re.search(r"console:zephyrine(?!\w)", v) for v in row.values()), \
                (table, row)


async def test_messages_waiting_for_a_member_are_theirs_to_see(app, clock):
    """A DM waiting in the outbox (a reminder, a care follow-up) is counted by `me data` and in `me export`."""
    from bot.models import Outgoing

    zed = actor("zephyrine")
    await run(app, zed, "me timezone", timezone="Europe/Berlin")
    await app.store.outbox.enqueue([Outgoing("dm:test:1", "dm", {"user": zed.user_id},
                                            {"body": [["m", "A gentle reminder"]], "title": None, "buttons": []})],
                                   app.now())
    exported = await member_data.export(app.store, zed.community_id, zed.user_id, app.now())
    waiting = exported.get("messages_waiting", [])
    assert [w["text"] for w in waiting if w["kind"] == "dm"] == ["A gentle reminder"], json.dumps(exported)
    assert (await member_data.summary(app.store, zed.community_id, zed.user_id)).waiting_messages >= 1
