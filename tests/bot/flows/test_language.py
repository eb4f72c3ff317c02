"""Care in the person's language: their own choice (`me language`), else their platform's locale, else English."""

from __future__ import annotations

import dataclasses

import pytest

from bot.events import Actor
from bot.i18n import gettext_in
from bot.language import choose, for_channel, from_locale, parse
from tests.bot.flows.test_checkins import open_round
from tests.bot.flows.test_crisis_care import CRISIS, HEAVY, alerts, heavy, with_alert_channel  # noqa: F401
from tests.bot.safety.test_resources import REQUIRED
from tests.conftest import actor, run, text

OPENING = {
    "en": "What you wrote sounds like things may be really hard right now.",
    "es": "Por lo que escribes, parece que ahora mismo las cosas están muy difíciles.",
    "de": "Was du schreibst, klingt, als wäre gerade vieles sehr schwer.",
    "fr": "Ce que tu écris donne l'impression que les choses sont très dures en ce moment.",
    "pt": "Pelo que você escreveu, parece que as coisas estão muito difíceis agora.",
}


def speaking(name: str, locale: str | None) -> Actor:
    return dataclasses.replace(actor(name), locale=locale)


@pytest.mark.parametrize("locale, language", [
    ("es-ES", "es"), ("es-419", "es"), ("pt-BR", "pt"), ("pt-PT", "pt"), ("de", "de"), ("fr", "fr"),
    ("en-GB", "en"), ("de_AT.UTF-8", "de"), ("fr-CA", "fr"), ("zh-CN", None), ("C", None), ("", None), (None, None),
])
def test_platform_locales_map_to_the_five_languages(locale, language):
    assert from_locale(locale) == language


@pytest.mark.parametrize("typed, language", [
    ("es", "es"), ("ES", "es"), ("Español", "es"), ("espanol", "es"), ("Deutsch", "de"), ("german", "de"),
    ("français", "fr"), ("Português", "pt"), ("pt-PT", "pt"), ("english", "en"), ("klingon", None), ("it", None),
])
def test_what_a_person_may_type_for_a_language(typed, language):
    assert parse(typed) == language


def test_precedence_is_the_members_choice_then_the_platform_then_the_community_then_english():
    assert choose("de", "es-419") == ("de", "own")
    assert choose(None, "es-419") == ("es", "platform")
    assert choose(None, "ja") == ("en", "default")
    assert choose("xx", None) == ("en", "default")  # a stored value Hearth no longer has texts for
    assert choose(None, "ja", "pt") == ("pt", "community")
    assert choose(None, "fr-CA", "pt") == ("fr", "platform")
    assert choose("de", None, "pt") == ("de", "own")
    assert for_channel("pt") == "pt" and for_channel(None) == "en" and for_channel("xx") == "en"


@pytest.mark.parametrize("locale, language", [("es-419", "es"), ("de", "de"), ("fr-FR", "fr"), ("pt-BR", "pt"),
                                              ("en-US", "en"), ("ja", "en"), (None, "en")])
async def test_the_crisis_reply_comes_in_the_platforms_language(app, locale, language):
    replies = await run(app, speaking("ann", locale), "note", text="I keep thinking about ending my life")
    assert replies[0].plain().startswith(OPENING[language])


async def test_the_members_own_choice_wins_and_auto_gives_the_platform_back(app):
    ann = speaking("ann", "es-419")
    shown = text(await run(app, ann, "me language"))
    assert "Idioma: Español (según la configuración de tu aplicación)." in shown and "me language auto" in shown
    assert "Sprache: Deutsch" in text(await run(app, ann, "me language", language="Deutsch"))
    assert (await app.store.communities.get_member("console:test", "console:ann")).language == "de"
    assert text(await run(app, ann, "note", text=CRISIS)).startswith(OPENING["de"])
    assert "Sprache: Deutsch (von dir gewählt)." in text(await run(app, ann, "me language"))
    back = text(await run(app, ann, "me language", language="auto"))
    assert back.startswith("Hecho. Vuelvo a seguir el idioma de tu aplicación.") and "Idioma: Español" in back
    assert (await app.store.communities.get_member("console:test", "console:ann")).language is None
    # (other words: the very same ones a moment later get no second care reply, `crisis_care.care_for`)
    assert text(await run(app, ann, "note", text=CRISIS + ", again")).startswith(OPENING["es"])


async def test_the_language_reply_says_everything_follows_it_and_commands_stay_english(app):
    shown = text(await run(app, actor("ann"), "me language", language="fr"))
    assert shown.startswith("C'est fait. Langue\u00a0: Français.") and "Les commandes restent en anglais" in shown
    assert "Commands stay in English" in text(await run(app, actor("bob"), "me language"))


async def test_an_unknown_language_is_a_kind_error_and_changes_nothing(app):
    ann = actor("ann")
    await run(app, ann, "me language", language="pt")
    replies = await run(app, ann, "me language", language="klingon")
    assert replies[0].error and replies[0].field == "language" and "“klingon”" in text(replies)  # (in Portuguese)
    assert "es (Español)" in text(replies)
    assert (await app.store.communities.get_member("console:test", "console:ann")).language == "pt"


async def test_the_gentle_word_comes_in_the_members_language_too(app, clock, heavy):  # noqa: F811
    await with_alert_channel(app)
    await open_round(app, clock)
    replies = await run(app, speaking("ann", "de-DE"), "checkin answer", mood="2", words=HEAVY)
    first = replies[0].plain()
    assert first.startswith("Das klingt schwer.") and "Hearth ist keine Therapie und kein Notdienst." in first
    assert "Deine Worte sind so gespeichert" in first
    assert await alerts(app) == []


async def test_support_and_region_names_in_the_members_language(app):
    ann = speaking("ann", "fr-BE")
    assert "Région pour les ressources d'aide\u00a0: Belgique." in text(await run(app, ann, "me region", region="be"))
    support = text(await run(app, ann, "support"))
    assert support.startswith("Si les choses sont dures") and "Zelfmoordlijn\u00a0: appelle le 1813" in support
    assert "Hearth n'est ni un thérapeute ni un service d'urgence." in support
    listed = text(await run(app, ann, "me region", region="atlantis"))
    assert "be (Belgique)" in listed and "de (Allemagne)" in listed


@pytest.mark.parametrize("code", REQUIRED)
async def test_every_required_region_can_be_chosen_and_asked_for(app, code):
    ann = actor("ann")
    assert "Thanks. Region for support resources: " in text(await run(app, ann, "me region", region=code))
    assert (await app.store.communities.get_member("console:test", "console:ann")).region == code
    shown = text(await run(app, ann, "support", region=code.upper()))
    assert "In immediate danger: call" in shown and "don't have resources" not in shown


@pytest.mark.parametrize("locale", ["en", "es-ES", "de-DE", "fr-FR", "pt-BR"])
async def test_a_chosen_region_reads_right_in_every_language(app, locale):
    """"…the ones for United Kingdom" needed "the"; "für Schweiz" needed "die": the region's name stands as a
    label after a colon, as it is written on its own, for every region and language."""
    ann = speaking("ann", locale)
    language = locale.split("-")[0]
    for code, name in app.content.resources.regions(language):
        said = text(await run(app, ann, "me region", region=code))
        assert said.endswith((f": {name}.", f"\u00a0: {name}.")), said


async def test_support_for_an_unknown_region_lists_the_known_ones(app):
    replies = await run(app, actor("ann"), "support", region="atlantis")
    assert replies[0].error and "br (Brazil)" in text(replies) and "nz (New Zealand)" in text(replies)


async def test_the_low_mood_word_in_the_members_language(app, clock):
    from datetime import datetime, timedelta, timezone

    from bot.scheduling.runner import RoundScheduler
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    ann = speaking("ann", "pt-PT")
    await run(app, ann, "me lowmood", on="yes")
    runner = RoundScheduler(app)
    said = []
    for day in range(5, 8):
        clock.set(datetime(2026, 1, day, 9, 0, tzinfo=timezone.utc))
        await runner.run_pending()
        said.append(text(await run(app, ann, "checkin answer", mood="1")))
        clock.advance(timedelta(hours=3))
        await runner.sweep()
    assert "Seus últimos check-ins pareceram difíceis." in said[-1]
    assert "saved" not in said[-1] and "guardadas" not in said[-1]


@pytest.mark.parametrize("alert_channel, says", [
    (False, "Esta comunidad no tiene activados los avisos a moderadores, así que nadie más se entera."),
    (True, "El aviso dice quién, también si fue una respuesta o nota privada, y nunca lo que se escribió. Solo dice dónde si fue una respuesta compartida"),
])
async def test_privacy_says_what_happens_when_things_are_hard_in_the_members_language(app, alert_channel, says):
    if alert_channel:
        await with_alert_channel(app)
    out = text(await run(app, speaking("ann", "es-MX"), "privacy"))
    assert out.startswith(gettext_in("es", "**Your privacy in Hearth**").replace("**", ""))  # all of it in hers
    assert "Cuando las cosas pesan:" in out and says in out
    assert "No soy terapeuta ni un servicio de emergencias" in out
