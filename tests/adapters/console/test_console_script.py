"""The terminal adapter driven by a script, end to end through `hearth --script`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hearth.cli import main

SCRIPT = """\
as mia mod
mod schedule create standup #team daily 09:00 timezone=UTC open=1h remind=15m
press 1
ann: checkin join standup reminders=yes
bob: checkin join standup reminders=yes
cy: checkin join standup
dee: checkin join standup
at 08:59:58
sleep 3
ann: checkin answer 5 shared Shipped it <!channel> @everyone
bob: checkin answer 2 anonymous Tired but fine
cy: checkin answer 4 shared
eve: checkin answer 3 anonymous Slow start
fay: checkin answer 1 anonymous
as dee
press 2

keep this to myself
private
advance 46m
advance 15m
"""


def run_script(tmp_path: Path, script: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "script.txt"
    path.write_text(script, encoding="utf-8")
    config = tmp_path / "hearth.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "--log-level", "WARNING", "--script", str(path)]) == 0
    return capsys.readouterr().out


def test_a_whole_round_plays_from_a_script(tmp_path, capsys):
    out = run_script(tmp_path, SCRIPT, capsys)
    assert "Created standup" in out
    assert "[#team]\n  standup is open" in out
    assert out.count("[DM to ann]") == 1  # the opening DM; no reminder, Ann answered
    assert "[DM to bob]" in out
    # Shared answers go under the post, anonymous ones without a name, private ones nowhere.
    assert "[#team › thread]\n  ann · ☀️ Great\n  Shipped it <!channel> @everyone" in out
    # Anonymous ones go up three together, with no name and no mood.
    assert "Someone\n  Tired but fine" in out and "Someone\n  Slow start" in out and "Someone checked in." in out
    assert "keep this to myself" not in out.split("private\n", 1)[1]
    # Reminders only go to those who asked and haven't answered: nobody here.
    assert "gentle nudge" not in out
    summary = out.split("[#team (updated)]", 1)[1]
    assert "Check-ins: 6" in summary
    assert all(f"{mood} 1" in summary for mood in ("☀️", "🌤️", "⛅", "🌥️", "🌧️"))
    assert "ann" not in summary and "bob" not in summary


#: A script's start: Mia makes the evening check-in, its round opens at 19:00, and Ann is speaking.
EVENING_OPEN = """\
as mia mod
mod schedule create evening #general daily 19:00 timezone=UTC open=30m remind=10m
press 1
at 19:00
as ann
"""


def test_reminder_goes_to_who_asked_and_did_not_answer(tmp_path, capsys):
    script = """\
as mia mod
mod schedule create evening #general daily 19:00 timezone=UTC open=30m remind=10m
press 1
ann: checkin join evening reminders=yes
bob: checkin join evening reminders=no
at 18:59:59
sleep 2
advance 21m
"""
    out = run_script(tmp_path, script, capsys)
    nudges = [block for block in out.split("[DM to ")[1:] if "gentle nudge" in block]
    assert [b.split("]")[0] for b in nudges] == ["ann"]


def test_a_jump_shows_when_each_thing_on_the_way_happened(tmp_path, capsys):
    """Jumping to 19:30 showed "closes at 19:30 (UTC). There's still time…" under "The clock moves on to 19:30",
    then the round closing: the reminder went out at 19:20, but nothing said so."""
    script = """\
as mia mod
mod schedule create evening #general daily 19:00 timezone=UTC open=30m remind=10m
press 1
ann: checkin join evening reminders=yes
at 19:00
at 19:30
"""
    out = run_script(tmp_path, script, capsys).split("mia> at 19:30", 1)[1]
    assert out.index(", 19:20:00 (UTC)") < out.index("gentle nudge") < out.index(", 19:30:00 (UTC)\n") \
        < out.index("has closed"), out


def test_mistakes_get_kind_answers_and_the_script_goes_on(tmp_path, capsys):
    script = """\
checkin join nothing-here
mod schedule create x #general wekdays 9 timezone=UTC
mod schedule create y #general weekdays 09:00 timezone=Mars/Olympus
as ann
mod schedule create z #general weekdays 09:00
frobnicate
press 7
checkin status
"""
    out = run_script(tmp_path, script, capsys)
    assert "no check-ins here yet" in out
    assert "weekdays 09:00" in out  # the time error shows a right example
    assert "Mars/Olympus" in out
    assert "Only moderators can use mod schedule create" in out
    assert "I don't know the command “frobnicate”" in out
    assert "There's no button “7”" in out
    assert "Your check-ins" in out


@pytest.fixture
def demo_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the demo's throwaway data and its kept files go: this test's folder (not the machine's /tmp)."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_demo_runs(capsys, demo_files):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "evening-circle has closed" in out
    assert "gentle nudge" in out
    assert "I don't know the command" not in out  # (its commands are typed words: a renamed one fails here)


def test_the_demos_files_are_still_where_it_says_once_it_has_ended(capsys, demo_files):
    import re

    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    saved = [Path(p) for p in re.findall(r"Saved as (\S+)", out)]
    kept = re.search(r"The demo's files are kept in (\S+) ", out)
    assert saved and kept and all(p.is_file() and p.parent == Path(kept.group(1)) for p in saved)
    assert [p.name for p in demo_files.iterdir()] == [Path(kept.group(1)).name]  # (its data is gone)


def test_the_terminal_speaks_the_shells_language_for_care(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    out = run_script(tmp_path, "ann: note I keep thinking about ending my life\n", capsys)
    assert "Was du schreibst, klingt, als wäre gerade vieles sehr schwer." in out
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")  # LC_ALL overrides LANG, as in any shell
    out = run_script(tmp_path, "ann: support\n", capsys)
    assert "Si las cosas se ponen difíciles" in out


def test_the_terminal_in_a_plain_shell_is_english(tmp_path, capsys):
    out = run_script(tmp_path, "ann: support\nann: me language\n", capsys)
    assert "If things are hard" in out and "Language: English (I don't know yours yet)." in out


def test_the_terminal_names_the_zone_of_a_channel_posts_time_and_of_a_dms(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
mod schedule create standup #team daily 09:00 timezone=Asia/Tokyo open=1h remind=0
press 1
ann: me timezone America/New_York
ann: checkin join standup
at 00:00
""", capsys)
    post = out.split("[#team]", 1)[1].split("[DM to ann]", 1)[0]
    assert "Closes at 10:00 (Asia/Tokyo)." in post
    dm = out.split("[DM to ann]", 1)[1]
    assert "closes at 20:00 (America/New_York)." in dm


def test_the_terminal_names_people_channels_and_commands_never_ids(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
ann: reflect
mod moderators add ann
mod moderators add sam
mod settings alert_channel #care-team
mod audit
bob: mod schedule list
""", capsys)
    assert "Added ann as a moderator." in out and "Added sam as a moderator." in out
    assert "Saved: alert_channel is now #care-team." in out
    assert "mia added as a moderator: sam" in out.lower()
    assert "console:" not in out and "moderators.add" not in out


def test_a_long_script_by_one_speaker_is_answered_line_by_line(tmp_path, capsys):
    """The member rate limit ran on real time and cut a script off after 20 lines a minute, silently."""
    out = run_script(tmp_path, "ann: checkin list\n" * 30, capsys)
    assert out.count("you> ann: checkin list") == 30
    assert out.count("There are no check-ins here yet") == 30
    assert "paused" not in out


def test_advancing_past_a_round_opens_reminds_and_closes_it(tmp_path, capsys):
    """A jump of a day goes through what happened in it, in order, as the README promises."""
    script = """\
as mia mod
at 12:00
mod schedule create evening #general daily 19:00 timezone=UTC open=30m remind=10m
press 1
ann: checkin join evening reminders=yes
bob: checkin join evening
advance 1d
"""
    out = run_script(tmp_path, script, capsys).split("mia> advance 1d", 1)[1]
    opened, reminded, closed = (out.find(w) for w in ("evening is open", "gentle nudge", "evening has closed"))
    assert -1 < opened < reminded < closed, out
    nudges = [block for block in out.split("[DM to ")[1:] if "gentle nudge" in block]
    assert [b.split("]")[0] for b in nudges] == ["ann"]


def test_a_wrong_field_in_a_form_is_asked_again_and_the_rest_is_kept(tmp_path, capsys):
    script = EVENING_OPEN + """\
checkin answer
9
2
my words stay
public
private
me history
"""
    out = run_script(tmp_path, script, capsys)
    asked = out.split("ann> checkin answer", 1)[1]
    again = asked.split("“9” isn't one of the choices.", 1)[1]
    assert again.split("\n")[1].startswith("  How are you, 1 to 5?")  # just the mood, at once
    assert "“public” isn't one of the choices." in asked
    assert "kept private" in asked
    assert asked.count("Anything you'd like to say?") == 1  # the words were never asked again
    assert "my words stay" in out.split("ann> me history", 1)[1]


def test_exports_are_written_and_their_path_printed(tmp_path, capsys):
    import json
    import re

    script = """\
as mia mod
mod prompt add checkin listening light What did you hear today that you'd like to remember?
mod pack export
ann: me export
ann: me export
"""
    out = run_script(tmp_path, script, capsys)
    saved = [Path(p) for p in re.findall(r"Saved as (\S+)", out)]
    assert len(saved) == 3 and len(set(saved)) == 3  # a second export never overwrites the first
    assert all(p.parent == tmp_path / "data" / "exports" for p in saved)
    assert "What did you hear today" in saved[0].read_text(encoding="utf-8")
    assert "Terminal community prompts" in saved[0].read_text(encoding="utf-8")  # (the terminal's name, as people see it)
    assert json.loads(saved[1].read_text(encoding="utf-8"))  # the member's data, as JSON
    assert saved[1].stat().st_mode & 0o077 == 0  # private answers and notes: for this machine's user only
    # Each reply names the file as written: "[file: NAME" then "Saved as …/NAME", the same NAME, "-2" and all.
    named = re.findall(r"\[file: ([^,]+), \d+ bytes\]\n  Saved as (\S+)", out)
    assert len(named) == 3 and all(name == Path(path).name for name, path in named), named
    assert Path(named[2][1]).stem.endswith("-2")


def test_a_button_is_pressed_only_by_whom_it_was_shown_and_numbered_only_for_them(tmp_path, capsys):
    script = """\
ann: reflect
ann: note I keep this one for myself
ann: me delete
press 1
ann: me data
mia: press 1
ann: me data
ann: press 1
ann: me data
"""
    out = run_script(tmp_path, script, capsys)
    first, second, third = out.split("ann: me data")[1:]
    after_you, after_mia = out.split("you> press 1", 1)[1], out.split("mia: press 1", 1)[1]
    # Ann's private buttons are no one else's to number, press or even see named.
    for after in (after_you, after_mia):
        refused = after.split("you>", 1)[0]
        assert "There's no button “1”: there are no buttons to press yet." in refused and "Delete" not in refused
    assert "1 private note" in first and "1 private note" in second  # nothing happened to Ann's data
    assert "Done. I've deleted everything" in second  # her own press did it
    assert "I hold nothing about you" in third


def test_the_demo_lets_each_person_press_their_own_buttons(capsys, demo_files):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "meant for someone else" not in out and "I don't know the command" not in out
    assert "Talked to my sister for the first time in a while." in out


def test_the_terminals_own_commands_answer_every_odd_value_kindly(tmp_path, capsys):
    """A clock moved to no such time or too far, or a wait that isn't a number of seconds, gets a clear
    sentence, never "something went wrong", and never silence."""
    lines = ["at 25:00", "at 23:61", "advance 99999999999999999999d", "advance 9999999d", "sleep -1",
             "sleep nan", "sleep inf", "sleep 61", "press"]
    out = run_script(tmp_path, "\n".join(lines) + "\n", capsys)
    assert "something went wrong" not in out
    answers = [block for block in out.split("you> ")[1:]]
    assert len(answers) == len(lines)
    for line, block in zip(lines, answers):
        assert block.startswith(line + "\n"), block
        assert block.strip() != line, f"no answer to {line!r}"
        assert "“”" not in block


def test_home_in_the_terminal_says_a_finished_pause_is_over(tmp_path, capsys):
    """The terminal's `home` is the core's home view: a pause up to a day that has passed shows as running."""
    out = run_script(tmp_path, """\
as mia mod
at 12:00
mod schedule create standup #team daily 09:00 timezone=UTC
press 1
mod schedule pause standup until tomorrow
home
advance 2d
home
press 6
""", capsys)
    before, after = out.split("advance 2d", 1)
    home_before = before.rsplit("mia> home", 1)[1]
    assert home_before.count("paused up to and including") == 2 and "[6] Resume · standup" in home_before  # (both lists)
    home_after = after.split("mia> home", 1)[1].split("mia> press 6", 1)[0]
    assert home_after.count(". standup") == 2 and "paused" not in home_after and home_after.count("next:") == 2
    assert "[6] Pause · standup" in home_after
    assert "standup is now paused until a moderator resumes it." in after.split("mia> press 6", 1)[1]


def test_a_care_note_is_taken_on_the_terminal_and_shown_again_updated(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
mod settings alert_channel #care-team
ann: note I keep thinking about ending my life
advance 10m
press 1
mod care list
press 2
""", capsys)
    note, after = out.split("mia> press 1", 1)
    assert "[#care-team]" in note and "may need some support" in note and "I'll reach out" in note
    assert "thinking about ending" not in note.split("[#care-team]", 1)[1]
    taken, done = after.split("mia> press 2", 1)
    assert "nobody doubles up" in taken and "[#care-team (updated)]" in taken and "is reaching out" in taken
    listed = taken.split("mia> mod care list", 1)[1]
    assert "Care notes" in listed and "reaching out" in listed and "thinking about ending" not in listed
    assert "Marked done" in done and "[#care-team (updated)]" in done and "Done — closed by" in done


def test_insights_in_the_terminal_write_the_chart_to_a_file_and_print_its_path_and_numbers(tmp_path, capsys):
    import re

    from PIL import Image

    from bot.insights import charts

    script = """\
as mia mod
mod insights show weeks=4
mod insights export
"""
    out = run_script(tmp_path, script, capsys)
    saved = [Path(p) for p in re.findall(r"Saved as (\S+)", out)]
    assert [p.suffix for p in saved] == [".png", ".csv"]
    assert Image.open(saved[0]).size == charts.SIZE
    assert "All check-ins, last 4 weeks" in out and "no check-in" in out  # the chart's numbers, as text
    assert saved[1].read_text(encoding="utf-8").startswith("week_start,status,invited,answered")


def test_mod_care_and_mod_insights_typed_alone_run_list_and_show(tmp_path, capsys):
    out = run_script(tmp_path, "as mia mod\nmod care\nmod insights\n", capsys)
    assert "No care notes are open" in out  # "mod care" is "mod care list" when typed
    assert "All check-ins, last 4 weeks" in out and "Saved as" in out  # "mod insights" is "mod insights show"


async def test_a_post_with_a_file_has_the_file_written_and_its_path_printed(tmp_path):
    """The terminal's sender, as the outbox uses it for a digest with its chart."""
    import io

    from adapters.console.adapter import ConsoleOut, ConsoleSender
    from bot.delivery.sender import Delivery
    from bot.events import Attachment, Reply, rich

    saved = []

    def save(attachment: Attachment, owner: str | None = None) -> Path:
        path = tmp_path / attachment.filename
        path.write_bytes(attachment.content)
        saved.append(path)
        return path

    printed = io.StringIO()
    sender = ConsoleSender(ConsoleOut(printed, color=False), save)
    reply = Reply(body=rich("**This week's check-in digest**"), attachment=Attachment("digest.png", b"png", "image/png"),
                  visibility="channel")
    assert await sender.send(Delivery("post", reply, channel="console:team", key="digest:x"))
    assert saved == [tmp_path / "digest.png"] and saved[0].read_bytes() == b"png"
    assert f"Saved as {saved[0]}" in printed.getvalue() and "[#team]" in printed.getvalue()


def test_a_refused_line_gives_its_words_back_and_a_long_note_is_kept(tmp_path, capsys):
    """The terminal's line is gone once sent (a script's, a pipe's): a refusal gives the words back."""
    long_note = " ".join(f"Thought {i} that I want to keep." for i in range(150))  # over 2000, under 6000
    script = f"""\
ann: checkin answer 4 Slept well for once
ann: note {long_note}
ann: notes list
"""
    out = run_script(tmp_path, script, capsys)
    refused, kept = out.split("ann: note ", 1)
    assert "no check-in open right now" in refused
    assert "What you typed, so you can use it again:" in refused
    assert refused.endswith("again:\n  4 Slept well for once\nyou> ")  # (all of it after the command, as typed)
    assert "Kept." in kept and kept.split("ann: notes list", 1)[1].count("Thought 149 that I want to keep.") == 1


def test_a_form_says_how_to_leave_and_a_terminal_extra_ends_it_giving_the_words_back(tmp_path, capsys):
    """Lines meant for someone else (`as bob`, then bob's command) are never taken as Ann's answers: the extra
    ends her form, what she had written is shown again, and the extra is done as typed."""
    script = EVENING_OPEN + """\
checkin answer words="Slept badly but the walk helped"
as bob
checkin answer 4 shared Fine here
ann: checkin answer
3
who
me history
"""
    out = run_script(tmp_path, script, capsys)
    form = out.split('ann> checkin answer words=', 1)[1].split("ann> as bob", 1)[0]
    assert "Type cancel to leave this form; nothing is saved." in form.split("How are you, 1 to 5?")[0]
    assert "(cancelled)" in form and "Anything you'd like to say? — you wrote “Slept badly but the walk helped”" in form
    after = out.split("ann> as bob", 1)[1]
    assert "You are now bob." in after and "bob · 🌤️ Good\n  Fine here" in after  # bob's own line, bob's answer
    second = after.split("bob> ann: checkin answer\n", 1)[1]
    assert "How are you, 1 to 5? — you wrote “3”" in second and "bob> who\nYou are bob." in second
    assert "Fine here" in out.split("bob> me history", 1)[1] and "Slept badly" not in out.split("bob> me history")[1]


def test_cancel_leaves_a_form_and_the_next_line_is_a_command_again(tmp_path, capsys):
    script = EVENING_OPEN + """\
checkin answer
cancel
checkin status
"""
    out = run_script(tmp_path, script, capsys)
    left = out.split("ann> checkin answer\n", 1)[1]
    assert "(cancelled)" in left and "you wrote" not in left  # (left on purpose: nothing to give back)
    assert "ann> checkin status" in left and "  > checkin status" not in left


def test_a_form_that_fails_unexpectedly_says_it_may_have_gone_through_and_gives_the_words_back(
        tmp_path, capsys, monkeypatch):
    """A bug or a dropped database after the answer was saved: the terminal never says "nothing was changed", asks
    the person to check, and gives back what they wrote in the form (it is nowhere else)."""
    from bot.store.rounds import RoundRepository

    saving = RoundRepository.save_response

    async def saved_then_broke(self, *args, **kwargs):
        await saving(self, *args, **kwargs)
        raise ConnectionResetError("the database went away after the answer was saved")

    monkeypatch.setattr(RoundRepository, "save_response", saved_then_broke)
    out = run_script(tmp_path, EVENING_OPEN + "checkin answer\n4\nmy words stay\nprivate\n", capsys)
    failed = out.split("ann> checkin answer", 1)[1]
    assert "I can't tell whether that went through. Please check before you try it again." in failed
    assert "nothing was changed" not in failed.lower()
    assert "What you typed, so you can use it again:\n" in failed
    assert "you wrote “my words stay”" in failed and "you wrote “4”" in failed


def test_words_of_concern_in_a_form_that_fails_get_care_before_the_apology(tmp_path, capsys, monkeypatch):
    """What they wrote reached Hearth: the care reply comes first (saying nothing of the words being saved), then the
    apology with the words given back."""
    from bot.store.rounds import RoundRepository

    async def broke(self, *args, **kwargs):
        raise ConnectionResetError("the database went away")

    monkeypatch.setattr(RoundRepository, "save_response", broke)
    out = run_script(tmp_path, EVENING_OPEN + "checkin answer\n1\nI want to kill myself\nprivate\n", capsys)
    failed = out.split("ann> checkin answer", 1)[1]
    care, sorry = failed.split("I can't tell whether that went through.", 1)
    assert "You don't have to face this alone" in care and "saved" not in care.split("  > private", 1)[1].lower()
    assert "What you typed, so you can use it again:\n" in sorry and "you wrote “I want to kill myself”" in sorry


def test_cancel_gives_back_the_words_written_in_the_form(tmp_path, capsys):
    script = EVENING_OPEN + """\
checkin answer
3
Slept badly but the walk helped
cancel
"""
    left = run_script(tmp_path, script, capsys).split("ann> checkin answer\n", 1)[1]
    assert "(cancelled)\n  Anything you'd like to say? — you wrote “Slept badly but the walk helped”" in left
    assert "you wrote “3”" not in left  # (a choice is quickly made again: only words come back)


def test_check_on_me_tomorrow_comes_the_next_day_when_the_clock_jumps(tmp_path, capsys):
    """The follow-up job ran every 5 real minutes, never on a jump of the terminal's clock: it never came."""
    out = run_script(tmp_path, """\
as hal
reflect
note I want to kill myself
press 1
advance 23h
advance 3d
""", capsys)
    before, after = out.split("hal> advance 3d", 1)
    assert "Yesterday sounded hard" not in before  # (not due yet, 23 hours on)
    assert after.count("Yesterday sounded hard") == 1 and "[DM to hal]" in after
    day = after.split("[DM to hal]", 1)[0].rsplit("  · ", 1)[1]  # the moment it was sent, headed
    jump = after.split("The clock moves on to ", 1)[1]
    assert day and day.split(",")[0] != jump.split(",")[0]  # sent on the day after, not 3 days later


def test_an_untaken_care_note_is_raised_again_an_hour_on_when_the_clock_jumps(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
mod settings alert_channel #care-team
hal: note I want to kill myself
advance 3h
""", capsys)
    jump = out.split("mia> advance 3h", 1)[1]
    assert jump.count("This care note is still open") == 1
    headed = jump.split("This care note is still open", 1)[0].rsplit("  · ", 1)[1]
    target = out.split("The clock moves on to ", 1)[1].split("\n", 1)[0]
    hour = int(target.split(", ")[1][:2])
    assert headed.split(", ")[1][:2] == f"{(hour - 2) % 24:02d}"  # an hour after the note, not at the jump's end


def test_a_moderator_in_crisis_is_never_asked_about_her_own_note_nor_can_close_it(tmp_path, capsys):
    """The terminal's trial: Mia, a moderator, writes words in crisis. Nobody else is on duty, so the care channel
    hears it after an hour, never Mia's DMs; her presses of the note's buttons are refused kindly."""
    out = run_script(tmp_path, """\
as admin mod
mod settings alert_channel #care
mod moderators add mia
as mia
note I want to die
advance 10m
mod care list
press 2
press 1
advance 51m
press 2
mod care list
""", capsys)
    assert "[DM to mia]" not in out
    assert out.count("This care note is about you") == 3 and "Marked done" not in out and "closed by" not in out
    assert "I won't ask them about a note about themselves, and nobody else is on duty" in out
    assert "[#care]\n  💛 This care note is still open, and there's nobody on duty I can ask about it privately" in out


def test_pressing_reach_out_twice_keeps_the_note_taken(tmp_path, capsys):
    out = run_script(tmp_path, """\
as admin mod
mod settings alert_channel #care
ann: note I want to die
advance 10m
as admin mod
press 1
press 1
mod care list
""", capsys)
    assert "That looked like a second press" in out and "Handed back" not in out
    assert "admin is reaching out" in out.split("admin> mod care list", 1)[1]


def test_words_typed_to_hearth_that_are_no_command_are_screened_and_never_echoed(tmp_path, capsys):
    """The new-user trial: crisis sentences typed to the terminal, none of them a command, in five languages."""
    lines = ["I want to die", "i want to kill myself tonight", "I'm going to end it tonight", "suicide",
             "help me, I want to kill myself", "nobody will miss me when I'm gone", "ich will nicht mehr leben",
             "je veux en finir", "eu quero me matar", "quiero morirme", "checkin answer 7 I want to die",
             "no i want to die", "at this point i want to die", "as if i even want to be alive anymore",
             "who cares, i want to kill myself", "sleep forever, i want to die", "press 1 i want to die"]
    out = run_script(tmp_path, "as eve\n" + "\n".join(lines) + "\nhello there\n", capsys)
    said = out.split("eve> ")[1:]  # (the terminal echoes each line after its prompt)
    assert len(said) == len(lines) + 1
    for line, answer in zip(lines, said):
        assert "You don't have to face this alone" in answer, line
        assert "I don't know the command" not in answer and "Did you mean" not in answer, line
    assert "I don't know the command “hello there”" in said[-1]  # an ordinary slip is still told so


def deleting(name: str, hour: int, press_twice: bool = False) -> str:
    """A check-in with four shared answers, deleted with its round open."""
    people = ("ann", "bob", "cy", "eve")
    lines = ["as mia mod", f"mod schedule create {name} #general daily {hour}:00 timezone=UTC open=30m remind=10m",
             "press 1", *(f"{p}: checkin join {name}" for p in people), f"at {hour - 1}:59:58", "sleep 3",
             *(f"{p}: checkin answer 3 shared words of {p}" for p in people),
             "as mia mod", f"mod schedule delete {name}", "press 1", *(["press 1"] if press_twice else [])]
    return "\n".join(lines) + "\n"


def test_each_run_takes_down_as_many_posts_as_it_says_and_names_them(tmp_path, capsys):
    """The terminal's message ids are its run's own: a second run's posts are never taken for the first run's (long
    taken down), so "taking down 4 posts" shows four removals, every run. Each says which post came down, and when it
    went up, on its own lines (no empty one)."""
    for name, hour in (("evenings", 19), ("mornings", 21)):
        out = run_script(tmp_path, deleting(name, hour), capsys).split(f"mod schedule delete {name}", 1)[1]
        assert "I'm taking down 4 posts of shared and anonymous answers now." in out
        assert out.count("(removed") == 4 and "a message was removed" not in out
        for who in ("ann", "bob", "cy", "eve"):
            assert (f"[#general › thread (removed, posted {hour}:00:01)]\n  {who} · ⛅ Okay / words of {who}\n"
                    in out), out
        assert "(removed, posted" in out and ")]\n\n" not in out


def test_yes_pressed_twice_in_the_terminal_deletes_once_and_says_so_kindly(tmp_path, capsys):
    out = run_script(tmp_path, deleting("mornings", 19, press_twice=True), capsys).split("mod schedule delete", 1)[1]
    assert out.count("Deleted mornings") == 1 and out.count("(removed") == 4
    assert "That button was already pressed, so I didn't do it a second time." in out
    assert "already been used" not in out and "Sorry" not in out


TOO_FEW_TOGETHER = """\
at 08:00
as mia mod
mod schedule create mornings #general daily 09:00 timezone=UTC
press 1
ann: checkin join mornings
bob: checkin join mornings
cat: checkin join mornings
dan: checkin join mornings
eve: checkin join mornings
at 09:00
ann: checkin answer 3 anonymous w-ann
bob: checkin answer 3 anonymous w-bob
cat: checkin answer 3 anonymous w-cat
at 09:30
dan: checkin answer 3 anonymous w-dan
eve: checkin answer 3 anonymous w-eve
at 11:00
dan: me history
ann: me history
"""


def test_anonymous_answers_left_after_the_last_batch_are_not_posted_and_their_members_are_told(
        tmp_path, capsys, monkeypatch):
    """The fourth trial (finding 9): five anonymous answers with a floor of three, three early and two later. The two
    never go up alone, and now their members are told, privately, and their history says so."""
    from datetime import datetime

    from tests.conftest import start_terminal_clock_at

    start_terminal_clock_at(monkeypatch, datetime(2026, 12, 7, 7, 0))
    out = run_script(tmp_path, TOO_FEW_TOGETHER, capsys)
    assert all(f"Someone\n  w-{who}" in out for who in ("ann", "bob", "cat"))
    assert "Someone\n  w-dan" not in out and "Someone\n  w-eve" not in out
    assert "If too few come in together before the round closes, they aren't posted." in out
    closing = out.split("The clock moves on to Mon 7 Dec, 11:00", 1)[1]
    for who in ("dan", "eve"):
        assert f"[DM to {who}]\n  mornings has closed, and your anonymous answer wasn't posted" in closing
    assert "[DM to ann]" not in closing
    assert "anonymous, not posted — w-dan" in closing
    assert "anonymous — w-ann" in closing


def test_a_moderator_someone_added_hears_that_me_delete_ends_it_and_the_team_reads_it_in_the_audit(
        tmp_path, capsys):
    """trial16 #1 in the terminal: the question and the reply say Ann stops moderating; the team's audit says a
    moderator left the list that way, names nobody, and the entry that added her doesn't call her a former member;
    `me export` after it is empty and makes no member again."""
    out = run_script(tmp_path, """\
mod moderators add ann
ann: me delete
ann: press 1
ann: me export
ann: me data
mod audit
mod moderators list
""", capsys)
    ask = out.split("you> ann: me delete", 1)[1].split("you> ann: press 1", 1)[0]
    assert "You'll also stop being a moderator here: this takes you off the community's moderator list." in ask
    done = out.split("you> ann: press 1", 1)[1].split("you> ann: me export", 1)[0]
    assert "You're no longer a moderator here. The audit log tells the other moderators" in done
    assert "I hold nothing about you in this community" in out.split("you> ann: me data", 1)[1]
    audit = out.split("you> mod audit", 1)[1].split("you> mod moderators list", 1)[0]
    assert "· A moderator deleted their data here, which took them off the moderator list" in audit
    assert "you added as a moderator: someone who has since deleted their data" in audit
    assert "ann" not in audit.lower() and "former" not in audit
    assert "Nobody else has been added yet." in out.split("you> mod moderators list", 1)[1]
    [export] = (tmp_path / "data" / "exports").glob("hearth-export-*.json")
    assert json.loads(export.read_text(encoding="utf-8"))["member"]["first_seen"] is None


def test_a_care_note_whose_moderator_deleted_their_data_is_shown_open_again_on_the_terminal(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
mod settings alert_channel #care-team
ann: note I keep thinking about ending my life
advance 10m
press 1
me delete
press 1
""", capsys)
    erased = out.split("mia> me delete", 1)[1].split("mia> press 1", 1)[1]
    updated = erased.split("[#care-team (updated)]", 1)[1]
    assert "The moderator who took this one has since deleted their data with Hearth, so it's open again" in updated
    assert "reaching out" not in updated and "I'll reach out" in updated and "Mia" not in updated


def test_asking_for_a_chart_again_writes_over_the_askers_own_file_and_never_fills_the_folder(tmp_path, capsys):
    """`me history` wrote a new PNG each time it was asked (my-moods.png, my-moods-2.png, …): the data folder grew
    with every asking. A chart of now is one file per person, written over; an export is still never written over."""
    import re

    script = EVENING_OPEN + """\
checkin answer 4 shared
bob: checkin answer 2 private
ann: me history
ann: me history
ann: me history
bob: me history
as mia mod
mod insights show
mod insights show
ann: me export
ann: me export
"""
    out = run_script(tmp_path, script, capsys)
    folder = tmp_path / "data" / "exports"
    saved = [Path(p) for p in re.findall(r"Saved as (\S+)", out)]
    assert len(saved) == 8, out
    charts = sorted(p.name for p in folder.glob("*.png"))
    assert charts == ["insights-4-weeks-mia.png", "my-moods-ann.png", "my-moods-bob.png"], charts
    assert saved[:3] == [folder / "my-moods-ann.png"] * 3 and saved[3] == folder / "my-moods-bob.png"
    assert all(p.stat().st_mode & 0o077 == 0 for p in folder.iterdir())  # (a member's moods: this user's only)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # (no half-written file left behind)
    assert len(list(folder.glob("hearth-export-*.json"))) == 2  # an export is kept, each one


def test_words_of_concern_at_a_choice_step_get_care_and_the_step_still_asks_for_its_choice(tmp_path, capsys):
    """At the terminal's mood step, "suicidal" or "i want to die" got the care reply in place of the step's own
    words ("That isn't one of the choices"): now it comes with them, from the core (`Hearth.screened_step`), quoting
    nothing, and the form goes on; nothing says the words were kept."""
    script = EVENING_OPEN + """\
checkin answer
suicidal
i want to die
3
some words
private
"""
    out = run_script(tmp_path, script, capsys)
    asked = out.split("ann> checkin answer", 1)[1]
    for typed in ("suicidal", "i want to die"):
        step = asked.split(f"> {typed}\n", 1)[1].split("  > ", 1)[0]
        assert "You don't have to face this alone" in step
        care_at, ask_at = step.find("You don't have to face this alone"), step.find("That isn't one of the choices.")
        assert -1 < care_at < ask_at, step  # (care first, then the step's own ask: both)
        assert step.rstrip().endswith("[5] ☀️ Great") and f"“{typed}”" not in step
        assert "saved" not in step.lower()
    assert "Your answer is kept private." in asked  # (the form went on, and saved what was chosen)


def test_press_counts_from_one_never_from_the_end(tmp_path, capsys):
    """An outside trial: `press -1` (a slip for `press 1`) pressed "Yes, go ahead" of `me delete`, counted from the
    end, and erased everything; `press 0` pressed the last button. Only 1 to the number of buttons press one."""
    out = run_script(tmp_path, """\
note keep me
me delete
press -1
press 0
press 3
notes list
""", capsys)
    for typed in ("-1", "0", "3"):
        assert f"There's no button “{typed}”. The last ones were: [1] Yes, go ahead  [2] Cancel" in out
    assert "Done. I've deleted" not in out and "Okay, nothing changed" not in out
    assert "keep me" in out.split("you> notes list", 1)[1]
