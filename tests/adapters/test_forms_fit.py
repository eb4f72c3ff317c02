"""Every command's form is declared with it (title, submit label, defaults) and fits both platforms whole: Slack's
modal (title and submit at most 24 characters) and Discord's (title at most 45), so neither adapter cuts or
guesses a title."""

from __future__ import annotations

import pytest

from adapters.discord.components import build_modal
from adapters.discord.state import AdapterState
from adapters.slack.modals import form_view, metadata
from bot.commands.forms import MAX_FORM_TITLE, MAX_SUBMIT_LABEL, command_form, form_of, opens_form
from bot.events import Reply, rich
from testing.discord_rules import MODAL_TITLE, modal_problems
from testing.block_kit import view_problems
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor

MIA = actor("mia", moderator=True)


def forms_to_check(app):
    """Every command a form opens for (typed without its options on Slack), and every one that declares a form."""
    return [c for c in app.registry.commands.values() if opens_form(c) or c.form is not None]


def test_every_declared_form_title_and_submit_label_fit_every_platform(app):
    assert MAX_FORM_TITLE <= MODAL_TITLE  # (Slack's limit is the smaller)
    for cmd in forms_to_check(app):
        spec = form_of(cmd)
        assert 1 <= len(spec.title) <= MAX_FORM_TITLE, (cmd.name, spec.title)
        assert 1 <= len(spec.submit) <= MAX_SUBMIT_LABEL, (cmd.name, spec.submit)
        assert set(spec.labels) | set(spec.hints) <= {o.name for o in cmd.options}, cmd.name


async def test_every_form_is_drawn_whole_on_slack_and_discord(app, clock):
    await make_schedule(app)  # (so a check-in's name is a menu)
    state = AdapterState(app.store.stash, app.now)
    for cmd in forms_to_check(app):
        spec = form_of(cmd)
        form = await command_form(app, MIA, cmd)
        assert (form.title, form.submit_label) == (spec.title, spec.submit)

        view = form_view(Reply(body=rich(f"**{cmd.help}**"), form=form), metadata("command", cmd.name, {}, None, None))
        assert view_problems(view) == [], cmd.name
        assert view["title"]["text"] == spec.title and view["submit"]["text"] == spec.submit, cmd.name

        modal = (await build_modal(form, state, cmd.help)).to_dict()
        assert modal_problems(modal) == [], cmd.name
        assert modal["title"] == spec.title, cmd.name


@pytest.mark.parametrize("command, hidden, title, submit, filled", [
    ("mod schedule create", {}, "New check-in", "Preview", {"open": "2h", "remind": "30m", "timezone": "UTC"}),
    ("mod schedule edit", {"name": "mornings"}, "Edit check-in", "Preview",
     {"when": "daily 09:00", "channel": "console:general", "open": "120m", "remind": "30m"}),
    ("mod schedule pause", {"name": "mornings"}, "Pause a check-in", "Pause", {}),
    ("mod pack import", {}, "Import a pack", "Preview", {}),
])
async def test_titles_submit_labels_and_defaults_come_from_the_declaration(app, clock, command, hidden, title,
                                                                            submit, filled):
    await make_schedule(app)
    form = await command_form(app, MIA, app.registry.commands[command], hidden)
    assert (form.title, form.submit_label) == (title, submit)
    defaults = {f.name: f.default for f in form.fields}
    assert not set(hidden) & set(defaults)  # what the button decided is no field
    assert {k: defaults[k] for k in filled} == filled


async def test_a_new_check_in_is_named_in_a_text_box_and_an_existing_one_chosen_from_a_menu(app, clock):
    await make_schedule(app)
    create = await command_form(app, MIA, app.registry.commands["mod schedule create"])
    pause = await command_form(app, MIA, app.registry.commands["mod schedule pause"])
    assert {f.name: f.kind for f in create.fields}["name"] == "text"
    [name] = [f for f in pause.fields if f.name == "name"]
    assert name.kind == "choice" and [c.value for c in name.choices] == ["mornings"]


async def test_a_file_form_asks_for_the_upload_with_its_declared_hint_not_a_path(app):
    form = await command_form(app, MIA, app.registry.commands["mod pack import"])
    [field] = form.fields
    assert field.kind == "file" and "mod pack export" in (field.hint or "")
    view = form_view(Reply(form=form), metadata("command", "mod pack import", {}, None, None))
    [block] = [b for b in view["blocks"] if b["type"] == "input"]
    assert block["hint"]["text"] == field.hint
