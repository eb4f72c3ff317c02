"""Several people at one terminal: each sees, numbers and presses only their own buttons, a reply for someone
else says whose it is, and switching back to yourself gives you your own role back."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script

#: Ann and Bob (no DMs) join the evening check-in; its round opens; Ann's answer gets a private crisis reply.
ANN_IN_CRISIS = """\
as mia mod
mod schedule create evening #general daily 19:00 timezone=UTC open=30m remind=10m
press 1
ann: checkin join evening
bob: checkin join evening dm=no
at 19:00
ann: checkin answer 1 private I keep thinking about ending my life
"""


def test_another_persons_private_buttons_are_never_numbered_named_or_pressed(tmp_path, capsys):
    out = run_script(tmp_path, ANN_IN_CRISIS + "as bob\npress 9\npress 3\ncancel\n", capsys)
    assert "[1] Check on me tomorrow" in out  # (Ann's private reply, with its button, shown to her)
    unknown = out.split("bob> press 9", 1)[1].split("bob> press 3", 1)[0]
    assert "There's no button “9”. The last ones were: [1] 🌧️ Rough" in unknown  # the channel's, his too
    assert "Check on me" not in unknown
    pressed = out.split("bob> press 3", 1)[1]
    assert "meant for someone else" not in pressed and "How are you, 1 to 5?" in pressed  # the round's mood 3


def test_a_bare_number_presses_the_speakers_own_visible_button(tmp_path, capsys):
    out = run_script(tmp_path, ANN_IN_CRISIS + "as bob\n3\ncancel\n", capsys)
    assert "How are you, 1 to 5?" in out.split("bob> 3", 1)[1]


def test_a_reply_for_someone_else_than_the_one_typing_says_whose_it_is(tmp_path, capsys):
    out = run_script(tmp_path, "ann: checkin join nothing-here\nann: frobnicate\nme data\n", capsys)
    joined, rest = out.split("you> ann: checkin join nothing-here", 1)[1].split("you> ann: frobnicate", 1)
    assert joined.startswith("\n[only ann]\n") and "[only you]" not in joined
    unknown, mine = rest.split("you> me data", 1)
    assert unknown.startswith("\n[only ann]\n") and "I don't know the command “frobnicate”" in unknown
    assert mine.startswith("\n[only you]\n")


def test_switching_back_to_yourself_gives_you_your_own_role_back(tmp_path, capsys):
    out = run_script(tmp_path, "who\nas ann\nwho\nas you\nwho\nmod schedule list\n", capsys)
    whos = [block.split("\n", 2)[1] for block in out.split("> who")[1:]]
    assert [w.split(".")[0] for w in whos] == ["You are you (moderator)", "You are ann", "You are you (moderator)"]
    assert "Only moderators" not in out.split("you> mod schedule list", 1)[1]


def test_one_line_as_someone_keeps_the_role_they_were_given(tmp_path, capsys):
    out = run_script(tmp_path, "as mia mod\nas ann\nmia: mod schedule list\nbob: mod schedule list\n", capsys)
    mia, bob = out.split("ann> mia: mod schedule list", 1)[1].split("ann> bob: mod schedule list", 1)
    assert "Only moderators" not in mia and "Only moderators can use mod schedule list" in bob


#: Hal, a member, writes a note in crisis: his private reply has "Check on me tomorrow", then the care team's
#: note about him appears in #care-team, which on Discord and Slack only moderators can read.
HAL_IN_CRISIS = """\
as mia mod
mod settings alert_channel #care-team
as hal
reflect
note I want to kill myself
advance 10m
"""
#: (`advance`: a care note goes to the care channel on the clock's next tick, never at the moment of the words:
#: `bot.store.rounds.next_tick`.)


def test_a_member_presses_their_own_check_on_me_not_the_care_teams_note_about_them(tmp_path, capsys):
    out = run_script(tmp_path, HAL_IN_CRISIS + "press 1\nas mia mod\nmod audit\npress 1\n", capsys)
    crisis, pressed = out.split("hal> press 1", 1)
    assert "[1] Check on me tomorrow" in crisis and "[#care-team]" in crisis  # (the note came after his reply)
    pressed, audit = pressed.split("mia> mod audit", 1)
    assert "I'll check in with you privately tomorrow" in pressed and "Only moderators" not in pressed
    assert "refused" not in audit  # a member pressing their own button is never recorded as refused
    assert "nobody doubles up" in audit.split("mia> press 1", 1)[1]  # a moderator's 1 is the care note's


import pytest  # noqa: E402

#: Names that would ping, read as someone else, break the member's id (`console:NAME`) or hide something.
NO_NAMES = ["ann:bob", "@everyone", "@here", "<@123>", "everyone", "Hearth", "someone", "ann\x1b[31m", "bo\x07b",
            "a" * 33, "@ann", "#general", "ann,bob", "1ann"]


@pytest.mark.parametrize("name", NO_NAMES, ids=repr)
def test_a_name_that_could_ping_or_mislead_is_refused_kindly_and_nobody_changes(tmp_path, capsys, name):
    out = run_script(tmp_path, f"as {name}\nwho\n", capsys)
    refused, who = out.split("you> who", 1)
    assert "can't be a name here" in refused and "like as ann" in refused, refused
    assert "You are now" not in refused and "You are you (moderator)" in who
    said = refused.split("\n", 1)[1]  # (after the script's own line, echoed as written)
    assert "\x1b" not in said and "\x07" not in said


@pytest.mark.parametrize("name", ["Someone", "Hearth", "a" * 33], ids=repr)
def test_one_line_as_a_name_that_could_mislead_is_refused_too(tmp_path, capsys, name):
    out = run_script(tmp_path, f"{name}: checkin status\nwho\n", capsys)
    refused, who = out.split("you> who", 1)
    assert "can't be a name here" in refused and "You are you (moderator)" in who


@pytest.mark.parametrize("name", ["ann", "Mia", "jo.anne", "ann-marie", "bob_2", "José", "a" * 32])
def test_a_plain_name_is_still_a_name(tmp_path, capsys, name):
    out = run_script(tmp_path, f"as {name}\nwho\n{name}: who\n", capsys)
    assert f"You are now {name}." in out and out.count(f"You are {name}.") == 2
    assert "can't be a name here" not in out
