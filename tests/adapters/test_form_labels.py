"""No form field is labelled with its option's name, in any language: an option's name is a word people type in
English ("opt_in", "tell_moderator", "dm"), and a German member read "Opt in", "Tell moderator", "Dm" above the
fields of Slack's and Discord's modals. Every field a command's form asks for has a label of its own (its command's,
or the usual one for its name: `forms.LABELS`), translated where it is shown; the dashboard's forms and the
terminal's questions show the same `FormField.label`.

Every command's form (a button may open any command's, not only those a bare command opens) is built in each
language through the real code, then drawn by the Slack and Discord adapters, as `test_every_language_fits` draws
them.
"""

from __future__ import annotations

import pytest

from adapters.discord.components import MODAL_COMPONENTS, build_modal
from adapters.discord.state import AdapterState
from adapters.slack.modals import form_view, metadata
from bot.commands.forms import LABELS, command_form, form_of, form_options
from bot.events import Actor, Reply, rich
from bot.i18n import speaking
from bot.language import LANGUAGES
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import COMMUNITY


def person(lang: str) -> Actor:
    return Actor(COMMUNITY, "console:mia", "Mia", platform_moderator=True, channel_id="console:general", locale=lang)


def raw_names(name: str) -> set[str]:
    """An option's name as typed, and as a label made of it would read ("tell_moderator", "Tell moderator")."""
    spaced = name.replace("_", " ")
    return {n.casefold() for n in (name, spaced, spaced.capitalize(), spaced.title())}


def declared(cmd, name: str) -> str | None:
    return form_of(cmd).labels.get(name) or LABELS.get(name)


def test_every_field_a_form_asks_for_has_a_label_of_its_own(app):
    unlabelled = [(cmd.name, o.name) for cmd in app.registry.commands.values() for o in form_options(cmd)
                  if o.kind != "file" and declared(cmd, o.name) is None]
    assert unlabelled == []


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_no_form_field_is_labelled_with_its_options_name_in_any_language(app, clock, lang):
    await make_schedule(app)  # (so a check-in's name is a menu, as people see it)
    state = AdapterState(app.store.stash, app.now)
    mia, named, drawn = person(lang), [], 0
    for cmd in app.registry.commands.values():
        with speaking(lang):
            form = await command_form(app, mia, cmd)
            slack = form_view(Reply(body=rich(cmd.help), form=form, lang=lang),
                              metadata("form", form.action, {}, None, None))
            discord = (await build_modal(form, state)).to_dict() if form.fields else {"components": []}
        slack_labels = {b["block_id"]: b["label"]["text"] for b in slack["blocks"] if b["type"] == "input"}
        discord_labels = {c["component"]["custom_id"]: c["label"] for c in discord["components"] if c["type"] == 18}
        assert len(discord_labels) == min(len(form.fields), MODAL_COMPONENTS), cmd.name
        for f in form.fields:
            drawn += 1
            shown = {f.label, slack_labels[f.name], discord_labels.get(f.name, f.label)}
            assert all(label.strip() for label in shown), (cmd.name, f.name, shown)
            english = declared(cmd, f.name) or ""
            if english.casefold() in raw_names(f.name):  # ("Name", "Text": a real word its label declares)
                continue
            named += [(cmd.name, f.name, label) for label in shown if label.casefold() in raw_names(f.name)]
    assert drawn > 50
    assert named == []


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
async def test_a_low_mood_form_asks_in_the_members_language(app, lang):
    with speaking(lang):
        form = await command_form(app, person(lang), app.registry.commands["me lowmood"])
    labels = {f.name: f.label for f in form.fields}
    assert set(labels) == {"opt_in", "tell_moderator"}
    with speaking("en"):
        english = await command_form(app, person("en"), app.registry.commands["me lowmood"])
    assert {f.name: f.label for f in english.fields} == {"opt_in": "Get a private word after low days?",
                                                         "tell_moderator": "Also let a moderator know?"}
    assert all(labels[f.name] != f.label for f in english.fields), labels
