"""A send repeated after a crash comes back as the message the first send created (nonce)."""

from __future__ import annotations

from bot.delivery.sender import Delivery
from bot.events import Reply, rich


async def test_a_repeated_send_with_the_same_key_returns_the_first_message(app, fake, discord_bot):
    sender = app.outbox.senders["discord"]
    hi = Reply(body=rich("Good morning"), visibility="channel")
    post = Delivery("post", hi, channel=f"discord:{fake.channel_id}", key="outbox:41")
    member = fake.next_id()
    dm = Delivery("dm", hi, user=f"discord:{member}", key="outbox:42")
    first_post, first_dm = await sender.send(post), await sender.send(dm)
    assert await sender.find_sent(post) is None  # the nonce does the checking, not history
    assert await sender.send(post) == first_post  # e.g. the process died before marking it sent
    assert await sender.send(dm) == first_dm
    thread = Delivery("thread", hi, channel=f"discord:{fake.channel_id}", parent_ref=first_post, key="outbox:43")
    assert await sender.send(thread) == await sender.send(thread)
    assert len(fake.channel_messages(fake.channel_id)) == 1
    assert len(fake.channel_messages(fake.dm_channels[member])) == 1
    assert len(fake.channel_messages(int(first_post))) == 1
    sent = [c.body for c in fake.calls if c.method == "POST" and c.path.endswith("/messages")]
    assert {b["nonce"] for b in sent} == {"outbox:41", "outbox:42", "outbox:43"}
    assert all(b["enforce_nonce"] is True for b in sent)
    # A different key is a different message.
    assert await sender.send(Delivery("post", hi, channel=f"discord:{fake.channel_id}", key="outbox:44")) != first_post
