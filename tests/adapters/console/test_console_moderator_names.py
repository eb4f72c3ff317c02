"""`mod moderators add NAME` in the terminal names the person `as NAME` speaks as: a name is the same person in any
case, and a word that can be no one's name here (Hearth, Someone) is refused, as `as` refuses it. The real terminal
adapter, driven by a script, on a real SQLite data folder."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script


def test_a_moderator_added_by_name_is_the_person_of_that_name_in_any_case(tmp_path, capsys):
    """An outside trial: `mod moderators add ann` then `mod moderators add ANN` said "Added ANN as a moderator",
    and the list named "ANN, ann": a second, made-up moderator nobody can ever speak as (`as ANN` is Ann)."""
    out = run_script(tmp_path, """\
mod moderators add ann
mod moderators add ANN
mod moderators add Someone
mod moderators add hearth
mod moderators list
""", capsys)
    assert "Added ANN" not in out and "ann was already a moderator." in out
    assert "Added Someone" not in out and "Added hearth" not in out
    listed = out.split("you> mod moderators list", 1)[1]
    assert "Moderators: the platform's admins, plus ann." in listed
