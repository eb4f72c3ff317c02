"""Signed but malformed payloads: Hearth answers calmly, never with a traceback or "something went wrong".

Slack itself never sends these, but anyone holding the signing secret (or a
bug on Slack's side) could. Real payloads, taken from what Hearth showed and
what Slack sends for it (a slash command, a button in a message, on the Home
tab and in a modal, a modal's submission, a form closed unsent, an event), are mutated one field at
a time: a field dropped, emptied, given another type, or made huge; JSON kept
inside a string (a modal's `private_metadata`, a button's `value`) is mutated
inside too.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import urllib.parse
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.slack.app import SORRY
from tests.adapters.slack.conftest import ANN, MOD, buttons
from tests.adapters.slack.test_garbage import tracebacks
from tests.adapters.slack.test_home import open_home
from tests.adapters.slack.test_member import make_schedule

HUGE = "x" * 200_000
ODD_VALUES = [None, 0, -1, 1.5, True, "", "x", "U0NOBODY", HUGE, [], [{}], {}, {"id": 5}, ["a"], "{}", "[]",
              "null", "{}{}", '{"k": "f", "n": 5, "a": [1], "d": "x"}', '{"k": "c", "n": "mod schedule delete", "a": {}}',
              '{"k": "a", "n": "x {} y", "a": {}}', "block_actions", "view_submission", "event_callback",
              "url_verification", "app_home_opened", "modal", "home", "UMIA", "T0002"]


async def real_payloads(app, fake, side) -> dict[str, tuple[str, dict[str, Any]]]:
    """What Slack sends for the things Hearth shows: kind -> (how it is posted, payload)."""
    await make_schedule(side, fake)
    home = await open_home(fake, side, MOD, "EvReal1")
    home = {**home, "id": "VHOME"}
    labels = buttons(home["blocks"])
    own = {**await open_home(fake, side, ANN, "EvReal3"), "id": "VHOMEANN"}  # a Home's buttons are its owner's
    own_labels = buttons(own["blocks"])
    out: dict[str, tuple[str, dict[str, Any]]] = {
        "command": ("form", side.command_body(ANN, "checkin join mornings")),
        "event": ("json", side.event_payload({"type": "app_home_opened", "user": ANN, "channel": "D0",
                                              "tab": "home", "event_ts": "1.0"}, "EvReal2")),
        "home join": ("payload", side.click_payload(ANN, own_labels["Join"], view=own)),
        "home edit form": ("payload", side.click_payload(MOD, labels["Edit"], view=home)),
    }
    await side.click(ANN, own_labels["Reflect now"], view=own)
    modal = (await fake.wait_for("views.open"))[-1]["view"]
    out["modal button"] = ("payload", side.click_payload(ANN, buttons(modal["blocks"])["Keep a note"], view=modal))
    await side.command(ANN, "reflect")
    message = (await fake.wait_for("response_url", where=lambda p: "Keep a note" in buttons(p.get("blocks", []))))
    out["message button"] = ("payload", side.click_payload(ANN, buttons(message[-1]["blocks"])["Another one"],
                                                            message={"ts": "1.1", **message[-1]}, ephemeral=True))
    await side.command(MOD, "mod schedule create")
    form = (await fake.wait_for("views.open", 2))[-1]["view"]
    out["submission"] = ("payload", side.submit_payload(MOD, form, {
        "name": "evenings", "channel": "C0GENERAL", "when": "weekdays 18:00", "open": "1h", "remind": "0"}))
    await side.command(ANN, "note")
    note = (await fake.wait_for("views.open", 3))[-1]["view"]
    out["closed form"] = ("payload", side.close_payload(ANN, note, {"text": "words to give back"}))
    await fake.settle(0.2)
    return out


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a payload, JSON kept in strings included (entered as ("json",))."""
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += paths(v, prefix + (i,))
    elif isinstance(value, str) and value[:1] in "{[":
        try:
            inner = json.loads(value)
        except ValueError:
            return found
        found += paths(inner, prefix + ("json",))
    return found


def mutate(value: Any, path: tuple, op: str, new: Any) -> Any:
    """`value` with the thing at `path` dropped (op "drop") or replaced by `new`."""
    if not path:
        return new
    key, rest = path[0], path[1:]
    if key == "json":
        return json.dumps(mutate(json.loads(value), rest, op, new))
    value = copy.copy(value)
    if not rest and op == "drop":
        del value[key]
        return value
    value[key] = mutate(value[key], rest, op, new)
    return value


async def send(side, how: str, payload: dict[str, Any]) -> int:
    if how == "payload":
        return (await side.interaction(payload))[0]
    if how == "json":
        return (await side.post(json.dumps(payload), "application/json"))[0]
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in payload.items()}
    return (await side.post(urllib.parse.urlencode(form), "application/x-www-form-urlencoded"))[0]


async def settled(adapter) -> None:
    """Until the work that followed each ack has finished (its failures would be logged then)."""
    for _ in range(500):
        if not adapter._following:
            return
        await asyncio.wait(set(adapter._following), timeout=5)


_jsonish = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                     max_size=3), max_leaves=6)
CACHE: dict[int, dict] = {}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
async def test_mutated_payloads_are_answered_calmly(app, clock, fake, side, adapter, caplog, data):
    caplog.set_level(logging.INFO)
    real = CACHE.get(id(app))
    if real is None:
        CACHE.clear()
        real = CACHE[id(app)] = await real_payloads(app, fake, side)
    kind = data.draw(st.sampled_from(sorted(real)), label="kind")
    how, payload = real[kind]
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        places = paths(payload)
        read = [p for p in places if "blocks" not in p[:3]] or places  # (a view's own blocks are mostly echo)
        path = data.draw(st.sampled_from(read) | st.sampled_from(places), label="path")
        op = data.draw(st.sampled_from(["drop", "replace"]) if path and path[-1] != "json" else st.just("replace"),
                       label="op")
        new = data.draw(st.sampled_from(ODD_VALUES) | _jsonish, label="new") if op == "replace" else None
        payload = mutate(payload, path, op, new)
    if isinstance(payload, dict) and isinstance(payload.get("trigger_id"), str):
        payload["trigger_id"] = side.trigger()  # a new interaction each time: the core dedupes by trigger
    clock.advance(timedelta(minutes=1))  # (past the per-member rate limit)
    calls_before = len(fake.calls)
    caplog.clear()
    status = await send(side, how, payload) if isinstance(payload, dict) else \
        (await side.post(json.dumps(payload), "application/json"))[0]
    await settled(adapter)
    assert status < 500
    assert tracebacks(caplog.records) == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert SORRY not in json.dumps([c.params for c in fake.calls[calls_before:]], ensure_ascii=False)


async def test_an_empty_actions_list_is_refused_with_one_line(app, fake, side, caplog):
    caplog.set_level(logging.INFO)
    home = await open_home(fake, side, ANN, "EvE1")
    payload = side.click_payload(ANN, buttons(home["blocks"])["Reflect now"], view={**home, "id": "VHOME"})
    caplog.clear()
    status, _ = await side.interaction({**payload, "actions": []})
    assert status == 400
    assert [r.getMessage() for r in caplog.records] == [
        "refused a request to /slack/events (HTTP 400): block_actions.actions is empty"]


async def test_a_payload_without_a_team_is_refused(app, fake, side, caplog):
    home = await open_home(fake, side, ANN, "EvE2")
    payload = side.click_payload(ANN, buttons(home["blocks"])["Reflect now"], view={**home, "id": "VHOME"})
    del payload["team"]
    del payload["user"]["team_id"]
    status, _ = await side.interaction(payload)
    assert status == 400
    assert await app.store.communities.get_member("slack:", "slack:UANN") is None  # no community "slack:" made up


async def test_a_button_value_of_the_wrong_shape_says_the_button_expired(app, fake, side):
    await side.command(ANN, "reflect")
    [message] = await fake.wait_for("response_url")
    button = dict(buttons(message["blocks"])["Another one"])
    for odd in ('{"k": "c", "n": "reflect", "a": [1, 2]}', '{"k": "f", "n": 5}', '[1]', '{"k": "c", "a": {"x": {}}}'):
        before = len(fake.called("response_url"))
        status, _ = await side.click(ANN, {**button, "value": odd}, message=message, ephemeral=True)
        assert status == 200
        [answer] = (await fake.wait_for("response_url", before + 1))[before:]
        assert "That button has expired" in json.dumps(answer)


async def test_a_forged_command_name_is_shown_as_text(app, fake, side):
    """A button's command name is the sender's text: quoted inertly, never read as Hearth's own markup."""
    await side.command(ANN, "reflect")
    [message] = await fake.wait_for("response_url")
    button = buttons(message["blocks"])["Another one"]
    forged = json.dumps({"k": "c", "n": "no such {} <!channel>", "a": {}})
    status, _ = await side.click(ANN, {**button, "value": forged}, message=message, ephemeral=True)
    assert status == 200
    [_, answer] = await fake.wait_for("response_url", 2)
    assert "I don't know the command “no such {} &lt;!channel&gt;”" in json.dumps(answer, ensure_ascii=False)


async def test_modal_metadata_of_the_wrong_shape_says_the_form_expired(app, fake, side):
    await side.command(MOD, "mod schedule create")
    [opened] = await fake.wait_for("views.open")
    form = opened["view"]
    typed = {"name": "evenings", "channel": "C0GENERAL", "when": "weekdays 18:00", "open": "1h", "remind": "0"}
    for odd in ('{"k": "command", "n": "mod schedule create", "a": [1]}', '{"k": "command", "n": 5}', "[]",
                '{"k": "command", "n": "mod schedule create", "c": 5}', "not json"):
        status, body = await side.submit(MOD, {**form, "private_metadata": odd}, typed)
        assert status == 200
        assert "expired" in body, body
    assert await app.store.schedules.find("slack:T0001", "evenings") is None


async def test_a_response_url_that_does_not_answer_is_a_warning_not_a_traceback(app, fake, side, caplog):
    caplog.set_level(logging.INFO)
    await side.command(ANN, "reflect")
    [message] = await fake.wait_for("response_url")
    payload = side.click_payload(ANN, buttons(message["blocks"])["Another one"], message=message, ephemeral=True)
    payload["response_url"] = "http://127.0.0.1:1/respond/nowhere"  # (nothing listens on port 1)
    caplog.clear()
    status, _ = await side.interaction(payload)
    assert status == 200
    for _ in range(100):
        if any("could not apologise" in r.getMessage() for r in caplog.records):
            break
        await asyncio.sleep(0.05)
    assert tracebacks(caplog.records) == []
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(said) == 2 and said[0].startswith("could not answer a Slack interaction: ClientConnectorError")
