"""People read names, commands as they type them and channels as links: never ids or internal keys."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.features import registry as composed
from bot.events import Actor, ChannelRef, PersonRef
from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import COMMUNITY, actor, press, run, text

FEATURES = composed()  # every router of bot.features, as Hearth composes them

MIA = actor("mia", moderator=True)
ANN = actor("ann")


def no_internal_names(said: str) -> None:
    assert "console:" not in said and "deleted-member" not in said, said
    for key in list(FEATURES.actions) + ["moderators.add", "schedule.create", "alert_channel="]:
        if "." in key or "=" in key:
            assert key not in said, (key, said)


async def test_a_member_refused_a_moderators_button_is_told_so_never_a_command_or_key(app):
    for action in [a for a in FEATURES.actions.values() if a.permission != "member"]:
        refused = await press(app, ANN, action.name, {"name": "mornings"})
        assert refused[0].error and "That button is for moderators" in text(refused), action.name
        assert "Only moderators can use" not in text(refused), action.name  # no command they never typed
        no_internal_names(text(refused))
    log = text(await run(app, MIA, "mod audit"))
    assert "Ann pressed a button meant for moderators" in log and "was refused mod" not in log
    no_internal_names(log)


async def test_moderators_are_named_not_given_as_ids(app):
    await run(app, ANN, "reflect")  # Hearth has met Ann; nobody called sam yet
    assert text(await run(app, MIA, "mod moderators add", who="ann")) == "Added Ann as a moderator."
    added = await run(app, MIA, "mod moderators add", who="@sam")
    assert text(added) == "Added sam as a moderator."
    assert PersonRef("console:sam") in added[0].body.parts  # each platform links to them its own way
    assert text(await run(app, MIA, "mod moderators list")) == "Moderators: the platform's admins, plus Ann, sam."
    refused = text(await run(app, MIA, "mod moderators remove", who="zed"))
    assert "zed isn't on Hearth's moderator list" in refused
    asked = await run(app, MIA, "mod moderators remove", who="ann")
    yes = [b for b in asked[0].buttons if b.action == "confirm"][0]
    assert text(await press(app, MIA, "confirm", yes.args)) == (
        "Ann is off the community's moderator list. If they have the platform's admin rights or a role on the list, "
        "they still moderate through that.")


async def test_a_channel_setting_is_shown_as_a_channel(app):
    saved = await run(app, MIA, "mod settings", key="alert_channel", value="#care-team")
    assert text(saved) == "Saved: alert_channel is now #care-team."
    assert ChannelRef("console:care-team") in saved[0].body.parts
    shown = text(await run(app, MIA, "mod settings"))
    assert "• alert_channel: #care-team" in shown and "• default_region: not set" in shown
    no_internal_names(shown)
    assert text(await run(app, MIA, "mod settings", key="alert_channel", value="off")) == \
        "Saved: alert_channel is now not set."


async def test_the_audit_log_names_people_and_says_what_they_did_in_words(app, clock):
    await run(app, ANN, "reflect")
    await run(app, MIA, "me timezone", timezone="Europe/Berlin")
    await run(app, MIA, "mod moderators add", who="ann")
    await run(app, MIA, "mod settings", key="alert_channel", value="#care-team")
    await make_schedule(app)
    await run(app, ANN, "mod schedule pause", name="mornings")
    log = text(await run(app, MIA, "mod audit"))
    assert "Mon 5 Jan, 09:00 (Europe/Berlin) · Mia added as a moderator: Ann" in log
    assert "Mia changed a setting: alert_channel → #care-team" in log
    assert "Mia created the check-in mornings" in log
    assert "Ann paused the check-in mornings, until resumed" in log
    no_internal_names(log)
    await run(app, ANN, "me delete", confirmed="yes")  # she was a moderator: her trail stays, without her
    log = text(await run(app, MIA, "mod audit"))
    # (Not "a former member": she may well still be here, having deleted only what Hearth held about her.)
    assert "Mia added as a moderator: someone who has since deleted their data" in log
    assert "someone who has since deleted their data paused the check-in mornings, until resumed" in log
    assert "A moderator deleted their data here, which took them off the moderator list" in log.split("\n")[1]
    assert "former" not in log and "Ann" not in log
    no_internal_names(log)


async def test_after_deleting_everything_my_data_says_nothing_is_held_not_an_empty_name(app):
    await run(app, ANN, "me delete", confirmed="yes")
    said = text(await run(app, ANN, "me data"))
    assert "I hold nothing about you in this community" in said and "“”" not in said


async def test_someone_with_a_blank_name_is_never_shown_as_nothing(app, clock):
    await make_schedule(app)
    blank = Actor(COMMUNITY, "console:zed", "   ", channel_id="console:general")
    await run(app, blank, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await run(app, blank, "checkin answer", mood="4", visibility="shared", words="hello")
    await app.outbox.drain_all()
    (post,) = [d for d in app.sent if d.kind == "thread"]
    assert post.message.plain().startswith("A member · 🌤️ Good")  # never an id, never nothing
    no_internal_names(post.message.plain())
    assert "“" not in text(await run(app, blank, "me data")).split("\n")[1]
