"""Insights on Slack: the numbers as a reply, the chart as a PNG file in the moderator's DM (files_upload_v2)."""

from __future__ import annotations

import io

from PIL import Image

from bot.insights import charts
from tests.adapters.slack.conftest import MOD, texts
from tests.adapters.slack.test_member import make_schedule, reply_to


async def test_mod_insights_show_sends_its_table_and_uploads_its_chart(app, fake, side):
    await make_schedule(side, fake)
    reply = await reply_to(fake, side, MOD, "mod insights show weeks=4")
    assert "All check-ins, last 4 weeks" in texts(reply["blocks"]) and "no check-in" in texts(reply["blocks"])
    [upload] = await fake.wait_for("files.completeUploadExternal")
    assert upload["channel_id"] == "DMIA"  # the moderator's DM, never the channel
    [asked] = fake.called("files.getUploadURLExternal")
    assert asked["filename"] == "insights-4-weeks.png"
    image = Image.open(io.BytesIO(fake.uploads[upload["files"][0]["id"]]))
    assert image.format == "PNG" and image.size == charts.SIZE


async def test_the_weekly_digest_is_posted_and_its_chart_uploaded_to_the_same_channel(app, fake, side):
    from bot.scheduling.runner import RoundScheduler

    await make_schedule(side, fake)
    fake.add_channel("C0DIGEST", "digest")
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[app.now().weekday()]
    for key, value in (("digest_channel", "<#C0DIGEST|digest>"), ("digest_day", day), ("digest_time", "00:00")):
        await reply_to(fake, side, MOD, f"mod settings {key} {value}")
    await RoundScheduler(app).run_job("insights.digest")
    await app.outbox.drain_all()
    [post] = [p for p in fake.called("chat.postMessage") if p["channel"] == "C0DIGEST"]
    assert "check-in digest" in texts(post["blocks"])
    [upload] = [u for u in fake.called("files.completeUploadExternal") if u["channel_id"] == "C0DIGEST"]
    image = Image.open(io.BytesIO(fake.uploads[upload["files"][0]["id"]]))
    assert image.format == "PNG" and image.size == charts.SIZE
