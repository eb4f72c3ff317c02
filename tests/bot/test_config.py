from pathlib import Path

import pytest

from hearth.cli import main
from bot.config import SETTINGS, flatten, load, read_toml
from bot.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"


def test_example_documents_every_setting_with_its_default():
    values = flatten(read_toml(EXAMPLE))
    assert set(values) == {s.key for s in SETTINGS}
    defaults = {s.key: s.default for s in SETTINGS}
    assert {k: v for k, v in values.items() if k != "data_dir"} == {
        k: v for k, v in defaults.items() if k != "data_dir"}
    assert load(EXAMPLE, env={})["checkins.summary_floor"] == 3


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hearth.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, key, words", [
    ("log_level = 'LOUD'", "log_level", "must be one of"),
    ("[checkins]\nsummary_floor = 2", "checkins.summary_floor", "at least 3"),
    ("[checkins]\ndefault_timezone = 'Mars/Olympus'", "checkins.default_timezone", "timezone"),
    ("[slack]\nport = 'eighty'", "slack.port", "whole number"),
    ("[slack]\nprot = 3000", "slack.prot", "did you mean `slack.port`"),
    ("[safety]\nmodle = 'x'", "safety.modle", "did you mean `safety.model`"),
    ("[safety]\nfoo = 1", "safety.foo", "see config.example.toml for every setting"),
    ("log_levl = 'INFO'", "log_levl", "did you mean `log_level`"),
    ("log_level = ", "(file)", "isn't valid TOML"),
])
def test_bad_config_names_the_key_the_problem_and_an_example(tmp_path, text, key, words):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, text), env={})
    assert err.value.key == key
    assert words in str(err.value)
    assert "Example" in str(err.value)


def test_environment_overrides_and_secrets_stay_out_of_repr(tmp_path):
    config = load(write(tmp_path, "[slack]\nport = 3000"), env={
        "HEARTH_SLACK_PORT": "4000", "HEARTH_DATA_DIR": str(tmp_path / "d"), "HEARTH_SLACK_BOT_TOKEN": "xoxb-secret"})
    assert config["slack.port"] == 4000
    assert config.sqlite_path == tmp_path / "d" / "hearth.db"
    assert config.secret("HEARTH_SLACK_BOT_TOKEN") == "xoxb-secret"
    assert "xoxb-secret" not in repr(config)


def test_check_config_command(tmp_path, capsys):
    assert main(["check-config", str(EXAMPLE)]) == 0
    assert "Config OK" in capsys.readouterr().out
    assert main(["check-config", str(write(tmp_path, "[checkins]\nsummary_floor = 1"))]) == 2
    err = capsys.readouterr().err
    assert "checkins.summary_floor" in err and "summary_floor = 3" in err
