"""What Discord refuses is not sent again; what it only put off is.

Discord answers a request it won't carry out with a 4XX and an error code (its spec's ClientErrorResponse):
the same request gets the same answer, so the outbox must not spend its retries (and Discord's patience with
the bot) on it. A 429 is different: discord.py waits it out, and if Discord is still busy after its tries, the
send is tried again later.
"""

from __future__ import annotations

import discord
import pytest

from bot.delivery.sender import Delivery, PermanentFailure
from bot.events import Reply, rich

HI = Reply(body=rich("Good morning"), visibility="channel")


@pytest.mark.parametrize(("status", "code", "message"), [
    (400, 50035, "Invalid Form Body"),
    (400, 50008, "Cannot send messages in a non-text channel"),
    (413, 40005, "Request entity too large"),
])
async def test_a_post_discord_refuses_fails_for_good(app, fake, discord_bot, status, code, message):
    fake.refuse(f"/channels/{fake.channel_id}/messages", code, message, status=status)
    with pytest.raises(PermanentFailure, match=str(code)):
        await app.outbox.senders["discord"].send(Delivery("post", HI, channel=f"discord:{fake.channel_id}",
                                                          key="outbox:1"))
    assert len(fake.calls_to("POST", f"/channels/{fake.channel_id}/messages")) == 1


async def test_a_discord_still_busy_after_discord_py_waited_is_tried_again_later(app, fake, discord_bot):
    fake.rate_limit(f"/channels/{fake.channel_id}/messages", times=5, retry_after=0.01)  # discord.py tries 5 times
    with pytest.raises(discord.HTTPException) as busy:
        await app.outbox.senders["discord"].send(Delivery("post", HI, channel=f"discord:{fake.channel_id}",
                                                          key="outbox:2"))
    assert busy.value.status == 429  # (not a PermanentFailure: the outbox tries it again later)
