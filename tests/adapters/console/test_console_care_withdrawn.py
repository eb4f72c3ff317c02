"""What the terminal shows when a member a care note is about runs `me delete`: the note in the care channel is
updated in place to a line naming nobody (never removed), `mod care list` counts it, and a press of its old button
is answered kindly. The real terminal adapter, driven by a script, on a real SQLite data folder."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script

WITHDRAWN = "A care note was here. The person it was about has since deleted their data with Hearth, so it's gone."


def test_me_delete_updates_the_care_note_to_say_it_was_withdrawn_and_nothing_of_the_member_stays(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
mod settings alert_channel care-team
ann: note I keep thinking about ending my life
advance 40m
ann: me delete
ann: press 1
advance 1m
mia: mod care list
mia: press 1
""", capsys)
    assert "[#care-team]\n  💛 ann may need some support" in out  # the note, as it went up
    asked = out.split("ann: me delete", 1)[1]
    assert "In the moderators' channel, it will say only that a care note was withdrawn" in asked
    after = out.split("ann: press 1", 1)[1]
    assert "its post will say only that a care note was withdrawn" in after
    assert f"[#care-team (updated)]\n  {WITHDRAWN}" in after and "(removed" not in after
    updated = after.split("[#care-team (updated)]", 1)[1].split("\n", 2)[1]
    assert "ann" not in updated and "[1]" not in updated  # nobody named, no buttons left
    listed = after.split("mia: mod care list", 1)[1].split("mia: press 1", 1)[0]
    assert "1 care note was withdrawn in the last two weeks" in listed and "ann" not in listed
    pressed = after.split("mia: press 1", 1)[1]
    assert "This care note was withdrawn" in pressed and "can't find" not in pressed
