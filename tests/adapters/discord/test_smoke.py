from testing.fake_discord import FakeDiscord


async def test_slash_command_answered_ephemerally(discord_bot, fake: FakeDiscord):
    ann = fake.member(fake.next_id(), "Ann")
    iid = await fake.slash(ann, "checkin list")
    cb = await fake.wait_callback(iid)
    assert cb["type"] == 4
    assert cb["data"]["flags"] & 64
    assert "no check-ins here yet" in cb["data"]["content"]
    assert cb["data"]["allowed_mentions"] == {"parse": []}
