"""Arbitrary text into every command and every form: no crash, a clear answer, nothing lost.

Where Hearth refuses (an error reply), the store must be exactly as before.
Runs the core (what every adapter calls) and the typed-line grammar shared by
the terminal and Slack's slash command.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands.parse import parse_line
from bot.features import registry as composed
from bot.errors import UserError
from bot.events import Event
from tests.bot.flows.test_checkins import open_round
from tests.conftest import actor

FEATURES = composed()  # every router of bot.features, as Hearth composes them

# Tables whose rows change on any event, refused or not (who spoke, what was refused).
VOLATILE = {"members", "audit_log", "processed_events", "schema_migrations", "sqlite_sequence"}

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
nasty = st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "2026-02-30", "25:61", "Mars/Olympus",
                         "<!channel>", "@everyone", "'; DROP TABLE notes; --", "\x00", "‮", "🔥" * 200,
                         "yes", "no", "weekdays 09:00", "x" * 5000, "../../etc/passwd", "NaN"])
values = st.one_of(texts, nasty)


async def snapshot(app) -> dict[str, list]:
    db = app.store.db
    if db.dialect == "postgresql":
        names = [r["n"] for r in await db.fetchall(
            "SELECT tablename AS n FROM pg_tables WHERE schemaname = current_schema()")]
    else:
        names = [r["n"] for r in await db.fetchall("SELECT name AS n FROM sqlite_master WHERE type = 'table'")]
    return {n: sorted(map(repr, await db.fetchall(f'SELECT * FROM "{n}"'))) for n in sorted(set(names) - VOLATILE)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
async def test_every_command_takes_any_input_kindly(app, clock, data):
    if not await app.store.schedules.list_all("console:test"):
        await open_round(app, clock)
    clock.advance(timedelta(minutes=2))  # stay clear of the per-member rate limit
    cmd = data.draw(st.sampled_from(sorted(FEATURES.commands.values(), key=lambda c: c.name)))
    args = {o.name: data.draw(values) for o in cmd.options if data.draw(st.booleans())}
    who = actor(data.draw(st.sampled_from(["ann", "mia"])), moderator=data.draw(st.booleans()))
    before = await snapshot(app)
    replies = await app.handle(Event("command", who, cmd.name, args))
    assert replies, f"{cmd.name} answered nothing"
    for r in replies:
        assert r.plain().strip() or r.form or r.buttons or r.attachment
    if any(r.error for r in replies):
        after = await snapshot(app)
        changed = {k for k in after if after[k] != before.get(k)}
        assert not changed, f"{cmd.name} refused {args!r} but changed {changed}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
async def test_every_form_and_button_takes_any_input_kindly(app, clock, data):
    if not await app.store.schedules.list_all("console:test"):
        await open_round(app, clock)
    clock.advance(timedelta(minutes=2))
    action = data.draw(st.sampled_from(sorted(FEATURES.actions)))
    keys = ["round", "mood", "reflection", "token", "command", "schedule_id", "name", "theme", "arg:name"]
    args = {k: data.draw(values) for k in keys if data.draw(st.booleans())}
    form = {k: data.draw(values) for k in ("mood", "words", "visibility", "note", "text") if data.draw(st.booleans())}
    kind = data.draw(st.sampled_from(["action", "form"]))
    before = await snapshot(app)
    replies = await app.handle(Event(kind, actor("ann"), action, args, form))  # type: ignore[arg-type]
    if any(r.error for r in replies):
        assert await snapshot(app) == before, f"{action} refused but changed the store"


@settings(max_examples=300, deadline=None)
@given(line=st.one_of(texts, st.builds(lambda c, t: f"{c} {t}", st.sampled_from(sorted(FEATURES.commands)), texts)))
def test_any_typed_line_parses_or_is_explained(line):
    try:
        cmd, args = parse_line(FEATURES, line)
    except UserError as err:
        assert str(err).strip()
    else:
        assert set(args) <= {o.name for o in cmd.options}
