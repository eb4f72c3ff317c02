"""Hearth's replies as Slack mrkdwn and Block Kit, inside Slack's limits.

Two rules drive this module. Text a person typed (`UserText`) never reaches
mrkdwn: Slack has no escape for `*bold*`, `_italic_`, `~strike~`, `` `code` ``
or a `>` quote, so a reply that carries anyone's words is drawn as a
`rich_text` block, whose `text` elements Slack shows exactly as written (Hearth's
own **bold** and _italic_ become their styles), and plain words (buttons,
titles, choices) are `plain_text`, never parsed either. mrkdwn carries only
Hearth's own words, `verbatim`, so Slack adds no links of its own; the
notification text (`text`) is plain, with the marks that would format it swapped
for look-alikes (`inert_fallback`). And Slack's limits (50 blocks a message,
3000 characters a section, 75 a button label) are met by splitting or
truncating, never by an API error.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections import OrderedDict
from datetime import timedelta
from typing import Any

from bot.fit import boundary, fit
from bot.i18n import _
from bot.events import Button, ChannelRef, PersonRef, Reply, Rich, UserText, When, shown_text
from bot.store.stash import stash_key

log = logging.getLogger(__name__)

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION = 3000
MAX_BUTTON_LABEL = 75
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_OPTIONS = 100
MAX_ACTIONS = 25
MAX_VIEW_TITLE = 24
MAX_BUTTON_VALUE = 2000
MAX_HEADER = 150
MAX_FALLBACK = 3000
#: The characters of text all of a message's blocks may hold together. Slack documents none, but refuses a message
#: whose blocks hold about 13,000 (`msg_blocks_too_long`; slackapi/bolt-js#2509), however small each block is.
MAX_MESSAGE_CHARS = 12_000
#: How long a button value kept in the store (`ValueStore`) is kept unused, as Discord keeps its long custom ids.
KEEP_VALUES = timedelta(days=90)


def escape(text: str) -> str:
    """Slack's three control characters as entities: the text stays text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(body: Rich) -> str:
    """Hearth markup (**bold**, _italic_) as Slack mrkdwn, for Hearth's own words (`carries_user_text` says when
    a body must be `rich_text_blocks` instead); what user text there is only has its `<` `&` `>` escaped."""
    out = []
    for part in body.parts:
        if isinstance(part, UserText):
            out.append(escape(part.text))
        elif isinstance(part, ChannelRef):
            is_id = re.fullmatch(r"[CGD][A-Z0-9]{2,}", part.short)
            out.append(f"<#{part.short}>" if is_id else escape(f"#{part.short}"))
        elif isinstance(part, When):
            out.append(time_markup(part))
        elif isinstance(part, PersonRef):
            is_id = part.subject.startswith("slack:") and re.fullmatch(r"[UW][A-Z0-9]{2,}", part.short)
            out.append(f"<@{part.short}>" if is_id else escape(part.text()))
        else:
            out.append(escape(part).replace("**", "*"))
    return "".join(out)


def time_markup(when: When) -> str:
    """A channel post's time as Slack's date token, which every reader sees in their own time (the text after
    `|` is for clients that can't); a private message's in the member's zone, named."""
    if when.personal:
        return escape(when.text())
    shown = "{time}" if when.style == "time" else "{date_short_pretty} {time}"
    return f"<!date^{when.unix}^{shown}|{escape(when.text())}>"


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when something was cut (`bot.fit`: between whole characters, at
    a word where one is near)."""
    return fit(text, limit)


def plain_text(text: str, limit: int) -> dict[str, Any]:
    """Plain words (a label, a title, a choice), often someone's: never parsed, and no `:code:` made an emoji
    either (Hearth's own emoji are the characters themselves), so they show exactly as typed."""
    return {"type": "plain_text", "text": clip(text or " ", limit), "emoji": False}


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text, "verbatim": True}]}


def chunks(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Split mrkdwn into pieces of at most `limit`, at line breaks where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # one very long line: cut at a space, never inside an entity
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else boundary(line, limit)
            amp = line.rfind("&", max(0, cut - 5), cut)
            if amp != -1 and ";" not in line[amp:cut]:
                cut = amp
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:cut])
            line = line[cut:].lstrip(" ")
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return pieces or [" "]


# -- buttons -------------------------------------------------------------------------

#: What pressing a Slack button means to Hearth, kept in the button's value.
#: k = "a" (a core action), "c" (run a command), "f" (open a command's form).
ButtonValue = dict[str, Any]


class ValueStore:
    """Button values Slack can't carry (over 2000 characters: a form's defaults given back, a long note's words)
    are kept in the core store (`bot.store.stash`), and the button carries their key.

    A value is drawn in sync code (`button_element`), so it is kept in memory at once and written to the store
    before anything carrying it goes to Slack (`flush`, awaited by every way out: `Presenter`, `SlackSender`; and
    started at once in the background, for any other). A press reads memory first, then the store
    (`recall`): the button still works after a restart, or pressed on another process. Kept by `keep_in`, which
    the adapter calls as it starts; until then (tests of rendering alone) values live in memory only. The store
    forgets a key unused for months (`KEEP_VALUES`, as Discord's long custom ids): its button says it expired.
    """

    #: What marks a stashed Slack value among the stash's rows (Discord's stashed args have none).
    MARK = "~slack"

    def __init__(self, capacity: int = 5000) -> None:
        self.capacity = capacity
        self._values: OrderedDict[str, ButtonValue] = OrderedDict()
        self._unsaved: dict[str, dict[str, str]] = {}
        self._stash: Any = None
        self._now: Any = None
        self._saving: set[asyncio.Task[None]] = set()
        self._writing = asyncio.Lock()  # (one flush at a time: see `flush`)

    def keep_in(self, stash: Any, now: Any) -> None:
        """Keep long values in `stash` (a `StashRepository`), stamped by `now()`; None: in memory alone again."""
        self._stash, self._now = stash, now
        if stash is None:
            self._unsaved.clear()

    def encode(self, value: ButtonValue) -> str:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        if len(text) <= MAX_BUTTON_VALUE:
            return text
        args = _flat(value)
        token = stash_key(args)
        self._remember(token, value)
        if self._stash is not None:
            self._unsaved[token] = args
            self._save_soon()
        return json.dumps({"k": "t", "t": token})

    def _remember(self, token: str, value: ButtonValue) -> None:
        self._values[token] = value
        self._values.move_to_end(token)
        while len(self._values) > self.capacity:
            self._values.popitem(last=False)

    def _save_soon(self) -> None:
        try:
            task = asyncio.get_running_loop().create_task(self._flush_logged())
        except RuntimeError:  # (no loop: rendering alone; the next `flush` keeps it)
            return
        self._saving.add(task)
        task.add_done_callback(self._saving.discard)

    async def _flush_logged(self) -> None:
        try:
            await self.flush()
        except Exception:  # (kept by the next `flush` before a send, which says so itself)
            log.warning("could not keep long button values yet", exc_info=True)

    async def flush(self) -> None:
        """Write the values drawn since the last flush to the store: awaited before they go to Slack. One flush at a
        time: a second (the background one `encode` starts) would write a value again after the first had, and on a
        database of several connections that late write could land after a member's erasure had taken it away."""
        async with self._writing:
            stash = self._stash
            while self._unsaved and stash is not None:
                token, args = next(iter(self._unsaved.items()))
                await stash.stash(args, self._now())
                if self._unsaved.get(token) is args:
                    del self._unsaved[token]

    def decode(self, text: str) -> ButtonValue | None:
        """A value from memory alone (one drawn by this process); `recall` also asks the store."""
        value = _parsed(text)
        if value is None or value.get("k") != "t":
            return value if value is not None and well_formed(value) else None
        return self._values.get(str(value.get("t")))

    async def recall(self, text: str) -> ButtonValue | None:
        """A pressed button's value: in it, in memory, or kept in the store; None if none of them has it (a value
        not one Hearth wrote, or kept so long ago it was forgotten)."""
        found = self.decode(text)
        value = _parsed(text)
        if found is not None or value is None or value.get("k") != "t" or self._stash is None:
            return found
        token = value.get("t")
        if not isinstance(token, str) or not re.fullmatch(r"[0-9a-f]{24}", token):
            return None
        kept = await self._stash.unstash(token)
        found = _unflat(kept) if kept is not None else None
        if found is None or not well_formed(found):
            return None
        self._remember(token, found)
        return found


def _parsed(text: Any) -> dict[str, Any] | None:
    """A button's value as JSON, if it is an object Hearth could have written."""
    if not isinstance(text, str) or len(text) > MAX_BUTTON_VALUE:
        return None  # not one Hearth wrote
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _flat(value: ButtonValue) -> dict[str, str]:
    """A value as the stash keeps arguments, text for text (so erasing a member finds their id in it, as it does
    in Discord's: `StashRepository.erase_member`): its kind, name, arguments ("a:…") and a form's defaults ("d:…")."""
    flat = {ValueStore.MARK: "1", "k": str(value.get("k")), "n": str(value.get("n"))}
    for key in ("a", "d"):
        flat |= {f"{key}:{name}": str(text) for name, text in (value.get(key) or {}).items()}
    if "d" in value:
        flat["d"] = ""  # (a form's defaults, even none)
    return flat


def _unflat(flat: dict[str, str]) -> ButtonValue | None:
    if flat.get(ValueStore.MARK) != "1":
        return None  # (not a Slack button's: another platform's arguments)
    value: ButtonValue = {"k": flat.get("k"), "n": flat.get("n"), "a": {}}
    if "d" in flat:
        value["d"] = {}
    for key, text in flat.items():
        kind, sep, name = key.partition(":")
        if sep and kind in ("a", "d"):
            value.setdefault(kind, {})[name] = text
    return value


def well_formed(value: dict[str, Any]) -> bool:
    """A button value as Hearth writes them: a kind, a name, and text arguments (and a form's defaults)."""
    return (value.get("k") in ("a", "c", "f") and isinstance(value.get("n"), str) and bool(value["n"])
            and all(_texts(value.get(key)) for key in ("a", "d")))


def _texts(found: Any) -> bool:
    """Absent, or an object of text values."""
    return found is None or (isinstance(found, dict) and all(isinstance(v, str) for v in found.values()))


VALUES = ValueStore()


def action_value(button: Button) -> ButtonValue:
    return {"k": "a", "n": button.action, "a": button.args}


def button_element(label: str, value: ButtonValue, index: int, style: str = "secondary") -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain_text(label, MAX_BUTTON_LABEL),
        "action_id": f"hearth:{index}",
        "value": VALUES.encode(value),
    }
    if style in ("primary", "success"):
        element["style"] = "primary"
    elif style == "danger":
        element["style"] = "danger"
    return element


def actions_blocks(buttons: tuple[Button, ...] | list[tuple[str, ButtonValue, str]], start: int = 0) -> list[dict]:
    """Buttons in actions blocks of at most 25 (Slack's per-block limit), their action ids numbered from `start`.

    A block is named after its first button's number: a view numbers its buttons
    once across all its blocks, so block ids are as unique as Slack needs them.
    """
    items = [(b.label, action_value(b), b.style) if isinstance(b, Button) else b for b in buttons]
    blocks = []
    for i in range(0, len(items), MAX_ACTIONS):
        elements = [button_element(label, value, start + i + j, style)
                    for j, (label, value, style) in enumerate(items[i:i + MAX_ACTIONS])]
        blocks.append({"type": "actions", "block_id": f"hearth-actions-{start + i}", "elements": elements})
    return blocks


# -- whole messages ------------------------------------------------------------------


def body_blocks(reply: Reply) -> list[dict[str, Any]]:
    """The title and the text of a reply as blocks (no buttons): mrkdwn sections for Hearth's own words, rich_text
    for a body that carries anyone's."""
    blocks: list[dict[str, Any]] = []
    if reply.title:
        blocks.append({"type": "header", "text": plain_text(reply.title, MAX_HEADER)})
    return blocks + text_blocks(reply.body)


def text_blocks(body: Rich) -> list[dict[str, Any]]:
    """A body as blocks: the one door for every Rich Hearth shows on Slack (`carries_user_text`)."""
    if carries_user_text(body):
        return rich_text_blocks(body)
    text = mrkdwn(body)
    return [section(piece) for piece in chunks(text)] if text.strip() else []


def note_blocks(body: Rich) -> list[dict[str, Any]]:
    """A small note (a context block) for Hearth's own words; one carrying anyone's is rich_text, as every body is."""
    if carries_user_text(body):
        return rich_text_blocks(body)
    text = mrkdwn(body)
    return [context(text)] if text.strip() else []


def carries_user_text(body: Rich) -> bool:
    """Whether a body holds words someone typed: their words, or a channel or person known only by what was typed
    (a channel's or a person's id is Slack's own link, and safe)."""
    return any(isinstance(p, UserText) or (isinstance(p, ChannelRef) and not _channel_id(p))
               or (isinstance(p, PersonRef) and not _person_id(p)) for p in body.parts)


def _channel_id(ref: ChannelRef) -> bool:
    return re.fullmatch(r"[CGD][A-Z0-9]{2,}", ref.short) is not None


def _person_id(ref: PersonRef) -> bool:
    return ref.subject.startswith("slack:") and re.fullmatch(r"[UW][A-Z0-9]{2,}", ref.short) is not None


# -- rich text: what someone typed, shown exactly as typed ----------------------------------------------

#: Hearth's own marks: ``` blocks, `code`, **bold**, _italic_ (an underscore at a word's edge, as Slack reads one).
_MARK = re.compile(r"(```\n?|`|\*\*|(?<![\w])_(?=\S)|(?<=\S)_(?![\w]))")
_STYLES = {"**": "bold", "_": "italic", "`": "code"}


def rich_elements(body: Rich) -> list[dict[str, Any]]:
    """A body as rich_text's elements: `rich_text_section`s of styled runs, and `rich_text_preformatted` for
    Hearth's ``` blocks. User text becomes `text` elements, which Slack never parses (no formatting, links,
    mentions or emoji codes); Hearth's marks become styles, also where one spans someone's words ("**{}**").
    A mark counts only where every character of it is Hearth's own, told by its neighbours as they will read."""
    pieces = [(shown_text(p), p) for p in body.parts]
    line = "".join(text for text, _part in pieces)
    owner: list[int] = []
    for i, (text, _part) in enumerate(pieces):
        owner += [i] * len(text)
    own = [type(pieces[i][1]) is str for i in owner]
    out: list[dict[str, Any]] = []
    runs: list[dict[str, Any]] = []
    styles: set[str] = set()
    pre = False

    def flush() -> None:
        nonlocal runs
        if runs:
            out.append({"type": "rich_text_preformatted" if pre else "rich_text_section", "elements": runs})
        runs = []

    def emit(start: int, end: int) -> None:
        at = start
        while at < end:
            i = owner[at]
            stop = at
            while stop < end and owner[stop] == i:
                stop += 1
            part = pieces[i][1]
            if isinstance(part, ChannelRef) and _channel_id(part):
                runs.append({"type": "channel", "channel_id": part.short})
            elif isinstance(part, PersonRef) and _person_id(part):
                runs.append({"type": "user", "user_id": part.short})
            elif isinstance(part, When) and not part.personal:
                shown = "{time}" if part.style == "time" else "{date_short_pretty} {time}"
                runs.append({"type": "date", "timestamp": part.unix, "format": shown, "fallback": part.text()})
            elif isinstance(part, UserText) and not pre and "code" not in styles:
                _words_run(runs, line[at:stop], styles)
            else:
                _text_run(runs, line[at:stop], set() if pre else styles)
            at = stop

    at = 0
    for m in _MARK.finditer(line):
        token = m.group()
        if not all(own[m.start():m.end()]) or (token in _STYLES and pre):
            continue
        emit(at, m.start())
        at = m.end()
        if token.startswith("```"):
            flush()
            pre, styles = not pre, set()
        else:
            styles ^= {_STYLES[token]}
    emit(at, len(line))
    flush()
    return out




#: An emoji's code as Slack people type it, ":smile:", ":slightly_smiling_face:", ":+1:", ":wave::skin-tone-2:":
#: lowercase letters, digits, "+", "'", "-", and underscores only between them (so none opens or closes _italic_).
#: Nothing in one can ping or link: no `<`, `>`, `&`, `@`, `!` or space.
SHORTCODE = re.compile(r":([a-z0-9+'-]+(?:_[a-z0-9+'-]+)*(?:::skin-tone-[2-6])?):")


def _words_run(runs: list[dict[str, Any]], text: str, styles: set[str]) -> None:
    """Someone's words as text elements, each emoji code in them an `emoji` element: Slack shows ":smile:" as 🙂
    wherever its people type it, and would in these words if they were a message of theirs; a text element shows
    the code as typed. An emoji element is a name alone (no ping, no link, nothing formatted), and Slack shows a
    name it doesn't know as its code, as typed. Not in Hearth's `code` or ``` blocks, which show words as typed,
    and unstyled (Slack refuses a style on an emoji element)."""
    at = 0
    for m in SHORTCODE.finditer(text):
        _text_run(runs, text[at:m.start()], styles)
        runs.append({"type": "emoji", "name": m.group(1)})
        at = m.end()
    _text_run(runs, text[at:], styles)


def _text_run(runs: list[dict[str, Any]], text: str, styles: set[str]) -> None:
    """One styled text element (none for no text: Slack refuses an empty one)."""
    if not text:
        return
    element: dict[str, Any] = {"type": "text", "text": text}
    if styles:
        element["style"] = {s: True for s in sorted(styles)}
    runs.append(element)


def rich_text_blocks(body: Rich, limit: int = MAX_SECTION) -> list[dict[str, Any]]:
    """A body as rich_text blocks of at most `limit` characters each (a long text cut at a line or a space)."""
    blocks: list[dict[str, Any]] = []
    current: list[dict[str, Any]] = []
    size = 0

    def close() -> None:
        nonlocal current, size
        if current:
            blocks.append({"type": "rich_text", "elements": current})
        current, size = [], 0

    for element in rich_elements(body):
        for piece in _pieces(element, limit):
            n = _size(piece)
            if size + n > limit:
                close()
            current.append(piece)
            size += n
    close()
    return blocks


def _size(element: dict[str, Any]) -> int:
    return sum(len(run.get("text") or run.get("fallback") or " ") for run in element["elements"])


def _pieces(element: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """One section or preformatted element as several of at most `limit` characters."""
    pieces: list[dict[str, Any]] = []
    runs: list[dict[str, Any]] = []
    size = 0
    for run in element["elements"]:
        texts = _cut_text(run["text"], limit) if run["type"] == "text" else [None]
        for text in texts:
            piece = run if text is None else {**run, "text": text}
            n = len(piece.get("text") or piece.get("fallback") or " ")
            if runs and size + n > limit:
                pieces.append({**element, "elements": runs})
                runs, size = [], 0
            runs.append(piece)
            size += n
    if runs:
        pieces.append({**element, "elements": runs})
    return pieces


def _cut_text(text: str, limit: int) -> list[str]:
    """A text in pieces of at most `limit`, cut after a line break or a space where there is one."""
    out = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit)) + 1
        cut = cut if cut > limit // 2 else boundary(text, limit) or limit
        out.append(text[:cut])
        text = text[cut:]
    return out + [text] if text else out


#: Look-alikes for what mrkdwn would act on in a notification's plain `text` (Slack has no escape for them).
_INERT = str.maketrans({"*": "\u2217", "_": "\uff3f", "~": "\u223c", "`": "\u02cb"})
#: A `>` opening a line (escaped or not, Slack quotes it), which becomes a look-alike too.
_QUOTE = re.compile(r"^(\s*)&gt;", re.MULTILINE)


def inert_fallback(text: str) -> str:
    """Text for a message's `text` (its notification, and clients that can't show blocks): its `<` `&` `>`
    escaped, and the marks Slack would format swapped for look-alikes, so nobody's words are formatted there
    either. An emoji's code (`SHORTCODE`) is kept as typed, its underscores too: Slack shows it as the emoji, as
    in the message, and a look-alike would break it ("slightly＿smiling＿face")."""
    out, at = [], 0
    for m in SHORTCODE.finditer(text):
        out += [text[at:m.start()].translate(_INERT), m.group()]
        at = m.end()
    return _QUOTE.sub("\\1\u203a", escape("".join(out) + text[at:].translate(_INERT)))


def block_fallback(block: dict[str, Any]) -> str:
    """A text block's words for the notification: a section's mrkdwn (Hearth's own), a rich_text block's words."""
    if block.get("type") == "section":
        return block["text"]["text"]
    out = []
    for element in block.get("elements") or []:
        for run in element.get("elements") or []:
            if run["type"] == "text":
                out.append(inert_fallback(run["text"]))
            elif run["type"] == "emoji":
                out.append(f":{run['name']}:")
            elif run["type"] == "channel":
                out.append(f"<#{run['channel_id']}>")
            elif run["type"] == "user":
                out.append(f"<@{run['user_id']}>")
            elif run["type"] == "date":
                out.append(f"<!date^{run['timestamp']}^{run['format']}|{escape(run['fallback'])}>")
        out.append("\n")
    return "".join(out).strip("\n")


def messages(reply: Reply) -> list[dict[str, Any]]:
    """One Slack message (`text` + `blocks`) or several when the reply is too long.

    Long replies continue in the next message, each saying it continues,
    so nothing is silently lost; buttons go on the last one.
    """
    blocks = body_blocks(reply)
    buttons = actions_blocks(reply.buttons)
    room = MAX_MESSAGE_BLOCKS - 1  # one spare for the "continued" note
    room_chars = MAX_MESSAGE_CHARS - 200  # and its words
    groups: list[list[dict[str, Any]]] = [[]]
    size = 0
    for block in blocks:
        n = block_chars(block)
        if groups[-1] and (len(groups[-1]) >= room or size + n > room_chars):
            groups.append([])
            size = 0
        groups[-1].append(block)
        size += n
    if groups[-1] and (len(groups[-1]) + len(buttons) > MAX_MESSAGE_BLOCKS
                       or size + sum(block_chars(b) for b in buttons) > MAX_MESSAGE_CHARS):
        groups.append([])
    groups[-1] = groups[-1] + buttons
    out = []
    for n, group in enumerate(groups):
        if n < len(groups) - 1:
            more = _("continued in the next message ({n} of {total})").format(n=n + 2, total=len(groups))
            group = group + [context(f"_{more}_")]
        fallback = "\n".join(block_fallback(b) for b in group if b.get("type") in ("section", "rich_text"))
        out.append({"text": clip(fallback or (reply.title or "Hearth"), MAX_FALLBACK), "blocks": group})
    return out


def block_chars(value: Any) -> int:
    """The characters of text a block holds (its text objects' and rich text's), as Slack counts a message's."""
    if isinstance(value, dict):
        return sum(len(v) if k in ("text", "fallback") and isinstance(v, str) else block_chars(v)
                   for k, v in value.items())
    if isinstance(value, list):
        return sum(block_chars(v) for v in value)
    return 0


def fit_view_blocks(blocks: list[dict[str, Any]], more_hint: str, limit: int = MAX_VIEW_BLOCKS) -> list[dict]:
    """Keep a modal or Home tab within Slack's 100 blocks, saying where the rest is."""
    if len(blocks) <= limit:
        return blocks
    more = _("There's more than fits here. {where}").format(where=more_hint)
    return blocks[: limit - 1] + [context(f"_{more}_")]
