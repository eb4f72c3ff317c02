"""Communities, members, moderators and closed DMs (`bot.store.communities`) on each database."""

from __future__ import annotations

from datetime import timedelta

import bot.store.rounds
from bot.events import Actor
from bot.store.communities import CommunityRepository
from tests.bot.store.helpers import AT, COMMUNITY, make_schedule


async def test_a_member_their_community_and_their_check_ins_come_in_one_read(store):
    assert await store.communities.member_and_memberships("c-new", "u1") == (None, None, [], [])
    await store.communities.ensure("c-new", AT, name="Hearthside")
    member, community, joined, _ = await store.communities.member_and_memberships("c-new", "u1")
    assert member is None and community is not None and community.name == "Hearthside" and joined == []
    await store.communities.upsert_member(Actor("c-new", "u1", "Ann", timezone="Europe/Paris"), AT)
    member, community, joined, _ = await store.communities.member_and_memberships("c-new", "u1")
    assert member == await store.communities.get_member("c-new", "u1") and member.platform_timezone == "Europe/Paris"
    assert community == await store.communities.get("c-new") and joined == []
    here = await make_schedule(store)  # in COMMUNITY
    there = await make_schedule(store, community="c-new", name="evenings")
    also = await make_schedule(store, community="c-new", name="afternoons")
    for schedule in (here, there, also):
        await store.schedules.join(schedule.id, "u1", schedule is also, True, AT)
    member, community, joined, _ = await store.communities.member_and_memberships("c-new", "u1")
    assert [(s.name, p.wants_dm, p.wants_reminder) for s, p in joined] == [("afternoons", True, True),
                                                                         ("evenings", False, True)]
    assert joined == await store.communities.memberships("c-new", "u1")


async def test_a_members_status_read_brings_the_open_rounds_only_when_one_is_open(store, monkeypatch):
    await store.communities.ensure("c-new", AT, name="Hearthside")
    schedule = await make_schedule(store, community="c-new", name="evenings")
    asked: list[str] = []
    real = bot.store.rounds.list_open_rounds_in

    async def list_open_rounds_in(db, community_id, now):  # type: ignore[no-untyped-def]
        asked.append(community_id)
        return await real(db, community_id, now)

    monkeypatch.setattr(bot.store.rounds, "list_open_rounds_in", list_open_rounds_in)
    *_, open_now = await store.communities.member_and_memberships("c-new", "u1", AT)
    assert open_now == [] and asked == []  # nothing open: one query
    fields = {"scheduled_at": AT, "opened_at": AT, "closes_at": AT + timedelta(hours=1), "remind_at": None,
              "prompt_id": "p1", "prompt_text": "How are you?"}
    rnd = await store.rounds.open(schedule, fields, [])
    *_, open_now = await store.communities.member_and_memberships("c-new", "u1", AT)
    assert [(r.id, s.id) for r, s in open_now] == [(rnd.id, schedule.id)] and asked == ["c-new"]
    *_, open_now = await store.communities.member_and_memberships("c-new", "u1", AT + timedelta(hours=2))  # it has closed
    assert open_now == [] and asked == ["c-new"]
    *_, elsewhere = await store.communities.member_and_memberships(COMMUNITY, "u1", AT)  # another community's round
    assert elsewhere == [] and asked == ["c-new"]


async def test_a_members_language_is_kept_and_read_back_by_every_member_read(store):
    schedule = await make_schedule(store)
    await store.communities.upsert_member(Actor(COMMUNITY, "u1", "Ann", locale="pt-BR"), AT)
    assert (await store.communities.get_member(COMMUNITY, "u1")).language is None  # the platform's locale is not a choice
    await store.communities.update_member(COMMUNITY, "u1", language="es")
    await store.schedules.join(schedule.id, "u1", True, True, AT)
    assert (await store.communities.get_member(COMMUNITY, "u1")).language == "es"
    assert (await store.communities.member_and_memberships(COMMUNITY, "u1"))[0].language == "es"
    [(_, member)] = await store.schedules.participants_with_members(schedule.id)
    assert member is not None and member.language == "es"
    await store.communities.upsert_member(Actor(COMMUNITY, "u1", "Ann B", locale="de"), AT)  # a later event keeps the choice
    assert (await store.communities.get_member(COMMUNITY, "u1")).language == "es"
    await store.communities.update_member(COMMUNITY, "u1", language=None)
    assert (await store.communities.get_member(COMMUNITY, "u1")).language is None


async def test_the_platforms_locale_is_kept_apart_for_dms_made_with_no_event_at_hand(store):
    schedule = await make_schedule(store)
    await store.communities.upsert_member(Actor(COMMUNITY, "u1", "Ann", locale="pt-BR"), AT)
    await store.schedules.join(schedule.id, "u1", True, True, AT)
    assert (await store.communities.get_member(COMMUNITY, "u1")).platform_locale == "pt-BR"
    await store.communities.upsert_member(Actor(COMMUNITY, "u1", "Ann"), AT)  # an event without one keeps the last
    assert (await store.communities.member_and_memberships(COMMUNITY, "u1"))[0].platform_locale == "pt-BR"
    await store.communities.upsert_member(Actor(COMMUNITY, "u1", "Ann", locale="de"), AT)
    [(_, member)] = await store.schedules.participants_with_members(schedule.id)
    assert member is not None and member.platform_locale == "de" and member.language is None


async def test_who_chose_a_language_is_known_without_a_query_per_event(store, monkeypatch):
    await store.communities.upsert_member(Actor(COMMUNITY, "u1", "Ann"), AT)
    await store.communities.upsert_member(Actor(COMMUNITY, "u2", "Bob"), AT)
    await store.communities.update_member(COMMUNITY, "u1", language="fr")
    assert await store.communities.chosen_language(COMMUNITY, "u1") == "fr"
    assert await store.communities.chosen_language(COMMUNITY, "u2") is None
    reads = []
    original = store.communities.db.fetchall
    monkeypatch.setattr(store.communities.db, "fetchall", lambda *a: reads.append(a) or original(*a))
    await store.communities.update_member(COMMUNITY, "u2", language="de")
    assert await store.communities.chosen_language(COMMUNITY, "u2") == "de" and reads == []
    other = CommunityRepository(store.communities.db)  # another process reads them all, once a while
    assert await other.chosen_language(COMMUNITY, "u1") == "fr" and len(reads) == 1
    assert await other.chosen_language(COMMUNITY, "u2") == "de" and len(reads) == 1
    await store.communities.update_member(COMMUNITY, "u1", language=None)
    assert await store.communities.chosen_language(COMMUNITY, "u1") is None


async def test_a_communitys_language_is_kept_and_read_without_a_query_per_event(store, monkeypatch):
    assert await store.communities.language("c-lang") is None  # (no such community yet: English)
    await store.communities.set_language("c-lang", "fr", AT)
    assert await store.communities.language("c-lang") == "fr"
    reads = []
    original = store.communities.db.fetchone
    monkeypatch.setattr(store.communities.db, "fetchone", lambda *a: reads.append(a) or original(*a))
    assert await store.communities.language("c-lang") == "fr" and reads == []  # (as last read or set, for a while)
    other = CommunityRepository(store.communities.db)  # another process: reads it from the database
    assert await other.language("c-lang") == "fr"
    await store.communities.set_language("c-lang", None, AT)
    assert await store.communities.language("c-lang") is None
    assert (await store.communities.get("c-lang")) is not None


# -- closed DMs: a member fact ---------------------------------------------------------------


async def test_closed_dms_are_noticed_once_across_processes_without_a_write_per_interaction(store, clock):
    here = store.communities
    there = CommunityRepository(store.db, refresh_seconds=0.0)  # another process, re-reading every time
    assert await here.take_dm_closed_notice("discord:1") is False  # nobody to tell: nothing written
    await here.mark_dms_closed("discord:1", AT)
    await here.mark_dms_closed("discord:2", AT)
    assert await here.take_dm_closed_notice("discord:1") is True  # marked here: known at once
    assert await here.take_dm_closed_notice("discord:1") is False
    assert await there.take_dm_closed_notice("discord:1") is False  # told once, whichever process asks
    assert await there.take_dm_closed_notice("discord:2") is True  # marked elsewhere: seen on its next read
    assert await here.take_dm_closed_notice("discord:2") is False
    await here.clear_dms_closed("discord:1")
    await there.mark_dms_closed("discord:1", AT)
    assert await there.take_dm_closed_notice("discord:1") is True


async def test_closed_dms_are_known_until_cleared_and_reread_now_and_then(store):
    here = store.communities
    there = CommunityRepository(store.db, refresh_seconds=3600.0)  # another process, that read a while ago
    assert await there.dms_closed("slack:U1") is False
    await here.mark_dms_closed("slack:U1", AT)
    await here.mark_dms_closed("slack:U1", AT + timedelta(days=1))  # marking again changes nothing
    assert await here.dms_closed("slack:U1") is True
    assert await there.dms_closed("slack:U1") is False  # not re-read yet: no query per DM
    assert await CommunityRepository(store.db).dms_closed("slack:U1") is True  # a fresh read sees it
    rows = await store.db.fetchall("SELECT user_id, noticed, closed_at FROM closed_dms")
    assert rows == [{"user_id": "slack:U1", "noticed": 0, "closed_at": "2026-01-05T09:00:00Z"}]
    await here.clear_dms_closed("slack:U1")
    assert await here.dms_closed("slack:U1") is False
    assert await CommunityRepository(store.db).dms_closed("slack:U1") is False


async def test_a_community_keeps_the_name_its_platform_last_gave_it(store):
    await store.communities.upsert_member(Actor("c-named", "u1", "Ann"), AT)
    assert (await store.communities.get("c-named")).name == ""  # no platform said one yet
    await store.communities.upsert_member(Actor("c-named", "u1", "Ann", community_name="Night Owls"), AT)
    assert (await store.communities.get("c-named")).name == "Night Owls"
    await store.communities.upsert_member(Actor("c-named", "u2", "Bo"), AT)  # an event that says none keeps it
    assert (await store.communities.get("c-named")).name == "Night Owls"
    await store.communities.upsert_member(Actor("c-named", "u2", "Bo", community_name="Early Birds"), AT)  # renamed
    assert (await store.communities.get("c-named")).name == "Early Birds"


async def test_met_says_whether_the_member_was_made_now_and_forget_bare_keeps_what_they_chose(store):
    """trial17: `met` (every event's statement) says a member was made now; `forget_bare` removes a row that holds
    nothing they chose, and leaves one that does."""
    ann = Actor(COMMUNITY, "u-ann", "Ann")
    member, made = await store.communities.met(ann, AT)
    assert member.display_name == "Ann" and made
    assert (await store.communities.met(ann, AT + timedelta(minutes=1)))[1] is False  # (known by then)
    assert await store.communities.forget_bare(COMMUNITY, "u-ann") == 1
    assert await store.communities.get_member(COMMUNITY, "u-ann") is None
    await store.communities.met(ann, AT)
    await store.communities.update_member(COMMUNITY, "u-ann", timezone="Europe/Paris")
    assert await store.communities.forget_bare(COMMUNITY, "u-ann") == 0
    assert (await store.communities.get_member(COMMUNITY, "u-ann")).timezone == "Europe/Paris"
