"""Small steps the Discord end-to-end tests share."""

from __future__ import annotations

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
