"""The Discord slash-command tree, derived from Hearth's one command registry.

`checkin join` becomes `/checkin join`, `mod schedule create` becomes
`/mod schedule create`. Options keep their kinds, fixed choices (25 at most)
and `suggest` sources (autocomplete). A group whose commands are all for
moderators is hidden by default from members without Manage Server; the core
checks again whatever Discord shows. Adding a command to the registry adds it
here with no change to this file.
"""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Mapping, Union

import discord
from discord import app_commands

from adapters.options import chat_options
from bot.commands.groups import GROUP_HELP
from bot.commands.facts import with_facts
from bot.commands.registry import Command, Option, Registry
from bot.fit import fit
from bot.i18n import gettext_in
from bot.language import DEFAULT, from_locale

if TYPE_CHECKING:
    from adapters.discord.client import HearthClient

DESCRIPTION_LIMIT = 100
MAX_CHOICES = 25
STRING_LIMIT = 6000
MODERATOR_PERMISSIONS = discord.Permissions(manage_guild=True)
GUILD_ONLY = app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False)

_SPACES = re.compile(r"[ \t\r\n]+")


def _cut(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    text = _SPACES.sub(" ", text).strip() or "…"  # (not str.split: a French no-break space before ":" stays)
    return fit(text, limit)


#: What Discord may show in another language: descriptions and choice names. Command, group and option names
#: stay English, as people type them everywhere.
_TRANSLATED = frozenset({
    app_commands.TranslationContextLocation.command_description,
    app_commands.TranslationContextLocation.group_description,
    app_commands.TranslationContextLocation.parameter_description,
    app_commands.TranslationContextLocation.choice_name,
})


class HearthTranslator(app_commands.Translator):
    """Discord's own localizations for the command tree, from Hearth's catalogs (`bot.i18n`): each Discord
    locale of a language Hearth speaks ("es-ES" and "es-419", "pt-BR", "de", "fr") gets that language's
    description, where it has one; Discord shows the English text to everyone else."""

    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        if context.location not in _TRANSLATED:
            return None
        lang = from_locale(locale.value)
        if lang is None or lang == DEFAULT:
            return None
        translated = gettext_in(lang, string.extras.get("msgid", string.message))
        if translated == string.extras.get("msgid", string.message):
            return None  # not translated yet: Discord falls back to the English description
        return _cut(with_facts(translated, string.extras.get("facts") or {}))


def _localized(text: str, facts: Mapping[str, str] | None = None) -> app_commands.locale_str:
    """A description Discord shows cut to its limit, which the translator finds by its whole English text; with
    this Hearth's `facts` filled in (`Registry.facts`), in every language."""
    return app_commands.locale_str(_cut(with_facts(text, facts or {})), msgid=text, facts=dict(facts or {}))


class PostableChannel(app_commands.Transformer):
    """A channel picker offering only channels Hearth can post rounds (and threads) in."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news]

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> str:
        return str(value.id)


def annotation(opt: Option) -> Any:
    """The Python annotation discord.py turns into the right option type."""
    if opt.kind == "int":
        return int
    if opt.kind == "channel":
        return app_commands.Transform[str, PostableChannel]
    if opt.kind == "user":
        return Union[discord.Member, discord.User, discord.Role]
    if opt.kind == "file":
        return discord.Attachment
    if opt.max_length:
        return app_commands.Range[str, None, min(opt.max_length, STRING_LIMIT)]
    return str


def option_value(value: Any) -> str:
    """A resolved option value as the string the core expects."""
    if isinstance(value, discord.Role):
        return f"role:{value.id}"
    if isinstance(value, discord.Attachment):
        return value.filename
    if isinstance(value, (discord.Member, discord.User)):
        return f"discord:{value.id}"
    if isinstance(value, app_commands.AppCommandChannel | app_commands.AppCommandThread | discord.abc.GuildChannel):
        return str(value.id)
    return str(value)


#: Option types whose value arrives as is: string, integer, boolean, number (no user, channel, role or file).
PLAIN_OPTION_TYPES = {3, 4, 5, 10}
SUBCOMMAND_TYPES = {1, 2}


def plain_command(data: dict[str, Any]) -> tuple[str, dict[str, str]] | None:
    """A slash command's words and values, when no value needs resolving; else None."""
    if data.get("type", 1) != 1:  # a user or message menu command
        return None
    words, options = [str(data.get("name", ""))], list(data.get("options") or [])
    while len(options) == 1 and options[0].get("type") in SUBCOMMAND_TYPES:
        words.append(str(options[0].get("name", "")))
        options = list(options[0].get("options") or [])
    if any(o.get("type") not in PLAIN_OPTION_TYPES for o in options):
        return None
    return " ".join(words), {str(o["name"]): str(o["value"]) for o in options if o.get("value") is not None}


class HearthTree(app_commands.CommandTree):
    """discord.py's command tree, with a short way in for plain slash commands.

    Most of Hearth's commands carry only words and numbers. For those,
    discord.py's namespace, transformers and checks (Hearth uses none of
    them: the core checks permissions and options itself) cost about as much
    as the core's own work (bench/README.md, "discord"), so such a command
    goes straight to the adapter. A user, channel, role or file to resolve,
    autocomplete, and anything the registry doesn't know take the library's
    full path.
    """

    async def _call(self, interaction: discord.Interaction) -> None:
        client: HearthClient = self.client  # type: ignore[assignment]
        plain = plain_command(interaction.data or {}) \
            if interaction.type is discord.InteractionType.application_command else None
        if plain is None or plain[0] not in client.adapter.app.registry.commands:
            await super()._call(interaction)
            return
        try:
            await client.adapter.on_command(interaction, *plain)
        except Exception as error:
            await client.on_command_failed(interaction, error)


def _callback(cmd: Command, autocomplete: Callable[[str, str], Any],
              facts: Mapping[str, str] | None = None) -> Callable[..., Awaitable[None]]:
    """A callback with a real signature, so discord.py derives the options itself."""

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        client: HearthClient = interaction.client  # type: ignore[assignment]
        args = {k: option_value(v) for k, v in values.items() if v is not None}
        upload = next((v for v in values.values() if isinstance(v, discord.Attachment)), None)
        await client.adapter.on_command(interaction, cmd.name, args, upload)

    params = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction)]
    descriptions: dict[str, str] = {}
    choices: dict[str, list[app_commands.Choice[str]]] = {}
    completers: dict[str, Any] = {}
    for opt in chat_options(cmd):
        params.append(inspect.Parameter(
            opt.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation(opt),
            default=inspect.Parameter.empty if opt.required else None,
        ))
        descriptions[opt.name] = _localized(opt.description, facts)  # type: ignore[assignment]
        if opt.choices and len(opt.choices) <= MAX_CHOICES:
            choices[opt.name] = [app_commands.Choice(name=_localized(c.label), value=c.value) for c in opt.choices]
        elif opt.suggest:
            completers[opt.name] = autocomplete(cmd.name, opt.suggest)
        elif opt.choices:
            completers[opt.name] = _static_completer(opt)
        elif opt.kind == "timezone":
            completers[opt.name] = autocomplete(cmd.name, "timezones")
    callback.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = cmd.path[-1]
    callback.__discord_app_commands_param_description__ = descriptions  # type: ignore[attr-defined]
    callback.__discord_app_commands_param_choices__ = choices  # type: ignore[attr-defined]
    callback.__discord_app_commands_param_autocomplete__ = completers  # type: ignore[attr-defined]
    return callback


def _completer(command: str, source: str
               ) -> Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]:
    """Suggestions for one option of one command: the core decides who may see them."""
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        client: HearthClient = interaction.client  # type: ignore[assignment]
        pairs = await client.adapter.suggest(interaction, command, source, current)
        return [app_commands.Choice(name=label, value=value) for label, value in pairs]

    return complete


def _static_completer(opt: Option) -> Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]:
    """More fixed choices than Discord allows: offer the matching ones as you type."""

    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        needle = current.lower()
        hits = [c for c in opt.choices if needle in c.label.lower() or needle in c.value.lower()]
        return [app_commands.Choice(name=_cut(c.label), value=c.value) for c in hits[:MAX_CHOICES]]

    return complete


def build_tree(tree: app_commands.CommandTree, registry: Registry) -> None:
    """Add every registry command to `tree`, grouped by its leading words."""
    groups: dict[tuple[str, ...], app_commands.Group] = {}
    moderator_only = _moderator_only_groups(registry)

    def group(path: tuple[str, ...]) -> app_commands.Group:
        if path not in groups:
            parent = group(path[:-1]) if len(path) > 1 else None
            top = len(path) == 1
            desc = GROUP_HELP.get(path[-1]) or f"Commands for {' '.join(path)}"
            groups[path] = app_commands.Group(
                name=path[-1], description=_localized(desc), parent=parent,
                allowed_contexts=GUILD_ONLY if top else None,
                default_permissions=(MODERATOR_PERMISSIONS if path in moderator_only else None) if top else None,
            )
            if top:
                tree.add_command(groups[path])
        return groups[path]

    for cmd in registry.commands.values():
        parent = group(cmd.path[:-1]) if len(cmd.path) > 1 else None
        command = app_commands.Command(
            name=cmd.path[-1], description=_localized(cmd.help), callback=_callback(cmd, _completer, registry.facts),
            parent=parent,
            allowed_contexts=GUILD_ONLY if parent is None else None,
        )
        if parent is None:
            if cmd.permission == "moderator":
                command.default_permissions = MODERATOR_PERMISSIONS
            tree.add_command(command)
        else:
            parent.add_command(command)


def _moderator_only_groups(registry: Registry) -> set[tuple[str, ...]]:
    tops: dict[tuple[str, ...], set[str]] = {}
    for cmd in registry.commands.values():
        if len(cmd.path) > 1:
            tops.setdefault(cmd.path[:1], set()).add(cmd.permission)
    return {path for path, perms in tops.items() if perms == {"moderator"}}
