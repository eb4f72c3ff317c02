"""The privacy notice says, in plain words, what is kept, who sees it, for how long, and the choices."""

from __future__ import annotations

import pytest

from bot.crypto import FernetCipher, generate_key
from tests.conftest import actor, run, text


async def test_the_notice_covers_what_who_how_long_and_choices(app):
    out = text(await run(app, actor("ann"), "privacy"))
    assert "What I keep" in out and "Who sees what" in out
    assert "Private answers and notes: your words are for you only. Not other members, not moderators." in out
    assert "Anonymous answers" in out and "only so you can change, export or delete them" in out
    assert "never names" in out
    assert "answers are deleted after 365 days" in out and "Notes stay until you delete them" in out
    assert "their posts come down from the channel with them" in out  # (retention takes them down: engines)
    assert "stay there" not in out
    for command in ("me data", "me export", "me delete", "checkin leave"):
        assert command in out
    assert "not a therapist or an emergency service" in out


async def test_the_notice_uses_the_communitys_retention(app):
    mia = actor("mia", moderator=True)
    await run(app, mia, "mod settings", key="retention_days", value="90")
    assert "deleted after 90 days" in text(await run(app, actor("ann"), "privacy"))


async def test_the_notice_is_honest_about_encryption(app):
    notice = text(await run(app, actor("ann"), "privacy"))
    assert "Private notes and answers are not encrypted on this server yet" in notice
    app.store.cipher = FernetCipher([generate_key()])
    notice = text(await run(app, actor("ann"), "privacy"))
    assert "Private notes and the words of private answers are encrypted there" in notice


async def test_help_lists_the_data_commands(app):
    out = text(await run(app, actor("ann"), "help"))
    for command in ("privacy", "me data", "me export", "me delete"):
        assert command in out


# -- the care note, said plainly wherever members read what happens to their words -------------

CRISIS = "honestly I don't want to be alive anymore"


async def with_care_channel(app):
    await run(app, actor("mia", moderator=True), "mod settings", key="alert_channel", value="#care-team")


async def test_the_notice_says_what_a_care_note_carries_when_there_is_a_care_channel(app):
    await with_care_channel(app)
    out = text(await run(app, actor("ann"), "privacy"))
    assert "only you. Not other members, not moderators." not in out  # the old promise, untrue with a care note
    care = next(line for line in out.splitlines() if "When things are hard" in line)
    assert "names the person, even for a private answer or note" in care
    assert "never for an anonymous or private answer, so it can't point to an anonymous post" in care
    assert "never says what was written" in care and "at most once every 24 hours" in care


@pytest.mark.parametrize("language, said", [("en", "at most once every hour."), ("es", "una vez cada hora."),
                                             ("de", "höchstens einmal in einer Stunde."),
                                             ("fr", "au plus une fois en une heure."), ("pt", "uma vez a cada hora.")])
async def test_a_care_notes_cooldown_of_one_hour_reads_right_in_every_language(app, monkeypatch, language, said):
    """"once every 1 hours" was the English for a cooldown of one hour: the time is a plural message of its own."""
    monkeypatch.setitem(app.config.values, "safety.alert_cooldown_hours", 1)
    await with_care_channel(app)
    await run(app, actor("ann"), "me language", language=language)
    out = text(await run(app, actor("ann"), "privacy"))
    assert said in out


async def test_the_notice_says_nobody_is_told_without_a_care_channel(app):
    out = text(await run(app, actor("ann"), "privacy"))
    care = next(line for line in out.splitlines() if "When things are hard" in line)
    assert "hasn't asked for notes to its moderators" in care and "nobody else is told" in care


async def test_joining_a_checkin_says_what_a_care_note_carries(app):
    from tests.bot.scheduling.test_runner import make_schedule

    await make_schedule(app)
    plain = text(await run(app, actor("bob"), "checkin join", schedule="mornings"))
    assert "care" not in plain.lower()  # no care channel: nothing to tell
    await with_care_channel(app)
    joined = text(await run(app, actor("ann"), "checkin join", schedule="mornings"))
    assert "#care-team" in joined and "told your name" in joined and "never what you wrote" in joined
    assert "where only if you shared it with your name" in joined
    # (of an answer: a note for words sent to Hearth as a message, a command or a form says where, `where_of`)
    assert "for an answer, where only if you shared it" in joined
    assert "privacy" in joined


async def test_after_a_care_note_the_member_is_told_it_went_out(app, clock):
    from tests.bot.flows.test_checkins import open_round

    await open_round(app, clock)
    alone = text(await run(app, actor("bob"), "checkin answer", mood="1", visibility="private", words=CRISIS))
    assert "nobody else sees more than before" not in alone
    assert "care" not in alone.lower()  # no care channel: nobody was told, and nothing says otherwise
    await with_care_channel(app)
    told = text(await run(app, actor("ann"), "checkin answer", mood="1", visibility="private", words=CRISIS))
    assert "nobody else sees more than before" not in told
    # A private answer: the note said who, not where (nor that it was a check-in), and the member is told just that.
    assert "let the moderators in #care-team know your name, so someone" in told and "Never what you wrote, nor where" in told


async def test_asking_for_a_moderator_after_low_moods_is_honest_about_the_care_channel(app):
    none = text(await run(app, actor("ann"), "me lowmood", on="yes", tell_moderator="yes"))
    assert "A moderator will also be told" not in none and "no care channel" in none
    await with_care_channel(app)
    told = text(await run(app, actor("ann"), "me lowmood", on="yes", tell_moderator="yes"))
    assert "#care-team" in told and "never what you wrote" in told


async def test_the_notice_says_anonymous_answers_go_up_in_batches(app):
    out = text(await run(app, actor("ann"), "privacy"))
    line = next(line for line in out.splitlines() if line.startswith("• Anonymous"))
    assert "a few at a time" in line
    # ...and, truly, that too few together at the close aren't posted at all (not "or when the round closes")
    assert "if too few come in together before the round closes, they aren't posted" in line
    assert "(or when the round closes)" not in line


#: What each language's care section says of where a care note points: never to an anonymous or private answer.
NEVER_WHERE = {
    "en": "never for an anonymous or private answer",
    "es": "nunca si fue una respuesta anónima o privada",
    "de": "nie bei einer anonymen oder privaten Antwort",
    "fr": "jamais pour une réponse anonyme ou privée",
    "pt": "nunca numa resposta anônima ou privada",
}


ANONYMOUS = ("• **Anonymous** answers: the channel, without your name. They go up a few at a time, so when you "
             "answered gives nothing away; if too few come in together before the round closes, they aren't posted, "
             "and **me history** says so. I remember they're yours only so you can change, export or delete them: "
             "nothing I show anyone else, moderators included, says whose they are. If words you'd post sound like "
             "you may be struggling, I hold them back and ask you first.")


@pytest.mark.parametrize("language", sorted(NEVER_WHERE))
async def test_what_privacy_says_of_anonymous_answers_and_care_notes_is_true_in_every_language(app, language):
    """The old promise ("nobody else can find out, moderators included") was untrue beside a care note that said
    where; now the note never says where for an anonymous or private answer, and heavy words are held first."""
    from bot.i18n import gettext_in

    await run(app, actor("ann"), "me language", language=language)
    await with_care_channel(app)
    out = text(await run(app, actor("ann"), "privacy"))
    shown = gettext_in(language, ANONYMOUS).replace("**", "")
    assert shown in out and (language == "en" or shown != ANONYMOUS.replace("**", ""))
    assert "nobody else can find out" not in out and NEVER_WHERE[language] in out
    assert "where it happened, even for a private answer" not in out


#: What each language's care section says a care note names the place of: a shared answer, and words sent to Hearth
#: as a message, a command or a form (`crisis_care.where_of`), not "a message to Hearth" alone.
SAYS_WHERE = {
    "en": "a message, command or form sent to Hearth",
    "es": "un mensaje, comando o formulario enviado a Hearth",
    "de": "einer Nachricht, einem Befehl oder einem Formular an Hearth",
    "fr": "un message, une commande ou un formulaire envoyé à Hearth",
    "pt": "uma mensagem, um comando ou um formulário enviado ao Hearth",
}


@pytest.mark.parametrize("language", sorted(SAYS_WHERE))
async def test_privacy_says_a_care_note_names_where_for_commands_and_forms_too_as_it_does(app, language):
    """`privacy_alerts_on` said a note says where "only for a shared answer or a message to Hearth", but a note now
    comes from a command or a form as well, and says where it was (or that it was private): the text says so."""
    from bot.events import Event
    from tests.bot.flows.test_crisis_care import alerts, with_alert_channel

    await with_alert_channel(app)
    await run(app, actor("ann"), "me language", language=language)
    out = text(await run(app, actor("ann"), "privacy"))
    assert SAYS_WHERE[language] in out and NEVER_WHERE[language] in out
    # ...and it is true: words of concern typed as a command (one that can't take them) name where, in a channel.
    await app.handle(Event("command", actor("bob"), "me region", {"region": CRISIS}, typed=True))
    (note,) = await alerts(app)
    assert "in a command to Hearth in" in note.message.plain()


#: What each language's care reply says of a care note: that it goes shortly (it is posted by the outbox, on the
#: scheduler's next tick), never that the moderators are being told now, or "in a moment".
SHORTLY = {"en": "I'll let the moderators in", "es": "En breve, los moderadores", "de": "In Kürze erfahren",
           "fr": "vont être prévenus sous peu", "pt": "Em breve, os moderadores"}


@pytest.mark.parametrize("language", sorted(SHORTLY))
async def test_the_care_reply_says_the_moderators_will_be_told_shortly_in_every_language(app, clock, language):
    await with_care_channel(app)
    await run(app, actor("ann"), "me language", language=language)
    told = text(await run(app, actor("ann"), "note", text=CRISIS))
    assert SHORTLY[language] in told
    assert not any(now in told for now in ("I'm letting", "En un momento", "Gleich erfahren", "dans un instant",
                                          "Em instantes"))
