"""The first seam: events come in from an adapter, replies go back out.

Everything here is plain data so that any adapter (Discord, Slack, the
terminal) can build events and render replies without the core knowing which
platform it is talking to.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot import i18n

# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------


#: The longest message any platform hands Hearth in one go (a Discord slash command's text: 6000 characters; its
#: form takes 4000, Slack's 3000): the most of someone's words Hearth reads at once (a note, `hearth screen`'s line).
MAX_MESSAGE_CHARS = 6000

#: Unicode's direction controls: embeddings and overrides (closed by PDF) and isolates (closed by PDI).
_EMBEDS, _PDF = frozenset("\u202a\u202b\u202d\u202e"), "\u202c"
_ISOLATES, _PDI = frozenset("\u2066\u2067\u2068"), "\u2069"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_PARAGRAPH_ENDS = frozenset("\n\r\u2029\x1c\x1d\x1e\x85")
#: How deep direction controls nest (UAX #9's max_depth): any deeper are ignored, so need no closing.
_BIDI_DEPTH = 125


def bidi_closed(text: str) -> str:
    """The text with every direction control it opens closed at its end (Unicode's bidi algorithm, UAX #9).

    A name like "\u202eAnn" (right-to-left override) would otherwise turn Hearth's own words after it around
    ("· Good" shown as "dooG ·"), and could make a post say what it doesn't. What was typed is kept; only
    the closing marks are added. Most text has no such control and comes back as it is.
    """
    if not _BIDI.search(text):
        return text
    stack: list[str] = []
    for ch in text:
        if ch in _EMBEDS:
            stack.append(_PDF)
        elif ch in _ISOLATES:
            stack.append(_PDI)
        elif ch == _PDF and stack and stack[-1] == _PDF:
            stack.pop()
        elif ch == _PDI and _PDI in stack:  # closes its isolate and whatever was opened inside it
            del stack[len(stack) - 1 - stack[::-1].index(_PDI):]
        elif ch in _PARAGRAPH_ENDS:
            stack.clear()
    return text + "".join(reversed(stack[:_BIDI_DEPTH]))


#: Invisible characters that can disguise what a member's words say to others: direction marks, embeddings,
#: overrides and isolates (U+202A–U+202E, U+2066–U+2069, LRM/RLM U+200E/U+200F, ALM U+061C) and zero-width
#: ones (U+200B–U+200D, word joiner U+2060, BOM U+FEFF).
#: (Not U+200C, the zero-width non-joiner: Persian and Indic words need it, and it reorders nothing.)
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u200d\u2060\ufeff]")
_ZWJ = "\u200d"
#: What may sit between a pictograph and the joiner in an emoji sequence: the emoji presentation selector and
#: the five skin tones (🏳️‍🌈 is U+1F3F3 U+FE0F U+200D U+1F308).
_EMOJI_TRAILERS = frozenset("\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")


def _pictograph(ch: str) -> bool:
    """Near enough Unicode's Extended_Pictographic for joining emoji (Python has no such property)."""
    cp = ord(ch)
    return 0x1F000 <= cp <= 0x1FAFF or (cp >= 0x2000 and unicodedata.category(ch) == "So")


def _joins_emoji(text: str, at: int) -> bool:
    """Whether the zero-width joiner at `at` is inside an emoji sequence (👩‍💻), where it is part of the picture."""
    before = at - 1
    while before >= 0 and text[before] in _EMOJI_TRAILERS:
        before -= 1
    return before >= 0 and _pictograph(text[before]) and at + 1 < len(text) and _pictograph(text[at + 1])


def disarmed(text: str) -> str:
    """A member's words as shown to others, with nothing invisible left to disguise them.

    A right-to-left override can make "olleh" read "hello" (or turn Hearth's own words after it around), and a
    zero-width space can make a name look like someone else's; shown to others, these are removed. A zero-width
    joiner inside an emoji sequence stays (👩‍💻 is one picture only with it); anywhere else it goes. Only the
    shown copy changes: what was typed is stored as typed. Most text has none and comes back as it is.
    """
    if not _HIDDEN.search(text):
        return text
    return "".join(ch for i, ch in enumerate(text)
                   if not _HIDDEN.match(ch) or (ch == _ZWJ and _joins_emoji(text, i)))


@dataclass(frozen=True)
class UserText:
    """Text someone typed. Adapters show it literally: no markup, no pings, and no invisible direction or
    zero-width character to disguise it (`disarmed`): the one place every renderer's user text passes."""

    text: str

    def __post_init__(self) -> None:
        shown = disarmed(self.text)
        if shown is not self.text:
            object.__setattr__(self, "text", shown)


def _shown_fields(item: object, *names: str) -> None:
    """The plain words of a button, a choice, a form or a title, `disarmed` as user text is: they are plain
    text on every platform (never markup), but often carry what someone typed (a check-in's name on a button, a
    prompt's words as a form's default, a pack's name among choices), so they pass the same one door."""
    for name in names:
        value = getattr(item, name)
        if isinstance(value, str):
            shown = disarmed(value)
            if shown is not value:
                object.__setattr__(item, name, shown)


@dataclass(frozen=True)
class ChannelRef:
    """A channel, shown as a link where the platform has them (never a ping)."""

    channel_id: str

    @property
    def short(self) -> str:
        return self.channel_id.split(":", 1)[-1]


@dataclass(frozen=True)
class PersonRef:
    """Someone Hearth hasn't a name for (never seen here): shown as the platform's own link to them, which
    pings nobody (Discord's `<@id>` under `allowed_mentions=none`, Slack's `<@U…>` in a reply only the reader
    sees), or as the handle typed, never as an id like `console:ann`. A known person is shown by their display
    name, as user text; `role:<id>` is a platform role."""

    subject: str

    @property
    def is_role(self) -> bool:
        return self.subject.startswith("role:")

    @property
    def short(self) -> str:
        return self.subject.split(":", 1)[-1]

    def text(self) -> str:
        return i18n._("the role {role}").format(role=self.short) if self.is_role else disarmed(self.short)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_name(day: date) -> str:
    """"Mon", in English whatever the machine's locale."""
    return _DAYS[day.weekday()]


def month_name(day: date) -> str:
    """"Jan", in English whatever the machine's locale."""
    return _MONTHS[day.month - 1]


def show_date(day: date) -> str:
    """"Tue 6 Jan": a calendar day, as people read it, in the language being spoken (`bot.i18n`)."""
    return i18n.day_month(day)


WhenStyle = Literal["datetime", "time"]
""""Mon 5 Jan, 09:00" or just "09:00"."""


@dataclass(frozen=True)
class When:
    """A moment, shown to each reader in their own time. One rule, on every adapter:

    * `personal`: a message for one person, and `zone` is theirs, so it reads as that time with the zone named
      ("Mon 5 Jan, 09:00 (Europe/Berlin)"), everywhere.
    * otherwise a channel post, read by many: each adapter uses the platform's own time markup, so every
      reader sees their own time (Discord's `<t:…>`, Slack's `<!date^…>`); where there is none (the
      terminal), and as Slack's fallback, `text()` shows it in `zone`, named.
    """

    at: datetime
    zone: str = "UTC"
    style: WhenStyle = "datetime"
    personal: bool = False
    lang: str = "en"
    """The language it is written in (`text()`): the one its message was made in, also when sent later."""

    @property
    def unix(self) -> int:
        return int(self.at.timestamp())

    def text(self) -> str:
        try:
            tz = ZoneInfo(self.zone)
        except Exception:  # a zone this machine doesn't know: UTC is still true, and named
            tz = ZoneInfo("UTC")
        local = self.at.astimezone(tz)
        with i18n.speaking(self.lang):
            if self.style == "time":
                return f"{i18n.clock(local)} ({tz.key})"
            return f"{i18n.day_month(local)}, {i18n.clock(local)} ({tz.key})"

    def to_json(self) -> str:
        fields = [self.at.isoformat(), self.zone, self.style, "1" if self.personal else ""]
        return "|".join(fields + [self.lang] if self.lang != "en" else fields)

    @classmethod
    def from_json(cls, text: str) -> "When":
        at, zone, style, personal, *lang = text.split("|")
        return cls(datetime.fromisoformat(at), zone, "time" if style == "time" else "datetime", personal == "1",
                   lang[0] if lang else "en")


Part = str | UserText | ChannelRef | When | PersonRef
"""A `str` part is Hearth's own text in a tiny markup (**bold**, _italic_)."""


@dataclass(frozen=True)
class Rich:
    """A run of Hearth text and user text, kept apart so user text stays inert."""

    parts: tuple[Part, ...] = ()

    def __add__(self, other: "Rich | Part") -> "Rich":
        if isinstance(other, Rich):
            return Rich(self.parts + other.parts)
        return Rich(self.parts + (other,))

    def plain(self) -> str:
        """The text without markup, for logs and tests."""
        return "".join(p.replace("**", "").replace("__", "") if isinstance(p, str) else shown_text(p)
                       for p in self.parts)

    def to_json(self) -> list[list[str]]:
        return [_part_json(p) for p in self.parts]

    @classmethod
    def from_json(cls, data: list[list[str]]) -> "Rich":
        kinds = {"u": UserText, "c": ChannelRef, "w": When.from_json, "p": PersonRef}
        return cls(tuple(kinds[k](t) if k in kinds else t for k, t in data))


def shown_text(part: object) -> str:
    """A part as the characters people see: a person's words as typed, a channel as "#name", a time or a person
    as their words; Hearth's own text as it is (its markup left for the renderer)."""
    if isinstance(part, UserText):
        return part.text
    if isinstance(part, ChannelRef):
        return f"#{part.short}"
    if isinstance(part, (When, PersonRef)):
        return part.text()
    return str(part)


def _part_json(p: Part) -> list[str]:
    if type(p) is str:  # most parts: Hearth's own text (a round's thousands of DMs come through here)
        return ["m", p]
    if isinstance(p, UserText):
        return ["u", p.text]
    if isinstance(p, ChannelRef):
        return ["c", p.channel_id]
    if isinstance(p, When):
        return ["w", p.to_json()]
    if isinstance(p, PersonRef):
        return ["p", p.subject]
    return ["m", p]


def channel(channel_id: str) -> "Rich":
    """A channel link as a value for `rich`/`fill` slots."""
    return Rich((ChannelRef(channel_id),))


def your_time(at: datetime, zone: ZoneInfo | str, style: WhenStyle = "datetime") -> "Rich":
    """A time in a message for one person, in their zone (named): a value for `rich`/`fill` slots."""
    return Rich((When(at, _zone_name(zone), style, personal=True, lang=i18n.current()),))


def posted_time(at: datetime, zone: ZoneInfo | str, style: WhenStyle = "datetime") -> "Rich":
    """A time in a channel post: each reader sees their own where the platform can; elsewhere `zone`, named."""
    return Rich((When(at, _zone_name(zone), style, lang=i18n.current()),))


def _zone_name(zone: ZoneInfo | str) -> str:
    return zone.key if isinstance(zone, ZoneInfo) else zone


def rich(template: str = "", *user_values: str | Rich) -> Rich:
    """Fill `{}` slots in Hearth's own template with user text, kept inert."""
    chunks = template.split("{}")
    if len(chunks) - 1 != len(user_values):
        raise ValueError(f"template has {len(chunks) - 1} slots, got {len(user_values)} values")
    parts: list[Part] = []
    for i, chunk in enumerate(chunks):
        if chunk:
            parts.append(chunk)
        if i < len(user_values):
            value = user_values[i]
            if isinstance(value, Rich):
                parts.extend(value.parts)
            elif value:
                parts.append(UserText(value))
    return Rich(tuple(parts))


_SLOT = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=512)
def _template(template: str) -> tuple[tuple[str, str], ...]:
    """A template as (text before a slot, the slot's name) pairs, the last with no slot: read once, filled often."""
    pairs = []
    pos = 0
    for m in _SLOT.finditer(template):
        pairs.append((template[pos:m.start()], m.group(1)))
        pos = m.end()
    pairs.append((template[pos:], ""))
    return tuple(pairs)


def fill(template: str, **values: str | Rich) -> Rich:
    """Fill named `{slots}` of a content template; `str` values are user text.

    Content templates (content/texts.toml) name their slots, so a community
    can reword them freely; anything a person typed stays inert.
    """
    parts: list[Part] = []
    for text, slot in _template(template):
        if text:
            parts.append(text)
        if not slot:
            continue
        value = values.get(slot)
        if isinstance(value, Rich):
            parts.extend(value.parts)
        elif value:
            parts.append(UserText(value))
    return Rich(tuple(parts))


def hearth_text(text: str) -> Rich:
    """Hearth's own words (not user text), e.g. a count for a template slot."""
    return Rich((text,)) if text else Rich()


def join_rich(items: list[Rich], sep: str = "\n") -> Rich:
    parts: list[Part] = []
    for i, item in enumerate(items):
        if i and sep:
            parts.append(sep)
        parts.extend(item.parts)
    return Rich(tuple(parts))


# --------------------------------------------------------------------------
# Who is speaking
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """A person acting in a community, as the adapter knows them.

    Ids are opaque strings namespaced by platform (`discord:…`, `slack:…`,
    `console:…`). `platform_moderator` is the platform's own word (Manage
    Server, workspace admin); the core adds its configured moderators. None:
    the event carried no word either way (a button pressed in a Discord DM
    carries no server permissions); an action that declares whose community
    it acts in (`Action.community_of`) then asks the platform.
    `timezone` and `locale` are what the platform says about the person
    (e.g. "Europe/Berlin", "pt-BR"), if it says anything; `community_name` what
    it calls the community, as its people know it (the Discord server's name,
    the Slack workspace's, the terminal's configured one), if it says;
    `from_platform` False when they aren't the platform's word now (the
    dashboard's: what the platform said when the link was asked for, and the
    browser's language): they decide how Hearth speaks to this event, and are
    never stored as the person's. `in_dm`: they wrote in their DM with Hearth, a place nobody else reads
    (`channel_id`, if any, is that DM's: never named to anyone).
    """

    community_id: str
    user_id: str
    display_name: str
    platform_moderator: bool | None = False
    channel_id: str | None = None
    timezone: str | None = None
    roles: tuple[str, ...] = ()
    locale: str | None = None
    community_name: str | None = None
    from_platform: bool = True
    in_dm: bool = False

    @property
    def platform(self) -> str:
        return self.user_id.split(":", 1)[0]


# --------------------------------------------------------------------------
# Events in
# --------------------------------------------------------------------------

EventKind = Literal["command", "action", "form"]


@dataclass(frozen=True)
class Event:
    """A command typed, a button pressed, or a form submitted.

    `name` is a command path ("checkin join") for commands and an action id
    ("checkin.answer") for buttons and forms. `args` carries the options of a
    command or the hidden state of a button/form; `values` the form fields.
    `event_id` lets a retried delivery (Slack retries) have one effect.
    """

    kind: EventKind
    actor: Actor
    name: str
    args: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    event_id: str | None = None
    attachment: bytes | None = None
    typed: bool = False
    """A command typed where nothing keeps the words once sent (a terminal line, a Slack or Discord slash
    command), unlike a form, which stays open or comes back: a refusal then gives the person's own words back
    (`Hearth.handle`), so nothing they wrote is lost."""
    line: str = ""
    """A command typed as a line (the terminal, a message, Slack's slash command): every word after the command's
    name, exactly as typed (`bot.commands.parse.rest_of_line`). A refusal gives this back, not the options it was
    read into: a word read as an option ("What" of "mod prompt add listening light What do you hear?") is theirs
    too."""
    seen: bool = False
    """The person's words sit where others read them, with their name: a message written to Hearth in a channel
    (Discord's @mention in a server, Slack's `app_mention` or a message outside its DM), set by the adapter from the
    platform's payload. Never for a slash command, a form, a button or the terminal, which nobody else sees. A flow
    then never calls those words private or anonymous (`bot.flows.reflections`, `bot.flows.checkins`): what it keeps
    is kept, but the message itself is still there (`actor.channel_id`), and the reply says so."""


# --------------------------------------------------------------------------
# Replies out
# --------------------------------------------------------------------------

Visibility = Literal["actor", "channel"]
ButtonStyle = Literal["primary", "secondary", "danger", "success"]
#: Why the core refused (`Reply.why`): "request" (what was asked can't be done as asked), "not_allowed" (it isn't
#: this person's to do: someone else's button, a moderator's command), "spent" (a button already used, or
#: expired), "no_room" (nothing can be saved now: the disk is full), "broke" (a fault of Hearth's own).
Refusal = Literal["request", "not_allowed", "spent", "no_room", "broke"]


@dataclass(frozen=True)
class Button:
    """A button; pressing it sends an `action` event with `args` back."""

    label: str
    action: str
    args: dict[str, str] = field(default_factory=dict)
    style: ButtonStyle = "secondary"
    about: str = ""
    """What one thing it acts on, by name (a check-in, a prompt), where a reply carries buttons for many things: a
    platform that can't show every button (Discord's 25) offers the rest by this name. "" for the person's own
    (Reflect now, New check-in): those are shown first, always."""
    main: bool = False
    """The thing's own first action (Answer now): shown before any thing's other buttons when not all fit."""

    def __post_init__(self) -> None:
        _shown_fields(self, "label", "about")


FieldKind = Literal["text", "paragraph", "choice", "channel", "timezone", "file"]
"""`file`: an upload, where the platform's forms take one (Slack's `file_input`)."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str

    def __post_init__(self) -> None:
        _shown_fields(self, "label")  # (the value is what comes back, as it was)


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: FieldKind = "text"
    required: bool = True
    max_length: int | None = None
    choices: tuple[Choice, ...] = ()
    default: str | None = None
    placeholder: str | None = None
    hint: str | None = None
    """Plain words under the field, where the platform shows them (the command's form declares them)."""

    def __post_init__(self) -> None:
        _shown_fields(self, "label", "default", "placeholder", "hint")


@dataclass(frozen=True)
class Form:
    """A modal: submitting it sends a `form` event named `action` with `args`."""

    title: str
    action: str
    fields: tuple[FormField, ...]
    args: dict[str, str] = field(default_factory=dict)
    submit_label: str = "Save"

    def __post_init__(self) -> None:
        _shown_fields(self, "title", "submit_label")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime: str = "application/json"
    current: bool = False
    """A picture of how things are now (`me history`'s chart, `mod insights show`'s), asked for again whenever
    wanted: where an adapter writes files down (the terminal), it keeps one such file per person and name, written
    over each time, so the folder doesn't grow with every asking. Never a copy someone asked to keep (an export):
    that is never written over."""


@dataclass(frozen=True)
class Reply:
    """What to show: text, to whom, with buttons, a form or a file."""

    body: Rich = Rich()
    visibility: Visibility = "actor"
    buttons: tuple[Button, ...] = ()
    form: Form | None = None
    attachment: Attachment | None = None
    title: str | None = None
    error: bool = False
    """A refusal: nothing changed. Adapters may show it beside a form, keeping what was typed."""
    field: str | None = None
    """Which option or form field a refusal is about (its name), declared by the core so no adapter guesses."""
    lang: str = "en"
    """The language it was made in: a message sent later (the outbox) is drawn in it, whatever an adapter adds."""
    why: Refusal | None = None
    """Why it was refused (with `error`), where the core knows better than "what was asked": for an adapter that
    answers with a status (the dashboard's HTTP). None on a refusal: "request"."""
    aside: bool = False
    """Said beside the message whose button was pressed, never in its place: a button pressed again (a double
    click) is answered so, and what the first press said stays where it is."""
    retry_after: float | None = None
    """A refusal for pace (`MemberRateLimiter`): seconds until the person may act again, so an adapter that can
    say when (the dashboard's 429 and its Retry-After) says it truly. Never kept: a refusal is said at once."""
    quiet: bool = False
    """A refusal said just after the care reply (`crisis_care.after_care`): shown as it is, with no alert or
    heading of an adapter's own added to it (the dashboard's "look at the field marked below")."""
    unchanged: bool = False
    """Nothing was done, though nothing was refused ("You weren't in circle, so nothing changed"): someone first
    met on it leaves no record, as after a refusal (`Hearth._forget_if_nothing_held`)."""
    calm: Rich | None = None
    """A refusal that quotes what was typed (`not_a_choice`: "… You wrote “…”"), said again in Hearth's words only
    ("please choose one of: …"): what `crisis_care.without_echoes` says in its place beside a care reply, so a form's
    step still says what it needs, and nothing repeats words of concern. None: the refusal has no such words."""
    keep: bool = False
    """It carries what the person must not lose with a dropped connection: their own words given back
    (`given_back`: nowhere else holds them), or care and a promise (support resources after worrying words, "I'll
    check on you tomorrow"). An adapter that can't show it now (the platform unreachable, the interaction
    expired) hands it to the outbox (`Hearth.keep_privately`), which sends it as a DM once the platform answers."""

    def __post_init__(self) -> None:
        _shown_fields(self, "title")

    def plain(self) -> str:
        return self.body.plain()

    def shown_to(self, user_id: str) -> "Reply":
        """This reply as shown to one person: its buttons and form carry who that is (`SHOWN_TO`), so that
        nobody else can press or submit them (the registry checks)."""
        if not self.buttons and self.form is None:
            return self
        buttons = tuple(replace(b, args={**b.args, SHOWN_TO: user_id}) for b in self.buttons)
        form = replace(self.form, args={**self.form.args, SHOWN_TO: user_id}) if self.form is not None else None
        return replace(self, buttons=buttons, form=form)


#: The button or form argument naming the person it was shown to (`Reply.shown_to`).
SHOWN_TO = "for"


def say(template: str = "", *user_values: str | Rich, **kw: Any) -> Reply:
    """Shorthand for a reply built from a template (see `rich`)."""
    return Reply(body=rich(template, *user_values), **kw)


def reply_to_json(reply: Reply) -> dict[str, Any]:
    """How a message waits in the outbox: plain JSON, rebuilt when sent. A file (a digest's chart) waits with it,
    as base64: each platform's sender uploads it with the message."""
    data: dict[str, Any] = {
        "body": reply.body.to_json(),
        "title": reply.title,
        "buttons": [{"label": b.label, "action": b.action, "args": b.args, "style": b.style,
                     **({"about": b.about} if b.about else {}), **({"main": True} if b.main else {})}
                    for b in reply.buttons],
    }
    if reply.attachment is not None:
        data["attachment"] = {"filename": reply.attachment.filename, "mime": reply.attachment.mime,
                              "content": base64.b64encode(reply.attachment.content).decode("ascii"),
                              **({"current": True} if reply.attachment.current else {})}
    lang = i18n.current()  # (the language it is being made in)
    if lang != "en":
        data["lang"] = lang
    return data


def reply_from_json(data: dict[str, Any]) -> Reply:
    buttons = tuple(Button(b["label"], b["action"], dict(b["args"]), b["style"], str(b.get("about") or ""),
                           bool(b.get("main"))) for b in data.get("buttons", []))
    file = data.get("attachment")
    attachment = Attachment(file["filename"], base64.b64decode(file["content"]), file["mime"],
                            bool(file.get("current"))) if file else None
    return Reply(body=Rich.from_json(data["body"]), buttons=buttons, title=data.get("title"), visibility="channel",
                 attachment=attachment, lang=str(data.get("lang") or "en"))
