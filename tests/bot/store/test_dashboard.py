"""Dashboard links and sessions, on SQLite and PostgreSQL: hashed, single-use, ending when they should."""

from __future__ import annotations

from datetime import timedelta

from bot.events import Actor
from bot.store import member_data
from bot.store.dashboard import secret_hash

MOD = Actor("console:test", "console:mia", "Mia", platform_moderator=True, roles=("r1",), timezone="Europe/Berlin")


async def test_a_link_works_once_and_only_its_hash_is_kept(store, clock) -> None:
    now = clock.now()
    await store.dashboard.add_link("secret-token", MOD, now, now + timedelta(minutes=10))
    rows = await store.db.fetchall("SELECT * FROM dashboard_links")
    assert rows[0]["token_hash"] == secret_hash("secret-token")
    assert not any("secret-token" in str(v) for r in rows for v in dict(r).values())
    taken = await store.dashboard.take_link("secret-token", now)
    assert taken is not None and taken.user_id == MOD.user_id and taken.roles == ("r1",) and taken.platform_moderator
    assert await store.dashboard.take_link("secret-token", now) is None
    state = await store.dashboard.link_state("secret-token", now)
    assert state.known and state.used and not state.expired


async def test_an_expired_link_signs_nobody_in(store, clock) -> None:
    now = clock.now()
    await store.dashboard.add_link("t", MOD, now, now + timedelta(minutes=10))
    later = now + timedelta(minutes=10)
    assert await store.dashboard.take_link("t", later) is None
    state = await store.dashboard.link_state("t", later)
    assert state.expired and not state.used
    assert not (await store.dashboard.link_state("other", later)).known


async def test_sessions_last_until_they_expire_or_end(store, clock) -> None:
    now = clock.now()
    opened = await store.dashboard.open_session("cookie", MOD, "csrf", now, now + timedelta(hours=8))
    assert (await store.dashboard.session("cookie", now)).csrf == "csrf"
    assert await store.dashboard.session("cookie", now + timedelta(hours=8)) is None
    assert await store.dashboard.session("other", now) is None
    assert await store.dashboard.end_session(opened.session_hash, now)
    assert await store.dashboard.session("cookie", now) is None
    await store.dashboard.open_session("c2", MOD, "x", now, now + timedelta(hours=8))
    await store.dashboard.open_session("c3", MOD, "y", now, now + timedelta(hours=8))
    assert await store.dashboard.open_sessions(MOD.community_id, MOD.user_id, now) == 2
    assert await store.dashboard.end_sessions_of(MOD.community_id, MOD.user_id, now) == 2
    assert await store.dashboard.open_sessions(MOD.community_id, MOD.user_id, now) == 0


async def test_purge_forgets_what_ended_long_ago(store, clock) -> None:
    now = clock.now()
    await store.dashboard.add_link("old", MOD, now, now + timedelta(minutes=10))
    await store.dashboard.open_session("old", MOD, "x", now, now + timedelta(hours=8))
    await store.dashboard.open_session("new", MOD, "y", now + timedelta(days=2), now + timedelta(days=2, hours=8))
    assert await store.dashboard.purge(now + timedelta(days=1)) == 2
    assert await store.dashboard.session("new", now + timedelta(days=2)) is not None


async def test_a_members_export_and_erasure_include_their_sessions(store, clock) -> None:
    now = clock.now()
    await store.communities.upsert_member(MOD, now)
    await store.dashboard.add_link("l", MOD, now, now + timedelta(minutes=10))
    await store.dashboard.open_session("s", MOD, "x", now, now + timedelta(hours=8))
    exported = await member_data.export(store, MOD.community_id, MOD.user_id, now)
    assert "dashboard_sessions" in str(exported)
    await member_data.erase(store, MOD.community_id, MOD.user_id, now)
    assert await store.db.fetchall("SELECT * FROM dashboard_sessions") == []
    assert await store.db.fetchall("SELECT * FROM dashboard_links") == []
