"""help: the whole list, one command, a group's commands, and what a slip was likely for."""

from __future__ import annotations

import dataclasses

from bot.features import registry as composed_registry
from tests.conftest import actor, run, text, typed


async def test_one_command_shows_its_usage_and_example(app):
    [reply] = await run(app, actor("ann"), "help", command="checkin join mornings")  # extra words: still that one
    assert "Usage: `checkin join <schedule> [reminders] [dm]`" in reply.plain()
    assert "Example: `checkin join mornings reminders=yes`" in reply.plain() and not reply.error


async def test_a_groups_words_list_its_commands_members_see_only_theirs(app):
    [reply] = await run(app, actor("ann"), "help", command="checkin")
    assert not reply.error
    assert [line.split(" — ")[0] for line in reply.plain().splitlines()[1:-1]] == [
        "• checkin list", "• checkin join", "• checkin leave", "• checkin status", "• checkin answer"]
    [mod] = await run(app, actor("ann"), "help", command="mod schedule")
    assert mod.error and "mod schedule create" not in mod.plain()  # hidden from members, as in the full list
    [mod] = await run(app, actor("max", moderator=True), "help", command="mod schedule")
    assert "• mod schedule create" in mod.plain() and "• mod schedule delete" in mod.plain()
    assert "mod prompt add" not in mod.plain()


async def test_a_slip_gets_did_you_mean(app):
    for typed, meant in [("checkin stat", "checkin status"), ("chekin status", "checkin status"),
                         ("me histroy", "me history"), ("reflet", "reflect"), ("notes lsit", "notes list")]:
        [reply] = await run(app, actor("ann"), "help", command=typed)
        assert reply.error
        assert reply.plain() == f"I don't know the command “{typed}”. Did you mean {meant}?"
    for hidden in ("mod schedule craete", "mod", "mod schedule"):  # members can't tell these from nonsense
        assert text(await run(app, actor("ann"), "help", command=hidden)) == \
            f"I don't know the command “{hidden}”. help lists them all."
    [slip] = await run(app, actor("max", moderator=True), "help", command="mod schedule craete")
    assert slip.plain().endswith("Did you mean mod schedule create?")


async def test_unknown_words_in_a_group_list_the_group_and_others_point_to_help(app):
    [reply] = await run(app, actor("ann"), "help", command="checkin foo")
    assert reply.error and "Did you mean" not in reply.plain()  # "foo" is no slip for "join"
    assert "The checkin commands are:" in reply.plain() and "• checkin status" in reply.plain()
    assert text(await run(app, actor("ann"), "help", command="frobnicate")) == \
        "I don't know the command “frobnicate”. help lists them all."


async def test_typed_braces_stay_text_and_blank_words_get_the_whole_list(app):
    [reply] = await run(app, actor("ann"), "help", command="checkin {} {name}")
    assert reply.plain().startswith("I don't know the command “checkin {} {name}”.")
    [reply] = await run(app, actor("ann"), "help", command="checkin {} {0}")  # ("{0}" has a digit: not named)
    assert reply.plain().startswith("I don't know the command “checkin {}”.")
    [whole] = await run(app, actor("ann"), "help", command="   ")
    assert whole.plain().startswith("Hearth helps") and "• " not in whole.plain()


async def test_a_slip_in_a_groups_word_points_to_the_group_for_those_who_may_use_it(app):
    assert text(await run(app, actor("ann"), "help", command="chekin foo")) == \
        "I don't know the command “chekin foo”. Did you mean checkin? On its own, it lists its commands."
    assert text(await run(app, actor("ann"), "help", command="modd")) == \
        "I don't know the command “modd”. help lists them all."  # a moderators' word: members get the plain refusal
    assert "Did you mean mod?" in text(await run(app, actor("max", moderator=True), "help", command="modd"))


async def test_examples_speak_the_members_language_and_still_work_as_typed(app):
    """An example's free words are translated; its command and option words stay English, so it still parses."""
    from bot.commands.parse import parse_line
    from bot.i18n import gettext_in

    for cmd in app.registry.commands.values():
        if not cmd.example:
            continue
        english, english_args = parse_line(app.registry, cmd.example)
        rest = [o.name for o in cmd.options if o.rest]
        for lang in ("es", "de", "fr", "pt"):
            shown = gettext_in(lang, cmd.example)
            typed, args = parse_line(app.registry, shown)
            assert typed is english, (lang, shown)
            assert {k: v for k, v in args.items() if k not in rest} == {
                k: v for k, v in english_args.items() if k not in rest}, (lang, shown)
    ann = dataclasses.replace(actor("ann"), locale="de")
    [reply] = await run(app, ann, "help", command="note")
    assert "note Ich möchte früher um Hilfe bitten" in reply.plain()
    assert "ask for help sooner" not in reply.plain()


async def test_help_never_says_optional_twice_and_an_edit_keeps_what_it_leaves_out(app):
    ann = actor("ann")
    answer = text(await run(app, ann, "help", command="checkin answer"))
    assert "• words (optional): what you'd like to say" in answer and "say (optional)" not in answer
    for cmd in composed_registry().commands.values():
        for o in cmd.options:
            assert "(optional)" not in o.description, (cmd.name, o.name)  # help says it, for every optional one
    edit = text(await run(app, actor("mia", moderator=True), "help", command="mod schedule edit"))
    assert "(default: the check-in's own)" in edit and "yours" not in edit and "(default 2h)" not in edit
    create = text(await run(app, actor("mia", moderator=True), "help", command="mod schedule create"))
    assert "(default: yours)" in create


async def test_a_new_check_ins_defaults_in_help_are_this_hearths_own(tmp_path, clock, database_url):
    """An operator who set rounds to 90 minutes and reminders to 15 sees that in help and in the form, not the
    shipped 2h and 30m."""
    from bot.app import Hearth
    from bot.commands.forms import command_form
    from bot.config import load

    config = load(env={"HEARTH_DATA_DIR": str(tmp_path / "data"), "HEARTH_DATABASE_URL": database_url})
    hearth = await Hearth.open(config.with_values(checkins__default_open_minutes=90,
                                                  checkins__default_remind_minutes=15), clock)
    try:
        mia = actor("mia", moderator=True)
        shown = text(await run(hearth, mia, "help", command="mod schedule create"))
        assert "(default 1h30m)" in shown and "(default 15m)" in shown
        assert "(default 2h)" not in shown and "(default 30m)" not in shown and "{default" not in shown
        form = await command_form(hearth, mia, hearth.registry.commands["mod schedule create"])
        fields = {f.name: f for f in form.fields}
        assert fields["open"].default == "1h30m" and "(default 1h30m)" in (fields["open"].placeholder or "")
    finally:
        await hearth.close()


def test_no_description_states_a_default_that_config_may_change_and_every_fact_is_known():
    """A default written into a description ("default 2h") would stay when an operator changes it; a fact named
    in one must be one Hearth fills in, or people would read "{default_open}"."""
    import re

    from bot.flows.moderate_schedules import usual_durations
    from bot.config import load

    known = set(usual_durations(load(env={})))
    for cmd in composed_registry().commands.values():
        for o in cmd.options:
            assert not re.search(r"default:? \d+\s*[smhd]\b", o.description), (cmd.name, o.name, o.description)
            assert set(re.findall(r"\{([a-z_]+)\}", o.description)) <= known, (cmd.name, o.name)


async def test_a_mood_or_a_time_after_a_slip_is_no_part_of_the_command_named(app):
    """Trial 19: "checkin answr 2 shared …" was "I don't know the command “checkin answr 2”"."""
    said = text(await typed(app, actor("ann"), "checkin answr 2 shared long day"))
    assert "“checkin answr”. Did you mean checkin answer?" in said and "answr 2" not in said
    said = text(await typed(app, actor("ann"), "mod schedul 18:00"))
    assert "“mod schedul”" in said and "18:00" not in said

