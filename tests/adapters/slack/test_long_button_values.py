"""render23: a Slack button's value over Slack's 2000 characters (a form's defaults given back, a long argument) was
kept in the process's memory alone, under a random token: after a restart, or pressed on another process behind a
load balancer, the button said it had expired. Such values are now kept in the core store under their key
(`ValueStore`, `bot.store.stash`), written before the message carrying them goes to Slack."""

from __future__ import annotations

import json

from adapters.slack.render import MAX_BUTTON_VALUE, VALUES, ValueStore, button_element
from tests.adapters.slack.conftest import ANN, buttons

LONG = {"k": "f", "n": "reflect", "a": {"arg:text": "z" * 5000, "shown_to": "slack:UANN"}, "d": {"words": "w" * 3000}}


async def test_a_long_value_outlives_the_process_that_drew_it(app):
    drawn = ValueStore()
    drawn.keep_in(app.store.stash, app.now)
    encoded = drawn.encode(LONG)
    assert len(encoded) <= MAX_BUTTON_VALUE
    await drawn.flush()
    restarted = ValueStore()  # (a new process: nothing in memory)
    assert restarted.decode(encoded) is None
    restarted.keep_in(app.store.stash, app.now)
    assert await restarted.recall(encoded) == LONG
    assert await restarted.recall(json.dumps({"k": "t", "t": "0" * 24})) is None  # never kept
    assert await restarted.recall(json.dumps({"k": "t", "t": "not a key"})) is None
    # Another platform's stashed arguments are not a Slack button's value.
    other = await app.store.stash.stash({"x": "y"}, app.now())
    assert await restarted.recall(json.dumps({"k": "t", "t": other})) is None


async def test_a_member_erased_takes_their_kept_button_values_with_them(app):
    """`me delete` erases stashed arguments naming the member (`StashRepository.erase_member`): a Slack value is
    kept as text arguments, so it is found there as Discord's are."""
    drawn = ValueStore()
    drawn.keep_in(app.store.stash, app.now)
    encoded = drawn.encode(LONG)
    await drawn.flush()
    async with app.store.db.transaction() as tx:
        await app.store.stash.erase_member(tx, "slack:T0001", "slack:UANN", app.now())
    for task in list(drawn._saving):  # (the flush `encode` started: it must not write the value back afterwards)
        await task
    restarted = ValueStore()
    restarted.keep_in(app.store.stash, app.now)
    assert await restarted.recall(encoded) is None


def test_values_drawn_without_a_store_still_work_in_memory():
    alone = ValueStore()
    encoded = alone.encode(LONG)
    assert alone.decode(encoded) == LONG


async def test_a_long_button_pressed_after_a_restart_still_works(app, fake, side):
    """Through the fake Slack: the value is drawn as the adapter sends it, the process's memory is lost, and the
    press still does what the button said."""
    await side.command(ANN, "reflect")
    [message] = await fake.wait_for("response_url")
    button = buttons(message["blocks"])["Another one"]
    value = json.loads(button["value"])
    long = {**value, "a": {**value.get("a", {}), "pad": "p" * 3000}}  # (an argument the action doesn't read)
    element = button_element("Another one", long, 0)
    await VALUES.flush()
    VALUES._values.clear()  # the restart: what memory held is gone
    status, _ = await side.click(ANN, element, message=message, ephemeral=True)
    assert status == 200
    [_, answer] = await fake.wait_for("response_url", 2)
    assert "That button has expired" not in json.dumps(answer)
