"""Who is acting in Slack: users.info kept for an hour, but asked again within a minute where moderation is at stake."""

from __future__ import annotations

from adapters.slack import actors
from adapters.slack.actors import Directory
from bot.events import Event
from tests.adapters.slack.conftest import ANN, BOB, CY, MOD, texts
from tests.adapters.slack.test_member import make_schedule, reply_to


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def looked_up(fake, user: str) -> int:
    return sum(1 for p in fake.called("users.info") if p.get("user") == user)


async def test_a_members_name_and_timezone_are_asked_for_once_an_hour(adapter, fake, side):
    adapter.directory.clock = ticks = Ticks()
    await make_schedule(side, fake)  # (so `checkin list` shows a time, in the member's zone, named)
    assert "America/New_York" in texts((await reply_to(fake, side, ANN, "checkin list"))["blocks"])
    ticks.now += 50 * 60  # a member's commands minutes apart, as in a round: no new users.info each time
    await reply_to(fake, side, ANN, "checkin status")
    assert looked_up(fake, ANN) == 1
    ticks.now += 11 * 60
    fake.users[ANN]["tz"] = "Europe/Paris"  # an hour on, a change in Slack shows
    assert "Europe/Paris" in texts((await reply_to(fake, side, ANN, "checkin list"))["blocks"])
    assert looked_up(fake, ANN) == 2


async def test_a_demoted_admin_loses_moderator_commands_within_a_minute(adapter, fake, side):
    adapter.directory.clock = ticks = Ticks()
    assert "Only moderators" not in texts((await reply_to(fake, side, MOD, "mod schedule list"))["blocks"])
    fake.users[MOD]["is_admin"] = False
    ticks.now += 30
    await reply_to(fake, side, MOD, "checkin status")  # a member's command: the hour's answer does
    await reply_to(fake, side, MOD, "mod schedule list")  # a moderator's, 30 s on: still the same answer
    assert looked_up(fake, MOD) == 1
    ticks.now += 31
    refused = texts((await reply_to(fake, side, MOD, "mod schedule list"))["blocks"])
    assert "Only moderators can use" in refused and looked_up(fake, MOD) == 2


async def test_a_promoted_member_gains_moderator_commands_within_a_minute(adapter, fake, side):
    adapter.directory.clock = ticks = Ticks()
    await reply_to(fake, side, ANN, "checkin status")
    fake.users[ANN]["is_admin"] = True
    ticks.now += 61
    assert "Only moderators" not in texts((await reply_to(fake, side, ANN, "mod schedule list"))["blocks"])


async def test_the_cache_forgets_those_not_heard_of_for_an_hour(adapter, monkeypatch):
    monkeypatch.setattr(actors, "PRUNE_EVERY", 2)
    directory = Directory(adapter.client, clock=(ticks := Ticks()))
    await directory.user(ANN)
    ticks.now += 3600
    await directory.user(BOB)  # the second lookup sweeps: Ann is an hour old
    await directory.user(CY)
    assert set(directory._cache) == {BOB, CY}


async def test_the_community_is_named_as_its_workspace_is_asking_slack_once_an_hour(app, adapter, fake, side):
    adapter.directory.clock = ticks = Ticks()
    await reply_to(fake, side, ANN, "me timezone Europe/Berlin")
    await reply_to(fake, side, BOB, "me timezone Europe/Berlin")
    assert (await app.store.communities.get("slack:T0001")).name == "Hearth Test"  # (auth.test's "team")
    asked = len(fake.called("auth.test"))
    ticks.now += 61 * 60
    await reply_to(fake, side, ANN, "me timezone Europe/Paris")
    assert len(fake.called("auth.test")) == asked + 1


async def test_when_slack_cant_say_who_someone_is_their_name_is_never_their_id(app, adapter, fake, side):
    """users.info failing leaves the handle the payload carries, else no name (Hearth then keeps the one Slack gave
    before, or says "A member" in a post); "U0GONE" is nobody's name."""
    directory = Directory(adapter.client)
    assert (await directory.user("U0GONE")).name == "" and not (await directory.user("U0GONE")).known
    assert (await directory.user("U0GONE2", fallback_name="gone.handle")).name == "gone.handle"
    await reply_to(fake, side, ANN, "me timezone Europe/Berlin")  # Slack named her: "Ann"
    del fake.users[ANN]
    adapter.directory._cache.clear()  # (an hour on, Slack can't say)
    actor = await adapter.directory.actor("T0001", ANN)
    assert actor.display_name == "" and ANN not in actor.display_name
    await app.handle(Event("command", actor, "me timezone", {"timezone": "Europe/Paris"}))  # a write, nameless
    assert (await app.store.communities.get_member("slack:T0001", f"slack:{ANN}")).display_name == "Ann"


async def test_when_slack_cant_say_an_admin_is_one_that_is_no_word_against_them(app, adapter, fake, side):
    """users.info failing gives no moderation, and no word of Slack's either (None, not False): a moderator's
    command is refused for now, but their dashboard sessions, opened on Slack's earlier word, stay open (only
    Slack saying they no longer are an admin ends those)."""
    from datetime import timedelta

    actor = await adapter.directory.actor("T0001", MOD)
    assert actor.platform_moderator is True
    await app.store.communities.upsert_member(actor, app.now())
    await app.store.dashboard.open_session("s3cret", actor, "csrf", app.now(), app.now() + timedelta(hours=8))
    del fake.users[MOD]
    adapter.directory._cache.clear()  # (Slack can't say, just now)
    unknown = await adapter.directory.actor("T0001", MOD)
    assert unknown.platform_moderator is None
    [refused] = await app.handle(Event("command", unknown, "mod settings", {}))
    assert refused.error and "Only moderators" in refused.plain()
    assert await app.store.dashboard.open_sessions("slack:T0001", f"slack:{MOD}", app.now()) == 1


async def test_when_users_info_times_out_the_actor_is_unknown_for_now_and_the_event_still_works(app, adapter, fake,
                                                                                               side, caplog):
    """A timeout on the way to Slack is "Slack can't say right now", as a Slack error is: no name, no word on
    moderation, one line in the log; the command is answered."""
    import aiohttp
    from slack_sdk.web.async_client import AsyncWebClient

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=0.3)) as quick:  # (a timeout, quickly)
        adapter.directory.client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url, session=quick)
        adapter.directory._cache.clear()
        fake.stall("users.info", 1.0, times=5)
        actor = await adapter.directory.actor("T0001", MOD)
        assert actor.display_name == "" and actor.platform_moderator is None
        assert caplog.text.count("users.info failed") == 1 and "Traceback" not in caplog.text
        fake.stall("users.info", 1.0, times=5)
        assert "Your check-ins" in texts((await reply_to(fake, side, ANN, "checkin status"))["blocks"])
        assert len(fake.called("users.info")) >= 2  # (Ann's lookup timed out too)
        adapter.directory.client = adapter.client


async def test_when_the_connection_to_slack_drops_the_actor_is_unknown_for_now_and_the_event_still_works(
        app, adapter, fake, side):
    """users.info and auth.test losing their connection: the member has no name and no word on moderation, the
    workspace no name, for now; the command is answered all the same. (Bolt's own auth.test, asked once at the
    first event, is Bolt's: it has been asked here before the connection drops.)"""
    await reply_to(fake, side, BOB, "checkin status")
    fake.drop("users.info", times=10)
    fake.drop("auth.test", times=10)
    adapter.directory._cache.clear()
    adapter.directory._workspace = None  # (its name asked again, as an hour on)
    actor = await adapter.directory.actor("T0001", MOD)
    assert actor.display_name == "" and actor.platform_moderator is None and actor.community_name is None
    assert fake.called("users.info!dropped") and fake.called("auth.test!dropped")
    adapter.directory._cache.clear()
    assert "Your check-ins" in texts((await reply_to(fake, side, ANN, "checkin status"))["blocks"])
    fake.drops.clear()
