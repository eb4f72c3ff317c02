"""Mentions in someone's own words (`bot.commands.mentions`): kept as the person's readable name, never deleted,
never a raw id; only the leading address to Hearth is dropped; an option naming a member reads as its id."""

import re

import pytest

from bot import i18n
from bot.commands.mentions import CLOSE, OPEN, addressed, mark, marked, mentions_read, refs
from bot.commands.parse import parse_line, rest_of_line
from bot.errors import UserError
from bot.features import registry as composed

FEATURES = composed()
SLACK = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def test_a_mention_in_free_text_is_the_name_the_platform_gives():
    assert mentions_read(f"I fought with {mark('UBOB')} again", {"UBOB": "Bobby"}) == "I fought with @Bobby again"


def test_a_mention_nobody_named_is_someone_never_an_id():
    assert mentions_read(f"I fought with {mark('UBOB')} again", {}) == "I fought with @someone again"
    assert mentions_read(f"with {mark('UBOB')}", {"UBOB": "  "}) == "with @someone"


def test_someone_is_said_in_the_language_being_spoken():
    with i18n.speaking("es"):
        said = mentions_read(f"con {mark('UBOB')}", {})
    assert "UBOB" not in said and said.startswith("con @")


def test_only_the_leading_address_to_hearth_is_dropped():
    text = f"{mark('UHEARTH')} note {mark('UBOB')} and {mark('UHEARTH')} again"
    left = addressed(text, {"UHEARTH"})
    assert left.startswith("note ")
    assert mentions_read(left, {"UBOB": "Bobby", "UHEARTH": "Hearth"}) == "note @Bobby and @Hearth again"
    assert addressed(f"{mark('UBOB')} hi", {"UHEARTH"}) == f"{mark('UBOB')} hi"  # not Hearth: the writer's


def test_marks_typed_by_someone_are_not_mentions():
    text = marked(f"hi {OPEN}UX{CLOSE} <@UBOB|bobby>", SLACK, lambda m: m.group(1))
    assert refs(text) == ["UBOB"]
    assert mentions_read(text, {"UBOB": "bobby"}) == "hi UX @bobby"


def test_a_typed_note_keeps_the_person_it_names():
    cmd, args = parse_line(FEATURES, f"note I fought with {mark('UBOB')} again", names={"UBOB": "Bobby"})
    assert (cmd.name, args) == ("note", {"text": "I fought with @Bobby again"})
    assert rest_of_line(FEATURES, f"note with {mark('UBOB')}", {"UBOB": "Bobby"}) == "with @Bobby"


def test_a_checkin_answer_keeps_the_person_it_names():
    _cmd, args = parse_line(FEATURES, f"checkin answer 3 I fought with {mark('UBOB')} again", names={})
    assert args["words"] == "I fought with @someone again"


def test_an_option_naming_a_member_is_still_their_id():
    cmd, args = parse_line(FEATURES, f"mod moderators add {mark('USAM')}", names={"USAM": "sam"})
    assert (cmd.name, args) == ("mod moderators add", {"who": "USAM"})


def test_a_line_that_is_no_command_reads_its_mentions_too():
    cmd, args = parse_line(FEATURES, f"I fought with {mark('UBOB')}", names={"UBOB": "Bobby"})
    assert (cmd.name, args) == ("help", {"command": "I fought with @Bobby"})


def test_a_refusal_quotes_no_mark():
    with pytest.raises(UserError) as refused:
        parse_line(FEATURES, f"checkin answer 99 with {mark('UBOB')}", names={"UBOB": "Bobby"})
    shown = refused.value.body.plain()
    assert OPEN not in shown and CLOSE not in shown and "UBOB" not in shown
    assert shown.endswith("99 with @Bobby")  # (their words, given back, as they wrote them)


def test_a_prompt_a_moderator_writes_keeps_the_person_it_names():
    cmd, args = parse_line(FEATURES, f"mod prompt add checkin appreciation light What did {mark('U1')} do for you?",
                           names={"U1": "Sam"})
    assert cmd.name == "mod prompt add" and args["text"] == "What did @Sam do for you?"


def test_a_role_named_in_words_is_its_name_and_for_a_member_option_the_role():
    _cmd, args = parse_line(FEATURES, f"note thanks {mark('role:45')}", names={"role:45": "helpers"})
    assert args == {"text": "thanks @helpers"}
    _cmd, args = parse_line(FEATURES, f"mod moderators add {mark('role:45')}", names={"role:45": "helpers"})
    assert args == {"who": "role:45"}


def test_a_channel_named_in_words_is_its_name_and_for_a_channel_its_id():
    """trial22: a channel's mention (an adapter's `mark("#C1")`) in someone's words reads "#general", the name the
    platform gives (its id where it gives none); for a channel option, or a setting's value, the channel's id;
    it is nobody to look up (`refs`), and it ends a check-in's name as a typed "#general" does."""
    names = {"#C1": "general", "U1": "sam"}
    cmd, args = parse_line(composed(), f"checkin answer 4 shared loved {mark('#C1')} and {mark('#C2')} {mark('U1')}",
                           (), names)
    assert args["words"] == "loved #general and #C2 @sam"
    cmd, args = parse_line(composed(), f"mod schedule create morning circle {mark('#C1')} weekdays 09:00", (), names)
    assert (args["name"], args["channel"]) == ("morning circle", "#C1")
    cmd, args = parse_line(composed(), f"mod settings alert_channel {mark('#C1')}", (), names)
    assert args["value"] == "#C1"
    assert refs(f"{mark('#C1')} {mark('U1')}") == ["U1"]
