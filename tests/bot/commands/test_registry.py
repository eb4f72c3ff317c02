from bot.commands.parse import parse_line
from bot.commands.registry import Option, Registry, validate_options
from bot.commands.router import Router
from bot.features import registry as composed
from bot.errors import UserError
from bot.events import Choice, rich

import pytest

FEATURES = composed()  # every router of bot.features, as Hearth composes them


def test_rich_keeps_user_text_apart():
    r = rich("Hi **{}**, welcome", "<!channel> @everyone")
    assert r.plain() == "Hi <!channel> @everyone, welcome"
    assert r.to_json()[1] == ["u", "<!channel> @everyone"]


def test_missing_required_option_says_how():
    router = Router("test")

    @router.command("checkin join", "Join a check-in", Option("schedule", "the schedule's name", required=True),
                    example="checkin join mornings")
    async def join(app, ev):
        return []

    reg = Registry.of([router])

    with pytest.raises(UserError) as err:
        validate_options(reg.commands["checkin join"], {})
    assert "needs “schedule”" in str(err.value)
    assert "checkin join mornings" in str(err.value)


def test_choice_is_checked_and_normalised():
    router = Router("test")

    @router.command("reflect", "A prompt", Option("theme", "theme", kind="choice",
                                                   choices=(Choice("respect", "Respect"),)))
    async def reflect(app, ev):
        return []

    reg = Registry.of([router])

    cmd = reg.commands["reflect"]
    assert validate_options(cmd, {"theme": "RESPECT"}) == {"theme": "respect"}
    with pytest.raises(UserError):
        validate_options(cmd, {"theme": "nope"})


def test_moderation_is_at_stake_for_moderator_commands_their_buttons_and_their_confirmations():
    assert not FEATURES.may_need_moderator("command", "checkin status", {})
    assert FEATURES.may_need_moderator("command", "mod schedule list", {})
    assert FEATURES.may_need_moderator("action", "mod.schedule.save", {})
    assert not FEATURES.may_need_moderator("action", "reflect.another", {})
    assert FEATURES.may_need_moderator("action", "confirm", {"command": "mod schedule delete"})
    assert not FEATURES.may_need_moderator("action", "confirm", {"command": "me delete"})
    assert not FEATURES.may_need_moderator("action", "no such thing", {})


def test_under_and_near_find_a_groups_commands_and_likely_slips():
    router = Router("test")
    for name in ("checkin list", "checkin status", "reflect", "mod schedule create"):
        router.command(name, "x")(_noop)
    registry = Registry.of([router])
    assert [c.name for c in registry.under(["Checkin"])] == ["checkin list", "checkin status"]
    assert [c.name for c in registry.under(["mod"])] == ["mod schedule create"]
    assert registry.under(["checkin", "list"]) == [] and registry.under(["reflect"]) == []
    assert [c.name for c in registry.near(["checkin", "stat", "now"])] == ["checkin status"]
    assert [c.name for c in registry.near(["chekin", "list"])] == ["checkin list"]
    assert [c.name for c in registry.near(["reflet"])] == ["reflect"]
    assert registry.near(["checkin", "foo"]) == [] and registry.near(["dance"]) == []


async def _noop(app, ev):  # a handler to declare test commands with
    return []


@pytest.mark.parametrize("typed, read", [("4", "4"), ("٤", "4"), ("１２", "12"), ("-3", "-3"), ("#3", "3")])
def test_a_whole_number_in_any_script_reaches_the_flow_as_plain_digits(typed, read):
    """`int()` reads Arabic-Indic or full-width digits; the flow gets the number in ASCII, as from anyone else."""
    cmd, args = parse_line(composed(), f"me history weeks={typed}")
    assert validate_options(cmd, args)["weeks"] == read


@pytest.mark.parametrize("typed", ["²", "4.5", "four", "1e3", "#", "##3"])
def test_what_is_no_whole_number_is_refused_kindly(typed):
    cmd, args = parse_line(composed(), f"me history weeks={typed}")
    with pytest.raises(UserError, match="must be a whole number"):
        validate_options(cmd, args)


@pytest.mark.parametrize("typed, read", [("on", "yes"), ("OFF", "no"), ("true", "yes"), ("0", "no"), ("yes", "yes")])
def test_a_yes_no_choice_reads_yes_and_no_as_a_config_file_does(typed, read):
    """An outside trial: `me lowmood on` was refused ("must be one of: yes, no") where `mod care duty on` and the
    config file take on/off, true/false, 1/0."""
    cmd, args = parse_line(composed(), f"me lowmood {typed}")
    assert validate_options(cmd, args)["opt_in"] == read


# -- full-width and other compatibility forms (trial 20 D2) -----------------------------------------------------


def test_full_width_command_words_and_values_are_read_as_typed_in_ascii():
    """`ＨＥＬＰ`, `me region ＧＢ` and `checkin answer ３` were refused; a CJK keyboard types them so. NFKC reads
    them (never a member's own words: those stay as written)."""
    reg = composed()
    cmd, args = parse_line(reg, "ＨＥＬＰ")
    assert cmd.name == "help" and "command" not in args
    cmd, args = parse_line(reg, "ｍｅ ｒｅｇｉｏｎ ＧＢ")
    assert cmd.name == "me region" and validate_options(cmd, args) == {"region": "GB"}
    cmd, args = parse_line(reg, "checkin answer ３ ｓｈａｒｅｄ Ｆｕｌｌ ｗｏｒｄｓ")
    assert cmd.name == "checkin answer"
    assert validate_options(cmd, args) == {"mood": "3", "visibility": "shared", "words": "Ｆｕｌｌ ｗｏｒｄｓ"}


async def test_full_width_commands_run_on_the_real_store(app, clock):
    from tests.bot.flows.test_checkins import open_round
    from tests.conftest import actor, text, typed

    ann = actor("ann")
    assert "Region for support resources: United Kingdom" in text(await typed(app, ann, "me region ＧＢ"))
    rnd = await open_round(app, clock)
    await typed(app, ann, "checkin answer ３ private ｗｏｒｄｓ ａｓ ｔｙｐｅｄ")
    saved = await app.store.rounds.response_of(rnd.id, ann.user_id)
    assert saved.mood == 3 and saved.text == "ｗｏｒｄｓ ａｓ ｔｙｐｅｄ"


def test_choices_numbers_and_codes_are_read_without_what_shows_nothing():
    """trial22: "reflect \u202elistening" was refused with "You wrote “listening”. Did you mean listening?", and
    "me language \u200bes" with "I don't have texts in “es”": a zero-width space or a direction mark is part of no
    choice, number or code, and the refusal could not show it. A member's own words keep them, as typed."""
    reg = composed()
    cmd, args = parse_line(reg, "reflect \u202elist\u200bening")
    assert validate_options(cmd, args) == {"theme": "listening"}
    cmd, args = parse_line(reg, "me language \u200bes")
    assert validate_options(cmd, args) == {"language": "es"}
    cmd, args = parse_line(reg, "mod settings summary_floor \u200b3")
    assert validate_options(cmd, args)["value"] == "3"
    cmd, args = parse_line(reg, "checkin answer 3 pri\u200bvate a\u200bb")
    assert validate_options(cmd, args) == {"mood": "3", "visibility": "private", "words": "a\u200bb"}
    cmd, args = parse_line(reg, "help checkin\u200b join")
    assert cmd.name == "help" and validate_options(cmd, args)["command"] == "checkin join"


def test_a_path_is_read_exactly_as_typed():
    reg = composed()
    cmd = reg.commands["mod pack import"]
    assert validate_options(cmd, {"path": "~/ｐａｃｋ.toml"})["path"] == "~/ｐａｃｋ.toml"
