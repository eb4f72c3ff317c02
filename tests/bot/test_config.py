from datetime import datetime, timedelta, timezone
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
    ("[checkins]\nsummary_floor = -1", "checkins.summary_floor", "between 3 and 50"),
    ("[checkins]\nsummary_floor = 'lots'", "checkins.summary_floor", "should be a whole number"),
    ("[privacy]\nretention_days = -365", "privacy.retention_days", "between 1 and 3650"),
    ("[safety]\nlow_mood_max = -2", "safety.low_mood_max", "between 1 and 4"),
    ("[checkins]\ndefault_open_minutes = -5", "checkins.default_open_minutes", "between 5 and 10080"),
    ("[slack]\nport = 70000", "slack.port", "must be a port number"),
    ("[checkins]\ndefault_timezone = 'Mars/Olympus'", "checkins.default_timezone", "timezone"),
    ("[slack]\nport = 'eighty'", "slack.port", "whole number"),
    ("[slack]\nprot = 3000", "slack.prot", "did you mean `slack.port`"),
    ("[safety]\nmodle = 'x'", "safety.modle", "did you mean `safety.model`"),
    ("[safety]\nfoo = 1", "safety.foo", "see config.example.toml for every setting"),
    ("log_levl = 'INFO'", "log_levl", "did you mean `log_level`"),
    ("log_level = ", "(the file)", "isn't valid TOML"),
    ("x = " + "[" * 5000 + "]" * 5000, "(the file)", "line 1: this file nests arrays or tables too deeply"),  # trial16 §4
    ("[" + ".".join(["a"] * 5000) + "]", "(the file)", "line 1: this file nests arrays or tables too deeply"),
])
def test_bad_config_names_the_key_the_problem_and_an_example(tmp_path, text, key, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load(path, env={})
    assert err.value.key == (str(path) if key == "(the file)" else key)
    assert words in str(err.value)
    assert "Example" in str(err.value)


def test_a_config_saved_with_a_byte_order_mark_is_read_as_a_pack_with_one_is(tmp_path):
    """Windows Notepad starts a UTF-8 file with a BOM; the config was refused as "not valid TOML" at column 1
    while a pack with the same BOM was accepted (trial 6, F6)."""
    path = tmp_path / "hearth.toml"
    path.write_bytes(b"\xef\xbb\xbf" + f'data_dir = "{tmp_path / "d"}"\n[slack]\nport = 3001\n'.encode())
    config = load(path, env={})
    assert config["slack.port"] == 3001
    assert main(["check-config", str(path)]) == 0


def test_a_config_that_isnt_utf8_is_named_and_told_to_be_utf8(tmp_path, capsys):
    path = tmp_path / "hearth.toml"
    path.write_bytes('[slack]\n# café\nport = 3001\n'.encode("latin-1"))
    with pytest.raises(ConfigError) as err:
        load(path, env={})
    words = str(err.value)
    assert str(path) in words and "UTF-8" in words and "line 2" in words
    assert "(file)" not in words and "log_level" not in words, words
    assert main(["check-config", str(path)]) == 2
    out = capsys.readouterr().err
    assert str(path) in out and "UTF-8" in out and "Traceback" not in out


@pytest.mark.parametrize("text, typed", [
    ("[checkins]\ndefault_open_minutes = true", "not true"),
    ("[checkins]\ndefault_open_minutes = false", "not false"),
    ("[slack]\nport = 'eighty'", 'not "eighty"'),
    ("[safety]\nmodel = 'maybe'", 'not "maybe"'),
    ("[checkins]\ndefault_open_minutes = 2.5", "not 2.5"),
])
def test_a_wrong_value_is_quoted_as_the_person_typed_it(tmp_path, text, typed):
    """`default_open_minutes = true` was reported as "not True", Python's spelling, not what was typed."""
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, text), env={})
    assert typed in str(err.value), str(err.value)
    assert "True" not in str(err.value) and "'" not in str(err.value).split("Example")[0]


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
    assert main(["check-config", str(write(tmp_path, "[checkins]\nsummary_floor = -1"))]) == 2
    err = capsys.readouterr().err
    assert "checkins.summary_floor" in err and "summary_floor = 3" in err and "Traceback" not in err


from bot.config import ENV_OVERRIDES, SETTINGS  # noqa: E402


@pytest.mark.parametrize("written", ["true", "'yes'", "1", "'on'", "'1'", "'TRUE'"])
def test_a_yes_is_read_by_one_rule_in_the_file_and_the_environment(tmp_path, written):
    for setting in [s for s in SETTINGS if s.kind is bool]:
        section, _dot, name = setting.key.rpartition(".")
        config = load(write(tmp_path, f"[{section}]\n{name} = {written}"), env={})
        assert config[setting.key] is True, (setting.key, written)
    env = {var: written.strip("'") for var, key in ENV_OVERRIDES.items() if key == "safety.model"}
    assert load(write(tmp_path, "[safety]\nmodel = false"), env=env)["safety.model"] is True


@pytest.mark.parametrize("written", ["false", "'no'", "0", "'off'", "'0'", "'FALSE'"])
def test_a_no_is_read_by_one_rule_in_the_file_and_the_environment(tmp_path, written):
    """The model is on by default: each way of writing no turns it off, from the file and from the environment."""
    assert load(env={})["safety.model"] is True
    config = load(write(tmp_path, f"[safety]\nmodel = {written}"), env={})
    assert config["safety.model"] is False, written
    assert load(env={"HEARTH_SAFETY_MODEL": written.strip("'")})["safety.model"] is False


@pytest.mark.parametrize("written", ["'maybe'", "2", "-1", "0.5", "''"])
def test_anything_else_is_no_yes_or_no_in_the_file_or_the_environment(tmp_path, written):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, f"[safety]\nmodel = {written}"), env={})
    assert "should be true or false" in str(err.value) and "model = false" in str(err.value)
    if written != "''":  # (an empty variable is no variable)
        with pytest.raises(ConfigError):
            load(env={"HEARTH_SAFETY_MODEL": written.strip("'")})


def _as_toml(value: object) -> str:
    return "true" if value is True else "false" if value is False else repr(value) if not isinstance(
        value, list) else str(value)


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s.kind in (int, float, bool)], ids=lambda s: s.key)
def test_every_number_and_yes_or_no_reads_the_same_written_as_itself_or_as_text(tmp_path, setting):
    """The file may hold `port = 8088` or `port = "8088"`, as the environment can only hold text: one reading."""
    section, _dot, name = setting.key.rpartition(".")
    head = f"[{section}]\n" if section else ""
    value = load(write(tmp_path, setting.example if not section else f"{head}{setting.example}"), env={})[setting.key]
    as_text = str(value).lower() if isinstance(value, bool) else str(value)
    again = load(write(tmp_path, f"{head}{name} = \"{as_text}\""), env={})[setting.key]
    assert again == value and type(again) is type(value), (setting.key, value, again)
    for var in [v for v, key in ENV_OVERRIDES.items() if key == setting.key]:
        assert load(env={var: f" {as_text} "})[setting.key] == value


@pytest.mark.parametrize("text, words", [
    ("[delivery]\nper_second = inf", "should be a number"),
    ("[delivery]\nper_second = 'nan'", "should be a number"),
    ("[delivery]\nmax_attempts = 8.5", "should be a whole number"),
    ("[delivery]\nmax_attempts = true", "should be a whole number"),
    ("[console]\nuser = 5", "should be text in quotes"),
])
def test_a_value_that_is_no_value_of_its_kind_is_refused_the_same_way(tmp_path, text, words):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, text), env={})
    assert words in str(err.value) and "Example" in str(err.value)


def _limited() -> list:
    return [s for s in SETTINGS if s.limits]


def _outside(setting) -> list[int]:
    """A number past each end of the setting's range that is still an amount (0 or more)."""
    low, high = setting.limits
    return [n for n in (low - 1 if low > 0 else None, high + 1 if high is not None else None,
                        high * 10 if high is not None else None) if n is not None]


@pytest.mark.parametrize("setting", _limited(), ids=lambda s: s.key)
def test_an_amount_outside_its_range_is_brought_within_with_one_warning_not_a_refusal(tmp_path, setting):
    """A range narrowed in a release (summary_floor's highest of 50, retention_days' 3650) must not stop an install
    whose file the last release ran with: the nearest allowed value is used, and said once, with how to silence
    it."""
    section, _dot, name = setting.key.rpartition(".")
    low, high = setting.limits
    # (a round that closes soon needs no usual reminder: default_remind_minutes is judged with it, at load)
    beside = "\ndefault_remind_minutes = 0" if setting.key == "checkins.default_open_minutes" else ""
    for typed in _outside(setting):
        path = write(tmp_path, f"[{section}]\n{name} = {typed}{beside}")
        config = load(path, env={})
        used = low if typed < low else high
        assert config[setting.key] == used, (setting.key, typed)
        assert len(config.warnings) == 1, config.warnings
        said = config.warnings[0]
        for words in (setting.key, str(typed), f"{used} is used instead", str(path), "To silence this warning",
                      f"{name} = {used}"):
            assert words in said, (words, said)
        assert load(write(tmp_path, f"[{section}]\n{name} = {used}{beside}"), env={}).warnings == ()


def test_a_config_file_from_before_the_summary_floor_had_a_highest_still_starts(tmp_path, capsys):
    path = write(tmp_path, "[checkins]\nsummary_floor = 100\n[privacy]\nretention_days = 5000\n")
    config = load(path, env={})
    assert (config["checkins.summary_floor"], config["privacy.retention_days"]) == (50, 3650)
    assert len(config.warnings) == 2
    assert main(["check-config", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "Config OK" in out
    assert err.count("hearth: warning:") == 2 and "summary_floor" in err and "retention_days" in err


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s.kind is int], ids=lambda s: s.key)
def test_every_range_hearth_keeps_an_amount_in_is_declared_as_limits(setting):
    """The class: a whole-number setting with a highest, or a lowest above 1, is an amount Hearth keeps in range,
    so it goes through `limits` (brought within, with a warning), never a `check` that refuses and stops a start
    the last release made. What a check may still refuse is what is no amount: below 0 (or 0, where it must be
    more), and a port past 65535 (the nearest port is another program's)."""
    if setting.limits:
        return
    assert setting.check is not None and setting.check(-1), setting.key  # below 0: refused
    if setting.key.endswith("port"):
        return
    assert setting.check(2) is None and setting.check(10 ** 12) is None, setting.key


#: The amounts Hearth turns into a length of time (in this unit), and those it counts back through in the store.
TIMES = {"checkins.catch_up_grace_minutes": "minutes", "checkins.default_open_minutes": "minutes",
         "safety.alert_cooldown_hours": "hours", "safety.care_raise_after_minutes": "minutes",
         "delivery.lease_seconds": "seconds"}
COUNTS = ("checkins.recent_prompts_to_avoid", "reflections.recent_to_avoid", "safety.low_mood_streak")


@pytest.mark.parametrize("typed", [10 ** 12, 10 ** 20])
@pytest.mark.parametrize("key", [*TIMES, *COUNTS])
def test_an_amount_a_file_can_hold_is_one_hearth_can_use_at_every_step(tmp_path, key, typed):
    """`alert_cooldown_hours = 1000000000000` passed check-config ("Config OK"), then the second crisis message of
    a member failed ("something went wrong on my side") where the cooldown was worked out; a huge grace, lease or
    care-note delay stopped `advance` and the care job the same way (a date before the year 1), and a huge count
    stopped the start (a number past SQLite's). Each is brought within a highest, with a warning, as limits are."""
    section, _dot, name = key.rpartition(".")
    beside = "\ndefault_remind_minutes = 0" if key == "checkins.default_open_minutes" else ""
    config = load(write(tmp_path, f"[{section}]\n{name} = {typed}{beside}"), env={})
    used = config[key]
    assert used < typed and len(config.warnings) == 1 and key in config.warnings[0]
    if key in TIMES:
        now = datetime(2026, 12, 7, tzinfo=timezone.utc)
        span = timedelta(**{TIMES[key]: used})
        assert datetime(1, 1, 1, tzinfo=timezone.utc) < now - span < now + span < datetime(9999, 1, 1, tzinfo=timezone.utc)
    else:
        assert used + 1 < 2 ** 63


def test_the_default_round_length_is_one_a_schedule_can_have():
    """A `default_open_minutes` past what `mod schedule create … open=` takes made every schedule made without
    `open=` refused ("each stays open 1666666666h39m"): the setting's range is the command's."""
    from bot.scheduling.inputs import MAX_MINUTES, MIN_MINUTES

    assert next(s for s in SETTINGS if s.key == "checkins.default_open_minutes").limits == (MIN_MINUTES, MAX_MINUTES)


@pytest.mark.parametrize("setting", _limited(), ids=lambda s: s.key)
def test_below_zero_is_no_amount_and_is_refused_with_the_range(tmp_path, setting):
    section, _dot, name = setting.key.rpartition(".")
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, f"[{section}]\n{name} = -1"), env={})
    assert err.value.key == setting.key and "Example" in str(err.value)
    assert str(setting.limits[0]) in err.value.problem


@pytest.mark.parametrize("name", ["@everyone", "ann:bob", "<@123>", "two words", "Hearth", "a" * 33])
def test_the_terminal_user_is_a_name_by_the_terminal_s_own_rule(tmp_path, name):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, f"[console]\nuser = {name!r}"), env={})
    assert err.value.key == "console.user" and "Example: user = \"you\"" in str(err.value)

def test_settings_right_alone_but_not_together_are_refused_at_load_naming_both(tmp_path, capsys):
    """An outside trial: check-config passed `default_open_minutes = 120` with `default_remind_minutes = 500`, and
    then every `mod schedule create` was refused over a reminder the moderator never typed."""
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, "[checkins]\ndefault_open_minutes = 120\ndefault_remind_minutes = 500"), env={})
    assert err.value.key == "checkins.default_remind_minutes"
    assert "checkins.default_open_minutes is 120" in str(err.value) and "is 500" in str(err.value)
    assert main(["check-config", str(tmp_path / "hearth.toml")]) == 2
    said = capsys.readouterr().err
    assert "checkins.default_remind_minutes" in said and "checkins.default_open_minutes" in said
    assert load(write(tmp_path, "[checkins]\ndefault_open_minutes = 20\ndefault_remind_minutes = 0"), env={})
    with pytest.raises(ConfigError) as err:  # (the same port on one host: the second can't listen)
        load(write(tmp_path, "[service]\nhttp_port = 8088\n[web]\nport = 8088"), env={})
    assert err.value.key == "web.port" and "service.http_port" in str(err.value)
    assert load(write(tmp_path, "[service]\nhttp_port = 8088\nhttp_host = '10.0.0.1'\n[web]\nport = 8088\n"
                                "host = '10.0.0.2'"), env={})


def test_a_pair_with_a_value_wrong_alone_reports_that_value_only(tmp_path):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, "[checkins]\ndefault_open_minutes = -1\ndefault_remind_minutes = 60"), env={})
    assert err.value.key == "checkins.default_open_minutes" and "default_remind" not in str(err.value)


def test_a_dashboard_port_without_its_public_address_is_a_warning_check_config_says(tmp_path, capsys, monkeypatch):
    """Trial 22b: only the start's log said that no sign-in link can be made; check-config said a bare "Config OK"."""
    from hearth.cli import main

    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path / "data"))
    config = tmp_path / "web.toml"
    config.write_text("[web]\nport = 8088\n", encoding="utf-8")
    assert main(["check-config", str(config)]) == 0
    said = capsys.readouterr()
    assert "Config OK" in said.out and "no sign-in link can be made" in said.err
    config.write_text('[web]\nport = 8088\npublic_url = "https://hearth.example.org"\n', encoding="utf-8")
    assert main(["check-config", str(config)]) == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("text, key, words, example", [
    # (a known section given a value: "not a setting Hearth knows" was untrue, it is a section Hearth knows)
    ("checkins = 5", "checkins", "is a section, not a setting", "[checkins] and on the next line"),
    # (a setting written as a table)
    ("[checkins.default_open_minutes]\nvalue = 60\nother = 1", "checkins.default_open_minutes",
     "is a setting, not a section: write it as one line under [checkins]", "default_open_minutes = 120"),
    ("[log_level]\nx = 1", "log_level", "at the top of the file, before any [section]", 'log_level = "INFO"'),
    # (the usual slip: a setting with no line of its section above it, or under another section)
    ("summary_floor = 3", "summary_floor", "`checkins.summary_floor` is, written under [checkins]",
     "summary_floor = 3"),
    ("[checkins]\nlog_level = 'INFO'", "checkins.log_level", "`log_level` is, written at the top of the file",
     'log_level = "INFO"'),
    ("[discord]\nport = 3000", "discord.port", "`web.port` and `slack.port` are, each under its own section",
     "port = "),
])
def test_a_known_name_in_the_wrong_place_says_where_it_goes(tmp_path, text, key, words, example):
    """Trial 23: `summary_floor = 3` without its [checkins] line got "`summary_floor` is not a setting Hearth knows.
    Example: see config.example.toml", and `checkins = 5` the same of a section Hearth knows."""
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, text), env={})
    assert err.value.key == key and words in err.value.problem and example in err.value.example, str(err.value)
    assert "not a setting Hearth knows." not in str(err.value)
    assert len(getattr(err.value, "errors", [err.value])) == 1  # (a table's several keys: said once)
