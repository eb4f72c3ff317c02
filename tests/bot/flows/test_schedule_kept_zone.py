"""A schedule's kept timezone is not checked again on an edit that doesn't touch it (review21): "localtime" was
accepted before trial21 refused it as a typed name, and such a schedule must stay editable."""

from __future__ import annotations

from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run, text

MIA = actor("mia", moderator=True)


async def test_a_schedule_kept_in_a_zone_no_longer_typed_can_still_be_edited(app, clock):
    schedule = await make_schedule(app)
    await app.store.db.execute("UPDATE schedules SET timezone = ? WHERE id = ?", "localtime", schedule.id)
    [preview] = await run(app, MIA, "mod schedule edit", name="mornings", when="daily 10:00")
    assert preview.buttons and not preview.error, preview.plain()
    said = text(await run(app, MIA, "mod schedule edit", name="mornings", when="daily 10:00", timezone="localtime"))
    assert "I don't know the timezone" in said, said
