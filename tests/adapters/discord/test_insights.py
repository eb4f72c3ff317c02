"""Insights on Discord: the chart arrives as a PNG file with the reply that carries its numbers; the CSV too."""

from __future__ import annotations

import csv
import io

from PIL import Image

from bot.insights import charts
from adapters.discord import interactions
from testing.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import answered, create_schedule, run


async def test_mod_insights_show_uploads_the_chart_beside_its_table(discord_bot, fake: FakeDiscord, app, monkeypatch):
    """Drawing the chart can pass `DEFER_AFTER` on a loaded machine: here Hearth always defers first (as it then
    does), so the answer and its file arrive by follow-up, whatever the machine's load."""
    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    await create_schedule(fake, mod)
    monkeypatch.setattr(interactions, "DEFER_AFTER", 0.0)
    reply = await answered(fake, mod, "mod insights show", weeks="12")
    assert reply["flags"] & 64  # only the moderator sees it
    assert "All check-ins, last 12 weeks" in reply["content"] and "no check-in" in reply["content"]
    [(_, sent)] = fake.files_sent()
    assert sent["filename"] == "insights-12-weeks.png"
    image = Image.open(io.BytesIO(sent["content"]))
    assert image.format == "PNG" and image.size == charts.SIZE

    exported = await answered(fake, mod, "mod insights export", schedule="mornings")
    assert "CSV" in exported["content"]
    (_, csv_file) = fake.files_sent()[-1]
    rows = list(csv.reader(io.StringIO(csv_file["content"].decode())))
    assert rows[0][:4] == ["week_start", "status", "invited", "answered"] and len(rows) == 5

    ann = fake.member(fake.next_id(), "Ann")
    refused = await answered(fake, ann, "mod insights show")
    assert "Only moderators" in refused["content"] and len(fake.files_sent()) == 2


async def test_the_weekly_digest_is_posted_with_its_chart_as_a_file(discord_bot, fake: FakeDiscord, app):
    from bot.scheduling.runner import RoundScheduler

    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    await create_schedule(fake, mod)
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[app.now().weekday()]
    for key, value in (("digest_channel", fake.channel_id), ("digest_day", day), ("digest_time", "00:00")):
        await run(fake, mod, "mod settings", key=key, value=value)
    before = len(fake.files_sent())
    await RoundScheduler(app).run_job("insights.digest")
    await app.outbox.drain_all()
    [digest] = [m for m in fake.channel_messages(fake.channel_id) if "check-in digest" in m["content"]]
    [(call, sent)] = fake.files_sent()[before:]
    assert call.path == f"/channels/{fake.channel_id}/messages" and sent["filename"].startswith("digest-")
    image = Image.open(io.BytesIO(sent["content"]))
    assert image.format == "PNG" and image.size == charts.SIZE
    assert "no check-in" in digest["content"]  # the chart's numbers, as text, in the same message
