"""An edited message is shown where it is (trial21 A7): a shared answer changed in its round's thread read
"[#general (updated)]", as if the member's words had replaced the round's own post in the channel."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script

SCRIPT = ("mod schedule create mornings #general daily 09:00\npress 1\nas ann\ncheckin join mornings\nat 09:01\n"
          "ann: checkin answer 3 shared first words\nann: checkin answer 4 shared second words\nadvance 3h\n")


def test_a_shared_answer_changed_in_its_thread_says_the_thread(tmp_path, capsys):
    out = run_script(tmp_path, SCRIPT, capsys)
    changed = out.split("ann: checkin answer 4 shared second words", 1)[1].split("advance 3h", 1)[0]
    assert "[#general › thread (updated)]\n  ann · 🌤️ Good\n  second words" in changed
    assert "[#general (updated)]" not in changed
    closed = out.split("advance 3h", 1)[1]
    assert "[#general (updated)]\n  mornings\n" in closed  # the round's own post is the channel's, as before
