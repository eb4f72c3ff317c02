"""Discord sharding settings: read from the file or the environment, and refused when they can't work."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load
from bot.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hearth.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unsharded_by_default():
    config = load(env={})
    assert config["discord.shard_count"] == 0 and config["discord.shard_ids"] == []


def test_from_the_file_and_from_the_environment(tmp_path):
    config = load(write(tmp_path, "[discord]\nshard_count = 4\nshard_ids = [2, 3]"), env={})
    assert (config["discord.shard_count"], config["discord.shard_ids"]) == (4, [2, 3])
    config = load(env={"HEARTH_DISCORD_SHARD_COUNT": "2", "HEARTH_DISCORD_SHARD_IDS": " 0, 1 "})
    assert (config["discord.shard_count"], config["discord.shard_ids"]) == (2, [0, 1])
    assert load(env={"HEARTH_DISCORD_SHARD_COUNT": "2", "HEARTH_DISCORD_SHARD_IDS": "1"})["discord.shard_ids"] == [1]


@pytest.mark.parametrize("text, env, words", [
    ("[discord]\nshard_ids = [0]", {}, "needs discord.shard_count too"),
    ("[discord]\nshard_count = 2\nshard_ids = [2]", {},
     "has 2, but with shard_count = 2 the shards are numbered 0 to 1"),
    ("[discord]\nshard_count = 2\nshard_ids = [1, 1]", {}, "lists a shard twice"),
    ("[discord]\nshard_count = 2\nshard_ids = ['one']", {}, "must be shard numbers"),
    ("[discord]\nshard_count = 2\nshard_ids = 1", {}, "should be a list like [0, 1]"),
    ("[discord]\nshard_count = -1", {}, "must be at least 0"),
    ("", {"HEARTH_DISCORD_SHARD_COUNT": "2", "HEARTH_DISCORD_SHARD_IDS": "0,x"}, "should be a list like [0, 1]"),
    ("", {"HEARTH_DISCORD_SHARD_IDS": "0"}, "needs discord.shard_count too"),
])
def test_bad_shard_settings_say_what_and_how(tmp_path, text, env, words):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, text), env=env)
    assert err.value.key in ("discord.shard_count", "discord.shard_ids")
    assert words in str(err.value) and "Example: shard_" in str(err.value)
