import pytest

from bot.content import default_content_dir
from bot.content.lint import lint, main

from .helpers import builtin_texts, pack_text, prompt, write


def test_builtin_content_lints_clean_and_strict():
    code, report = lint(None, strict=True)
    assert code == 0, report
    assert "All clear: no problems found." in report
    assert "Problems" not in report and "Suggestions" not in report
    assert "packs/reflections.toml" in report and "packs/checkins.toml" in report and "texts.toml" in report


def test_report_has_theme_and_depth_tables():
    code, report = lint(None)
    assert "Prompts per theme and kind" in report and "Prompts per depth and kind" in report
    header = next(line for line in report.splitlines() if line.startswith("theme "))
    assert header.split() == ["theme", "reflection", "checkin", "total"]
    assert any(line.startswith("Respect (respect) ") for line in report.splitlines())
    assert any(line.startswith("Signs of safety (signs) ") for line in report.splitlines())
    depth_rows = {line.split()[0]: line.split()[1:] for line in report.splitlines()
                  if line.split()[:1] in (["light"], ["medium"], ["deep"])}
    assert set(depth_rows) == {"light", "medium", "deep"}


def test_table_counts_match_the_files(tmp_path):
    path = write(tmp_path / "p.toml", pack_text(
        prompt(id="a"), prompt(id="b", depth="deep"), prompt(id="c", kind="checkin", theme="signs")))
    code, report = lint([path])
    assert code == 0, report
    rows = {line.rsplit(None, 3)[0]: line.split()[-3:] for line in report.splitlines()
            if line.startswith(("Respect (", "Signs of safety (", "all themes", "light ", "deep ", "medium "))}
    assert rows["Respect (respect)"] == ["2", "0", "2"]
    assert rows["Signs of safety (signs)"] == ["0", "1", "1"]
    assert rows["all themes"] == ["2", "1", "3"]
    assert rows["light"] == ["1", "1", "2"] and rows["deep"] == ["1", "0", "1"] and rows["medium"] == ["0", "0", "0"]


def test_bad_pack_fails_with_messages(tmp_path):
    bad = write(tmp_path / "bad.toml", pack_text(prompt(id="respect-99", theme="respct"), prompt(text="y" * 290)))
    code, report = lint([bad])
    assert code == 1
    assert "Problems (2):" in report
    assert 'bad.toml: prompt "respect-99": unknown theme "respct"' in report
    assert "the text is 290 characters; the limit is 280" in report
    assert "(not loaded: see problems)" in report


def test_syntax_error_is_reported_with_line(tmp_path):
    bad = write(tmp_path / "broken.toml", '[pack]\nid = "x"\nname = \n')
    code, report = lint([bad])
    assert code == 1 and "broken.toml: line 3: this isn't valid TOML" in report


@pytest.mark.parametrize("name, text", [
    ("deep.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n"),  # (trial16 §4: "something went wrong", exit 1)
    ("texts.toml", '[checkin]\nx = "y"\n[' + ".".join(["t"] * 5000) + "]\n"),
])
def test_a_file_nested_too_deeply_is_a_problem_with_its_line_not_a_crash(tmp_path, name, text, capsys):
    bad = write(tmp_path / name, text)
    code, report = lint([bad])
    assert code == 1 and f"{name}: line " in report and "nests arrays or tables too deeply to read" in report
    assert main([str(bad)]) == 1
    assert "something went wrong" not in capsys.readouterr().err


def test_duplicate_ids_across_files(tmp_path):
    a = write(tmp_path / "a.toml", pack_text(prompt(id="same")))
    b = write(tmp_path / "b.toml", pack_text(prompt(id="same", text="Another question?")))
    code, report = lint([a, b])
    assert code == 1
    assert 'pack id "test-pack" is also used by a.toml' in report
    assert 'b.toml: prompt "same": the id is also used in a.toml' in report


def test_style_suggestions_only_fail_when_strict(tmp_path):
    path = write(tmp_path / "style.toml", pack_text(
        prompt(id="a", text="Describe your day."),
        prompt(id="b", text="How are you? What went well?"),
        prompt(id="c", text="What must you do to be a good friend?"),
        prompt(id="e", text="Who makes you feel **heard**?"),
    ))
    code, report = lint([path])
    assert code == 0, report
    assert "No problems found (only suggestions)." in report
    assert 'prompt "a": reads best as one question' in report
    assert 'prompt "b": asks more than one question' in report
    assert 'prompt "c": says “must”, which can sound like a demand' in report
    assert 'prompt "e": holds “**”' in report
    assert lint([path], strict=True)[0] == 1


def test_repeated_text_is_suggested(tmp_path):
    path = write(tmp_path / "rep.toml", pack_text(prompt(id="a", text="Who helps?"), prompt(id="b", text="who helps")))
    _code, report = lint([path])
    assert 'prompt "b" repeats the text of "a"' in report


def test_texts_file_and_content_dir(tmp_path):
    content = tmp_path / "content"
    write(content / "packs" / "p.toml", pack_text())
    write(content / "texts.toml", builtin_texts().replace("reminder = \"A gentle nudge: **{schedule}**",
                                                          "reminder = \"A gentle nudge: **{sched}**"))
    code, report = lint([content])
    assert code == 1
    assert "content/texts.toml" in report or "texts.toml" in report
    assert "uses {sched}, which this text can't fill" in report
    code, report = lint([content / "packs"])
    assert code == 0 and "p.toml" in report


def test_nothing_to_check(tmp_path):
    code, report = lint([tmp_path])
    assert code == 1 and "nothing to check" in report


def test_main_prints_the_report_and_returns_the_code(tmp_path, capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "All clear" in out and "Prompts per theme and kind" in out
    bad = write(tmp_path / "bad.toml", pack_text(prompt(depth="bottomless")))
    assert main([str(bad)]) == 1
    assert 'unknown depth "bottomless"' in capsys.readouterr().out
    assert main(["--strict", str(default_content_dir())]) == 0


def test_main_usage_error_returns_2(capsys):
    assert main(["--no-such-flag"]) == 2
    assert "usage: hearth content lint" in capsys.readouterr().err


def test_prompts_that_read_as_crisis_are_warned_with_their_id(tmp_path):
    path = write(tmp_path / "p.toml", pack_text(
        prompt(id="fine-01"), prompt(id="dark-01", theme="fear", depth="deep",
                                     text="What does it feel like to want to die?")))
    code, report = lint([path])
    assert code == 0, report
    assert "Warnings (1):" in report
    assert 'test-pack: prompt "dark-01" reads like someone who may be in danger' in report
    assert "fine-01" not in report.split("Warnings")[1].split("Prompts per")[0]
    assert "No problems found (only warnings)." in report
    strict, _ = lint([path], strict=True)
    assert strict == 1


def test_each_language_of_the_built_in_packs_covers_every_theme():
    """Issue 24: every language as English does, at least 12 reflections per theme and 40 check-in prompts."""
    from bot.content.lint import coverage_problems
    from bot.content.packs import Pack, Prompt, load_library

    assert coverage_problems(list(load_library().packs)) == []
    thin = Pack("thin-nl", "Dun", "1.0.0", "nl-NL", "", (  # (a language no built-in pack is in yet)
        Prompt("nl-1", "reflection", "listening", "light", "Wie heeft echt naar je geluisterd?", "thin-nl"),))
    problems = coverage_problems([*load_library().packs, thin])
    assert "language nl: 1 reflection prompts on the theme “listening”; every language needs at least 12" in problems
    assert "language nl: 0 reflection prompts on the theme “repair”; every language needs at least 12" in problems
    assert "language nl: 0 check-in prompts; every language needs at least 40" in problems
    assert not [p for p in problems if p.startswith("language en")]


def test_lint_warns_of_every_prompt_an_import_would_ask_to_confirm(tmp_path):
    """An outside trial: import asked about three prompts, lint about one. Crisis wording addressed to the reader
    ("Have you ever wanted to kill yourself?") is a second look in both, by the one rule."""
    from bot.safety.addressed import worth_a_second_look
    from bot.safety.screen import Screen

    texts = {"a-01": "Have you ever wanted to kill yourself?", "b-01": "What made you want to end it all?",
             "c-01": "Tell the group about the last time you hurt yourself on purpose, in detail.",
             "ok-01": "What helped you rest this week?"}
    path = write(tmp_path / "p.toml", pack_text(*(prompt(id=k, text=t) for k, t in texts.items())))
    code, report = lint([path])
    warned = {k for k in texts if f'prompt "{k}" reads like' in report}
    screen = Screen.load(with_model=False)
    assert warned == {k for k, t in texts.items() if worth_a_second_look(screen.check(t).level, t)}
    assert warned == {"a-01", "b-01", "c-01"}
