"""Property: nothing private ever reaches a channel or another member, whatever people do.

Every adapter renders exactly what the outbox delivers and what replies say,
so this holds for all of them: random answers (and changes of mind), notes and
reflections, then a close; no private word appears in any post, thread reply,
edit or DM, nor in any reply to someone else.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import actor, run

PEOPLE = ["ann", "bob", "cy", "dee"]
steps = st.lists(st.tuples(
    st.sampled_from(PEOPLE),
    st.sampled_from(["answer", "note", "history", "notes", "status"]),
    st.sampled_from(["shared", "anonymous", "private"]),
    st.integers(1, 5),
), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=steps)
async def test_private_words_stay_with_their_author(app, clock, plan):
    if not await app.store.schedules.list_all("console:test"):
        await make_schedule(app, when="daily 09:00", open="23h", remind="0")
        mod = actor("mia", moderator=True)
        await run(app, mod, "mod settings", key="alert_channel", value="#mods")
    rounds_so_far = len(await app.store.db.fetchall("SELECT id FROM rounds"))
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc) + timedelta(days=rounds_so_far))
    await RoundScheduler(app).run_pending()
    app.sent.clear()
    secrets: dict[str, set[str]] = {p: set() for p in PEOPLE}  # words each person kept private
    replies: dict[str, list[str]] = {p: [] for p in PEOPLE}
    for i, (who, what, visibility, mood) in enumerate(plan):
        words = f"{who}-secret-{i}z"  # (ends in a letter: "bob-secret-1" is inside "bob-secret-10")
        if what == "answer":
            out = await run(app, actor(who), "checkin answer", mood=str(mood), visibility=visibility, words=words)
            if visibility == "private":
                secrets[who].add(words)
        elif what == "note":
            await run(app, actor(who), "reflect")
            out = await run(app, actor(who), "note", text=words)
            secrets[who].add(words)
        else:
            out = await run(app, actor(who), {"history": "me history", "notes": "notes list",
                                              "status": "checkin status"}[what])
        replies[who] += [r.plain() for r in out]
        clock.advance(timedelta(minutes=3))
    clock.advance(timedelta(hours=24))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()
    everything_private = set().union(*secrets.values())
    last_visibility = {who: vis for who, what, vis, _ in plan if what == "answer"}
    if any(v != "private" for v in last_visibility.values()):  # the check can see what is shown
        assert any(d.kind in ("thread", "edit") for d in app.sent)
    for delivery in app.sent:
        shown = delivery.message.plain()
        if delivery.kind == "dm":
            owner = delivery.user.split(":", 1)[1]
            leaked = {s for s in everything_private if s in shown} - secrets.get(owner, set())
        else:
            leaked = {s for s in everything_private if s in shown}
        assert not leaked, f"{delivery.kind} to {delivery.channel or delivery.user} showed {leaked}"
    for person, texts in replies.items():
        others = everything_private - secrets[person]
        assert not any(s in t for t in texts for s in others), f"{person} saw someone else's private words"
