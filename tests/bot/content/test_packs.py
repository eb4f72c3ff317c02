import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content import (
    DEPTHS,
    KINDS,
    MAX_PROMPT_CHARS,
    THEMES,
    Pack,
    PackError,
    Prompt,
    dump_pack,
    load_pack,
    parse_pack,
)
from bot.content.style import shows_nothing

from .helpers import HEADER, pack_text, prompt, write


def problems_of(text: str, source: str = "reflections.toml") -> list[str]:
    with pytest.raises(PackError) as err:
        parse_pack(text, source)
    return err.value.problems


def test_a_good_pack_loads_from_a_file(tmp_path):
    path = write(tmp_path / "mine.toml", pack_text(prompt(), prompt(id="signs-01", kind="checkin", theme="signs",
                                                               depth="medium", text="Where do you feel at ease?")))
    pack = load_pack(path)
    assert pack.id == "test-pack" and pack.name == "Test pack" and pack.version == "1.0.0"
    assert pack.language == "en" and pack.description == "For tests" and pack.path == path
    assert [p.id for p in pack.prompts] == ["respect-01", "signs-01"]
    assert pack.prompts[1] == Prompt("signs-01", "checkin", "signs", "medium", "Where do you feel at ease?", "test-pack")
    assert pack.prompt("signs-01").theme_title == "Signs of safety"


def test_constants():
    assert list(THEMES) == ["respect", "listening", "honesty", "vulnerability", "fear", "boundaries",
                            "conflict", "appreciation", "growth", "repair", "signs"]
    assert THEMES["respect"] == "Respect"
    assert KINDS == ("reflection", "checkin") and DEPTHS == ("light", "medium", "deep")
    assert MAX_PROMPT_CHARS == 280


def test_unknown_theme_names_file_prompt_and_choices():
    [msg] = problems_of(pack_text(prompt(id="respect-99", theme="respct")))
    assert msg.startswith('reflections.toml: prompt "respect-99": unknown theme "respct"')
    assert 'did you mean "respect"' in msg
    assert "use one of: respect, listening, honesty" in msg and "signs" in msg


def test_unknown_kind_and_depth():
    problems = problems_of(pack_text(prompt(id="a-1", kind="question", depth="lite")))
    assert len(problems) == 2
    assert 'prompt "a-1": unknown kind "question" — use one of: reflection, checkin' in problems[0]
    assert 'prompt "a-1": unknown depth "lite" (did you mean "light"?) — use one of: light, medium, deep' in problems[1]


def test_duplicate_id():
    [msg] = problems_of(pack_text(prompt(id="dup"), prompt(id="ok"), prompt(id="dup")))
    assert msg == ('reflections.toml: prompt "dup": the id is used twice (prompts #1 and #3) — '
                   "give each prompt its own id")


def test_empty_text():
    [msg] = problems_of(pack_text(prompt(id="blank", text="   ")))
    assert 'reflections.toml: prompt "blank": the text is empty' in msg


def test_over_long_text_says_length_and_limit():
    [msg] = problems_of(pack_text(prompt(id="long", text="x" * 300)))
    assert msg == ('reflections.toml: prompt "long": the text is 300 characters; the limit is 280 — '
                   "shorten it by 20")


def test_exactly_the_limit_is_fine():
    pack = parse_pack(pack_text(prompt(text="x" * MAX_PROMPT_CHARS)), "p.toml")
    assert len(pack.prompts[0].text) == MAX_PROMPT_CHARS


def test_missing_fields_and_wrong_types():
    text = HEADER + '\n[[prompts]]\nid = "half"\nkind = 3\ntext = "Hello?"\n'
    problems = problems_of(text)
    assert any('prompt "half": "kind" should be text in quotes' in p for p in problems)
    assert any('prompt "half": missing "theme"' in p for p in problems)
    assert any('prompt "half": missing "depth" — add depth = "light", "medium" or "deep"' in p for p in problems)


def test_a_prompt_without_an_id_is_named_by_position():
    text = pack_text(prompt(), '\n[[prompts]]\nkind = "reflection"\ntheme = "fear"\ndepth = "deep"\ntext = "Hi?"\n')
    [msg] = problems_of(text)
    assert msg.startswith('reflections.toml: prompt #2 (no id): missing "id"')


def test_bad_prompt_id_and_unknown_field():
    problems = problems_of(pack_text(prompt(id="Respect 1").replace('theme =', 'thme = "x"\ntheme =')))
    assert any('prompt id "Respect 1" can only use lowercase letters, digits and dashes' in p for p in problems)
    assert any('unknown field "thme" (did you mean "theme"?)' in p for p in problems)


def test_bad_header_fields():
    header = '[pack]\nid = "My Pack"\nname = ""\nversion = "one"\nlanguage = "English"\ncolour = "red"\n'
    problems = problems_of(pack_text(prompt(), header=header))
    joined = "\n".join(problems)
    assert 'reflections.toml: [pack]: pack id "My Pack" can only use lowercase letters' in joined
    assert "[pack]: the name is empty" in joined
    assert '[pack]: version "one" should be numbers with dots, like version = "1.0.0"' in joined
    assert '[pack]: language "English" should be a language code' in joined
    assert '[pack]: unknown field "colour"' in joined
    assert len(problems) == 5


def test_missing_header_and_header_fields():
    assert "the [pack] header is missing" in problems_of(prompt())[0]
    problems = problems_of(pack_text(prompt(), header='[pack]\nid = "x"\n'))
    assert [p.split(" — ")[0] for p in problems] == [
        'reflections.toml: [pack]: missing "name"',
        'reflections.toml: [pack]: missing "version"',
        'reflections.toml: [pack]: missing "language"',
    ]


def test_description_is_optional():
    header = '[pack]\nid = "x"\nname = "X"\nversion = "2"\nlanguage = "pt-BR"\n'
    pack = parse_pack(pack_text(prompt(), header=header), "x.toml")
    assert pack.description == "" and pack.version == "2" and pack.language == "pt-BR"


def test_no_prompts_and_single_bracket_prompts():
    assert "the pack has no prompts" in problems_of(HEADER)[0]
    assert "[[prompts]] line (double brackets)" in problems_of(HEADER + '\n[prompts]\nid = "a"\n')[0]


def test_unknown_section():
    problems = problems_of(pack_text(prompt()) + '\n[[prompt]]\nid = "b"\n')
    assert problems == ['reflections.toml: unknown section "prompt" (did you mean "prompts"?) — '
                        "a pack has a [pack] header and [[prompts]] entries"]


def test_toml_syntax_error_names_the_line():
    text = pack_text(prompt()) + '\n[[prompts]]\nid = "b"\nkind "reflection"\n'
    [msg] = problems_of(text)
    line = text.splitlines().index('kind "reflection"') + 1
    assert msg.startswith(f"reflections.toml: line {line}: this isn't valid TOML")


def test_unterminated_string_at_end_names_a_line():
    [msg] = problems_of('[pack]\nid = "x\n')
    assert msg.startswith("reflections.toml: line 2")


def test_all_problems_are_collected_not_just_the_first():
    text = pack_text(prompt(id="a", theme="nope"), prompt(id="b", depth="abyss"), prompt(id="c", text="y" * 281))
    with pytest.raises(PackError) as err:
        parse_pack(text, "many.toml")
    assert len(err.value.problems) == 3
    message = str(err.value)
    assert message.startswith("3 problems:")
    for pid in ("a", "b", "c"):
        assert f'many.toml: prompt "{pid}"' in message


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(PackError, match="nope.toml: file not found"):
        load_pack(tmp_path / "nope.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(pack_text(prompt(text="caf\xe9?")).encode("latin-1"))
    with pytest.raises(PackError, match="latin1.toml: this file isn't UTF-8"):
        load_pack(bad)


def test_upload_messages_use_the_given_source():
    with pytest.raises(PackError, match=r'^upload\.toml: prompt "x": unknown theme'):
        parse_pack(pack_text(prompt(id="x", theme="joy")), "upload.toml")


def test_text_is_kept_exactly_as_written():
    pack = parse_pack(pack_text(prompt(text="  Who?  ")), "p.toml")
    assert pack.prompts[0].text == "  Who?  "


def test_dump_round_trips_exactly(tmp_path):
    tricky = ('Quotes "like this", “curly”, a backslash \\ and a tab\t, emoji 🌧️, '
              "apostrophes it's, and a\nnew line?")
    pack = Pack(id="x", name="Ünïcode ‘name’", version="1.2.3", language="en",
                description='He said "hi"\n', prompts=(
                    Prompt("a", "reflection", "repair", "deep", tricky, "x"),
                    Prompt("b-2", "checkin", "signs", "light", "[[prompts]] = not a table?", "x"),
                ))
    text = dump_pack(pack)
    again = parse_pack(text, "x.toml")
    assert again == pack
    assert dump_pack(again) == text
    path = write(tmp_path / "x.toml", text)
    assert load_pack(path) == pack


def test_dump_round_trips_the_builtin_packs():
    from bot.content import default_content_dir
    for path in sorted((default_content_dir() / "packs").glob("*.toml")):
        pack = load_pack(path)
        again = parse_pack(dump_pack(pack), path.name)
        assert again == pack
        assert again.prompts == pack.prompts


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1, max_size=MAX_PROMPT_CHARS).filter(
    lambda s: not shows_nothing(s))  # (a prompt nobody would see anything of is refused: "\xad", "ㅤ")
_ids = st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(_text, min_size=1, max_size=5), description=st.text(st.characters(blacklist_categories=("Cs",)), max_size=50),
       kind=st.sampled_from(KINDS), theme=st.sampled_from(list(THEMES)), depth=st.sampled_from(DEPTHS))
def test_dump_parse_round_trip_property(texts, description, kind, theme, depth):
    pack = Pack(id="p", name="P", version="1.0.0", language="en", description=description,
                prompts=tuple(Prompt(f"p-{i}", kind, theme, depth, t, "p") for i, t in enumerate(texts)))
    assert parse_pack(dump_pack(pack), "p.toml") == pack


def test_pack_path_does_not_affect_equality(tmp_path):
    pack = parse_pack(pack_text(), "p.toml")
    assert dataclasses.replace(pack, path=Path("/elsewhere.toml")) == pack


def test_control_characters_in_prompt_text_are_refused():
    from bot.content.packs import PackError, parse_pack

    text = '[pack]\nid = "p"\nname = "P"\nversion = "1"\nlanguage = "en"\n\n[[prompts]]\nid = "a"\nkind = "checkin"\n' \
           'theme = "respect"\ndepth = "light"\ntext = "Who was kind\\u0000 today?"\n'
    try:
        parse_pack(text, "p.toml")
    except PackError as err:
        assert "control character" in str(err)
    else:
        raise AssertionError("a NUL byte in a prompt was accepted")


def test_a_pack_problem_is_told_in_the_readers_language(tmp_path, monkeypatch):
    from bot import i18n
    from tests.bot.test_i18n import write_catalog

    write_catalog(tmp_path, "de", {
        "{source}: [pack]": "{source}: [pack]",
        '{where}: missing "{key}" — add a line like {example}':
            "{where}: „{key}“ fehlt — füge eine Zeile wie {example} hinzu",
        '{where}: unknown {field} "{value}"{suggestion} — use one of: {choices}':
            "{where}: unbekannter Wert für {field}: „{value}“{suggestion} — verwende einen von: {choices}",
        '(did you mean "{suggestion}"?)': "(meintest du „{suggestion}“?)",
        '{source}: prompt "{id}"': "{source}: Frage „{id}“",
        "your file": "deine Datei",
    })
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    i18n.translations.cache_clear()
    text = HEADER.replace('language = "en"\n', "") + prompt("respect-01", kind="reflectoin")
    try:
        with i18n.speaking("de"):
            got = problems_of(text, i18n._("your file"))
    finally:
        i18n.translations.cache_clear()
    assert got == ['deine Datei: [pack]: „language“ fehlt — füge eine Zeile wie language = "en" hinzu',
                   'deine Datei: Frage „respect-01“: unbekannter Wert für kind: „reflectoin“ (meintest du '
                   '„reflection“?) — verwende einen von: reflection, checkin']
    # The same file in English, as the operator's `hearth content lint` prints it:
    assert problems_of(text, "your file")[0] == ('your file: [pack]: missing "language" — add a line like '
                                                 'language = "en"')


def test_a_name_or_id_of_only_punctuation_is_refused():
    header = HEADER.replace('id = "test-pack"', 'id = "---"')
    header = header.replace('name = "Test pack"', 'name = "..."')
    joined = "\n".join(problems_of(pack_text(prompt(id="-"), header=header)))
    assert '[pack]: the name "..." is only punctuation' in joined
    assert 'pack id "---" is only dashes' in joined and 'prompt id "-" is only dashes' in joined
