"""What Hearth knows about, as plain records read from the store."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot.clock import parse_iso

Visibility = Literal["shared", "anonymous", "private"]
VISIBILITIES: tuple[Visibility, ...] = ("shared", "anonymous", "private")

#: The smallest number of answers before a summary shows the mood spread.
MIN_SUMMARY_FLOOR = 3
#: The largest: a community of peers rarely has more answers in one go, and above it no anonymous answer or mood
#: would ever show while members are still told theirs are shared.
MAX_SUMMARY_FLOOR = 50
#: How long answers may be kept, in days (ten years at most).
RETENTION_DAYS = (1, 3650)
#: How long a round may stay open, in minutes: five at least, a week at most (a schedule's `open`, and the default).
ROUND_MINUTES = (5, 7 * 24 * 60)


@dataclass(frozen=True)
class CommunitySettings:
    summary_floor: int = MIN_SUMMARY_FLOOR
    retention_days: int = 365
    alert_channel: str | None = None
    default_region: str | None = None
    default_timezone: str = ""
    """The community's own choice; "" where it made none: then the config's `checkins.default_timezone`
    (`Hearth.in_force`, which every reader goes through)."""
    digest_channel: str | None = None
    """Where the weekly insights digest goes; None: no digest (it is opt-in)."""
    digest_day: str = "mon"
    digest_time: str = "09:00"
    """When it goes, in the community's timezone (`default_timezone`)."""
    crisis_screen: str = "model"
    """How words are read for danger here (`bot.safety.screen.Reading`), where Hearth has the model loaded: "model"
    (the phrase rules, the model's gentle word where only it hears danger, and its crisis answer where it is sure),
    "model-crisis" (its confident alarm a crisis too, with the care note) or "phrases" (the rules alone: fewer care
    replies to people who are fine, more missed)."""

    @classmethod
    def from_json(cls, text: str) -> "CommunitySettings":
        return _settings_from_json(text or "{}")  # read on most events, and immutable: parse each text once

    def to_json(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True)


@lru_cache(maxsize=4096)
def _settings_from_json(text: str) -> CommunitySettings:
    data = json.loads(text)
    return CommunitySettings(**{k: v for k, v in data.items() if k in CommunitySettings.__dataclass_fields__})


@dataclass(frozen=True)
class Community:
    id: str
    name: str
    settings: CommunitySettings


@dataclass(frozen=True)
class Member:
    community_id: str
    user_id: str
    display_name: str
    timezone: str | None = None
    region: str | None = None
    snooze_until: date | None = None
    settings: dict[str, Any] = field(default_factory=dict, compare=False)
    platform_timezone: str | None = None
    language: str | None = None
    """Their own choice with `me language`; `Hearth.language_of` adds the platform's word."""
    dms_closed: bool = field(default=False, compare=False)
    """Their DMs are closed to Hearth (`bot.store.communities`): known on the participants read that round DMs
    and reminders are built from, False on other reads."""
    platform_locale: str | None = None
    """The locale their platform last reported ("pt-BR"): their language, unless they chose one."""

    @property
    def zone_name(self) -> str | None:
        """Their own choice first, else what their platform says."""
        return self.timezone or self.platform_timezone

    def snoozed(self, today: date) -> bool:
        return self.snooze_until is not None and today <= self.snooze_until


@dataclass(frozen=True)
class Schedule:
    id: int
    community_id: str
    name: str
    channel_id: str
    spec: str
    cron: str
    timezone: str
    theme: str | None
    depth: str | None
    open_minutes: int
    remind_minutes: int
    paused_until: str | None
    created_by: str
    updated_at: str = ""
    """When anything about it last changed (UTC ISO): with its id, the version a confirmation pins
    (`bot.flows.moderate_schedules`), so a stale one never acts on a check-in changed or made anew since."""
    counts_from: str | None = None
    """Only fires after this moment (UTC ISO) are rounds: when it was created, or its time, timezone or pause last
    changed (`bot.store.schedules`). A fire before it was never "missed" (`counts`)."""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Schedule":
        return cls(**{k: row[k] for k in cls.__dataclass_fields__ if k in row})

    @property
    def version(self) -> str:
        """Which check-in, as it is now: a button drawn for it refuses once this changes (`Command.pin`)."""
        return f"{self.id}@{self.updated_at}"

    def counts(self, fire: datetime) -> bool:
        """Whether this fire time is one of its rounds: after it was created, its time last changed and any pause
        it was in then was lifted. Catching up opens only these (`bot.scheduling.runner`), so a round the preview
        never promised (a time today already past, a fire a pause held back) is never opened late."""
        return self.counts_from is None or fire > parse_iso(self.counts_from)

    def paused_on(self, day: date) -> bool:
        if self.paused_until is None:
            return False
        return self.paused_until == "forever" or day <= date.fromisoformat(self.paused_until)

    def paused_at(self, now: datetime) -> bool:
        """Paused today, on the schedule's own calendar: a pause up to a date that has passed is over."""
        return self.paused_on(now.astimezone(ZoneInfo(self.timezone)).date())


@dataclass(frozen=True)
class Round:
    id: int
    schedule_id: int
    scheduled_at: datetime
    opened_at: datetime
    closes_at: datetime
    remind_at: datetime | None
    reminded_at: datetime | None
    closed_at: datetime | None
    prompt_id: str
    prompt_text: str
    post_ref: str | None
    channel_id: str
    """Where the round was posted: its post and its answers' posts stay there, wherever its schedule moves."""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Round":
        def t(key: str) -> datetime | None:
            return parse_iso(row[key]) if row[key] else None

        return cls(
            row["id"], row["schedule_id"], parse_iso(row["scheduled_at"]), parse_iso(row["opened_at"]),
            parse_iso(row["closes_at"]), t("remind_at"), t("reminded_at"), t("closed_at"),
            row["prompt_id"], row["prompt_text"], row["post_ref"], row["channel_id"],
        )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


#: `responses.post_refused` (0028) of a shared answer whose post failed for good: the platform gave a reason Hearth
#: doesn't name to the member (a body refused, a channel gone…; and every mark made before the two were told apart).
REFUSED_OTHER = 1
#: Likewise, the platform said Hearth may not post there (`PermanentFailure.not_allowed`).
REFUSED_NOT_ALLOWED = 2
#: `responses.change_refused` (0030): an edit of its post failed for good, so the post shows earlier words.
EDIT_REFUSED = 1
#: Likewise a removal of its post: it is still up.
REMOVAL_REFUSED = 2


@dataclass(frozen=True)
class Response:
    id: int
    round_id: int
    user_id: str | None
    mood: int
    text: str
    visibility: Visibility
    post_ref: str | None
    created_at: datetime
    updated_at: datetime
    unposted: bool = False
    """Anonymous words that never went up: the round closed with too few to hide them among (`Batching`)."""
    kept: bool = False
    """An answer to a check-in a moderator deleted, kept for its author alone (`kept_answers`): its post, if it had
    one, came down with the check-in."""
    refused: bool = False
    """Shared words whose post failed for good: they never went up (`OutboxRepository.mark_refused`; why, in
    `post_refused`: `REFUSED_NOT_ALLOWED` or `REFUSED_OTHER`). Cleared when the answer changes: a new post is tried
    then."""
    change_refused: int = 0
    """The platform refused for good to change its post (`OutboxRepository.mark_change_refused`): `EDIT_REFUSED`,
    the post still shows earlier words; `REMOVAL_REFUSED`, the post is still up. Cleared when a change goes through."""
    held_for: str | None = None
    """Words held back from the post their member chose (that visibility), saved private until they choose."""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Response":
        return cls(
            row["id"], row["round_id"], row["user_id"], row["mood"], row["text"], row["visibility"],
            row["post_ref"], parse_iso(row["created_at"]), parse_iso(row["updated_at"]), bool(row.get("unposted")),
            refused=bool(row.get("post_refused")), change_refused=int(row.get("change_refused") or 0),
            held_for=row.get("held_for") or None,
        )


@dataclass(frozen=True)
class HeldPost:
    """An anonymous post waiting for its batch (`held_posts`): an answer's, as the answer is now, or, once its
    author deleted their data, only a post to take down."""

    response: Response | None
    out: bool
    """An anonymous post of the answer is out already (or on its way): it is edited or taken down."""
    ref: str | None
    """That post's id on the platform, when known."""
    channel_id: str
    held_id: int = 0
    """Its row in `held_posts`."""
    withheld: bool = False
    """A new post that never goes up: the round closed with too few of its kind to hide it among (`Batching`)."""
    tell: str | None = None
    """Only a post to take down (its author erased their data): whom to tell if it can't be (`Outgoing.tell`)."""

    @property
    def kind(self) -> str:
        """What the channel sees it do: "new" (a post goes up), "edit" (one changes) or "removal" (one comes
        down); "" if nothing (an answer gone anonymous, then not, before any batch)."""
        shows = self.response is not None and self.response.visibility == "anonymous"
        if shows:
            return "edit" if self.out else "new"
        return "removal" if self.out or self.ref is not None else ""


@dataclass(frozen=True)
class Participant:
    schedule_id: int
    user_id: str
    wants_dm: bool
    wants_reminder: bool


@dataclass(frozen=True)
class Note:
    number: int
    """The note's number for its author: each member's notes are numbered from 1, for good."""
    prompt_text: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    platform: str
    kind: str
    target: dict[str, Any]
    payload: dict[str, Any]
    round_id: int | None
    response_id: int | None
    attempts: int
    message_ref: str | None = None
    created_at: datetime | None = None
    previous_holder: str | None = None
    """Set when an earlier claim ran out: that send may have happened."""
    subject: str | None = None
    """The platform message it puts up, changes or takes down, if others may touch it too (`store.outbox.subject_of`)."""
    tell: str | None = None
    """A removal's: the member whose post it takes down, told privately if it can't (`Outgoing.tell`)."""

    @property
    def changed_answer(self) -> int | None:
        """The answer whose post an edit or a removal changes or takes down (named or anonymous, found by the answer
        or by the post's id; a named post taken down with its anonymous words' batch, "unnames"), or None. Here, not
        in the delivery loop, as the store reads it too (it marks that answer when the change is refused)."""
        if self.kind not in ("edit", "delete"):
            return None
        found = self.response_id or self.target.get("response") or self.target.get("unnames")
        return int(found) if found is not None else None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "OutboxEntry":
        return cls(
            row["id"], row["platform"], row["kind"], json.loads(row["target"]), json.loads(row["payload"]),
            row["round_id"], row["response_id"], row["attempts"], row["message_ref"], parse_iso(row["created_at"]),
            row.get("previous_holder"), row.get("subject"), row.get("tell"),
        )


@dataclass(frozen=True)
class Outgoing:
    """An outbox entry to write: what to send, where, and its once-only key."""

    dedupe_key: str
    kind: str
    target: dict[str, Any]
    payload: dict[str, Any]
    round_id: int | None = None
    response_id: int | None = None
    platform: str = field(default="")
    #: A removal of a member's post whose answer row is gone (their erasure): whom to tell, privately, if the platform
    #: refuses it for good (`bot.engines.rounds.change_refused_notes`). Kept only while the row waits.
    tell: str | None = None

    def platform_of(self) -> str:
        if self.platform:
            return self.platform
        ref = self.target.get("channel") or self.target.get("user") or ""
        return str(ref).split(":", 1)[0]


CareState = Literal["open", "taken", "done"]


@dataclass(frozen=True)
class CareNote:
    """A note to a community's care channel: who and where (`body`, as Hearth wrote it), never what; and what
    the care team did with it."""

    id: int
    community_id: str
    user_id: str
    channel_id: str
    body: list[list[str]]
    state: CareState
    version: int
    created_at: datetime
    taken_by: str | None = None
    taken_name: str | None = None
    taken_at: datetime | None = None
    closed_by: str | None = None
    closed_name: str | None = None
    closed_at: datetime | None = None
    raised_at: datetime | None = None
    post_ref: str | None = None
    """The note's post in the care channel, once it is out (edited to say only that a note was withdrawn, if the
    member erases their data)."""

    @classmethod
    def from_row(cls, r: Any) -> "CareNote":
        def when(key: str) -> datetime | None:
            return parse_iso(r[key]) if r[key] else None

        return cls(int(r["id"]), r["community_id"], r["user_id"], r["channel_id"], json.loads(r["body"]),
                   r["state"], int(r["version"]), parse_iso(r["created_at"]), r["taken_by"], r["taken_name"],
                   when("taken_at"), r["closed_by"], r["closed_name"], when("closed_at"), when("raised_at"),
                   r["post_ref"])


@dataclass(frozen=True)
class FollowUp:
    """A member's "check on me tomorrow", waiting to be sent."""

    community_id: str
    user_id: str
    language: str
    due_at: datetime
