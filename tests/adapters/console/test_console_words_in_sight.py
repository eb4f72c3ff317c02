"""The terminal has no channel others read: what is typed there is seen by nobody else (`Event.seen` is False), so a
note is truly only the writer's, and an anonymous answer goes up anonymously, as promised."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script

SCRIPT = """\
as mia mod
mod schedule create standup #team daily 09:00 timezone=UTC open=1h remind=15m
press 1
at 08:59:58
sleep 3
ann: reflect
ann: note I keep snapping at my brother
ann: checkin answer 2 anonymous Tired but fine
bob: checkin answer 3 anonymous Slow start
cy: checkin answer 4 anonymous Quiet day
advance 10m
"""


def test_words_typed_in_the_terminal_are_private_or_anonymous_as_promised(tmp_path, capsys):
    out = run_script(tmp_path, SCRIPT, capsys)
    assert "Only you can read it" in out and "still in" not in out
    assert "haven't posted it anonymously" not in out
    assert "Someone\n  Tired but fine" in out  # (posted anonymously with the others)
