"""A channel is one word on every platform, in the terminal too (trial21 A1): words with spaces given where a
channel goes are no channel, so nothing is saved and nothing reaches the audit log. Words of concern given there
("mod settings alert_channel I want to die") get the care reply and "I haven't done that", never "Saved", and
never a care channel made of the moderator's own words that the whole team reads in `mod audit`."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script

CARE = "You don't have to face this alone"


def test_words_of_concern_as_the_care_channel_are_refused_not_saved(tmp_path, capsys):
    script = ("as mia mod\nmod settings alert_channel I want to die\nas sam mod\nmod audit\n"
              "mod settings alert_channel\n")
    out = run_script(tmp_path, script, capsys)
    said = out.split("mia> mod settings alert_channel I want to die", 1)[1].split("mia> as sam mod", 1)[0]
    assert CARE in said
    assert "I haven't done that, so nothing has changed." in said
    assert "Saved" not in said and "#I want to die" not in said
    later = out.split("sam> mod audit", 1)[1]
    assert "want to die" not in later  # neither the audit log nor the setting holds the words
    assert "alert_channel: not set" in later


def test_a_channel_with_spaces_is_no_channel(tmp_path, capsys):
    script = "mod settings digest_channel weekly digest here\nmod settings alert_channel care team\nmod audit\n"
    out = run_script(tmp_path, script, capsys)
    assert "Saved" not in out and "#weekly digest here" not in out and "#care team" not in out
    assert "digest_channel takes one word" in out and "“digest here” came after “weekly”" in out
    assert "alert_channel takes one word" in out and "“team” came after “care”" in out
    assert "changed a setting" not in out.split("you> mod audit", 1)[1]


def test_a_one_word_channel_is_still_saved(tmp_path, capsys):
    out = run_script(tmp_path, "mod settings alert_channel #care-team\n", capsys)
    assert "Saved: alert_channel is now #care-team." in out
