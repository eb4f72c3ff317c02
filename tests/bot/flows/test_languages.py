"""Everything Hearth says, in the right language: the member's for what is theirs, the community's for what a
channel reads (`mod settings language`), English command words everywhere. Spanish here is the pseudo-language
of `tests/bot/test_i18n.py`, so it shows what went through the catalogs whatever the translators have done."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

from bot.content.packs import Library, Pack, Prompt
from bot.engines.rounds import round_language
from bot.events import Actor
from bot.i18n import gettext_in
from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.bot.test_i18n import pseudo, pseudo_spanish  # noqa: F401  (fixture)
from tests.conftest import actor, press, round_post_ref, run, text

UTC = timezone.utc
MIA = actor("mia", moderator=True)


def speaking(name: str, locale: str | None) -> Actor:
    return dataclasses.replace(actor(name), locale=locale)


async def test_the_community_language_is_a_setting_moderators_choose(app):
    mia = dataclasses.replace(MIA, locale="en-GB")  # (her own app is in English: she hears English)
    assert "language: not set" in text(await run(app, mia, "mod settings"))
    said = text(await run(app, mia, "mod settings", key="language", value="Español"))
    assert said == "Saved: language is now es (Español)."
    assert await app.store.communities.language("console:test") == "es"
    assert "• language: es (Español)" in text(await run(app, mia, "mod settings"))
    refused = await run(app, mia, "mod settings", key="language", value="klingon")
    assert refused[0].error and refused[0].field == "value" and "I can use: en (English), es (Español)" in text(refused)
    assert await app.store.communities.language("console:test") == "es"
    await run(app, mia, "mod settings", key="language", value="auto")
    assert await app.store.communities.language("console:test") is None
    audit = text(await run(app, mia, "mod audit"))
    assert "changed a setting: language → es" in audit


async def test_a_member_without_a_language_of_their_own_gets_the_communitys(app, pseudo_spanish):  # noqa: F811
    await run(app, MIA, "mod settings", key="language", value="es")
    quiet = speaking("ann", None)  # (the terminal in a plain shell, or a platform that says nothing)
    assert text(await run(app, quiet, "checkin list")) == pseudo(
        "There are no check-ins here yet. A moderator can create one with **mod schedule create**.").replace("**", "")
    assert "Idioma: Español (el de esta comunidad)." in text(await run(app, quiet, "me language"))
    assert text(await run(app, speaking("bob", "en-US"), "checkin list")).startswith("There are no check-ins")
    own = speaking("cy", None)
    await run(app, own, "me language", language="de")
    assert text(await run(app, own, "checkin list")) == gettext_in(  # (whatever German has so far)
        "de", "There are no check-ins here yet. A moderator can create one with **mod schedule create**.").replace(
        "**", "")


async def test_channel_posts_speak_the_communitys_language_and_dms_each_members(app, clock, pseudo_spanish):  # noqa: F811
    await run(app, MIA, "mod settings", key="language", value="es")
    await make_schedule(app, remind="15m", open="1h")
    await run(app, speaking("ann", "en-GB"), "checkin join", schedule="mornings", reminders="yes")
    await run(app, speaking("bob", "es-419"), "checkin join", schedule="mornings", reminders="yes")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    post = next(d for d in app.sent if d.kind == "post")
    assert pseudo("is open") in post.message.plain() and post.message.lang == "es"
    assert [b.label for b in post.message.buttons][4] == "☀️ " + pseudo("Great")
    dms = {d.user: d.message for d in app.sent if d.kind == "dm"}
    assert dms["console:ann"].plain().startswith("Hi! mornings has started.")  # her platform's: English
    assert dms["console:bob"].plain().startswith(pseudo("Hi! ") + "mornings")
    assert dms["console:ann"].buttons[0].label == "🌧️ Rough" and dms["console:bob"].buttons[0].label != "🌧️ Rough"
    await run(app, speaking("ann", "en-GB"), "checkin answer", mood="4", visibility="shared", words="fine")
    await run(app, speaking("ann", "en-GB"), "checkin answer", mood="5", visibility="shared", words="better")
    clock.advance(timedelta(minutes=46))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    [reminder] = [d for d in app.sent if d.kind == "dm" and "nudge" in d.message.plain().lower()
                  or d.kind == "dm" and pseudo("nudge") in d.message.plain()]
    assert reminder.user == "console:bob" and pseudo("A gentle nudge") in reminder.message.plain()
    clock.advance(timedelta(hours=1))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    named = [d for d in app.sent if d.kind in ("thread", "edit") and "Ann" in d.message.plain()]
    assert named and all(pseudo("Great") in d.message.plain() or pseudo("Good") in d.message.plain() for d in named)
    post_ref = round_post_ref(app)
    summary = [d for d in app.sent if d.kind == "edit" and d.ref == post_ref][-1].message.plain()
    assert pseudo("has closed") in summary


async def test_a_dm_carries_the_round_question_in_the_members_language_where_the_packs_have_it(app, clock):
    """The channel asks in the community's language; a member's DM asks the same built-in question in theirs
    (`checkin-07-de` and `checkin-07` are one question). A community's own prompt stays as its moderators wrote it."""
    await run(app, MIA, "mod settings", key="language", value="de")
    await make_schedule(app)
    await run(app, speaking("ann", "en-GB"), "checkin join", schedule="mornings")
    await run(app, speaking("bob", "de-DE"), "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    rnd = (await app.store.rounds.list_open())[0]
    german = app.content.prompt(rnd.prompt_id)
    assert german is not None and rnd.prompt_id.endswith("-de") and rnd.prompt_text == german.text
    english = app.content.prompt(rnd.prompt_id[:-3])
    assert english is not None and english.text != german.text
    post = next(d for d in app.sent if d.kind == "post")
    dms = {d.user: d.message.plain() for d in app.sent if d.kind == "dm"}
    assert german.text in post.message.plain()
    assert english.text in dms["console:ann"] and german.text not in dms["console:ann"]
    assert german.text in dms["console:bob"]


async def test_the_answer_form_asks_the_round_question_as_the_members_dm_did(app, clock):
    """The form (a DM's mood button, or `checkin answer` without a mood) shows the question in the words the
    member's DM had it: Ana reads Spanish in an English community, and never meets the English one there."""
    await make_schedule(app)
    ana, ann = speaking("ana", "es-ES"), speaking("ann", "en-GB")
    for who in (ana, ann):
        await run(app, who, "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    rnd = (await app.store.rounds.list_open())[0]
    spanish = app.content.prompt(f"{rnd.prompt_id}-es")
    assert spanish is not None and spanish.text != rnd.prompt_text
    dms = {d.user: d for d in app.sent if d.kind == "dm"}
    assert spanish.text in dms["console:ana"].message.plain()
    for who, question, other in ((ana, spanish.text, rnd.prompt_text), (ann, rnd.prompt_text, spanish.text)):
        button = dms[who.user_id].message.buttons[2]
        pressed = await press(app, who, button.action, dict(button.args))
        typed = await run(app, who, "checkin answer", words="a long day")
        for form in (pressed[0], typed[0]):
            assert form.form is not None and question in form.plain() and other not in form.plain()


async def test_help_keeps_the_english_command_word_beside_the_translated_explanation(app, pseudo_spanish):  # noqa: F811
    ana = speaking("ana", "es-ES")
    shown = text(await run(app, ana, "help"))
    assert "checkin join — " + pseudo("Join a check-in: you'll get its prompt by DM, and reminders if you want "
                                      "them.") in shown
    one = text(await run(app, ana, "help", command="checkin join"))
    assert one.startswith("checkin join — ") and "Usage: " not in one and "checkin join <schedule>" in one
    assert "schedule: " + pseudo("the check-in's name") in one
    # Typed commands stay English: the Spanish speaker runs them as anyone does.
    assert text(await run(app, ana, "checkin list")) != text(await run(app, actor("ann"), "checkin list"))


async def test_forms_and_buttons_are_in_the_members_language(app, clock, pseudo_spanish):  # noqa: F811
    await make_schedule(app)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    rnd = (await app.store.rounds.list_open())[0]
    form = (await press(app, speaking("ana", "es-ES"), "checkin.mood", {"round": str(rnd.id), "mood": "3"}))[0].form
    assert form is not None and form.title == pseudo("Check in") and form.submit_label == pseudo("Check in")
    assert [f.label for f in form.fields][0] == pseudo("How are you, 1 to 5?")
    assert dict((c.value, c.label) for c in form.fields[2].choices)["private"] == pseudo("Keep it private (just for me)")
    confirm = await run(app, speaking("ana", "es-ES"), "notes delete", number="1")
    assert confirm[0].error  # (no such note: refused before asking)
    asked = await run(app, dataclasses.replace(MIA, locale="es-ES"), "mod schedule delete", name="mornings")
    assert [b.label for b in asked[0].buttons] == [pseudo("Yes, go ahead"), pseudo("Cancel")]


async def test_reflect_speaks_the_members_language_and_a_round_the_communitys(app, clock):
    """Prompts come from the packs in the language wanted (the member's for `reflect`, the community's for a
    round), else English: a community can mix packs of any language."""
    spanish = Pack("test-es", "Prueba", "1.0.0", "es", "", (
        Prompt("es-refl-1", "reflection", "listening", "light", "¿Quién te escuchó de verdad esta semana?", "test-es"),
        Prompt("es-chk-1", "checkin", "appreciation", "light", "¿Qué pequeña cosa te alegró hoy?", "test-es"),
    ))
    library = app.content.library
    app.content = dataclasses.replace(app.content, library=Library(
        packs=library.packs + (spanish,), prompts={**library.prompts, **{p.id: p for p in spanish.prompts}},
        texts=library.texts))

    def in_language(lang: str, kind: str, theme: str) -> set[str]:
        return {p.text for pack in app.content.library.packs if pack.language.split("-")[0] == lang
                for p in pack.prompts if p.kind == kind and p.theme == theme}

    def prompt_of(replies) -> str:
        return next(p for p in replies[0].body.parts if not isinstance(p, str)).text

    for _ in range(3):
        asked = prompt_of(await run(app, speaking("ana", "es-ES"), "reflect", theme="listening"))
        assert asked in in_language("es", "reflection", "listening")
        asked = prompt_of(await run(app, speaking("ann", "en"), "reflect", theme="listening"))
        assert asked in in_language("en", "reflection", "listening")
    await run(app, MIA, "mod settings", key="language", value="es")
    await make_schedule(app, theme="appreciation")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    assert (await app.store.rounds.list_open())[0].prompt_text in in_language("es", "checkin", "appreciation")


def test_a_language_without_prompts_of_a_kind_and_theme_gets_englishs(app):
    from bot.engines.prompt_choice import _built_in

    french_only = Pack("test-fr", "Essai", "1.0.0", "fr", "", (
        Prompt("fr-refl-1", "reflection", "listening", "light", "Qui t'a vraiment écouté cette semaine ?", "test-fr"),))
    library = app.content.library
    app.content = dataclasses.replace(app.content, library=Library(
        packs=(*[p for p in library.packs if p.language.split("-")[0] in ("en",)], french_only),
        prompts={**{p.id: p for pack in library.packs if pack.language.split("-")[0] == "en" for p in pack.prompts},
                 "fr-refl-1": french_only.prompts[0]}, texts=library.texts))
    assert [c.id for c in _built_in(app, "reflection", "listening", "fr")] == ["fr-refl-1"]
    repair = _built_in(app, "reflection", "repair", "fr")
    assert repair and all(app.content.pack_of(c.id) == "hearth-reflections" for c in repair)


async def test_a_community_can_mix_packs_of_several_languages(app, clock):
    """A built-in pack of another language is off by default, and in use once a moderator switches it on."""
    german = Pack("test-de", "Test", "1.0.0", "de", "", (
        Prompt("de-chk-1", "checkin", "appreciation", "light", "Was hat dich heute gefreut?", "test-de"),))
    library = app.content.library
    app.content = dataclasses.replace(app.content, library=Library(
        packs=library.packs + (german,), prompts={**library.prompts, **{p.id: p for p in german.prompts}},
        texts=library.texts))
    listed = text(await run(app, MIA, "mod pack list"))
    assert "`test-de` (off)" in listed and "`hearth-checkins` (on)" in listed and "· Deutsch" in listed
    assert "now on" in text(await run(app, MIA, "mod pack on", pack="test-de"))
    assert "`test-de` (on)" in text(await run(app, MIA, "mod pack list"))
    await run(app, MIA, "mod pack off", pack="hearth-checkins")
    await make_schedule(app, theme="appreciation")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    assert (await app.store.rounds.list_open())[0].prompt_text == "Was hat dich heute gefreut?"


async def test_a_refusal_in_the_audit_log_reads_in_the_moderators_language(app):
    """The audit log stores "mod settings (not a moderator)" in English; a Spanish-speaking moderator reads Spanish."""
    await run(app, speaking("ann", None), "mod settings", key="language", value="fr")  # refused: not a moderator
    mia = dataclasses.replace(MIA, locale=None)
    await run(app, mia, "me language", language="es")
    audit = text(await run(app, mia, "mod audit"))
    assert "mod settings (no modera)" in audit and "not a moderator" not in audit


async def test_saving_spanish_in_spanish_doesnt_stutter(app):
    """Not “Guardado: language ahora es es (Español).”: the real Spanish catalog says it cleanly."""
    mia = dataclasses.replace(MIA, locale="es-ES")
    said = text(await run(app, mia, "mod settings", key="language", value="es"))
    assert said == "Guardado: language pasa a ser es (Español)." and " es es " not in said


async def test_audit_entries_read_in_the_moderators_language_with_its_dates_and_plurals(app):
    """Details are kept as fields and said at read time: no "on 2026-12-08", no "added 1, changed 0" in English
    inside Spanish, and "1 prompt", never "1 prompts"; a row written before, as an English sentence, reads the same."""
    mia = dataclasses.replace(MIA, locale="es-ES")
    await make_schedule(app)
    await run(app, mia, "mod schedule skip", name="mornings", date="2026-12-08")
    await run(app, mia, "mod prompt add", kind="checkin", theme="growth", depth="light", text="¿Qué cambió este mes?")
    await run(app, mia, "mod pack export")
    await run(app, mia, "mod schedule note", name="mornings", text="Nos vemos el jueves.")
    await app.store.communities.record_audit("console:test", MIA.user_id, "pack.import",
                                             "team-pack v1.0.0: added 1, changed 0, unchanged 0, built-in clashes 0",
                                             app.now())
    await app.store.communities.record_audit("console:test", MIA.user_id, "schedule.skip",
                                             "mornings on 2026-12-09", app.now())
    audit = text(await run(app, mia, "mod audit"))
    for english in (" on 2026", "2026-12-0", "added 1", "built-in clashes", "1 prompts", "schedule note"):
        assert english not in audit, (english, audit)
    assert "mornings el mar, 8 dic" in audit and "mornings el mié, 9 dic" in audit, audit
    assert "1 pregunta" in audit and "team-pack v1.0.0" in audit, audit
    with_english = text(await run(app, MIA, "mod audit"))
    assert "skipped a day of the check-in mornings on Tue 8 Dec" in with_english
    assert "exported the community's prompts: 1 prompt" in with_english


async def test_a_round_keeps_the_language_it_opened_in_when_the_community_changes_it(app, clock):
    """The community switched to Spanish while an English round was open: its summary stays English, under its
    English question, instead of Spanish words around an English prompt; the next round opens in Spanish."""
    await make_schedule(app)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    runner = RoundScheduler(app)
    await runner.run_pending()
    [rnd] = await app.store.rounds.list_open()
    await run(app, MIA, "mod settings", key="language", value="es")
    await run(app, actor("ann"), "checkin answer", mood="4", visibility="shared", words="Good day")
    clock.advance(timedelta(hours=3))
    await runner.sweep()
    await app.outbox.drain_all()
    [summary] = [d for d in app.sent if d.kind == "edit" and d.message.plain().startswith("mornings")][-1:]
    assert rnd.prompt_text in summary.message.plain()
    said = summary.message.plain()
    assert "mornings has closed. Check-ins: 1" in said and "Thanks for being here" in said, said
    clock.set(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))
    await runner.run_pending()
    [spanish] = await app.store.rounds.list_open()
    assert spanish.prompt_text != rnd.prompt_text and round_language(app, spanish, "en") == "es"


async def test_an_audit_entry_in_german_puts_the_object_before_the_participle(app):
    """Not "hat den Check-in erstellt mornings": the whole sentence is translated, the name inside it."""
    mia = dataclasses.replace(MIA, locale="de-DE")
    await make_schedule(app)
    await run(app, mia, "mod schedule pause", name="mornings")
    await run(app, mia, "mod prompt add", kind="checkin", theme="growth", depth="light", text="Was hat sich verändert?")
    audit = text(await run(app, mia, "mod audit"))
    assert "hat den Check-in mornings" in audit and " pausiert" in audit, audit
    assert "pausiert mornings" not in audit and "hinzugefügt own-" not in audit, audit
    assert "hat die Frage own-" in audit and " hinzugefügt" in audit, audit


async def test_the_german_thanks_says_plainly_where_the_answer_went(app, clock):
    """Not "Deine Antwort ist privat behalten"."""
    from tests.bot.flows.test_checkins import open_round

    await open_round(app, clock)
    ann = dataclasses.replace(actor("ann"), locale="de-DE")
    said = text(await run(app, ann, "checkin answer", mood="4", words="Gut geschlafen", visibility="private"))
    assert "Deine Antwort ist privat." in said and "behalten" not in said, said
