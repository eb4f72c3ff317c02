"""Every line typed at a step of a terminal form, or at one of its questions, is screened first.

With concern the care reply comes, the words are never repeated back, and the step is asked again; a sentence
that is none of a step's choices is never quoted back either (the screen can miss what someone means).
"""

from __future__ import annotations

from tests.adapters.console.test_console_script import EVENING_OPEN, run_script

CARE = "You don't have to face this alone"
CARE_FR = "findahelpline.com"


def test_words_of_concern_at_a_choice_step_get_care_and_the_step_again_unquoted(tmp_path, capsys):
    out = run_script(tmp_path, EVENING_OPEN + "checkin answer\nI want to kill myself\n3\n\nprivate\n", capsys)
    form = out.split("ann> checkin answer", 1)[1]
    step = form.split("  > I want to kill myself\n", 1)[1]
    assert CARE in step.split("How are you, 1 to 5?", 1)[0]
    # (the step's own ask comes with the care reply, after it, never instead of it; quoting nothing: session 21)
    before = step.split("  > 3", 1)[0]
    assert "“I want to kill myself”" not in out and before.count("That isn't one of the choices. Type one of them.") == 1
    assert before.find(CARE) < before.find("That isn't one of the choices.")
    assert "Your answer is kept private" in step.split("  > 3", 1)[1]  # and the form went on to its end


def test_a_sentence_at_a_choice_step_is_never_quoted_back_and_a_slip_still_is(tmp_path, capsys):
    # (a sentence the screen doesn't flag: "the pills are ready and tonight is the night" was one for the phrase
    # rules, and now is; "the car is packed and I've written to everyone" for the model, which now hears it)
    script = EVENING_OPEN + "checkin answer\nthe blue one, I think, or maybe the green one today\n7\n3\n\nprivate\n"
    out = run_script(tmp_path, script, capsys)
    assert "“the blue one" not in out
    assert "That isn't one of the choices. Type one of them." in out
    assert "“7” isn't one of the choices." in out


def test_words_of_concern_at_the_yes_or_no_question_get_care_first(tmp_path, capsys):
    script = EVENING_OPEN + "checkin answer\n3\ncheckin join now\nI really want to kill myself\nyes\nprivate\n"
    out = run_script(tmp_path, script, capsys)
    question = out.split("  > I really want to kill myself\n", 1)[1]
    assert CARE in question.split("Please type yes or no.", 1)[0]
    assert "“I really want to kill myself”" not in out


def test_in_french_words_of_concern_at_the_visibility_step_are_not_echoed(tmp_path, capsys):
    script = EVENING_OPEN + "me language fr\ncheckin answer\n3\n\nJe veux mourir, je n'en peux plus\n3\n"
    out = run_script(tmp_path, script, capsys)
    step = out.split("  > Je veux mourir, je n'en peux plus\n", 1)[1]
    assert "« Je veux mourir" not in out and "“Je veux mourir" not in out
    before = step.split("  > 3", 1)[0]
    assert CARE_FR in before  # (then the step's own ask, in French, quoting nothing: with the care reply, after it)
    assert before.find(CARE_FR) < before.find("Ça ne fait pas partie des choix. Tape l'un d'eux.")


def care_notes(out: str) -> list[str]:
    """The care channel's posts (`mod settings alert_channel #care`), each its first line."""
    return [part.split("\n", 2)[1].strip() for part in out.split("[#care]")[1:]]


#: A moderator's form, opened by a button of `home` ("Add a prompt"), its first step a choice.
MOD_FORM = "as mia mod\nmod settings alert_channel #care\nhome\npress 5\n"


def test_a_care_note_for_words_at_a_forms_step_says_a_form(tmp_path, capsys):
    """The trial: words typed at a step of a moderator's form, and the moderators' note said "in a message to
    Hearth in #general". It was a form."""
    out = run_script(tmp_path, MOD_FORM + "I want to kill myself\ncancel\nadvance 10m\n", capsys)
    assert CARE in out
    [note] = care_notes(out)
    assert "mia may need some support right now, in a form from Hearth in #general." in note
    assert "message" not in note


def test_a_care_note_for_words_at_a_check_in_forms_step_says_nothing_of_where(tmp_path, capsys):
    """A step of a check-in's answer form: nothing of where, nor of a round (no answer was saved)."""
    script = EVENING_OPEN.replace("as ann\n", "mod settings alert_channel #care\nas ann\n") + \
        "checkin answer\nI want to kill myself\n3\n\nprivate\nadvance 10m\n"
    out = run_script(tmp_path, script, capsys)
    [note] = care_notes(out)
    assert note.startswith("💛 ann may need some support right now. Hearth has privately shared")


def test_the_same_words_at_a_step_again_get_care_again_never_quoted(tmp_path, capsys):
    """Typed twice at a choice step within moments: care both times (the second time got none, and the step's
    "isn't one of the choices" alone), one note, and the words never quoted."""
    out = run_script(tmp_path, MOD_FORM + "I want to kill myself\nI want to kill myself\ncancel\nadvance 10m\n",
                     capsys)
    form = out.split("mia> press 5", 1)[1]
    assert form.count(CARE) == 2
    assert "“I want to kill myself”" not in out and "isn't one of the choices" not in form.split(CARE, 1)[0]
    assert form.count("That isn't one of the choices. Type one of them.") == 2  # (with the care reply, after it)
    assert len(care_notes(out)) == 1


def test_words_of_a_form_left_unsent_get_care_without_a_note_and_come_back(tmp_path, capsys):
    """An outside trial: words typed in a terminal form's words field, then `cancel` (or another command typed
    while the form waited), got "(cancelled)" and the words echoed, never the care reply. As a form closed unsent
    on every platform (`Hearth.closed_form`): the care reply, no note naming them (they chose not to send it), and
    their words given back."""
    script = EVENING_OPEN.replace("as ann\n", "mod settings alert_channel #care\nas ann\n") + \
        "checkin answer\n4\nI want to die\ncancel\n" \
        "bob: checkin answer\n4\nje veux mourir\nbob: checkin status\nadvance 10m\n"
    out = run_script(tmp_path, script, capsys)
    anns, bobs = out.split("ann> bob: checkin answer", 1)
    left = anns.split("  (cancelled)\n", 1)[1]
    assert CARE in left and "Anything you'd like to say? — you wrote “I want to die”" in left.split(CARE, 1)[1]
    left = bobs.split("  (cancelled)\n", 1)[1].split("ann> bob: checkin status", 1)[0]
    assert CARE in left and "you wrote “je veux mourir”" in left.split(CARE, 1)[1]
    assert "Your check-ins" in bobs  # (the command that left the form ran)
    assert care_notes(out) == []  # (not sent: no note naming them)


def test_words_a_form_kept_with_enter_are_not_answered_again_when_it_is_left(tmp_path, capsys):
    """Only what was typed in the form is screened when it is left: an earlier answer's words, kept as the field's
    default with Enter, had their care reply when they were written."""
    script = EVENING_OPEN + "checkin answer 3 private I want to die\nadvance 1m\ncheckin answer\n3\n\ncancel\n"
    out = run_script(tmp_path, script, capsys)
    again = out.split("ann> checkin answer\n", 1)[1]
    assert out.count(CARE) == 1 and "(cancelled)" in again and CARE not in again


def test_a_long_answer_of_concern_at_its_step_gets_care_the_reason_and_its_words_back(tmp_path, capsys):
    """An answer of concern too long for its words field got the care reply and the question again, with no reason
    and no words: left then, they were lost. Refused after a care reply, words still come back, as every refused
    answer's do."""
    words = "I want to die " + "z" * 1090
    out = run_script(tmp_path, EVENING_OPEN + f"checkin answer\n2\n{words}\ncancel\n", capsys)
    step = out.split(f"  > {words}\n", 1)[1]
    assert CARE in step and "That's 1104 characters; the most I can keep here is 1000." in step.split(CARE, 1)[1]
    assert f"Anything you'd like to say? (optional) — you wrote “{words}”" in step
    assert f"Anything you'd like to say? — you wrote “{words}”" in step.split("(cancelled)", 1)[1]
