"""A slash command's answer held for its ack: what can't be sent when it settles is not lost in silence."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from adapters.slack.answer import AnswerInAck, ResponseRefused, checked


async def test_a_response_url_that_refuses_raises_instead_of_passing_for_shown() -> None:
    async def gone(**message: Any) -> Any:
        return SimpleNamespace(status_code=404, body="expired_url")

    async def fine(**message: Any) -> Any:
        return SimpleNamespace(status_code=200, body="ok")

    with pytest.raises(ResponseRefused):
        await checked(gone)(text="hi")
    assert (await checked(fine)(text="hi")).status_code == 200


async def test_held_messages_lost_when_settling_are_handed_to_the_keeper() -> None:
    acks, kept = [], []

    async def ack(**message: Any) -> None:
        acks.append(message)

    async def refusing(**message: Any) -> None:
        raise ResponseRefused("404")

    answer = AnswerInAck(ack, refusing)
    await answer(text="one", response_type="ephemeral")
    await answer(text="two", response_type="ephemeral")  # (two parts: they go to the response URL)

    async def keep() -> None:
        kept.append("words")

    answer.if_lost(keep)
    await answer.settle()
    assert acks == [{}] and kept == ["words"]
