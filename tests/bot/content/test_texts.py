import re
import shutil

import pytest

from bot.content import PackError, load_library, load_texts, parse_texts, default_content_dir
from bot.content.texts import CHECKIN_PLACEHOLDERS, VISIBILITY_KEYS
from bot.events import Rich, UserText, rich

from .helpers import builtin_texts, pack_text, prompt, write


def problems_of(text: str) -> list[str]:
    with pytest.raises(PackError) as err:
        parse_texts(text, "texts.toml")
    return err.value.problems


def test_builtin_texts_are_valid_and_complete():
    texts = load_texts(default_content_dir() / "texts.toml")
    assert sorted(texts.moods) == [1, 2, 3, 4, 5]
    for mood in texts.moods.values():
        assert mood.label and mood.emoji
    assert set(texts.checkin) == set(CHECKIN_PLACEHOLDERS)
    assert set(texts.visibility) == set(VISIBILITY_KEYS)


def test_builtin_texts_use_only_their_own_placeholders():
    texts = load_texts(default_content_dir() / "texts.toml")
    for key, allowed in CHECKIN_PLACEHOLDERS.items():
        used = set(re.findall(r"\{(\w*)\}", texts.checkin[key]))
        assert used <= set(allowed), key


def test_render_fills_placeholders_and_keeps_user_text_inert():
    texts = load_texts(default_content_dir() / "texts.toml")
    out = texts.render("opening", schedule="<!channel> mornings", prompt="How are you, **really**?",
                       closes="at 17:00")
    assert UserText("<!channel> mornings") in out.parts
    assert UserText("How are you, **really**?") in out.parts
    assert "at 17:00" in out.plain()
    summary = texts.render("summary", schedule="Team", count=5, spread=rich("☀️ 3 · ⛅ 2"))
    assert "5" in summary.plain() and "☀️ 3 · ⛅ 2" in summary.plain()
    assert isinstance(summary, Rich)


def test_missing_mood_and_bad_mood():
    text = builtin_texts().replace('3 = { label = "Okay", emoji = "⛅" }\n', "")
    text = text.replace('label = "Great", ', "")
    problems = problems_of(text)
    assert any(p.startswith("texts.toml: [moods]: mood 3 is missing") for p in problems)
    assert any(p.startswith('texts.toml: [moods]: mood 5: missing "label"') for p in problems)


def test_unknown_mood_number():
    text = builtin_texts().replace("[checkin]", '6 = { label = "Ecstatic", emoji = "🤩" }\n\n[checkin]', 1)
    assert any('unknown mood "6"' in p for p in problems_of(text))


def test_unknown_placeholder_is_rejected_with_the_allowed_list():
    text = re.sub(r'^reminder = ".*"$', 'reminder = "Hi {name}, {schedule} closes {closes}."', builtin_texts(),
                  flags=re.M)
    [msg] = problems_of(text)
    assert msg == ('texts.toml: [checkin]: "reminder" uses {name}, which this text can\'t fill — '
                   "it can use: {schedule}, {closes}")


def test_placeholder_from_another_text_is_rejected():
    text = re.sub(r'^summary_none = ".*"$', 'summary_none = "{schedule}: {count} answers"', builtin_texts(),
                  flags=re.M)
    assert "uses {count}" in problems_of(text)[0]


def test_stray_brace_and_format_spec():
    text = re.sub(r'^thanks = ".*"$', 'thanks = "Thanks {visibility_phrase"', builtin_texts(), flags=re.M)
    assert "stray { or }" in problems_of(text)[0]
    text = re.sub(r'^thanks = ".*"$', 'thanks = "Thanks {visibility_phrase!r}"', builtin_texts(), flags=re.M)
    assert "write {visibility_phrase} plainly" in problems_of(text)[0]


def test_required_placeholder():
    text = re.sub(r'^opening = ".*"$', 'opening = "**{schedule}** is open"', builtin_texts(), flags=re.M)
    assert problems_of(text) == ['texts.toml: [checkin]: "opening" needs {prompt} somewhere in it — '
                                 "the core fills it in"]


def test_missing_keys_sections_and_unknown_keys():
    text = re.sub(r'^dm = ".*"\n', "", builtin_texts(), flags=re.M)
    text = text.replace('private = "Keep it private (just for me)"\n', 'secret = "Shh"\n')
    problems = problems_of(text)
    assert any(p.startswith('texts.toml: [checkin]: "dm" is missing') for p in problems)
    assert any(p.startswith('texts.toml: [visibility]: "private" is missing') for p in problems)
    assert any('unknown label "secret"' in p for p in problems)
    cut = builtin_texts().split("[visibility]")[0]
    assert any("the [visibility] section is missing" in p for p in problems_of(cut))


def test_markup_is_checked():
    text = re.sub(r'^summary_none = ".*"$', 'summary_none = "**{schedule} is done"', builtin_texts(), flags=re.M)
    assert "** without its partner" in problems_of(text)[0]
    text = re.sub(r'^summary_none = ".*"$', 'summary_none = "{schedule} done @everyone"', builtin_texts(),
                  flags=re.M)
    assert 'contains "@everyone"' in problems_of(text)[0]


def test_visibility_labels_are_short_plain_labels():
    text = builtin_texts().replace('shared = "Share with the group (with my name)"', 'shared = "' + "x" * 90 + '"')
    assert "90 characters; the limit is 75" in problems_of(text)[0]


def test_toml_error_in_texts_names_the_line():
    [msg] = problems_of("[moods]\n1 = { label = \"a\" emoji = \"b\" }\n")
    assert msg.startswith("texts.toml: line 2: this isn't valid TOML")


def test_library_loads_the_builtin_content():
    lib = load_library(default_content_dir())
    assert {p.id for p in lib.packs} >= {"hearth-reflections", "hearth-checkins"}  # and the other languages' packs
    assert lib.prompts["respect-01"].pack_id == "hearth-reflections"
    assert lib.moods[1].label and lib.moods[5].emoji
    assert "{prompt}" in lib.checkin["opening"] and lib.visibility["private"]
    assert all(p.kind == "checkin" for p in lib.select(kind="checkin"))
    assert {p.theme for p in lib.select(theme="repair", depth="deep")} == {"repair"}


def test_library_collects_problems_from_every_file(tmp_path):
    content = tmp_path / "content"
    write(content / "packs" / "a.toml", pack_text(prompt(id="one")))
    write(content / "packs" / "c.toml", pack_text(prompt(id="two", theme="joy"),
                                                  header=pack_text().split("[[")[0].replace("test-pack", "c")))
    write(content / "packs" / "b.toml",
          pack_text(prompt(id="one"), header=pack_text().split("[[")[0].replace("test-pack", "other-pack")))
    write(content / "texts.toml", builtin_texts().replace("{closes}", "{when}"))
    with pytest.raises(PackError) as err:
        load_library(content)
    problems = err.value.problems
    assert any(p.startswith('packs/c.toml: prompt "two": unknown theme "joy"') for p in problems)
    assert any('prompt "one": the id is also used in a.toml' in p for p in problems)
    assert any(p.startswith('texts.toml: [checkin]: "opening" uses {when}') for p in problems)


def test_library_from_a_copy_of_the_builtin_content(tmp_path):
    shutil.copytree(default_content_dir(), tmp_path / "content")
    lib = load_library(tmp_path / "content")
    assert len(lib.prompts) == sum(len(p.prompts) for p in lib.packs)


def test_library_needs_packs_and_texts(tmp_path):
    with pytest.raises(PackError) as err:
        load_library(tmp_path)
    assert any("no packs found" in p for p in err.value.problems)
    assert any("texts.toml: file not found" in p for p in err.value.problems)
