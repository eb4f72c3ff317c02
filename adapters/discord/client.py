"""The Discord adapter: connect, sync the commands, serve interactions, send the outbox.

Only the `guilds` intent and the messages ones are asked for (no message
content, nothing privileged): Hearth works through interactions, which need
no intents, and reads only the messages written to it (a DM, an @mention),
whose words Discord gives a bot without the message content intent, so that
every word a person writes to Hearth is screened (`messages`).
The REST base URL can point at another Discord API (a local fake in tests,
a proxy in production); the gateway is then whatever that API's
`/gateway/bot` says.

With `discord.shard_count` set, the client is discord.py's
`AutoShardedClient` running the shards in `discord.shard_ids` (all, if
empty), so several processes can split a large bot's servers; otherwise it is
the plain single-connection client.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.channels import DiscordChannels
from adapters.discord.commands import HearthTranslator, HearthTree, build_tree
from adapters.discord.components import (FORM_RE, HearthButton, HearthMenu, chosen, decode_args, form_values,
                                         menu_expired)
from adapters.discord.interactions import (actor_for, answer, dm_actor, expired, form_expired, kept_values,
                                           left_server, not_in_dms, received, show, show_in_time, sorry,
                                           speak_their_locale)
from adapters.discord.mentions import channel_names, has_marks, neutral, public_name, resolved_names
from adapters.discord.messages import edited_to_hearth, written_to_hearth
from adapters.discord.moderators import DiscordModerators, in_server, roles_in
from adapters.discord.sender import DiscordSender
from adapters.discord.state import AdapterState
from bot.commands.mentions import options_read
from bot.commands.suggest import suggestions_for
from bot.app import Hearth
from bot.config import Config
from bot.events import Event, Reply
from bot.flows.crisis_care import care_alone
from bot.flows.my_data import by_dm
from bot.language import from_locale
from bot.store.care import NOTE_ARG

log = logging.getLogger(__name__)

DEFAULT_API = "https://discord.com/api/v10"
TOKEN_SECRET = "HEARTH_DISCORD_TOKEN"
INTENTS = discord.Intents(guilds=True, guild_messages=True, dm_messages=True)
TIDY_EVERY_SECONDS = 24 * 3600
#: Exactly what Hearth needs in a channel: see it, post rounds, start and reply in threads.
PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, read_message_history=True,
    create_public_threads=True, send_messages_in_threads=True,
)


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(application_id, permissions=PERMISSIONS, scopes=("bot", "applications.commands"))


#: Buttons in a DM that someone who has left the server may still press: they put nothing up there in their name.
TAKES_NOTHING_UP = frozenset({"checkin.keep_private"})


def point_rest_at(api_url: str) -> None:
    """discord.py builds every REST URL from the class attribute `Route.BASE`."""
    Route.BASE = api_url.rstrip("/")


def point_gateway_at(url: str) -> None:
    """discord.py's single-shard client connects to `DEFAULT_GATEWAY`; use the API's answer."""
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)


class HearthClientMixin:
    """What Hearth adds to discord.py's client, sharded or not."""

    tree: app_commands.CommandTree

    def __init__(self, adapter: "DiscordAdapter", **options: Any) -> None:
        super().__init__(intents=INTENTS, allowed_mentions=discord.AllowedMentions.none(), **options)
        self.adapter = adapter
        self.tree = HearthTree(self)
        self.tree.error(self.on_command_failed)
        self._submissions: set[asyncio.Task[None]] = set()

    async def setup_hook(self) -> None:
        self.add_dynamic_items(HearthButton, HearthMenu)  # type: ignore[attr-defined]

    def dispatch(self, event: str, /, *args: Any, **kwargs: Any) -> None:
        """Modal submissions are picked out here, so the many interactions that aren't one (the tree and the
        buttons have those) don't each start a task that would only return."""
        if event == "interaction" and args[0].type == discord.InteractionType.modal_submit:
            task = asyncio.get_running_loop().create_task(self.on_form_submitted(args[0]))
            self._submissions.add(task)
            task.add_done_callback(self._submissions.discard)
        super().dispatch(event, *args, **kwargs)  # type: ignore[misc]

    async def on_form_submitted(self, interaction: discord.Interaction) -> None:
        """A modal submission, decoded from its custom id (any process can answer it)."""
        match = FORM_RE.match(str((interaction.data or {}).get("custom_id", "")))
        try:
            if match:
                await self.adapter.on_form(interaction, match["action"], match["args"])
            else:  # (no form of Hearth's now: another version's id; what was typed in it is still read)
                log.info("a modal was submitted that is no form Hearth can read")
                await self.adapter.on_unreadable_form(interaction, received())
        except Exception:
            log.exception("a form submission failed")

    async def on_message(self, message: discord.Message) -> None:
        """A message written to Hearth (in its DM, or mentioning it): read and screened (`adapters.discord.messages`);
        every other message, and any from a bot, is none of Hearth's business."""
        if message.author.bot or self.user is None:
            return
        if message.guild is not None and not _mentions_hearth(message, self.user.id):
            return
        try:
            await written_to_hearth(self.adapter, message, self.user.id)
        except Exception:
            log.exception("a message to Hearth failed")

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """A message written to Hearth, edited by its writer (Discord's MESSAGE_UPDATE, which discord.py passes on
        whether or not it still holds the message): screened again (`adapters.discord.messages.edited_to_hearth`).
        An update with no `edited_timestamp` is no edit of theirs (a link's preview came), and is passed by."""
        message = payload.message
        if message.author.bot or self.user is None or not payload.data.get("edited_timestamp"):
            return
        before = payload.cached_message
        if message.guild is not None and not _mentions_hearth(message, self.user.id) and not (
                before is not None and _mentions_hearth(before, self.user.id)):
            return
        try:
            await edited_to_hearth(self.adapter, message, before.content if before is not None else None,
                                   self.user.id)
        except Exception:
            log.exception("an edited message to Hearth failed")

    async def on_command_failed(self, interaction: discord.Interaction, error: Exception) -> None:
        """A slash command that failed before it reached Hearth (one Hearth no longer has, an option discord.py
        couldn't read): what was typed in its options is screened all the same, with the care reply before the
        apology if it raises concern (`Hearth.typed_not_run`; `care_alone` where no community is placed)."""
        log.error("slash command failed", exc_info=error)
        if not interaction.response.is_done():
            speak_their_locale(interaction)
            typed = typed_options((interaction.data or {}).get("options") or [])
            actor = actor_for(interaction)
            care = await self.adapter.app.typed_not_run(actor, typed) if actor is not None else \
                await self.adapter.care_outside(interaction, typed)
            try:
                await show(self.adapter, interaction, [*care, sorry()])
            except discord.HTTPException as err:  # (its three seconds may be gone too: one line, no traceback)
                log.warning("could not apologise for interaction %s: %s", interaction.id, err)


def typed_options(options: list[Any]) -> dict[str, str]:
    """A slash command's typed values (its options' strings, in its subcommands too), by option name."""
    typed: dict[str, str] = {}
    for option in options:
        if not isinstance(option, dict):
            continue
        if isinstance(option.get("value"), str):
            typed[str(option.get("name", ""))] = option["value"]
        typed |= typed_options(option.get("options") or [])
    return typed


def _mentions_hearth(message: discord.Message, bot_id: int) -> bool:
    """Whether a server message is written to Hearth: it mentions Hearth, or Hearth's own role (the one Discord
    made for it, which people pick from the list as often as Hearth itself)."""
    own_role = message.guild.self_role if message.guild is not None else None
    return any(u.id == bot_id for u in message.mentions) or (
        own_role is not None and any(r.id == own_role.id for r in message.role_mentions))


class HearthClient(HearthClientMixin, discord.Client):
    """One gateway connection for every server: right below Discord's ~2,500-server sharding threshold."""


class HearthShardedClient(HearthClientMixin, discord.AutoShardedClient):
    """Some or all of a sharded bot's shards, each its own gateway connection."""


def shard_options(config: Config) -> dict[str, Any]:
    """The client's sharding arguments from the config; none means the unsharded client."""
    count, ids = config["discord.shard_count"], config["discord.shard_ids"]
    if not count:
        return {}
    return {"shard_count": count, "shard_ids": list(ids) or None}


class DiscordAdapter:
    platform = "discord"

    def __init__(self, config: Config, **client_options: Any) -> None:
        self.config = config
        self.client_options = client_options
        self.app: Hearth
        self.client: HearthClient | HearthShardedClient
        self.state: AdapterState
        self.invite: str | None = None
        self._task: asyncio.Task[None] | None = None
        self._tidying: asyncio.Task[None] | None = None

    # -- lifecycle ----------------------------------------------------------------

    async def start(self, app: Hearth) -> None:
        token = self.config.secret(TOKEN_SECRET)
        if not token:
            raise RuntimeError(f"{TOKEN_SECRET} is not set")
        self.app = app
        self.state = AdapterState(app.store.stash, app.now)
        await self.tidy()
        point_rest_at(self.config["discord.api_url"] or DEFAULT_API)
        self.client = self._make_client()
        await self.client.login(token)
        _, gateway, _ = await self.client.http.get_bot_gateway()
        point_gateway_at(gateway)
        await self.sync_commands()
        self._task = asyncio.create_task(self.client.connect(reconnect=True), name="discord-gateway")
        await self._wait_ready()
        self._tidying = asyncio.create_task(self._tidy_daily(), name="discord-tidy")
        app.outbox.add_sender(DiscordSender(self, app.config["delivery.per_second"]))
        app.add_channel_directory(DiscordChannels(self))
        assert self.client.application_id is not None
        self.invite = invite_url(self.client.application_id)
        app.add_platform_moderators(DiscordModerators(self))
        log.info("Discord: connected as %s%s. Invite Hearth to a server with: %s", self.client.user,
                 self._shards_text(), self.invite)

    def _make_client(self) -> HearthClient | HearthShardedClient:
        sharding = shard_options(self.config)
        if not sharding:
            return HearthClient(self, **self.client_options)
        return HearthShardedClient(self, **sharding, **self.client_options)

    def _shards_text(self) -> str:
        ids = sorted(getattr(self.client, "shards", {}))
        if not ids:
            return ""
        return f" (shard{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))} of {self.client.shard_count})"

    async def _wait_ready(self, timeout: float = 60.0) -> None:
        ready = asyncio.ensure_future(self.client.wait_until_ready())
        assert self._task is not None
        done, _ = await asyncio.wait({ready, self._task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if self._task in done:
            ready.cancel()
            self._task.result()  # raises why the gateway stopped
            raise RuntimeError("the Discord gateway closed before Hearth was ready")
        if ready not in done:
            ready.cancel()
            raise RuntimeError(f"Discord did not become ready within {timeout:.0f}s")

    async def sync_commands(self) -> None:
        build_tree(self.client.tree, self.app.registry)
        await self.client.tree.set_translator(HearthTranslator())  # descriptions in Discord's own localizations
        guild_id = self.config["discord.dev_guild_id"]
        if guild_id:
            guild = discord.Object(int(guild_id))
            self.client.tree.copy_global_to(guild=guild)
            synced = await self.client.tree.sync(guild=guild)
            log.info("Discord: synced %d commands to the dev server %s", len(synced), guild_id)
        else:
            synced = await self.client.tree.sync()
            log.info("Discord: synced %d commands globally (they may take a while to appear)", len(synced))

    async def tidy(self) -> int:
        """Purge stashed custom ids nobody has used for months (see `AdapterState`)."""
        purged = await self.state.purge_custom_ids()
        if purged:
            log.info("Discord: forgot %d old button id(s)", purged)
        return purged

    async def _tidy_daily(self) -> None:
        """A long-running bot tidies once a day, not only when it starts."""
        while True:
            await asyncio.sleep(TIDY_EVERY_SECONDS)
            try:
                await self.tidy()
            except Exception:  # a busy database today is fine tomorrow
                log.warning("Discord: tidying old button ids failed", exc_info=True)

    async def stop(self) -> None:
        if self._tidying is not None:
            self._tidying.cancel()
            self._tidying = None
        if getattr(self, "client", None) is not None:
            await self.client.close()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, 10)
            except Exception:  # closing: nothing useful left to do with it
                log.debug("gateway task ended with an error while stopping", exc_info=True)

    # -- interactions --------------------------------------------------------------------

    async def on_command(self, interaction: discord.Interaction, name: str, args: dict[str, str],
                         upload: discord.Attachment | None = None) -> None:
        started = received()
        speak_their_locale(interaction)
        actor = actor_for(interaction)
        if actor is None:  # a DM: a member's own data rights work there (`by_dm`), wherever they are
            mine = await by_dm(self.app, Event("command", dm_actor(interaction), name, args,
                                               event_id=f"discord:{interaction.id}", typed=True))
            await show_in_time(self, interaction, mine if mine is not None else [not_in_dms()], started)
            return
        cmd = self.app.registry.commands.get(name)
        if cmd is not None and any(isinstance(v, str) and has_marks(v) for v in args.values()):  # (typed in a text option)
            await self.app.speak_to(actor)  # ("@someone", where Discord resolves no name, in the writer's language)
            marked = {k: neutral(v) for k, v in args.items()}
            guild = interaction.guild
            names = channel_names(marked.values(), lambda cid: public_name(guild.get_channel(cid) if guild else None,
                                                                        guild)) | resolved_names(interaction.data)
            args = options_read(cmd, marked, names)
        event = Event("command", actor, name, args, event_id=f"discord:{interaction.id}", typed=True)
        await answer(self, interaction, event, upload, started)

    async def on_action(self, interaction: discord.Interaction, action: str, args: dict[str, str]) -> None:
        started = received()
        speak_their_locale(interaction)
        if "__expired__" in args:
            await show_in_time(self, interaction, [expired()], started)
            return
        actor = actor_for(interaction, await self._community_for_dm(args, action))
        if actor is None:  # (a DM's button of a member's own data rights: `by_dm`)
            mine = await by_dm(self.app, Event("action", dm_actor(interaction), action, args,
                                               event_id=f"discord:{interaction.id}"))
            await show_in_time(self, interaction, mine if mine is not None else [not_in_dms()], started)
            return
        # (a care note's button is a moderator's: whether they still moderate there, the core asks `still`; keeping
        # their own words private only takes from what is up there, which someone who left may always do)
        if actor.in_dm and not action.startswith("care.") and action not in TAKES_NOTHING_UP and \
                await in_server(self, actor.community_id, actor.user_id) is False:
            await show_in_time(self, interaction, [left_server()], started)
            return
        if interaction.guild_id is None and action.startswith("care."):  # a note's button, raised in a DM: no roles
            # come with it, so read them in the note's server if a role there is on Hearth's list of moderators
            listed = await self.app.store.communities.moderators(actor.community_id)
            if actor.user_id not in listed and any(s.startswith("role:") for s in listed):
                actor = dataclasses.replace(actor, roles=await roles_in(self, actor.community_id, actor.user_id))
        await answer(self, interaction, Event("action", actor, action, args, event_id=f"discord:{interaction.id}"),
                     started=started)

    async def on_menu(self, interaction: discord.Interaction, key: str, value: str) -> None:
        """A name chosen in the menu of buttons that didn't fit a message: its buttons (the core checks each press
        as it does any), or word that the menu has expired."""
        started = received()
        speak_their_locale(interaction)
        reply = await chosen(key, value, self.state)
        await show_in_time(self, interaction, [reply or menu_expired()], started)

    async def on_form(self, interaction: discord.Interaction, action: str, raw_args: str) -> None:
        started = received()
        speak_their_locale(interaction)
        values = form_values(list((interaction.data or {}).get("components", [])))
        args = await decode_args(raw_args, self.state)
        if args is None:
            await self.on_unreadable_form(interaction, started)
            return
        actor = actor_for(interaction, await self._community_for_dm(args))
        if actor is None:
            await show_in_time(self, interaction, [*await self.care_outside(interaction, values), not_in_dms()],
                               started)
            return
        if actor.in_dm and await in_server(self, actor.community_id, actor.user_id) is False:
            # Nothing of it goes to the server they left; their words are screened, and given back to them.
            replies = [*await self.app.typed_not_run(actor, values), left_server()]
            await show_in_time(self, interaction, [*replies, *kept_values(Event("form", actor, action, args, values),
                                                                          replies)], started)
            return
        await answer(self, interaction, Event("form", actor, action, args, values, event_id=f"discord:{interaction.id}"),
                     started=started)

    async def on_unreadable_form(self, interaction: discord.Interaction, started: float) -> None:
        """A form Hearth can no longer read (its arguments stashed and gone, or no form of Hearth's): nothing in it
        is run, but what was typed in it is screened all the same, with the care reply first if it raises concern
        (`Hearth.typed_not_run`: in a server, with the member's region; else `care_alone`), then that it has
        expired."""
        speak_their_locale(interaction)
        values = form_values(list((interaction.data or {}).get("components", [])))
        actor = actor_for(interaction)
        care = await self.app.typed_not_run(actor, values) if actor is not None else \
            await self.care_outside(interaction, values)
        await show_in_time(self, interaction, [*care, form_expired()], started)

    async def care_outside(self, interaction: discord.Interaction, values: dict[str, str]) -> list[Reply]:
        """A form's or command's words that can't reach a community (from a DM Hearth can place nowhere): screened
        all the same, with the care reply first if they raise concern. Never raises: what follows it is said."""
        if not any(v.strip() for v in values.values()):
            return []
        try:
            care = await care_alone(self.app, "\n".join(values.values()),
                                    from_locale(getattr(interaction.locale, "value", None)))
        except Exception:
            log.exception("words from outside any community could not be screened")
            return []
        return [care] if care is not None else []

    async def _community_for_dm(self, args: dict[str, str], action: str = "") -> str | None:
        """A button in a DM acts in the server its check-in round (or, for a care button, its note) belongs to."""
        if action.startswith("care.") and args.get(NOTE_ARG, "").isdigit():
            return await self.app.store.care.community_of(int(args[NOTE_ARG]))
        if not args.get("round", "").isdigit():
            return None
        rnd = await self.app.store.rounds.get(int(args["round"]))
        schedule = await self.app.store.schedules.get(rnd.schedule_id) if rnd else None
        return schedule.community_id if schedule else None

    async def suggest(self, interaction: discord.Interaction, command: str, source: str,
                      current: str) -> list[tuple[str, str]]:
        actor = actor_for(interaction)
        if actor is None:
            return []
        return await suggestions_for(self.app, actor, command, source, current)
