"""Where Hearth's replies appear in Slack, and the modals it opens.

A reply goes where the person is looking: inside the modal they clicked in,
in a modal over the Home tab, or as an ephemeral message under the slash
command or button. Forms always open as modals; files go to the member's DM.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.answer import AnswerInAck, ResponseRefused
from adapters.slack.home import home_tab
from adapters.slack.inbound import Where
from adapters.slack.modals import form_view, message_view, metadata
from adapters.slack.render import VALUES, messages
from adapters.slack.sender import UNREACHABLE, slack_error, unreachable
from bot.commands.forms import command_form, word_fields
from bot.commands.registry import Command
from bot.config import Config
from bot.events import SHOWN_TO, Actor, Form, Reply, join_rich, rich
from bot.i18n import N_, _

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

TOO_SLOW = N_("That took me a little too long and Slack closed the window. Please press it again.")
#: A form Slack refused to open (an error of its own, not the trigger's three seconds): said, never silence.
NOT_OPENED = N_("Slack didn't open the form just now. Please try again in a moment.")


class Presenter:
    def __init__(self, app: "Hearth", client: AsyncWebClient, config: Config) -> None:
        self.app = app
        self.client = client
        self.config = config

    async def show(self, where: Where, actor: Actor, replies: list[Reply]) -> None:
        """Put replies where the person is looking (see `Where`)."""
        forms = [r for r in replies if r.form is not None]
        texts = [r for r in replies if r.form is None and (r.body.parts or r.buttons or r.title)]
        shown: list[Reply] = []  # (of `texts`, those Slack took whole: not kept again)
        try:
            if forms:
                # A form comes with anything said before it, shown above its fields.
                said = [r.body for r in texts]
                form = dataclasses.replace(forms[0], body=join_rich(said + [forms[0].body], "\n\n"))
                await self._open_form(where, form)
            elif texts and (where.view_id or where.origin == "home"):
                await self._open_or_update(where, message_view(texts, self._meta(where)))
            else:
                if isinstance(where.respond, AnswerInAck) and any(r.keep for r in texts):  # (held until it settles)
                    where.respond.if_lost(lambda: self._keep(where, actor, replies))
                for reply in texts:
                    await self._message(where, reply)
                    shown.append(reply)
            for reply in replies:
                if reply.attachment is not None:
                    await self._upload(where, reply)
        except (*UNREACHABLE, ResponseRefused) as err:
            unshown = [r for r in replies if not any(r is s for s in shown)]
            in_modal = not forms and bool(texts) and bool(where.view_id or where.origin == "home")
            if isinstance(err, ResponseRefused) and where.channel or in_modal and isinstance(err, SlackApiError) \
                    and slack_error(err) != "expired_trigger_id":
                unshown = await self._beside(where, unshown)
            if where.origin == "message":
                # A message written to Hearth: Slack acked it and won't send it again, and the reply would have been
                # a message anyway. All of it that Slack didn't take goes to their DM by the outbox, not only what
                # carries their words or care: the answer to what they wrote is not lost with the outage.
                unshown = [dataclasses.replace(r, keep=True) for r in unshown if r in texts]
            if await self._keep(where, actor, unshown):
                log.info("the person's own words in a reply Slack didn't take go to their DM by the outbox")
            if not isinstance(err, (SlackApiError, ResponseRefused)):
                raise  # (the way to Slack failed: the listener says so, and apologises where it can)
            log.warning("could not show a reply on Slack: %s", unreachable(err))
            if isinstance(err, SlackApiError) and slack_error(err) == "expired_trigger_id":
                await self._message(dataclasses.replace(where, replace=False), Reply(body=rich(_(TOO_SLOW))))
            elif forms and isinstance(err, SlackApiError):  # (the form was what Slack refused: nothing else shown)
                await self._not_opened(where)
        if where.origin == "home":
            await self.publish_home(actor)

    async def _beside(self, where: Where, unshown: list[Reply]) -> list[Reply]:
        """Replies the response URL refused (it expired: a button on a message older than Slack's 30 minutes, or
        used up), or a modal Slack wouldn't open or update for them (a press on the Home tab, or in a modal): shown
        as a message instead, to the person alone (beside the message in its channel, else in their DM with
        Hearth), with the file that was to follow them; what was done is never left unsaid. Returns what Slack still didn't take, and the
        replies carrying the person's own words (`Reply.keep`): those go to their DM, which keeps them (`_keep`)."""
        beside = dataclasses.replace(where, respond=None, replace=False)
        kept = [r for r in unshown if r.keep]
        for i, reply in enumerate(unshown):
            if reply.keep:
                continue
            try:
                if reply.form is None and (reply.body.parts or reply.buttons or reply.title):
                    await self._message(beside, reply)
                if reply.attachment is not None:
                    await self._upload(beside, reply)
            except (*UNREACHABLE, ResponseRefused) as err:
                log.warning("could not show a reply beside an expired response URL either: %s", unreachable(err))
                return [r for j, r in enumerate(unshown) if j >= i or r.keep]
        return kept

    async def _keep(self, where: Where, actor: Actor, replies: list[Reply]) -> bool:
        """The person's own words in replies that didn't reach them, to their DM by the outbox (`keep_privately`)."""
        key = f"slack:{where.trigger_id}" if where.trigger_id else where.event or f"slack:{secrets.token_hex(8)}"
        return await self.app.keep_privately(actor, replies, key,
                                             or_in=f"slack:{where.channel}" if where.channel else None)

    def _meta(self, where: Where, kind: str = "message", name: str = "", args: dict[str, str] | None = None,
              form: Form | None = None) -> str:
        return metadata(kind, name, args or {}, where.channel, where.origin, word_fields(form) if form else ())

    def view_for(self, replies: list[Reply], where: Where) -> dict[str, Any]:
        forms = [r for r in replies if r.form is not None]
        if forms:
            form = forms[0].form
            assert form is not None
            return form_view(forms[0], self._meta(where, "form", form.action, form.args, form))
        return message_view(replies, self._meta(where))

    def refusal_view(self, replies: list[Reply], where: Where) -> dict[str, Any]:
        """A refusal about no one field, pushed on top of the form: "Back" returns to it as it was typed."""
        return message_view(replies, self._meta(where), close=N_("Back"))

    async def _open_form(self, where: Where, reply: Reply) -> None:
        form = reply.form
        assert form is not None
        await self._open_or_update(where, form_view(reply, self._meta(where, "form", form.action, form.args, form)))

    async def _open_or_update(self, where: Where, view: dict[str, Any]) -> None:
        await VALUES.flush()  # (its buttons' long values kept before Slack shows them: `ValueStore`)
        if where.view_id:
            await self.client.views_update(view_id=where.view_id, view=view)
        elif where.trigger_id:
            await self.client.views_open(trigger_id=where.trigger_id, view=view)

    async def _message(self, where: Where, reply: Reply) -> None:
        parts = messages(reply)
        await VALUES.flush()
        if reply.visibility == "channel" and where.channel:
            for part in parts:
                await self.client.chat_postMessage(channel=where.channel, unfurl_links=False, **part)
            return
        for i, part in enumerate(parts):
            if where.respond is not None:
                # (a second press answers aside: the first press's answer stays in place)
                await where.respond(response_type="ephemeral",
                                    replace_original=where.replace and i == 0 and not reply.aside, **part)
            elif where.channel:
                await self.client.chat_postEphemeral(channel=where.channel, user=where.user, **in_thread(where), **part)
            else:
                await self.client.chat_postMessage(channel=where.user, unfurl_links=False, **part)

    async def privately(self, where: Where, reply: Reply) -> None:
        """A message for one person that must outlast the moment (their words, after they closed a form): in their
        DM with Hearth, which keeps it, where an ephemeral message is gone on reload. If their DMs are closed to
        Hearth, shown to them alone in the channel they opened it from, if any."""
        parts = messages(reply)
        await VALUES.flush()
        sent = 0
        try:
            dm = (await self.client.conversations_open(users=where.user))["channel"]["id"]
            for part in parts:
                await self.client.chat_postMessage(channel=dm, unfurl_links=False, unfurl_media=False, **part)
                sent += 1
            return
        except SlackApiError as err:
            log.warning("could not send a private message on Slack: %s", slack_error(err))
            if not where.channel:
                return
        for part in parts[sent:]:  # (what the DM didn't take)
            await self.client.chat_postEphemeral(channel=where.channel, user=where.user, **in_thread(where), **part)

    async def _upload(self, where: Where, reply: Reply) -> None:
        """Files (a data export) go to the person's DM with Hearth, never a channel."""
        att = reply.attachment
        assert att is not None
        dm = (await self.client.conversations_open(users=where.user))["channel"]["id"]
        await self.client.files_upload_v2(channel=dm, content=att.content, filename=att.filename,
                                          title=att.filename, initial_comment=_("Here is your file from Hearth."))

    async def open_command_form(self, where: Where, actor: Actor, cmd: Command, hidden: dict[str, str],
                                defaults: dict[str, str]) -> None:
        """A modal for a command: the form declared with it (`bot.commands.forms`), filled in as it says."""
        form = await command_form(self.app, actor, cmd, hidden, defaults)
        mine = {**hidden, SHOWN_TO: actor.user_id}  # its submission is theirs alone (`Reply.shown_to`)
        try:
            await self._open_or_update(where, form_view(Reply(body=rich(f"**{cmd.help}**"), form=form),
                                                        self._meta(where, "command", cmd.name, mine, form)))
        except SlackApiError as err:
            log.warning("could not open the form for %s: %s", cmd.name, slack_error(err))
            if slack_error(err) == "expired_trigger_id":
                await self._message(dataclasses.replace(where, replace=False), Reply(body=rich(_(TOO_SLOW))))
            else:
                await self._not_opened(where)

    async def _not_opened(self, where: Where) -> None:
        """Slack refused to open a form (`internal_error`, a rate limit outlasting the retries, a 5xx): the person
        pressed or typed something, so they hear it didn't open, where they are (their DM from the Home tab)."""
        try:
            await self._message(dataclasses.replace(where, replace=False), Reply(body=rich(_(NOT_OPENED))))
        except (*UNREACHABLE, ResponseRefused) as err:
            log.warning("could not say a form didn't open either: %s", unreachable(err))

    async def publish_home(self, actor: Actor) -> None:
        try:
            view = await home_tab(self.app, actor)
            await VALUES.flush()
            await self.client.views_publish(user_id=actor.user_id.split(":", 1)[1], view=view)
        except SlackApiError as err:
            log.warning("could not publish App Home: %s", slack_error(err))


def in_thread(where: Where) -> dict[str, str]:
    """An ephemeral reply's place in a thread: the thread the person wrote in (`Where.thread`), if any."""
    return {"thread_ts": where.thread} if where.thread else {}
