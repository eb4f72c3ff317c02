"""Prompt packs through the core: export, preview and import, and built-in switches, on real SQLite."""

from __future__ import annotations

import json

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content.packs import DEPTHS, KINDS, THEMES, parse_pack
from bot.events import Actor, Event, Reply
from bot.engines.prompt_choice import available
from bot.events import SHOWN_TO
from tests.conftest import actor, press, run, text

OTHER = "console:other"

PACK = """
[pack]
id = "team-pack"
name = "Team prompts"
version = "1.2.0"
language = "en"

[[prompts]]
id = "team-01"
kind = "checkin"
theme = "appreciation"
depth = "light"
text = "Who made your week a little easier?"

[[prompts]]
id = "team-02"
kind = "reflection"
theme = "listening"
depth = "medium"
text = "When did someone last really hear you?"
"""


def prompt_fields(rows: list[dict]) -> list[tuple[str, str, str, str, str]]:
    return [(r["id"], r["kind"], r["theme"], r["depth"], r["text"]) for r in rows]


async def add(app, mod: Actor, kind: str, theme: str, depth: str, words: str) -> None:
    out = await run(app, mod, "mod prompt add", kind=kind, theme=theme, depth=depth, text=words)
    assert "Added" in text(out)


async def upload(app, who: Actor, data: bytes | str, **args: str) -> list[Reply]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return await app.handle(Event("command", who, "mod pack import", dict(args), attachment=raw))


async def apply_preview(app, who: Actor, replies: list[Reply]) -> list[Reply]:
    button = replies[0].buttons[0]
    assert button.action == "mod.pack.apply"
    assert len(str(button.args)) < 100  # Discord's limit on a button's data
    return await press(app, who, button.action, button.args)


async def test_export_then_import_into_another_community_round_trips(app):
    mod = actor("mia", moderator=True)
    await add(app, mod, "checkin", "appreciation", "light", "Who made you smile this week?")
    await add(app, mod, "reflection", "repair", "deep", "What would “making it right” look like to you — and to them?")
    await add(app, mod, "reflection", "listening", "medium", 'A "quoted" word, a \\ backslash and an emoji 🌱?')
    await add(app, mod, "checkin", "signs", "medium", "Where did you feel safe to speak up lately?")
    await run(app, mod, "mod prompt disable", id="own-signs-01")

    out = await run(app, mod, "mod pack export")
    file = out[0].attachment
    assert file is not None and file.filename == "console-test-prompts.toml" and file.mime == "application/toml"
    assert "3" in out[0].plain() and "disabled" in out[0].plain()
    pack = parse_pack(file.content.decode("utf-8"))
    assert pack.id == "community-console-test" and pack.version == "1.0.0" and pack.language == "en"

    other = actor("oli", moderator=True, community=OTHER)
    preview = await upload(app, other, file.content)
    assert "3 new" in text(preview)
    done = await apply_preview(app, other, preview)
    assert "Imported" in text(done)

    source = [r for r in await app.store.prompts.list_all("console:test") if r["enabled"]]
    copied = await app.store.prompts.list_all(OTHER)
    assert prompt_fields(copied) == prompt_fields(source)
    assert all(r["enabled"] for r in copied)
    log = await app.store.communities.audit_log(OTHER)
    assert log[0]["action"] == "pack.import" and json.loads(log[0]["detail"])["added"] == 3


async def test_export_with_no_prompts_explains(app):
    out = await run(app, actor("mia", moderator=True), "mod pack export")
    assert out[0].attachment is None
    assert "mod prompt add" in text(out)


async def test_a_pack_whose_prompts_are_all_here_by_the_time_it_is_applied_says_nothing_came_in(app):
    """Two previews of one pack, applied one after the other: the second brings nothing, and must not say
    "Imported" (an outside trial: the reply claimed an import that changed nothing)."""
    mod = actor("mia", moderator=True)
    first, second = await upload(app, mod, PACK), await upload(app, mod, PACK)
    assert "Imported" in text(await apply_preview(app, mod, first))
    again = text(await apply_preview(app, mod, second))
    assert "Imported" not in again and "Nothing new to bring in" in again and "0 new" in again
    log = await app.store.communities.audit_log("console:test")
    assert [e["action"] for e in log].count("pack.import") == 1


#: PACK with team-01's text changed and one prompt more, team-03.
CHANGED = PACK.replace("Who made your week a little easier?", "Who made your week lighter?") + """
[[prompts]]
id = "team-03"
kind = "checkin"
theme = "growth"
depth = "deep"
text = "What are you learning about yourself lately?"
"""


async def test_import_previews_added_changed_skipped_and_never_deletes(app):
    mod = actor("mia", moderator=True)
    await add(app, mod, "checkin", "growth", "light", "What changed for you this month?")  # own-growth-01, not in pack
    first = await upload(app, mod, PACK)
    await apply_preview(app, mod, first)
    await run(app, mod, "mod prompt disable", id="team-02")

    changed = CHANGED
    preview = await upload(app, mod, changed)
    shown = text(preview)
    assert "1 new" in shown and "1 changed: `team-01`" in shown and "1 already here and unchanged" in shown
    assert (await app.store.prompts.get("console:test", "team-01"))["text"] == "Who made your week a little easier?"

    await apply_preview(app, mod, preview)
    rows = {r["id"]: r for r in await app.store.prompts.list_all("console:test")}
    assert set(rows) == {"own-growth-01", "team-01", "team-02", "team-03"}  # nothing deleted
    assert rows["team-01"]["text"] == "Who made your week lighter?"
    assert not rows["team-02"]["enabled"]  # disabled stays disabled

    again = await upload(app, mod, changed)
    assert "Nothing to import" in text(again) and not again[0].buttons


async def test_the_previews_counts_agree_with_one_in_every_language(app):
    """"1 nueva", not "1 nuevas": each count in the preview is a plural message of its own."""
    mod = actor("mia", moderator=True)
    await apply_preview(app, mod, await upload(app, mod, PACK))
    await run(app, mod, "me language", language="es")
    one_more = CHANGED
    shown = text(await upload(app, mod, one_more))
    assert "• 1 nueva\n" in shown and "• 1 modificada: `team-01`" in shown
    assert "• 1 ya estaba y no cambia (omitida)" in shown
    listed = text(await run(app, mod, "mod pack list"))
    assert "preguntas (" in listed and "de check-in" in listed


async def test_builtin_id_clashes_are_reported_and_never_overwritten(app):
    mod = actor("mia", moderator=True)
    builtin = app.content.prompt("checkin-01")
    assert builtin is not None
    clash = PACK.replace('id = "team-01"', 'id = "checkin-01"')
    preview = await upload(app, mod, clash)
    assert "1 with the same id as a built-in prompt" in text(preview) and "checkin-01" in text(preview)
    await apply_preview(app, mod, preview)
    ids = [r["id"] for r in await app.store.prompts.list_all("console:test")]
    assert ids == ["team-02"]
    assert app.content.prompt("checkin-01") == builtin


async def test_a_preview_is_used_once_and_only_in_its_own_community(app):
    mod = actor("mia", moderator=True)
    preview = await upload(app, mod, PACK)
    button = preview[0].buttons[0]
    elsewhere = actor("mia", moderator=True, community=OTHER)  # the same person, moderating another community
    assert "expired" in text(await press(app, elsewhere, button.action, button.args))
    assert await app.store.prompts.list_all(OTHER) == []
    await press(app, mod, button.action, button.args)
    [again] = await press(app, mod, button.action, button.args)  # a double click: imported once, said kindly
    assert not again.error and "already pressed, so I didn't do it a second time" in again.plain()
    assert [a["action"] for a in await app.store.communities.audit_log(mod.community_id)].count("pack.import") == 1


async def test_cancel_discards_the_held_import(app):
    mod = actor("mia", moderator=True)
    preview = await upload(app, mod, PACK)
    apply_button, cancel = preview[0].buttons
    assert "nothing was imported" in text(await press(app, mod, cancel.action, cancel.args))
    assert "expired" in text(await press(app, mod, apply_button.action, apply_button.args))
    assert await app.store.prompts.list_all("console:test") == []


async def test_a_preview_expires(app, clock):
    from datetime import timedelta

    mod = actor("mia", moderator=True)
    preview = await upload(app, mod, PACK)
    clock.advance(timedelta(hours=25))
    assert "expired" in text(await apply_preview(app, mod, preview))
    assert await app.store.prompts.list_all("console:test") == []


BAD_PACKS = {
    "unknown theme": (PACK.replace('theme = "listening"', 'theme = "listenning"'),
                      'unknown theme "listenning" (did you mean "listening"?)'),
    "duplicate id": (PACK.replace('id = "team-02"', 'id = "team-01"'), "the id is used twice"),
    "over-long text": (PACK.replace("When did someone last really hear you?", "x" * 281),
                       "the text is 281 characters; the limit is 280"),
    "broken TOML": (PACK.replace('name = "Team prompts"', 'name = "Team prompts'), "isn't valid TOML"),
    "not UTF-8": ("é".encode("latin-1") + b"[pack]", "isn't UTF-8"),
    # trial16 §4: a RecursionError in the TOML reader, then whatever walked the tables after it
    "nested too deep to read": ("a = " + "[" * 5000 + "]" * 5000, "line 1: this file nests arrays or tables too deeply"),
    "nested too deep to walk": (PACK + "\n[" + ".".join(["t"] * 5000) + "]\n", "nests arrays or tables too deeply"),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
async def test_bad_packs_are_rejected_and_nothing_changes(app, case):
    mod = actor("mia", moderator=True)
    await add(app, mod, "checkin", "growth", "light", "What changed for you this month?")
    before = await app.store.prompts.list_all("console:test")
    data, expected = BAD_PACKS[case]
    out = await upload(app, mod, data)
    shown = text(out)
    assert "couldn't import" in shown and expected in shown and "Nothing was changed" in shown
    assert not out[0].buttons
    assert await app.store.prompts.list_all("console:test") == before


async def test_many_problems_are_capped(app):
    prompts = "".join(f'\n[[prompts]]\nid = "p-{n}"\nkind = "checkin"\ntheme = "nope"\ndepth = "light"\ntext = "Hi?"\n'
                      for n in range(15))
    out = await upload(app, actor("mia", moderator=True), '[pack]\nid = "x"\nname = "X"\nversion = "1"\n'
                       'language = "en"\n' + prompts)
    shown = text(out)
    assert "15 problems" in shown and "…and 5 more." in shown
    assert shown.count("unknown theme") == 10


async def test_import_without_a_file_explains_how(app):
    out = await run(app, actor("mia", moderator=True), "mod pack import")
    assert "path" in text(out) and "mod pack export" in text(out)


async def test_non_moderators_are_refused(app):
    member = actor("ann")
    for command in ("mod pack export", "mod pack import", "mod pack list"):
        assert "Only moderators" in text(await run(app, member, command))
    assert "Only moderators" in text(await run(app, member, "mod theme off", theme="listening"))
    assert "Only moderators" in text(await run(app, member, "mod pack off", pack="hearth-checkins"))
    assert "Only moderators" in text(await upload(app, member, PACK))
    preview = await upload(app, actor("mia", moderator=True), PACK)
    assert "meant for someone else" in text(await apply_preview(app, member, preview))
    forged = preview[0].buttons[0]  # the same button, without the mark of whom it was shown to
    forged_args = {k: v for k, v in forged.args.items() if k != SHOWN_TO}
    assert "That button is for moderators" in text(await press(app, member, forged.action, forged_args))
    assert await app.store.prompts.list_all("console:test") == []
    assert await app.store.prompts.switches("console:test") == {}


async def test_console_path_import(app, tmp_path: Path):
    path = tmp_path / "team.toml"
    path.write_text(PACK, encoding="utf-8")
    mod = actor("mia", moderator=True)
    preview = await run(app, mod, "mod pack import", path=str(path))
    assert "Import Team prompts" in text(preview) and "2 new" in text(preview)
    await apply_preview(app, mod, preview)
    assert [r["id"] for r in await app.store.prompts.list_all("console:test")] == ["team-01", "team-02"]

    missing = await run(app, mod, "mod pack import", path=str(tmp_path / "nope.toml"))
    assert "file not found" in text(missing)


async def test_path_import_refused_off_the_terminal(app, tmp_path: Path):
    path = tmp_path / "team.toml"
    path.write_text(PACK, encoding="utf-8")
    mod = Actor("discord:guild1", "discord:42", "Mia", platform_moderator=True)
    out = await run(app, mod, "mod pack import", path=str(path))
    assert "only works in the terminal" in text(out) and "attach" in text(out)
    assert await app.store.prompts.list_all("discord:guild1") == []
    preview = await upload(app, mod, PACK)  # an upload works there
    assert preview[0].buttons[0].action == "mod.pack.apply"


async def test_pack_list_and_switches_are_audited(app):
    mod = actor("mia", moderator=True)
    listed = text(await run(app, mod, "mod pack list"))
    for pack in app.content.library.packs:  # (in use by default: the community's language's, English here)
        state = "on" if pack.language.split("-")[0] == "en" else "off"
        assert f"`{pack.id}` ({state}): {len(pack.prompts)} prompts" in listed
    assert "All themes are on" in listed

    assert "now off" in text(await run(app, mod, "mod pack off", pack="hearth-checkins"))
    assert "already off" in text(await run(app, mod, "mod pack off", pack="HEARTH-CHECKINS"))
    assert "now off" in text(await run(app, mod, "mod theme off", theme="listening"))
    listed = text(await run(app, mod, "mod pack list"))
    n = len(next(p for p in app.content.library.packs if p.id == "hearth-checkins").prompts)
    assert f"`hearth-checkins` (off): {n} prompts ({n} check-ins)" in listed
    assert "Themes switched off: listening" in listed

    unknown = text(await run(app, mod, "mod pack off", pack="community-x"))
    assert "no built-in pack" in unknown and "hearth-checkins" in unknown
    assert "must be one of" in text(await run(app, mod, "mod theme off", theme="nope"))

    assert "now on" in text(await run(app, mod, "mod pack on", pack="hearth-checkins"))
    actions = [(e["action"], e["detail"]) for e in reversed(await app.store.communities.audit_log("console:test"))]
    assert actions == [("pack.off", "hearth-checkins"), ("theme.off", "listening"), ("pack.on", "hearth-checkins")]


async def test_switching_everything_off_warns(app):
    mod = actor("mia", moderator=True)
    said = [text(await run(app, mod, "mod pack off", pack=pack.id)) for pack in app.content.library.packs]
    last = [s for s in said if "now off" in s][-1]  # (a pack of another language was off already)
    assert "no check-in prompts left" in last and "no reflection prompts left" in last


async def test_selection_serves_only_enabled_prompts_of_the_kind_and_theme(app, clock):
    mod = actor("mia", moderator=True)
    community = "console:test"
    for theme in THEMES:
        for kind in KINDS:
            await add(app, mod, kind, theme, "light", f"Our own {kind} prompt about {theme}?")
        clock.advance(timedelta(minutes=1))  # stay under the per-member rate limit
    await run(app, mod, "mod prompt disable", id="own-growth-01")
    checkin_packs = {p.id for p in app.content.library.packs if {q.kind for q in p.prompts} == {"checkin"}}
    assert "hearth-checkins" in checkin_packs  # one per language
    await run(app, mod, "mod theme off", theme="listening")
    for pack_id in sorted(checkin_packs):
        await run(app, mod, "mod pack off", pack=pack_id)
    # (a pack of another language is off here from the start, so switching it off records nothing)
    english = {p.id for p in app.content.library.packs if p.id in checkin_packs and p.language == "en"}
    assert english == {"hearth-checkins"}
    assert (await app.store.prompts.switches(community)) == {
        "theme:listening": False, **{f"pack:{pack_id}": False for pack_id in english}}

    own = {r["id"]: r for r in await app.store.prompts.list_all(community)}
    for theme in THEMES:
        for kind in KINDS:
            served = await available(app, community, kind, theme)
            for c in served:
                assert c.kind == kind and c.theme == theme
                assert c.theme != "listening" and c.source not in checkin_packs
                if c.source == "community":
                    assert own[c.id]["enabled"]
                else:
                    assert app.content.prompt(c.id) is not None
            expected_own = {pid for pid, r in own.items() if r["kind"] == kind and r["theme"] == theme
                            and r["enabled"] and theme != "listening"}
            assert {c.id for c in served if c.source == "community"} == expected_own
    for kind in KINDS:
        assert all(c.theme != "listening" for c in await available(app, community, kind))

    assert "switched off the theme “Listening”" in text(await run(app, actor("ann"), "reflect", theme="listening"))
    for _ in range(10):
        shown = text(await run(app, actor("ann"), "reflect", theme="repair"))
        assert "Repair" in shown
    any_theme = await available(app, community, "checkin")
    assert any_theme and all(c.source == "community" for c in any_theme)  # every check-in pack is off

    await run(app, mod, "mod theme on", theme="listening")
    assert any(c.source == "community" for c in await available(app, community, "reflection", "listening"))


_texts = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1,
                 max_size=280).filter(str.strip)
_prompts = st.lists(st.tuples(st.sampled_from(KINDS), st.sampled_from(list(THEMES)), st.sampled_from(DEPTHS), _texts),
                    min_size=1, max_size=5)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prompts=_prompts)
async def test_any_prompts_survive_export_and_import(app, prompts):
    """Whatever text moderators wrote (quotes, newlines, emoji, control characters) comes back the same."""
    n = len(await app.store.communities.list_all())
    source, target = f"console:src{n}", f"console:dst{n}"
    for i, (kind, theme, depth, words) in enumerate(prompts):
        fields = {"id": f"own-{theme}-{i:02d}", "kind": kind, "theme": theme, "depth": depth, "text": words}
        await app.store.communities.ensure(source, app.now())
        await app.store.prompts.save(source, fields, "console:mia", app.now())
    exported = await run(app, actor("mia", moderator=True, community=source), "mod pack export")
    file = exported[0].attachment
    assert file is not None, text(exported)
    importer = actor("oli", moderator=True, community=target)
    await apply_preview(app, importer, await upload(app, importer, file.content))
    assert prompt_fields(await app.store.prompts.list_all(target)) == prompt_fields(await app.store.prompts.list_all(source))


async def test_exporting_one_prompt_says_the_only_prompt_not_1_prompt(app):
    mod = actor("mia", moderator=True)
    await add(app, mod, "checkin", "growth", "light", "What changed for you this month?")
    said = text(await run(app, mod, "mod pack export"))
    assert "your community's only prompt, as a pack file" in said and " 1 prompt" not in said


async def test_an_import_preview_gives_every_note_the_lint_gives(app, tmp_path):
    """An outside trial: a prompt with no “?” and an `@everyone` got only its first note in the preview, while
    `hearth content lint` gave both. One rule: the preview carries every note the lint does."""
    from bot.content.lint import lint

    pack = (PACK_HEAD + '[[prompts]]\nid = "p-01"\nkind = "checkin"\ntheme = "growth"\ndepth = "light"\n'
            'text = "@everyone tell us what helped you grow"\n')
    path = tmp_path / "p.toml"
    path.write_text(pack, encoding="utf-8")
    report = lint([path])[1]
    notes = [line.split('prompt "p-01": ', 1)[1] for line in report.splitlines() if 'prompt "p-01": ' in line]
    assert len(notes) == 2, report
    shown = text(await upload(app, actor("mia", moderator=True), pack))
    for note in notes:
        assert f"• `p-01`: {note}" in shown, (note, shown)


PACK_HEAD = '[pack]\nid = "p"\nname = "P"\nversion = "1.0.0"\nlanguage = "en"\n\n'
