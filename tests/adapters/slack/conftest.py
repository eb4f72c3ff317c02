"""A running Hearth + Slack adapter (HTTP mode) against the local fake Slack."""

from __future__ import annotations

import json
from typing import Any

import pytest

from adapters.slack.app import EVENTS_PATH, SlackAdapter
from bot.config import load
from testing.fake_slack import FakeSlack, SlackSide

SECRET = "test-signing-secret"
MOD, ANN, BOB, CY, DEE = "UMIA", "UANN", "UBOB", "UCY", "UDEE"


@pytest.fixture
async def fake():
    slack = FakeSlack()
    await slack.start()
    slack.add_user(MOD, "Mia", tz="Europe/London", admin=True)
    slack.add_user(ANN, "Ann", tz="America/New_York")
    slack.add_user(BOB, "Bob", tz="Europe/Berlin")
    slack.add_user(CY, "Cy", tz="Asia/Tokyo")
    slack.add_user(DEE, "Dee", tz="Europe/London")
    yield slack
    await slack.stop()


def slack_config(tmp_path, fake: FakeSlack, **env: str):
    return load(env={"HEARTH_DATA_DIR": str(tmp_path / "slackdata"), "HEARTH_SLACK_BOT_TOKEN": "xoxb-test",
                     "HEARTH_SLACK_SIGNING_SECRET": SECRET, "HEARTH_SLACK_API_URL": fake.api_url,
                     "HEARTH_SLACK_HOST": "127.0.0.1", "HEARTH_SLACK_PORT": "0", **env})


@pytest.fixture
async def adapter(app, fake, tmp_path):
    slack = SlackAdapter(slack_config(tmp_path, fake), channel_interval=0.0)
    await slack.start(app)
    yield slack
    await slack.stop()


@pytest.fixture
def side(adapter, fake) -> SlackSide:
    return SlackSide(fake, f"http://127.0.0.1:{adapter.port}{EVENTS_PATH}", SECRET)


# -- reading what Hearth showed --------------------------------------------------------------


def texts(blocks: list[dict[str, Any]]) -> str:
    """What the blocks say: sections' and headers' text, context notes, and rich_text's words as shown."""
    out = []
    for b in blocks:
        if b.get("type") in ("section", "header"):
            out.append(b["text"]["text"])
        if b.get("type") == "context":
            out += [e.get("text", "") for e in b["elements"]]
        if b.get("type") == "rich_text":
            out.append(rich_words(b))
    return "\n".join(out)


def rich_words(block: dict[str, Any]) -> str:
    """A rich_text block's words as they'd read in mrkdwn, for comparing with it: a style as its marks (*bold*,
    _italic_, `code`), a channel, a person, a time and an emoji as their tokens; a text element's words exactly as they
    are (Slack shows them so: nothing in them is markup)."""
    marks = {"bold": "*", "italic": "_", "code": "`"}
    shown = []
    for element in block["elements"]:
        runs: list[dict[str, Any]] = []
        for run in element["elements"]:  # (a style's neighbours as one: "**Import {}**" reads "*Import Team*")
            if runs and run["type"] == runs[-1]["type"] == "text" and run.get("style") == runs[-1].get("style"):
                runs[-1] = {**runs[-1], "text": runs[-1]["text"] + run["text"]}
            else:
                runs.append(run)
        for run in runs:
            if run["type"] == "text":
                on = [marks[k] for k in ("code", "italic", "bold") if (run.get("style") or {}).get(k)]
                shown.append("".join(on) + run["text"] + "".join(reversed(on)))
            elif run["type"] == "channel":
                shown.append(f"<#{run['channel_id']}>")
            elif run["type"] == "user":
                shown.append(f"<@{run['user_id']}>")
            elif run["type"] == "date":
                shown.append(f"<!date^{run['timestamp']}^{run['format']}|{run['fallback']}>")
            elif run["type"] == "emoji":  # (an emoji's code in someone's words: `render.SHORTCODE`)
                shown.append(f":{run['name']}:")
    return "".join(shown)


def buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every button by its label (accessories included)."""
    found: dict[str, dict[str, Any]] = {}
    for b in blocks:
        for e in b.get("elements", []) if b.get("type") == "actions" else []:
            found.setdefault(e["text"]["text"], e)
        acc = b.get("accessory")
        if acc and acc.get("type") == "button":
            found.setdefault(acc["text"]["text"], acc)
    return found


def all_buttons(blocks: list[dict[str, Any]], label: str) -> list[dict[str, Any]]:
    out = []
    for b in blocks:
        for e in (b.get("elements", []) if b.get("type") == "actions" else []) + [b.get("accessory") or {}]:
            if e.get("type") == "button" and e["text"]["text"] == label:
                out.append(e)
    return out


def value(button: dict[str, Any]) -> dict[str, Any]:
    return json.loads(button["value"])
