"""Settings from a TOML file, secrets from the environment.

Every setting is declared once below with its type, default and an example,
so a bad value fails at start with the key, what is wrong and a right value,
and `config.example.toml` can be checked against the same list.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from bot.content.toml import NotUtf8, decode_utf8, parse_toml, read_text_file  # noqa: F401  (NotUtf8, decode_utf8: the CLI's)
from bot.errors import ConfigError, ConfigErrors, ConfigFileError
from bot.models import MAX_SUMMARY_FLOOR, MIN_SUMMARY_FLOOR, RETENTION_DAYS, ROUND_MINUTES
from bot.store.postgres import URL_SCHEMES, is_postgres_url

DEFAULT_CONFIG_FILE = "hearth.toml"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
DATABASE_SCHEMES = (*URL_SCHEMES, "sqlite:///")


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    example: str
    check: Callable[[Any], str | None] | None = None
    limits: tuple[int, int | None] | None = None
    """The range Hearth keeps an amount within (lowest, and highest or None), as opposed to `check`, which refuses
    a value that is simply wrong. A whole number outside the range but not below 0 is brought to its nearest end
    with a warning (`Config.warnings`), never refused: a range may be narrowed between releases (summary_floor got
    a highest of 50), and a file the last release ran with must still start. Below 0 is no amount: refused.
    Every whole-number setting with a lowest above 1 or a highest has limits, not a check (tests/bot/test_config.py
    holds it to that); ports are no amounts (the nearest port is someone else's), so they keep their check."""


def _positive(v: Any) -> str | None:
    return None if v > 0 else "must be greater than 0"


def _at_least(n: int) -> Callable[[Any], str | None]:
    return lambda v: None if v >= n else f"must be at least {n}"


def _port(v: Any) -> str | None:
    return None if 0 <= v <= 65535 else "must be a port number between 0 and 65535"


def _level(v: Any) -> str | None:
    return None if str(v).upper() in LOG_LEVELS else f"must be one of {', '.join(LOG_LEVELS)}"


def _log_format(v: Any) -> str | None:
    return None if v in LOG_FORMATS else f"must be one of {', '.join(LOG_FORMATS)}"


def _timezone(v: Any) -> str | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        return f"is not a timezone I know (“{v}”); use an IANA name"
    return None


def _database_url(v: Any) -> str | None:
    """Only the stores Hearth has: caught here, so check-config refuses what start would."""
    if not v or str(v).startswith(DATABASE_SCHEMES):
        return None
    return "must start with postgresql:// (a PostgreSQL database) or sqlite:/// (a SQLite file)"


def _public_url(v: Any) -> str | None:
    """Where moderators reach the dashboard: the sign-in link starts with it."""
    if not v or str(v).startswith(("https://", "http://")):
        return None
    return "must start with https:// (or http:// for a dashboard on this machine only)"


#: A terminal member's name, wherever it comes from (`console.user`, `as NAME`, `NAME: …`): one word, a letter
#: first, then letters, digits, dots, dashes or underscores, at most 32 characters (Discord's longest name). So no
#: "@", "<@123>", ":" (a name is part of the member's id, `console:NAME`), space, control character or wall of text.
TERMINAL_NAME = re.compile(r"[A-Za-z][\w.-]{0,31}")
#: Names that would read as someone they aren't: a ping for everyone, Hearth itself, an anonymous answer's "Someone".
TERMINAL_NAMES_TAKEN = frozenset({"everyone", "here", "channel", "hearth", "someone"})


def terminal_name_problem(name: str) -> str | None:
    """Why `name` can't be a member's name in the terminal, or None: the one rule, for the setting and the terminal
    alike (the terminal says it kindly, in the speaker's language)."""
    if not TERMINAL_NAME.fullmatch(name):
        return ("must be one word of up to 32 letters, digits, dots, dashes or underscores, starting with a letter "
                "(no @, no spaces)")
    if name.lower() in TERMINAL_NAMES_TAKEN:
        return f"can't be {name!r}, which reads as someone else (everyone, here, channel, Hearth or Someone)"
    return None


def _terminal_name(v: Any) -> str | None:
    return terminal_name_problem(str(v))


def _shard_ids(v: Any) -> str | None:
    if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in v):
        return "must be shard numbers: whole numbers from 0, like [0, 1] or \"0,1\""
    if len(set(v)) != len(v):
        return "lists a shard twice"
    return None


#: The highest of the amounts Hearth turns into a length of time, or counts back through in the store: every such
#: amount has one, so none can run past the calendar (a care note's time "now minus 10**12 minutes" is before the
#: year 1) or the database's numbers, at start or later, on a path such as the crisis reply.
A_WEEK_IN_MINUTES = 7 * 24 * 60
A_YEAR_IN_HOURS = 365 * 24
AN_HOUR_IN_SECONDS = 60 * 60
#: How many past prompts or moods a setting may ask to look back through.
MAX_RECENT = 1000

SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", str, "", 'data_dir = "./hearth-data"'),
    Setting("database_url", str, "", 'database_url = "sqlite:///./hearth-data/hearth.db"', _database_url),
    Setting("database_pool_size", int, 10, "database_pool_size = 20", _positive),
    Setting("content_dir", str, "", 'content_dir = "./content"'),
    Setting("log_level", str, "INFO", 'log_level = "INFO"', _level),
    Setting("log_format", str, "text", 'log_format = "json"', _log_format),
    Setting("checkins.catch_up_grace_minutes", int, 60, "catch_up_grace_minutes = 60",
            limits=(0, A_WEEK_IN_MINUTES)),
    Setting("checkins.default_open_minutes", int, 120, "default_open_minutes = 120", limits=ROUND_MINUTES),
    Setting("checkins.default_remind_minutes", int, 30, "default_remind_minutes = 30", _at_least(0)),
    Setting("checkins.default_timezone", str, "UTC", 'default_timezone = "Europe/London"', _timezone),
    Setting("checkins.summary_floor", int, 3, "summary_floor = 3", limits=(MIN_SUMMARY_FLOOR, MAX_SUMMARY_FLOOR)),
    Setting("checkins.recent_prompts_to_avoid", int, 10, "recent_prompts_to_avoid = 10", limits=(0, MAX_RECENT)),
    Setting("reflections.recent_to_avoid", int, 8, "recent_to_avoid = 8", limits=(1, MAX_RECENT)),
    Setting("privacy.retention_days", int, 365, "retention_days = 365", limits=RETENTION_DAYS),
    Setting("safety.alert_cooldown_hours", int, 24, "alert_cooldown_hours = 24", limits=(1, A_YEAR_IN_HOURS)),
    Setting("safety.care_raise_after_minutes", int, 60, "care_raise_after_minutes = 60",
            limits=(5, A_WEEK_IN_MINUTES)),
    Setting("safety.low_mood_streak", int, 3, "low_mood_streak = 3", limits=(2, MAX_RECENT)),
    Setting("safety.low_mood_max", int, 2, "low_mood_max = 2", limits=(1, 4)),
    Setting("safety.model", bool, True, "model = false"),
    Setting("limits.events_per_minute", int, 20, "events_per_minute = 20", _positive),
    Setting("delivery.max_attempts", int, 8, "max_attempts = 8", _positive),
    Setting("delivery.per_second", float, 5.0, "per_second = 5.0", _positive),
    Setting("delivery.lease_seconds", int, 60, "lease_seconds = 60", limits=(1, AN_HOUR_IN_SECONDS)),
    Setting("service.stop_seconds", int, 10, "stop_seconds = 10", _at_least(1)),
    Setting("service.http_host", str, "127.0.0.1", 'http_host = "0.0.0.0"'),
    Setting("service.http_port", int, 0, "http_port = 9090", _port),
    Setting("web.host", str, "127.0.0.1", 'host = "127.0.0.1"'),
    Setting("web.port", int, 0, "port = 8088", _port),
    Setting("web.public_url", str, "", 'public_url = "https://hearth.example.org"', _public_url),
    Setting("web.trust_proxy", bool, False, "trust_proxy = true"),
    Setting("console.community", str, "console:local", 'community = "console:local"'),
    Setting("console.community_name", str, "Terminal community", 'community_name = "Our community"'),
    Setting("console.user", str, "you", 'user = "you"', _terminal_name),
    Setting("slack.host", str, "127.0.0.1", 'host = "0.0.0.0"'),
    Setting("slack.port", int, 3000, "port = 3000", _port),
    Setting("slack.api_url", str, "", 'api_url = "https://slack.com/api/"'),
    Setting("discord.api_url", str, "", 'api_url = "http://127.0.0.1:8080/api/v10"'),
    Setting("discord.dev_guild_id", str, "", 'dev_guild_id = "123456789012345678"'),
    Setting("discord.shard_count", int, 0, "shard_count = 2", _at_least(0)),
    Setting("discord.shard_ids", list, [], "shard_ids = [0, 1]", _shard_ids),
)
_BY_KEY = {s.key: s for s in SETTINGS}

#: Environment variables that override settings (secrets never live in the file).
ENV_OVERRIDES = {
    "HEARTH_DATA_DIR": "data_dir",
    "HEARTH_DATABASE_URL": "database_url",
    "HEARTH_HTTP_HOST": "service.http_host",
    "HEARTH_HTTP_PORT": "service.http_port",
    "HEARTH_STOP_SECONDS": "service.stop_seconds",
    "HEARTH_WEB_HOST": "web.host",
    "HEARTH_WEB_PORT": "web.port",
    "HEARTH_WEB_PUBLIC_URL": "web.public_url",
    "HEARTH_SLACK_HOST": "slack.host",
    "HEARTH_SLACK_PORT": "slack.port",
    "HEARTH_SLACK_API_URL": "slack.api_url",
    "HEARTH_DISCORD_API_URL": "discord.api_url",
    "HEARTH_DISCORD_SHARD_COUNT": "discord.shard_count",
    "HEARTH_DISCORD_SHARD_IDS": "discord.shard_ids",
    "HEARTH_SAFETY_MODEL": "safety.model",
}
#: The secret that turns each platform on; with none set, Hearth runs in the terminal.
PLATFORM_TOKENS = {"discord": "HEARTH_DISCORD_TOKEN", "slack": "HEARTH_SLACK_BOT_TOKEN"}
SECRET_ENV = (
    "HEARTH_DISCORD_TOKEN",
    "HEARTH_SLACK_BOT_TOKEN",
    "HEARTH_SLACK_APP_TOKEN",
    "HEARTH_SLACK_SIGNING_SECRET",
    "HEARTH_ENCRYPTION_KEY",
    "HEARTH_NEW_ENCRYPTION_KEY",
)


@dataclass(frozen=True)
class Config:
    values: dict[str, Any]
    secrets: dict[str, str] = field(default_factory=dict, repr=False)
    source: str | None = None
    origins: dict[str, str] = field(default_factory=dict)
    """Where each value that isn't a default came from: the file's path or `$VARIABLE`."""
    warnings: tuple[str, ...] = ()
    """One line for each value brought within its setting's limits (`Setting.limits`): what it was, what is used
    instead, and how to silence it. Said once, when Hearth (or one of its tools) starts with this config."""

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def data_dir(self) -> Path:
        return Path(self.values["data_dir"] or "./hearth-data").expanduser()

    @property
    def sqlite_path(self) -> Path:
        url = self.values["database_url"]
        if url.startswith("sqlite:///"):
            return Path(url[len("sqlite:///"):]).expanduser()
        return self.data_dir / "hearth.db"

    def secret(self, name: str) -> str | None:
        return self.secrets.get(name) or None

    @property
    def serves_a_platform(self) -> bool:
        """A Discord or Slack token is set: this Hearth serves people, not someone trying it in a terminal."""
        return any(self.secret(token) for token in PLATFORM_TOKENS.values())

    def with_values(self, **overrides: Any) -> "Config":
        values = dict(self.values)
        values.update({k.replace("__", "."): v for k, v in overrides.items()})
        return Config(values, self.secrets, self.source, self.origins, self.warnings)

    def origin(self, key: str) -> str:
        """Where a setting's value came from, for messages: "$HEARTH_DATA_DIR", "./hearth.toml", "the default"."""
        return self.origins.get(key, "the default")


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, full + "."))
        else:
            out[full] = value
    return out


def coerce(setting: Setting, value: Any, source: str | None, warnings: list[str] | None = None) -> Any:
    """Check one value's type and range; raise a ConfigError that teaches. The file and the environment are read
    by one rule (`read_as`): a value may be written as its own kind or as text, as an environment variable
    always holds it, so `model = true`, `model = "yes"`, `model = 1` and `HEARTH_SAFETY_MODEL=1` all mean the
    same, and `port = "8088"` is `port = 8088`. An amount outside its `limits` is brought within them, and what
    was used instead is added to `warnings`."""
    read = read_as(setting.kind, value)
    if read is _WRONG:
        raise ConfigError(setting.key, f"should be {_kind_name(setting.kind)}, not {_as_written(value)}",
                          setting.example, source)
    if setting.check:
        problem = setting.check(read)
        if problem:
            raise ConfigError(setting.key, problem, setting.example, source)
    if setting.limits:
        return _within(setting, read, source, warnings)
    return read


def _range_words(limits: tuple[int, int | None]) -> str:
    low, high = limits
    return f"between {low} and {high}" if high is not None else f"{low} or more"


def _within(setting: Setting, value: int, source: str | None, warnings: list[str] | None) -> int:
    """`value` brought within the setting's limits; a number below 0 is refused (no amount is negative)."""
    assert setting.limits is not None
    low, high = setting.limits
    if value < 0:
        raise ConfigError(setting.key, f"must be {_range_words(setting.limits)}", setting.example, source)
    used = max(low, value if high is None else min(value, high))
    if used != value and warnings is not None:
        side = "below the lowest" if value < low else "above the highest"
        where = f" in {source}" if source else ""
        wanted = ("a number " if high is not None else "") + _range_words(setting.limits)
        warnings.append(f"config{where}: `{setting.key}` is {value}, {side} Hearth allows ({used}), so {used} is "
                        f"used instead. To silence this warning, change it{where} to {wanted} (e.g. "
                        f"{setting.key.rpartition('.')[2]} = {used}).")
    return used


#: How a yes or no may be written, in the file or an environment variable (and 1 or 0 as a number, in the file).
_BOOLS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}
#: A whole number written as text: an optional sign, then digits (spaces around it are forgiven).
_WHOLE = re.compile(r"[+-]?\d+")
_WRONG = object()


def read_as(kind: type, value: Any) -> Any:
    """`value` as a setting of this kind, or `_WRONG`: the one reading of every setting's type. Text is read as the
    kind it stands for (a whole number, a number, a yes or no, a list of shards); a number where text is asked for,
    a fraction where a whole number is, or a number that is no number (nan, inf) is wrong."""
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        return _BOOLS.get(value.strip().lower(), _WRONG) if isinstance(value, str) else _WRONG
    if isinstance(value, bool):  # (a bool is an int to Python: never a number, text or list here)
        return _WRONG
    if kind is int:
        if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
            return int(value.strip())
        return value if isinstance(value, int) else _WRONG
    if kind is float:
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                return _WRONG
        return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else _WRONG
    if kind is list:
        value = _int_list(value) if isinstance(value, str) else value
        return value if isinstance(value, list) else _WRONG
    return value if isinstance(value, kind) else _WRONG


def _as_written(value: Any) -> str:
    """A value as the person wrote it in TOML (`true`, `"ten"`, `[0, 1]`), not as Python spells it (`True`,
    `'ten'`): the message quotes their own words back."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_as_written(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table (" + ", ".join(f"{k} = {_as_written(v)}" for k, v in value.items()) + ")"
    return str(value)


def _kind_name(kind: type) -> str:
    return {int: "a whole number", float: "a number", str: "text in quotes", bool: "true or false",
            list: "a list like [0, 1]"}.get(kind, kind.__name__)


def _int_list(text: str) -> list[int] | str:
    """ "0,1" (as an environment variable holds it) -> [0, 1]; anything else is left to fail the check."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return [int(p) for p in parts] if all(p.isdigit() for p in parts) else text


def _check_shards(values: dict[str, Any], source: str | None) -> None:
    """Shard ids only mean something against a total, and must fall inside it."""
    count, ids = values["discord.shard_count"], values["discord.shard_ids"]
    example = "shard_count = 2 and shard_ids = [0] (this process runs shard 0 of 2)"
    if ids and not count:
        raise ConfigError("discord.shard_ids", "needs discord.shard_count too (the number of shards across all "
                          "processes)", example, source)
    outside = [i for i in ids if i >= count]
    if outside:
        raise ConfigError("discord.shard_ids", f"has {outside[0]}, but with shard_count = {count} the shards are "
                          f"numbered 0 to {count - 1}", example, source)


#: Hosts that listen on every address: a port there is taken on each of the others too.
_EVERY_ADDRESS = ("", "0.0.0.0", "::")


def _together(values: dict[str, Any], origins: dict[str, str], source: str | None,
              wrong: set[str]) -> list[ConfigError]:
    """Settings each right alone that can't work together, named both, at load (so `check-config` says it, not a
    moderator's refusal later): a check-in's usual reminder must come before its usual round closes (every
    `mod schedule create` typed without `remind=` was refused, naming a reminder nobody there typed), and the
    health endpoint and the dashboard can't listen on one port of one host. A pair with a value wrong alone (left at
    its default, and reported) is not judged."""
    errors = []
    open_minutes, remind = values["checkins.default_open_minutes"], values["checkins.default_remind_minutes"]
    if remind and remind >= open_minutes and not wrong & {"checkins.default_open_minutes",
                                                           "checkins.default_remind_minutes"}:
        key = "checkins.default_remind_minutes"
        errors.append(ConfigError(key, f"is {remind}, but checkins.default_open_minutes is {open_minutes}: a round's "
                                  "reminder comes before it closes, so it must be less than default_open_minutes "
                                  "(or 0 for no reminder)", "default_open_minutes = 120 with default_remind_minutes "
                                  "= 30", origins.get(key) or origins.get("checkins.default_open_minutes") or source))
    port, web_port = values["service.http_port"], values["web.port"]
    hosts = {values["service.http_host"], values["web.host"]}
    if port and port == web_port and (len(hosts) == 1 or hosts & set(_EVERY_ADDRESS)) and not wrong & {
            "service.http_port", "web.port", "service.http_host", "web.host"}:
        errors.append(ConfigError("web.port", f"is {web_port}, the same port as service.http_port on the same host: "
                                  "each needs its own",
                                  "http_port = 9090 with port = 8088", origins.get("web.port")
                                  or origins.get("service.http_port") or source))
    return errors


def load(path: str | Path | None = None, env: dict[str, str] | None = None, given_as: str = "--config") -> Config:
    """Read the config: the given file, else ./hearth.toml if present, else defaults.

    Every wrong setting is reported at once (one ConfigError, or ConfigErrors
    for several). `given_as` names where `path` came from, for a missing file.
    """
    config, errors = load_all(path, env, given_as)
    if errors:
        raise errors[0] if len(errors) == 1 else ConfigErrors(errors)
    return config


def load_all(path: str | Path | None = None, env: dict[str, str] | None = None, given_as: str = "--config"
             ) -> tuple[Config, list[ConfigError]]:
    """The config with every wrong value left at its default, and what was wrong: so a check can go on to look
    at the rest (folders, files) and report everything at once. A file that can't be read raises."""
    env = dict(os.environ if env is None else env)
    raw: dict[str, Any] = {}
    source = None
    if path is None and Path(DEFAULT_CONFIG_FILE).is_file():
        path = DEFAULT_CONFIG_FILE
        source = path if Path(path).is_absolute() else f"./{path}"  # say where it was found
    elif path is not None:
        source = str(path)
    if path is not None:
        raw = read_toml(Path(path), given_as)
    values = {s.key: s.default for s in SETTINGS}
    origins: dict[str, str] = {}
    errors: list[ConfigError] = []
    warnings: list[str] = []

    def take(key: str, value: Any, where: str) -> None:
        try:
            values[key] = coerce(_BY_KEY[key], value, where, warnings)
            origins[key] = where
        except ConfigError as err:
            errors.append(err)

    for key, value in flatten(raw).items():
        if key not in _BY_KEY:
            unknown = _unknown_key(key, source)
            if not any(e.key == unknown.key and e.problem == unknown.problem for e in errors):  # (once per table)
                errors.append(unknown)
        else:
            take(key, value, source or "")
    for var, key in ENV_OVERRIDES.items():
        if env.get(var):
            take(key, env[var], f"${var}")
    values["log_level"] = str(values["log_level"]).upper()
    if not any(e.key.startswith("discord.shard") for e in errors):
        try:
            _check_shards(values, source)
        except ConfigError as err:
            errors.append(err)
    errors += _together(values, origins, source, {e.key for e in errors})
    if values["web.port"] and not values["web.public_url"]:  # (said by check-config too, not only in a start's log)
        warnings.append("`web.port` is set but `web.public_url` is not: the dashboard serves, but no sign-in link "
                        "can be made until it is. Example: public_url = \"https://hearth.example.org\"")
    secrets = {name: env[name] for name in SECRET_ENV if env.get(name)}
    return Config(values, secrets, source, origins, tuple(warnings)), errors


def read_toml(path: Path, given_as: str = "--config") -> dict[str, Any]:
    """The file's settings; a missing file is a ConfigError naming who pointed to it, any other problem (unreadable,
    not UTF-8, not TOML) one naming the file and, where there is one, the line and the column."""
    example = f"hearth {given_as.replace('FILE', '').strip()} ./hearth.toml"
    if not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        raise ConfigError(given_as, f"points to {path}, which {what}", example)
    text = read_text_file(path, "config file", error=lambda problem: ConfigFileError(str(path), problem))
    return parse_toml(text, str(path), error=lambda problem: ConfigFileError(str(path), problem, 'log_level = "INFO"'))


#: How alike a key's own name must be to a real one's to be offered ("prot" for port; not "foo" for model).
KEY_SLIP = 0.7
#: The sections settings are written under ([checkins], [safety], …).
SECTIONS = tuple(dict.fromkeys(s.key.rpartition(".")[0] for s in SETTINGS if "." in s.key))


def _home(setting: Setting) -> str:
    """Where a setting is written in the file: under its section's line, or at the top for one of no section."""
    section = setting.key.rpartition(".")[0]
    return f"under [{section}]" if section else "at the top of the file, before any [section]"


def _unknown_key(key: str, source: str | None) -> ConfigError:
    """A key that is no setting, said truly: a section given a value (`checkins = 5`), a setting written as a table
    (`[checkins.default_open_minutes]`) or a setting's name in another section than its own (`summary_floor = 3`
    with no [checkins] line above it, the usual slip) are known names in the wrong place, and say where they go;
    anything else is a setting Hearth doesn't know, with the real key it may be a slip for."""
    if key in SECTIONS:
        first = next(s for s in SETTINGS if s.key.startswith(key + "."))
        return ConfigError(key, f"is a section, not a setting: its settings go on their own lines under a [{key}] "
                                "line", f"[{key}] and on the next line {first.example}", source)
    if (setting := next((s for s in SETTINGS if key.startswith(s.key + ".")), None)) is not None:
        return ConfigError(setting.key, f"is a setting, not a section: write it as one line {_home(setting)}",
                           setting.example, source)
    name = key.rpartition(".")[2]
    if same := [s for s in SETTINGS if s.key.rpartition(".")[2] == name]:
        said = (f"`{same[0].key}` is, written {_home(same[0])}" if len(same) == 1 else
                " and ".join(f"`{s.key}`" for s in same) + " are, each under its own section")
        return ConfigError(key, f"is not a setting Hearth knows there: {said}", same[0].example, source)
    return ConfigError(key, "is not a setting Hearth knows", _closest_example(key), source)


def _closest_example(key: str) -> str:
    """A real key the typed one is a slip for, judged on the name after the section: the shared "safety." made
    `safety.foo` look like `safety.model` to a whole-key comparison."""
    import difflib

    section, _dot, name = key.rpartition(".")

    def alike(real: str) -> float:
        real_section, _d, real_name = real.rpartition(".")
        if real_section == section:
            return difflib.SequenceMatcher(None, name, real_name).ratio()
        return difflib.SequenceMatcher(None, key, real).ratio() if real_section and section else 0.0

    best = max(_BY_KEY, key=alike)
    if alike(best) >= KEY_SLIP:
        return f"did you mean `{best}`? e.g. {_BY_KEY[best].example}"
    return "see config.example.toml for every setting"
