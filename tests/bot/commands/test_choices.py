"""A choice typed wrong is refused with the choices, naming its option: never taken as words, never a default."""

from __future__ import annotations

import pytest

from bot.commands.parse import _named_only, parse_line
from bot.commands.registry import Command, Option, validate_options
from bot.features import registry as composed
from bot.errors import UserError
from tests.conftest import actor, run, text

FEATURES = composed()  # every router of bot.features, as Hearth composes them


def _choice_options() -> list[tuple[Command, Option]]:
    return [(c, o) for c in FEATURES.commands.values() for o in c.options if o.choices]


def _slips(opt: Option) -> list[str]:
    """Words that were meant as one of `opt`'s choices but are none of them."""
    if all(c.value.isdigit() for c in opt.choices):
        return ["0", "9", "-1", "4.5"]
    return [opt.choices[0].value + "x", opt.choices[-1].value[:-1] + "q", *opt.mistaken]


def _valid(o: Option) -> str:
    return {"choice": o.choices[0].value if o.choices else "x", "int": "1", "file": "f.toml"}.get(o.kind, "x")


def _line_with(cmd: Command, opt: Option, word: str) -> str:
    """The command with `word` typed where `opt` goes: the options before it named, the required ones after too."""
    if _named_only(cmd, opt.name):  # after the option that takes the rest of the line: only ever key=value
        word = f"{opt.name}={word}"
    before = cmd.options[:cmd.options.index(opt)]
    named = [f"{o.name}={_valid(o)}" for o in before if o.kind != "file"]
    after = [f"{o.name}={_valid(o)}" for o in cmd.options[cmd.options.index(opt) + 1:] if o.required]
    return " ".join([cmd.name, *named, word, *after, "and", "more", "words"] if _free_text_after(cmd, opt)
                    else [cmd.name, *named, word, *after])


def _free_text_after(cmd: Command, opt: Option) -> bool:
    return any(o.kind == "text" or o.rest for o in cmd.options[cmd.options.index(opt) + 1:])


@pytest.mark.parametrize("cmd, opt", _choice_options(), ids=lambda x: getattr(x, "name", ""))
def test_a_slip_in_any_choice_is_refused_by_name(cmd, opt):
    for word in _slips(opt):
        line = _line_with(cmd, opt, word)
        with pytest.raises(UserError) as err:
            _, args = parse_line(FEATURES, line, known=("x",))  # (the check-in "x" is here: its name is known)
            validate_options(cmd, args)
        assert err.value.field == opt.name, line
        assert "must be one of" in str(err.value) and word.split("=")[-1] in str(err.value), line


@pytest.mark.parametrize("line, field, hint", [
    ("checkin answer 4 public oops", "visibility", "shared"),
    ("checkin answer 4 sharde hi", "visibility", "Did you mean shared?"),
    ("checkin answer 4 priv hi", "visibility", "Did you mean private?"),
    ("checkin answer 6 shared hi", "mood", "1, 2, 3, 4, 5"),
    ("mod settings nonsense 3", "key", "summary_floor"),
    ("mod settings summary_flor 3", "key", "Did you mean summary_floor?"),
    ("checkin join mornings maybe", "reminders", "yes, no"),
    ("reflect lisening", "theme", "Did you mean listening?"),
])
def test_the_refusal_names_the_option_and_the_likely_choice(line, field, hint):
    with pytest.raises(UserError) as err:
        cmd, args = parse_line(FEATURES, line, known=("mornings",))
        validate_options(cmd, args)
    assert err.value.field == field
    assert hint in str(err.value)


@pytest.mark.parametrize("line, args", [
    ("checkin answer 4 Slept well", {"mood": "4", "words": "Slept well"}),
    ("checkin answer 4 sharing is hard", {"mood": "4", "words": "sharing is hard"}),
    ("checkin answer 3 private public speaking went fine", {"mood": "3", "visibility": "private",
                                                             "words": "public speaking went fine"}),
])
def test_words_that_are_no_choice_stay_words(line, args):
    assert parse_line(FEATURES, line)[1] == args


async def test_public_oops_saves_nothing_and_says_which_are_valid(app, clock):
    from tests.bot.flows.test_checkins import open_round

    rnd = await open_round(app, clock)
    ann = actor("ann")
    with pytest.raises(UserError) as err:
        parse_line(app.registry, "checkin answer 4 public oops")
    assert "shared, anonymous, private" in str(err.value)
    assert await app.store.rounds.responses(rnd.id) == []
    # the same word as a named option, and in the form, is refused too
    assert "must be one of" in text(await run(app, ann, "checkin answer", mood="4", visibility="public"))
    form = (await run(app, ann, "checkin answer"))[0].form
    from tests.conftest import press

    refused = await press(app, ann, form.action, form.args, {"mood": "4", "words": "oops", "visibility": "public"},
                          kind="form")
    assert refused[0].error and refused[0].field == "visibility"
    assert await app.store.rounds.responses(rnd.id) == []


async def test_words_typed_without_a_mood_come_back_in_the_form(app, clock):
    from tests.bot.flows.test_checkins import open_round

    await open_round(app, clock)
    cmd, args = parse_line(app.registry, "checkin answer Slept well for once")
    [reply] = await run(app, actor("ann"), cmd.name, **args)
    assert reply.form is not None
    assert {f.name: f.default for f in reply.form.fields}["words"] == "Slept well for once"


async def test_mod_settings_refuses_an_unknown_setting_and_a_value_without_one(app):
    mod = actor("mia", moderator=True)
    cmd, args = parse_line(app.registry, "mod settings nonsense 3")
    out = await run(app, mod, cmd.name, **args)
    assert out[0].error and "must be one of" in text(out) and "summary_floor" in text(out)
    out = await run(app, mod, "mod settings", value="3")
    assert out[0].error and out[0].field == "key"
    out = await run(app, mod, "mod settings", key="default_region", value="gbb")
    assert out[0].error and out[0].field == "value" and "gb" in text(out)
    assert (await app.ensure_community("console:test")).settings.default_region is None


# -- option names, and choices in the reader's language -----------------------------------------------------


def test_an_unknown_option_name_suggests_the_one_meant_everywhere():
    """A choice typo gets a "did you mean"; so does a name: a misspelling, or a usual slip ("time" for when)."""
    edit = FEATURES.commands["mod schedule edit"]
    for line, meant in (("mod schedule edit mornings time=18:30", "when"),
                        ("mod schedule edit mornings timezon=UTC", "timezone")):
        with pytest.raises(UserError) as refused:
            parse_line(FEATURES, line)
        assert f"Did you mean {meant}?" in refused.value.reply().plain(), line
    with pytest.raises(UserError) as refused:
        validate_options(edit, {"name": "mornings", "time": "18:30"})
    assert "Did you mean when?" in refused.value.reply().plain()
    with pytest.raises(UserError) as refused:
        parse_line(FEATURES, "mod schedule edit mornings colour=blue")
    assert "Did you mean" not in refused.value.reply().plain()  # nothing close: no guess


def test_a_required_choice_of_a_few_shows_its_choices_in_usage_not_its_inner_name():
    lowmood = FEATURES.commands["me lowmood"]
    assert lowmood.usage() == "me lowmood <yes|no> [tell_moderator]"
    with pytest.raises(UserError) as refused:
        validate_options(lowmood, {})
    said = refused.value.reply().plain()
    assert "me lowmood needs yes or no." in said and "<on>" not in said and "|" not in said.split("Usage")[0]


def test_a_required_choice_is_named_naturally_in_every_language():
    """Not 'needs “off|on” (off or on)' nor 'braucht „reflection|checkin“': the choices, joined by the word for "or"."""
    from bot.i18n import speaking

    duty, add = FEATURES.commands["me lowmood"], FEATURES.commands["mod prompt add"]  # (`mod care duty` alone asks)
    wanted = {"en": "needs yes or no.", "de": "braucht yes oder no.", "es": "necesita yes o no.",
              "fr": "a besoin de yes ou no.", "pt": "precisa de yes ou no."}
    for lang, words in wanted.items():
        with speaking(lang), pytest.raises(UserError) as refused:
            validate_options(duty, {})
        said = refused.value.reply().plain()
        assert words in said and "“" not in said.split("`")[0] and "„" not in said.split("`")[0], (lang, said)
    with speaking("de"), pytest.raises(UserError) as refused:
        validate_options(add, {"text": "How are you?"})
    assert "braucht " in refused.value.reply().plain() and " oder " in refused.value.reply().plain()


async def test_an_unknown_theme_lists_the_themes_in_the_members_language_and_accepts_them(app):
    ann = actor("ann")
    await run(app, ann, "me language", language="es")
    said = text(await run(app, ann, "reflect", theme="amistad"))
    assert "Respeto (respect)" in said and "Escucha (listening)" in said, said
    given = text(await run(app, ann, "reflect", theme="respeto"))
    assert "Respeto" in given and "tienes que ser" not in given and "amistad" not in given


def test_a_refusal_names_an_option_as_people_type_it_never_an_inner_word():
    """`me lowmood maybe` said "“on” must be one of: yes, no": "on" named nothing anyone types or reads."""
    with pytest.raises(UserError) as err:
        cmd, args = parse_line(FEATURES, "me lowmood maybe")
        validate_options(cmd, args)
    assert "“opt_in” must be one of" in str(err.value) and "“on”" not in str(err.value)
    assert parse_line(FEATURES, "me lowmood on=yes")[1] == {"opt_in": "yes"}  # (the old name still taken)
    with pytest.raises(UserError) as err:  # a name of several words no longer leaves a word for `dm`
        cmd, args = parse_line(FEATURES, "checkin join late evening circle reminders=yes")
        validate_options(cmd, args)
        raise UserError("parsed")
    assert "“dm”" not in str(err.value)


def _two_way() -> list[tuple[Command, Option]]:
    return [(c, o) for c, o in _choice_options() if {ch.value for ch in o.choices} in ({"yes", "no"}, {"on", "off"})]


@pytest.mark.parametrize("cmd, opt", _two_way(), ids=lambda x: getattr(x, "name", ""))
@pytest.mark.parametrize("word, meant", [("yes", 0), ("on", 0), ("true", 0), ("no", 1), ("off", 1), ("false", 1)])
def test_a_two_way_choice_reads_either_pairs_words(cmd, opt, word, meant):
    """Trial 23: `mod care duty yes` got "“duty” must be one of: off, on", while `me lowmood on` was yes."""
    on, off = ("yes", "no") if {c.value for c in opt.choices} == {"yes", "no"} else ("on", "off")
    assert opt.choice_for(word) == (on, off)[meant], (cmd.name, opt.name, word)


async def test_mod_care_duty_yes_puts_the_moderator_on_duty(app):
    said = text(await run(app, actor("mia", moderator=True), "mod care duty", duty="yes"))
    assert "You're on duty." in said, said


@pytest.mark.parametrize("typed", ["٣", "۳", "３", "3"])
def test_a_choice_of_numbers_reads_a_digit_in_any_script_as_a_number_option_does(typed):
    """Trial 23: `checkin answer ٣` was refused ("“mood” must be one of: 1, 2, 3, 4, 5. You wrote “٣”") while
    `notes delete ٣` (a number option) was note 3, and a full-width "３" a 3."""
    [mood] = [o for o in FEATURES.commands["checkin answer"].options if o.name == "mood"]
    assert mood.choice_for(typed) == "3"
    [weeks] = [o for o in FEATURES.commands["mod insights show"].options if o.name == "weeks"]
    assert weeks.choice_for("١٢") == "12" and weeks.choice_for("٧") is None


async def test_a_mood_typed_in_arabic_indic_digits_is_taken_in_order(app, clock):
    from tests.bot.flows.test_checkins import open_round
    from tests.conftest import typed

    rnd = await open_round(app, clock)
    said = text(await typed(app, actor("ann"), "checkin answer ٣ shared thanks all"))
    assert "Thanks for checking in" in said, said
    answer = await app.store.rounds.response_of(rnd.id, "console:ann")
    assert (answer.mood, answer.visibility, answer.text) == (3, "shared", "thanks all")
