"""Yesterday's buttons still work after a restart: their meaning is in the custom id (or the database)."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduling.runner import RoundScheduler
from tests.adapters.discord.conftest import connect
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import button, run


async def test_buttons_work_after_a_restart(app, fake: FakeDiscord, tmp_path, clock):
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    first = await connect(app, fake, tmp_path)
    try:
        preview = await run(fake, mod, "mod schedule create", name="evenings", channel=fake.channel_id,
                            when="weekdays 18:00", timezone="America/Argentina/Buenos_Aires", open="90m",
                            remind="15m", theme="listening", depth="light")
        save = button(preview["data"], "Save")
        assert len(save) <= 100 and "!" in save  # too long for Discord: the args wait in the database
        await run(fake, mod, "mod schedule create", name="mornings", channel=fake.channel_id, when="weekdays 09:00",
                  timezone="Europe/London")
        mornings = next(c for c in fake.callbacks if "mornings" in (c["data"] or {}).get("content", ""))
        await fake.wait_callback(await fake.click(mod, mornings["message_id"], button(mornings["data"], "Save")))
        clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
        await RoundScheduler(app).run_pending()
        await app.outbox.drain_all()
        post = fake.channel_messages(fake.channel_id)[-1]
    finally:
        await first.stop()

    second = await connect(app, fake, tmp_path)  # a new client, the same database
    try:
        assert second.client is not first.client and len(fake.identifies) == 2
        modal = await fake.wait_callback(await fake.click(ann, int(post["id"]), button(post, "Good")))
        assert modal["type"] == 9 and modal["data"]["custom_id"].startswith("hearthform:checkin.submit:")

        saved = await fake.wait_callback(await fake.click(mod, preview["message_id"], save))
        assert "Created" in saved["data"]["content"] and "evenings" in saved["data"]["content"]
        schedule = await app.store.schedules.find(f"discord:{fake.guild_id}", "evenings")
        assert schedule and schedule.timezone == "America/Argentina/Buenos_Aires" and schedule.open_minutes == 90
    finally:
        await second.stop()
