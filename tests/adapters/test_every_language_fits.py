"""Every reply, form and message Hearth makes, in every language it speaks, is one Slack and Discord accept, drawn
by the adapters' own code; and nothing Hearth says in a label, a title, an option or a placeholder has to be cut to
fit (the catalogs' lint checks the texts it can see; this checks them as they are filled in, with the longest
names people may give: a check-in's name of 40 characters, a prompt of 280, a display name of 80 with emoji).

Each command is run bare and with its options, as a moderator or a member in each language, and every button its
answer shows is pressed once; then a round opens, six members answer it (shared, anonymous, private, at length),
and everything the outbox sends, and what each of its buttons answers, is drawn the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import adapters.discord.components as discord_components
import adapters.slack.render as slack_render
from adapters.discord.components import build_modal, fitted
from adapters.discord.render import message_parts
from adapters.discord.state import AdapterState
from adapters.slack.home import home_tab
from adapters.slack.modals import form_view, message_view, metadata
from adapters.slack.render import MAX_FALLBACK, messages
from bot.commands.forms import command_form, opens_form
from bot.events import Actor, Reply, rich
from bot.flows.moderate_schedules import MAX_NAME_CHARS
from bot.i18n import speaking
from bot.language import LANGUAGES
from bot.scheduling.runner import RoundScheduler
from testing import discord_rules
from testing.block_kit import message_problems, view_problems
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import COMMUNITY, press, run

#: A check-in's name as long as Hearth takes one, in long words with an emoji of several code points.
NAME = ("Montagsrunde 👩‍👩‍👧‍👦 Gemeinschaftsküche" + "x" * MAX_NAME_CHARS)[:MAX_NAME_CHARS]
PROMPT = ("Wer hat dir diese Woche wirklich zugehört, und woran hast du das gemerkt? 🇩🇪 " * 4)[:280].strip()
WORDS = ("Heute war lang, aber das Gespräch mit meiner Schwester hat gutgetan 👋🏽. " * 14)[:1000]
SAMPLES = {"region": "gb", "opt_in": "yes", "timezone": "Europe/Berlin", "until": "2026-02-01", "language": "de",
           "kind": "checkin", "theme": "listening", "depth": "light", "text": PROMPT, "id": "own-listening-01",
           "when": "daily 09:00", "channel": "general", "who": "console:bob", "date": "2026-01-08", "number": "1",
           "pack": "core", "weeks": "4", "words": WORDS, "mood": "3", "visibility": "shared", "count": "5",
           "duty": "on", "schedule": NAME, "name": NAME}
#: What must not run here: it ends the actor's data, or wants a file.
SKIPPED = {"me delete", "mod pack import"}


def person(name: str, lang: str, moderator: bool = False) -> Actor:
    shown = (name.capitalize() + " 👨‍👩‍👧‍👦 Ümlaut-Überlänge " * 6)[:80]
    return Actor(COMMUNITY, f"console:{name}", shown, platform_moderator=moderator, channel_id="console:general",
                 locale=lang)


class Drawn:
    """Draws replies on both platforms, keeping what either would refuse, and what had to be cut to fit."""

    def __init__(self, app, monkeypatch: pytest.MonkeyPatch) -> None:
        self.state = AdapterState(app.store.stash, app.now)
        self.problems: list[tuple[str, str, list[str]]] = []
        self.cut: set[tuple[str, int, str]] = set()
        self.drawn: dict[str, int] = {"replies": 0, "buttons": 0, "forms": 0}
        for module in (slack_render, discord_components):
            monkeypatch.setattr(module, "fit", self._watching(module.fit, module.__name__))

    def _watching(self, fit, where: str):
        def watched(text: str, limit: int) -> str:
            if len(text) > limit and limit < MAX_FALLBACK:  # (a message's notification text is cut on purpose)
                self.cut.add((where, limit, text))
            return fit(text, limit)
        return watched

    async def replies(self, what: str, replies: list[Reply]) -> None:
        for reply in replies:
            with speaking(reply.lang):
                await self._one(what, reply)

    async def _one(self, what: str, reply: Reply) -> None:
        self.drawn["replies"] += 1
        self.drawn["buttons"] += len(reply.buttons)
        self.drawn["forms"] += reply.form is not None
        def keep(platform: str, problems: list[str]) -> None:
            if problems:
                self.problems.append((what, platform, problems[:3]))

        for message in messages(reply):
            keep("slack message", message_problems(message))
        keep("slack modal", view_problems(message_view([reply], "{}")))
        shown, view = await fitted(reply, self.state)
        parts = message_parts(shown)
        for i, text in enumerate(parts):
            components = view.to_components() if view is not None and i == len(parts) - 1 else []
            keep("discord message", discord_rules.message_problems({"content": text, "components": components}))
        if reply.form is not None:
            keep("slack form", view_problems(form_view(reply, metadata("form", reply.form.action, {}, None, None))))
            modal = await build_modal(reply.form, self.state, reply.plain())
            keep("discord modal", discord_rules.modal_problems(modal.to_dict()))

    def assert_all_fit(self) -> None:
        assert self.drawn["replies"] and self.drawn["buttons"] and self.drawn["forms"], self.drawn
        assert self.problems == [], self.problems[:5]
        assert self.cut == set(), sorted(self.cut)


async def press_each(app, clock, drawn: Drawn, who: Actor, what: str, replies: list[Reply]) -> None:
    for reply in replies:
        for button in reply.buttons:
            if "delete" in button.action:
                continue
            clock.advance(timedelta(seconds=30))  # (past the per-member pace)
            await drawn.replies(f"{what} > {button.action}", await press(app, who, button.action, dict(button.args)))


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_every_command_and_its_buttons_fit_both_platforms(app, clock, monkeypatch, lang):
    drawn = Drawn(app, monkeypatch)
    await make_schedule(app, name=NAME)
    mod, ann = person("mia", lang, moderator=True), person("ann", lang)
    clock.advance(timedelta(minutes=2))
    added = await run(app, mod, "mod prompt add", kind="checkin", theme="listening", depth="light", text=PROMPT)
    assert not added[0].error, added[0].plain()
    for cmd in app.registry.commands.values():
        if cmd.name in SKIPPED:
            continue
        who = mod if cmd.permission == "moderator" else ann
        full = {o.name: SAMPLES[o.name] for o in cmd.options if o.name in SAMPLES}
        for args in ({}, full):
            clock.advance(timedelta(minutes=1))
            replies = await run(app, who, cmd.name, **args)
            await drawn.replies(cmd.name, replies)
            await press_each(app, clock, drawn, who, cmd.name, replies)
    for cmd in app.registry.commands.values():  # (each command's form, as a button or a bare command opens it)
        if opens_form(cmd) or cmd.form is not None:
            with speaking(lang):
                form = await command_form(app, mod, cmd)
                await drawn.replies(f"{cmd.name} form", [Reply(body=rich(cmd.help), form=form, lang=lang)])
    for who in (mod, ann):
        with speaking(lang):
            home = await home_tab(app, who)
        assert view_problems(home) == []
    drawn.assert_all_fit()


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_a_rounds_posts_dms_and_answers_fit_both_platforms(app, clock, monkeypatch, lang):
    drawn = Drawn(app, monkeypatch)
    await make_schedule(app, name=NAME)
    people = [person(f"member{i}", lang) for i in range(6)]
    for p in people:
        clock.advance(timedelta(minutes=1))
        await run(app, p, "checkin join", schedule=NAME, dm="yes", reminders="yes")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    for i, p in enumerate(people):
        visibility = ("shared", "anonymous", "private")[i % 3]
        replies = await run(app, p, "checkin answer", mood=str(1 + i % 5), visibility=visibility, words=WORDS)
        await drawn.replies(f"checkin answer {visibility}", replies)
        await press_each(app, clock, drawn, p, "checkin answer", replies)
    await app.outbox.drain_all()
    for delivery in list(app.sent):
        await drawn.replies(f"sent {delivery.kind}", [delivery.message])
        await press_each(app, clock, drawn, people[0], f"sent {delivery.kind}", [delivery.message])
    sent = len(app.sent)
    clock.set(datetime(2026, 1, 5, 12, 0, tzinfo=timezone.utc))  # (the round closes: its summary)
    await RoundScheduler(app).run_pending()
    await app.outbox.drain_all()
    assert len(app.sent) > sent
    for delivery in app.sent[sent:]:
        await drawn.replies(f"later {delivery.kind}", [delivery.message])
    drawn.assert_all_fit()
