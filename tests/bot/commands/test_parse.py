import pytest

from bot.commands.parse import parse_line, trimmed
from bot.features import registry as composed
from bot.errors import UserError

FEATURES = composed()  # every router of bot.features, as Hearth composes them


@pytest.mark.parametrize("line, name, args", [
    ("checkin answer 4 anonymous Slept well", "checkin answer",
     {"mood": "4", "visibility": "anonymous", "words": "Slept well"}),
    ("checkin answer 4 Slept well", "checkin answer", {"mood": "4", "words": "Slept well"}),
    ("checkin answer 3 private schedule=mornings", "checkin answer",
     {"mood": "3", "visibility": "private", "schedule": "mornings"}),
    ("checkin join mornings reminders=yes", "checkin join", {"schedule": "mornings", "reminders": "yes"}),
    ("mod schedule create mornings #general weekdays 09:00 timezone=Europe/Berlin", "mod schedule create",
     {"name": "mornings", "channel": "#general", "when": "weekdays 09:00", "timezone": "Europe/Berlin"}),
    ("reflect listening", "reflect", {"theme": "listening"}),
    ("help checkin join", "help", {"command": "checkin join"}),
    ("note I'm glad I asked", "note", {"text": "I'm glad I asked"}),
    ("mod pack import ~/our prompts.toml", "mod pack import", {"path": "~/our prompts.toml"}),
])
def test_lines_bind_to_options(line, name, args):
    cmd, got = parse_line(FEATURES, line)
    assert cmd.name == name
    assert got == args


def test_unknown_words_go_to_help_which_knows_who_asks_and_what_they_were_for():
    """The whole line goes, not its first words: a line that is no command may be someone talking to Hearth, and
    the care screen reads all of it ("I want to" alone is nothing; "I want to die" is)."""
    for line, wanted in [("checkin", "checkin"), ("mod schedule", "mod schedule"), ("checkin stat", "checkin stat"),
                         ("me histroy please now", "me histroy please now"), ("checkin foo bar", "checkin foo bar"),
                         ("frobnicate now", "frobnicate now"), ("I want to die", "I want to die"),
                         ("i'm going to end it tonight", "i'm going to end it tonight")]:
        cmd, args = parse_line(FEATURES, line)
        assert (cmd.name, args) == ("help", {"command": wanted})


def test_a_line_refused_before_it_runs_gives_back_the_words_of_a_command_that_takes_words():
    """A typed line is gone once sent: the refusal carries its words, so nobody has to write them again."""
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, "checkin answer 7 It was a long day, and I'd like to say so")
    reply = err.value.reply()
    assert reply.error and reply.field == "mood" and "must be one of" in reply.plain()
    assert reply.plain().endswith("What you typed, so you can use it again:_\n7 It was a long day, and I'd like to say so")
    assert str(err.value) == reply.plain()
    with pytest.raises(UserError) as err:  # a command that takes no words has none to give back
        parse_line(FEATURES, "checkin status please")
    assert "What you typed" not in str(err.value)


@pytest.mark.parametrize("line, args", [
    ("note I'm sure it's fine", {"text": "I'm sure it's fine"}),  # (a shell pairs the apostrophes up as quotes)
    ("note J'ai peur qu'il parte", {"text": "J'ai peur qu'il parte"}),
    ('note she said "no"  and I listened', {"text": 'she said "no"  and I listened'}),
    ("note C:\\Users\\me is where I keep it", {"text": "C:\\Users\\me is where I keep it"}),
    ('note "held together"', {"text": "held together"}),  # one word quoted whole: the quotes only held it
    ("checkin answer 4 anonymous I'm ok, it's fine schedule=mornings",
     {"mood": "4", "visibility": "anonymous", "words": "I'm ok, it's fine", "schedule": "mornings"}),
    ("mod prompt add checkin listening light What's one thing you'd like heard?",
     {"kind": "checkin", "theme": "listening", "depth": "light", "text": "What's one thing you'd like heard?"}),
])
def test_a_commands_own_words_are_taken_as_typed(line, args):
    """Free words are the person's: taken from the line as typed, not as a shell would split and rejoin them."""
    assert parse_line(FEATURES, line)[1] == args


def test_too_many_words_are_explained():
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, "checkin status please")
    assert "Usage" in str(err.value)


@pytest.mark.parametrize("line, name, args", [
    ("mod care", "mod care list", {}),
    ("mod care list", "mod care list", {}),
    ("mod care duty off", "mod care duty", {"duty": "off"}),
    ("mod insights", "mod insights show", {}),
    ("mod insights weeks=12", "mod insights show", {"weeks": "12"}),
    ("mod insights mornings", "mod insights show", {"schedule": "mornings"}),
    ("mod insights export weeks=52", "mod insights export", {"weeks": "52"}),
    ("mod care lst", "help", {"command": "mod care lst"}),  # a slip for a command of the group: help says which
    ("mod insights expor", "help", {"command": "mod insights expor"}),
])
def test_a_group_typed_alone_runs_the_command_that_stands_for_it(line, name, args):
    """Discord can't have "mod care" be a command and a group; typed (terminal, Slack), it can."""
    cmd, got = parse_line(FEATURES, line)
    assert (cmd.name, got) == (name, args)


def test_a_group_typed_alone_stands_for_one_command_only():
    from bot.commands.registry import Registry
    from bot.commands.router import Router

    one, two = Router("one"), Router("two")

    async def handler(app, ev):
        return None

    one.command("mod thing list", "List.", bare=True)(handler)
    two.command("mod thing show", "Show.", bare=True)(handler)
    with pytest.raises(ValueError, match="mod thing"):
        Registry.of([one, two])


@pytest.mark.parametrize("line, command, option, back", [
    # (a slip: once saved silently as the answer's words)
    ("checkin answer 3 visibilidad=privado", "checkin answer", "visibilidad", "3 visibilidad=privado"),
    ("checkin answer 3 visibilidad=privado Slept well", "checkin answer", "visibilidad",
     "3 visibilidad=privado Slept well"),
    ("checkin answer 3 shared Visibility=anonymous", "checkin answer", "Visibility", "3 shared Visibility=anonymous"),
    ("note x=1 is my guess", "note", "x", "x=1 is my guess"),
    ("checkin join mornings reminder=yes", "checkin join", "reminder", None),  # (no words of theirs to give back)
])
def test_a_name_no_option_has_is_refused_where_options_go_naming_the_options_and_giving_the_words_back(
        line, command, option, back):
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, line)
    said = err.value.reply().plain()
    assert said.startswith(f"{command} has no option “{option}”. Usage: `{FEATURES.commands[command].usage()}`")
    if back is None:
        assert "What you typed" not in said
    else:
        assert said.endswith("What you typed, so you can use it again:_\n" + back)


@pytest.mark.parametrize("line, args", [
    ("note 2+2=4 is fine", {"text": "2+2=4 is fine"}),  # not a name: never an option
    ("note I think x=1 is right", {"text": "I think x=1 is right"}),  # once words have begun, all are words
    ("checkin answer 3 Slept well, ratio=2:1 at last", {"mood": "3", "words": "Slept well, ratio=2:1 at last"}),
    ("checkin answer 3 shared Slept well, ratio=2:1 at last",
     {"mood": "3", "visibility": "shared", "words": "Slept well, ratio=2:1 at last"}),
    ("note 'x=1 is my guess'", {"text": "x=1 is my guess"}),  # quoted from its start: words
    ("checkin answer 3 visibility=shared Slept well", {"mood": "3", "visibility": "shared", "words": "Slept well"}),
])
def test_an_equals_sign_in_someones_words_stays_theirs(line, args):
    cmd, got = parse_line(FEATURES, line)
    assert got == args


@pytest.mark.parametrize("line, args", [
    # A `key=` value keeps its spaces, up to the next `key=` word: no word of it is lost or moved elsewhere.
    ("mod prompt edit own-growth-01 text=How have you grown?", {"id": "own-growth-01", "text": "How have you grown?"}),
    ("mod prompt edit 1 text=@everyone check in now!", {"id": "1", "text": "@everyone check in now!"}),
    ("mod prompt edit 1 text=I'm glad, it's fine", {"id": "1", "text": "I'm glad, it's fine"}),
    ('mod prompt edit 1 text="How have you grown?"', {"id": "1", "text": "How have you grown?"}),
    ("mod prompt edit text=What does a=b mean? id=2", {"id": "2", "text": "What does a=b mean?"}),
    ("mod prompt add checkin growth light text=How do you grow?",
     {"kind": "checkin", "theme": "growth", "depth": "light", "text": "How do you grow?"}),
    ("mod schedule edit t when=daily 10:00", {"name": "t", "when": "daily 10:00"}),
    ("mod schedule edit t when=weekdays 09:30 timezone=Europe/Berlin",
     {"name": "t", "when": "weekdays 09:30", "timezone": "Europe/Berlin"}),
    ("mod schedule edit t rename=evening circle", {"name": "t", "rename": "evening circle"}),
    ('mod schedule edit t rename="evening circle" when=daily 10:00',
     {"name": "t", "rename": "evening circle", "when": "daily 10:00"}),
    ("mod schedule pause t until=next monday", {"name": "t", "until": "next monday"}),
    ("me snooze until=next monday", {"until": "next monday"}),
    ("checkin answer 4 words=I'm fine, really schedule=mornings",
     {"mood": "4", "words": "I'm fine, really", "schedule": "mornings"}),
    # … a choice, number, channel or timezone is one word, and the words a command needs still go where they go:
    ("checkin answer 4 visibility=shared Slept well", {"mood": "4", "visibility": "shared", "words": "Slept well"}),
    ("mod schedule create name=t #general daily 09:00", {"name": "t", "channel": "#general", "when": "daily 09:00"}),
    ("mod schedule create t #general open=1h daily 09:00",
     {"name": "t", "channel": "#general", "open": "1h", "when": "daily 09:00"}),
    ("mod schedule create t #general timezone=UTC daily 09:00",
     {"name": "t", "channel": "#general", "timezone": "UTC", "when": "daily 09:00"}),
    ("checkin answer 4 schedule=mornings Slept well", {"mood": "4", "schedule": "mornings", "words": "Slept well"}),
])
def test_a_named_value_keeps_every_word_up_to_the_next_name(line, args):
    assert parse_line(FEATURES, line)[1] == args


def test_a_slip_inside_a_named_time_is_still_refused_by_name():
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, "mod schedule edit t when=daily 10:00 timezon=UTC")
    assert "has no option “timezon”" in str(err.value) and "Did you mean timezone?" in str(err.value)
    from bot.commands.registry import validate_options
    cmd, args = parse_line(FEATURES, "checkin join schedule=x nq", known=("x",))  # a choice slip after a name is the choice's…
    assert args == {"schedule": "x", "reminders": "nq"}
    with pytest.raises(UserError) as err:  # … refused with the choices
        validate_options(cmd, args)
    assert "must be one of" in str(err.value)


@pytest.mark.parametrize("line, args", [
    ("checkin join schedule=late evening circle", {"schedule": "late evening circle"}),
    ("checkin join late evening circle reminders=yes", {"schedule": "late evening circle", "reminders": "yes"}),
    ("checkin join late evening circle yes no", {"schedule": "late evening circle", "reminders": "yes", "dm": "no"}),
    ("checkin leave late evening circle", {"schedule": "late evening circle"}),
    ("mod schedule create night owls #general weekdays 21:00",
     {"name": "night owls", "channel": "#general", "when": "weekdays 21:00"}),
    ("mod schedule create name=evening circle #general weekdays 18:00",
     {"name": "evening circle", "channel": "#general", "when": "weekdays 18:00"}),
    ("mod schedule skip late evening circle 2027-01-04", {"name": "late evening circle", "date": "2027-01-04"}),
    ("mod schedule skip late evening circle dec 25", {"name": "late evening circle", "date": "dec 25"}),
    ("mod schedule edit late evening circle weekdays 10:00", {"name": "late evening circle", "when": "weekdays 10:00"}),
    ("mod schedule pause late evening circle until 6 jan", {"name": "late evening circle", "until": "until 6 jan"}),
    ("mod schedule note weekly We moved the call", {"name": "weekly", "text": "We moved the call"}),
    ("mod schedule create night owls general weekdays 21:00",  # (a channel without its #: the word before the time)
     {"name": "night owls", "channel": "general", "when": "weekdays 21:00"}),
])
def test_a_name_runs_up_to_the_first_word_that_can_only_be_the_next_option(line, args):
    """The README's rule, for every command with a name: unquoted, a name keeps its spaces up to a #channel, a
    schedule's word, a date or time, a key= or a choice that follows it."""
    assert parse_line(FEATURES, line)[1] == args


def test_a_name_known_here_is_taken_whole_and_no_further():
    assert parse_line(FEATURES, "checkin join mornings maybe", known=("mornings",))[1] == {
        "schedule": "mornings", "reminders": "maybe"}
    assert parse_line(FEATURES, "mod schedule note late evening We moved", known=("Late Evening",))[1] == {
        "name": "late evening", "text": "We moved"}
    assert parse_line(FEATURES, "checkin join schedule=monday crew yes", known=("monday crew",))[1] == {
        "schedule": "monday crew", "reminders": "yes"}


@pytest.mark.parametrize("line, args", [
    ("checkin answer circle", {"schedule": "circle"}),
    ("checkin answer 4 circle", {"mood": "4", "schedule": "circle"}),
    ("checkin answer 4 shared circle", {"mood": "4", "visibility": "shared", "schedule": "circle"}),
    ("checkin answer circle 4 shared", {"mood": "4", "visibility": "shared", "schedule": "circle"}),
    ("checkin answer 4 circle anonymous", {"mood": "4", "visibility": "anonymous", "schedule": "circle"}),
    ("checkin answer late evening circle 3", {"mood": "3", "schedule": "late evening circle"}),
    ("checkin answer CIRCLE mood=2", {"mood": "2", "schedule": "CIRCLE"}),
    # A name that is no check-in here is words.
    ("checkin answer 4 mornings", {"mood": "4", "words": "mornings"}),
])
def test_a_check_in_name_typed_among_an_answers_options_is_the_check_in_never_the_members_words(line, args):
    """trial15 §9: "checkin answer circle" put "circle" in the words field, and "checkin answer 4 circle" saved it
    as the member's words (and with `shared`, posted it under their name). A name one of this community's
    check-ins has is taken whole, as the check-in, wherever it stands among the options."""
    assert parse_line(FEATURES, line, known=("circle", "Late Evening Circle", "evening"))[1] == args


KNOWN = ("circle", "Late Evening Circle", "evening")


@pytest.mark.parametrize("line, args", [
    # trial16 §3: the name among the choices took the words with it, and a visibility after it was dropped.
    ("checkin answer 2 circle shared thanks all",
     {"mood": "2", "schedule": "circle", "visibility": "shared", "words": "thanks all"}),
    ("checkin answer 4 shared circle I feel good today",
     {"mood": "4", "visibility": "shared", "schedule": "circle", "words": "I feel good today"}),
    ("checkin answer shared 4 circle", {"visibility": "shared", "mood": "4", "schedule": "circle"}),
    ("checkin answer anonymous 3 hi there", {"visibility": "anonymous", "mood": "3", "words": "hi there"}),
    ("checkin answer late evening circle private 5 ok", {"schedule": "late evening circle", "visibility": "private",
                                                         "mood": "5", "words": "ok"}),
    # The documented rule where a name could be the first of the words: among the choices it is the check-in …
    ("checkin answer 4 circle was lovely", {"mood": "4", "schedule": "circle", "words": "was lovely"}),
    # … and `words=` (or quotes) keeps it theirs.
    ("checkin answer 4 words=circle was lovely", {"mood": "4", "words": "circle was lovely"}),
    ('checkin answer 4 "circle was lovely"', {"mood": "4", "words": "circle was lovely"}),
    # From the first word that is none of the choices, every word is theirs: a name, a mood, a visibility.
    ("checkin answer 2 shared I feel good circle", {"mood": "2", "visibility": "shared", "words": "I feel good circle"}),
    ("checkin answer 2 private my words circle shared", {"mood": "2", "visibility": "private",
                                                         "words": "my words circle shared"}),
    ("checkin answer 4 5 stars", {"mood": "4", "words": "5 stars"}),  # (a choice given already ends them)
    ("checkin answer schedule=circle circle 4 hi", {"schedule": "circle", "words": "circle 4 hi"}),
    ("checkin answer 4 Slept well", {"mood": "4", "words": "Slept well"}),
])
def test_an_answers_choices_come_first_in_any_order_and_the_first_other_word_starts_the_words(line, args):
    assert parse_line(FEATURES, line, known=KNOWN)[1] == args


@pytest.mark.parametrize("line, option", [
    ("checkin answer shared 4 mood=3", "mood"),  # (in any order, given twice is still twice)
    ("checkin answer circle schedule=circle", "schedule"),
])
def test_a_choice_given_in_any_order_and_by_name_too_is_asked_about(line, option):
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, line, known=KNOWN)
    assert err.value.field == option and "twice" in str(err.value)


@pytest.mark.parametrize("line, option", [
    ("checkin answer circle 4 sharedd hi", "visibility"),
    ("checkin answer shared 6 hi", "mood"),
    ("checkin answer shared circle 9 ok", "mood"),
])
def test_a_slip_among_choices_in_any_order_is_asked_about_before_anything_is_saved(line, option):
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, line, known=KNOWN)
    assert err.value.field == option and "Nothing was done yet" in str(err.value)


def test_help_and_usage_give_an_answers_choices_in_the_order_they_are_typed():
    cmd = FEATURES.commands["checkin answer"]
    assert cmd.usage() == "checkin answer [mood] [visibility] [schedule] [words]"
    # every other command's usage is its options as declared
    assert all(c.typed_order() == c.options for c in FEATURES.commands.values() if c is not cmd)


@pytest.mark.parametrize("line, option, guess", [
    ("mod schedule create m #general daily 09:00 foo=bar", "foo", None),
    ("mod schedule create m #general daily 09:00 open_for=0", "open_for", "open"),
    ("mod schedule edit m daily 09:00 remnd=0", "remnd", "remind"),
])
def test_an_unknown_key_after_a_time_is_refused_by_name_not_read_as_the_time(line, option, guess):
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, line)
    said = str(err.value)
    assert f"has no option “{option}”" in said and "as a time" not in said
    assert (f"Did you mean {guess}?" in said) if guess else "Did you mean" not in said


@pytest.mark.parametrize("line, option", [
    ("checkin answer mood=4 mood=5", "mood"),
    ("checkin answer 4 words=hello visibility=shared visibility=private", "visibility"),
])
def test_an_option_given_twice_is_refused_by_name_never_kept_as_words(line, option):
    """An outside trial: the second "mood=5" was posted, shared, as someone's words."""
    with pytest.raises(UserError, match=f"You gave “{option}” twice"):
        parse_line(composed(), line)
@pytest.mark.parametrize("line, args", [
    # `key = value` with spaces around "=" (or on one side) is `key=value`, wherever options go …
    ("mod schedule create name = mornings #general weekdays 09:00", {"name": "mornings", "channel": "#general",
                                                                     "when": "weekdays 09:00"}),
    ("mod schedule create name= mornings channel =#general when = daily 10:00 timezone = Europe/Berlin",
     {"name": "mornings", "channel": "#general", "when": "daily 10:00", "timezone": "Europe/Berlin"}),
    ('mod schedule create name = "evening circle" #general daily 10:00',
     {"name": "evening circle", "channel": "#general", "when": "daily 10:00"}),
    ("mod schedule edit t rename = evening circle", {"name": "t", "rename": "evening circle"}),
    ("checkin join mornings reminders = yes", {"schedule": "mornings", "reminders": "yes"}),
    ("checkin answer 4 visibility = private Slept well", {"mood": "4", "visibility": "private",
                                                         "words": "Slept well"}),
    ("mod prompt edit own-growth-01 text = How have you grown?", {"id": "own-growth-01",
                                                                  "text": "How have you grown?"}),
    # … a setting's name and its value, spaced or not, are the two in order …
    ("mod settings language = fr", {"key": "language", "value": "fr"}),
    ("mod settings language=fr", {"key": "language", "value": "fr"}),
    ("mod settings crisis_screen =phrases", {"key": "crisis_screen", "value": "phrases"}),
    # … and an "=" inside someone's words stays theirs.
    ("checkin answer 4 my mood = tired", {"mood": "4", "words": "my mood = tired"}),
    ("note my text = short", {"text": "my text = short"}),
    ("note I think x = 1 is right", {"text": "I think x = 1 is right"}),
])
def test_spaces_around_an_equals_sign_are_forgiven_where_options_go(line, args):
    assert parse_line(FEATURES, line)[1] == args


def test_a_spaced_slip_of_a_key_is_refused_by_its_name_not_taken_into_a_name():
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, "mod schedule create nme = evenings #general daily 10:00")
    assert err.value.reply().plain().startswith("mod schedule create has no option “nme”.")
    assert "Did you mean name?" in err.value.reply().plain()


@pytest.mark.parametrize("line, args", [
    ("checkin answer 2 anonymous mood = 3 rough day", {"mood": "2", "visibility": "anonymous",
                                                       "words": "mood = 3 rough day"}),
    ("checkin answer 5 shared mood = 4 ish", {"mood": "5", "visibility": "shared", "words": "mood = 4 ish"}),
    ("checkin answer 2 mood = terrible today", {"mood": "2", "words": "mood = terrible today"}),
    ("checkin join mornings reminders = yes", {"schedule": "mornings", "reminders": "yes"}),
])
def test_a_spaced_key_whose_option_the_words_before_already_gave_is_someones_words(line, args):
    """A review: "2 anonymous mood = 3 rough day" was read as mood 3, no visibility, and the words
    "2 anonymous rough day", which a changed answer could then post under the member's name."""
    assert parse_line(composed(), line)[1] == args


def test_an_option_given_in_order_and_then_by_name_is_refused_never_shifted():
    with pytest.raises(UserError, match="You gave “mood” twice"):
        parse_line(composed(), "checkin answer 2 anonymous mood=3 rough day")


@pytest.mark.parametrize("line, args", [
    # An outside trial: a check-in named “"unterminated”, its stray quote kept.
    ('mod schedule create "unterminated #general daily 10:00',
     {"name": "unterminated", "channel": "#general", "when": "daily 10:00"}),
    ('mod schedule create "two words #general daily 10:00',
     {"name": "two words", "channel": "#general", "when": "daily 10:00"}),
    ('mod schedule edit x rename="evening circle', {"name": "x", "rename": "evening circle"}),
    ('checkin join mornings"', {"schedule": "mornings"}),
    ('note he said "hi', {"text": 'he said "hi'}),  # (someone's writing keeps every mark, as typed)
    ('note I\'m "fine', {"text": 'I\'m "fine'}),
])
def test_a_double_quote_that_pairs_with_nothing_never_becomes_part_of_a_name(line, args):
    assert parse_line(FEATURES, line)[1] == args


@pytest.mark.parametrize("line", ["\u200b", " \u200b\ufeff ", "\u200e\u2060"])
def test_a_line_of_only_invisible_characters_is_an_empty_line(line):
    """An outside trial: a zero-width space alone was answered "I don't know the command “”"."""
    assert trimmed(line) == ""
    with pytest.raises(UserError) as err:
        parse_line(FEATURES, line)
    assert "Type **help**" in err.value.reply().plain() or "Type help" in err.value.reply().plain()


def test_invisible_characters_at_a_lines_ends_are_no_part_of_its_command():
    assert parse_line(FEATURES, "\u200bcheckin status\u200b")[0].name == "checkin status"
    assert trimmed("\u200bI'm ok 👩\u200d💻\u200b") == "I'm ok 👩\u200d💻"  # (a joiner inside an emoji stays)


def test_the_readme_says_the_answers_rule_in_helps_own_words_and_its_examples_read_as_it_says():
    """trial16 §3: the README promised what the parser didn't do. It now says `help checkin answer`'s sentence
    (`bot.flows.help.CHOICES_FIRST`), and each example it gives reads as it says."""
    from pathlib import Path

    from bot.flows.help import CHOICES_FIRST

    readme = " ".join((Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8").split())
    rule = CHOICES_FIRST.replace("Type", "type", 1)
    assert rule in readme
    for line in ("checkin answer 2 circle shared thanks all", "checkin answer shared 2 circle thanks all"):
        assert f"`{line}`" in readme
        assert parse_line(FEATURES, line, known=KNOWN)[1] == {
            "mood": "2", "visibility": "shared", "schedule": "circle", "words": "thanks all"}
    assert parse_line(FEATURES, "checkin answer 2 shared I feel good circle", known=KNOWN)[1]["words"] == \
        "I feel good circle"
    assert parse_line(FEATURES, "checkin answer 4 words=circle was lovely", known=KNOWN)[1]["words"] == \
        "circle was lovely"
