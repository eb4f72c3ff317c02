"""Small steps the Discord end-to-end tests share."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from testing.fake_discord import FakeDiscord


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in message.get("components", []) for c in row.get("components", [])]


def button(message: dict[str, Any], label_part: str) -> str:
    return next(b["custom_id"] for b in buttons(message) if label_part in b["label"])


async def create_schedule(fake: FakeDiscord, mod: dict[str, Any], name: str = "mornings") -> None:
    """A moderator creates a schedule: preview first, then Save."""
    iid = await fake.slash(mod, "mod schedule create", name=name, channel=fake.channel_id, when="weekdays 09:00",
                           timezone="Europe/London", open="2h", remind="30m")
    preview = await fake.wait_callback(iid)
    assert "Next three" in preview["data"]["content"]
    save = button(preview["data"], "Save")
    iid = await fake.click(mod, preview["message_id"], save)
    saved = await fake.wait_callback(iid)
    assert saved["type"] == 7 and "Created" in saved["data"]["content"]  # the preview became the answer
    assert saved["data"]["components"] == []


async def run(fake: FakeDiscord, member: dict[str, Any], path: str, /, **options: Any) -> dict[str, Any]:
    return await fake.wait_callback(await fake.slash(member, path, **options))


async def answered(fake: FakeDiscord, member: dict[str, Any], path: str, /, **options: Any) -> dict[str, Any]:
    """A command's answer as the member sees it, whether Hearth answered at once or deferred first (it does after
    `DEFER_AFTER`, which a loaded machine can reach on slow work such as drawing a chart): its `content` and
    `flags`, from the callback or, when deferred, from the follow-up."""
    iid = await fake.slash(member, path, **options)
    first = await fake.wait_callback(iid)
    if first["type"] != 5:
        return first["data"]
    [follow_up, *_] = await fake.wait_for(lambda: fake.followups(iid))
    return {"content": follow_up.body.get("content", ""), "flags": follow_up.body.get("flags", 0)}


async def round_open_for_ann(fake: FakeDiscord, app: Any, clock: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Mia (a moderator) makes the "mornings" check-in, Ann joins, and its round opens on 5 January 2026 at 9:00 UTC
    with its post sent: (Ann, the round's post)."""
    from bot.scheduling.runner import RoundScheduler

    mod = fake.member(fake.next_id(), "Mia", moderator=True)
    ann = fake.member(fake.next_id(), "Ann")
    await create_schedule(fake, mod)
    await run(fake, ann, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    assert (await RoundScheduler(app).run_pending())["opened"] == 1
    await app.outbox.drain_all()
    [post] = fake.channel_messages(fake.channel_id)[-1:]
    return ann, post
