"""python -m bench.instructions: instructions per `/checkin status` interaction, Hearth and the bare client.

A tool for judging a change to the Discord path, not a row of the table.
On this 2-core machine the same code gives discord ratios 0.05 apart from one
run to the next; the instructions valgrind counts move by 0.2 %. Each side
runs alone on its fake (as in `bench.discord`, 200 interactions a turn after
a full collection), under valgrind twice: with one turn and with six. The
difference over the 1,000 interactions between is the count per
interaction, start-up and shutdown cancelled out. Fake and client are
counted on both sides alike.

`--without=PART` (repeatable) counts Hearth's side with a part of its work taken out, to see
what that part costs: `core` (`app.handle` gives each member its first replies again), `store`
(`CommunityRepository.member_and_memberships` gives a member's second answer again), `show` (the reply is sent as
plain text straight away), `actor` (each member's `Actor` is made once), `adapter` (the command tree
sends the same text and nothing else runs). Session 6's figures are in bench/README.md.

`--slack` counts Hearth's side of `bench.slack` instead (per signed `/hearth checkin status`, one in flight so
each answer rides on its ack as in the timed row), and only Hearth's: the bare Bolt app polls every 10 ms of
wall time for its ack, which valgrind stretches, so its count would mean nothing. It repeats to about 3 %, not
0.2 % (session 9's figures are in bench/README.md).

Needs valgrind (Debian's package; not a project dependency). About a
minute, the sides in parallel. Counts are not cycles: SQLite's and the
core's memory traffic costs Hearth more than its share of instructions, so
the ratio of counts runs 0.07–0.12 above the timed ratio (bench/README.md).
"""

from __future__ import annotations

import asyncio
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.discord import CHUNK, bare_side, drive, hearth_side

ROOT = Path(__file__).resolve().parent.parent
FEW, MANY = 1, 6
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


STATUS_TEXT = "**Your check-ins** (times in UTC)\nYou haven't joined any check-ins. See them with **checkin list**."


#: What `--without=PART` can take out.
PARTS = ("core", "store", "show", "actor", "adapter")
#: How often each stub of `take_out` ran: a part whose stub never ran was not taken out, and the count would lie.
STUBBED: Counter[str] = Counter()


async def _send_status(interaction: Any) -> None:
    """The reply Hearth's status gives a new member, sent with nothing else done."""
    await interaction.response.send_message(STATUS_TEXT, ephemeral=True)


def take_out(parts: set[str]) -> None:
    """Replace the named parts of Hearth's Discord path with a remembered answer (see the module's docstring)."""
    unknown = parts - set(PARTS)
    if unknown:
        raise SystemExit(f"unknown part(s) {', '.join(sorted(unknown))}: {', '.join(PARTS)}")
    if "core" in parts:
        from bot.app import Hearth
        real_handle, replies = Hearth.handle, {}

        async def handle(self: Hearth, event: Any) -> Any:
            STUBBED["core"] += 1
            if event.actor.user_id not in replies:
                replies[event.actor.user_id] = await real_handle(self, event)
            return replies[event.actor.user_id]
        Hearth.handle = handle  # type: ignore[method-assign]
    if "store" in parts:
        from bot.store.communities import CommunityRepository
        real_read, answers = CommunityRepository.member_and_memberships, {}

        async def member_and_memberships(self: CommunityRepository, community_id: str, user_id: str,
                                         open_at: Any = None) -> Any:
            STUBBED["store"] += 1
            got = answers.get(user_id)
            if got is None or got[0] is None:  # the first read finds no member yet: remember the second
                got = answers[user_id] = await real_read(self, community_id, user_id, open_at)
            return got
        CommunityRepository.member_and_memberships = member_and_memberships  # type: ignore[method-assign]
    if "show" in parts:
        import adapters.discord.interactions as interactions

        async def show(adapter: Any, interaction: Any, replies: Any) -> None:
            STUBBED["show"] += 1
            await _send_status(interaction)
        interactions.show = show  # type: ignore[assignment]
    if "actor" in parts:
        import adapters.discord.client as client
        real_actor, actors = client.actor_for, {}

        def actor_for(interaction: Any, community_id: str | None = None) -> Any:
            STUBBED["actor"] += 1
            if interaction.user.id not in actors:
                actors[interaction.user.id] = real_actor(interaction, community_id)
            return actors[interaction.user.id]
        client.actor_for = actor_for  # type: ignore[assignment]
    if "adapter" in parts:
        from adapters.discord.commands import HearthTree

        async def _call(self: HearthTree, interaction: Any) -> None:
            STUBBED["adapter"] += 1
            await _send_status(interaction)
        HearthTree._call = _call  # type: ignore[method-assign]


async def slack_side(turns: int) -> None:
    """Hearth's side of `bench.slack` alone: a warm-up, then `turns` turns of `CHUNK` signed `/hearth checkin status`
    commands, each after a full collection, one in flight. (With 32 in flight, valgrind's slowness would run out
    the 0.2 s ack budget and send answers to the response URL instead of the ack, another path.)"""
    import bench.slack as slack
    from adapters.slack.app import EVENTS_PATH, SlackAdapter
    from bot.app import Hearth
    from testing.fake_slack import FakeSlack

    slack.CONCURRENCY = 1
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-instructions-"))
    plan = [("w", 2 * CHUNK)] + [(f"t{i}", CHUNK) for i in range(turns)]
    fake = FakeSlack()
    await fake.start()
    responses = slack.Responses(fake)
    for prefix, count in plan:
        for i in range(count // slack.PER_USER + 1):
            fake.add_user(f"U{prefix.upper()}{i:05d}", f"{prefix}-{i}")
    app = await Hearth.open(slack.hearth_config(tmp, fake))
    adapter = SlackAdapter(slack.hearth_config(tmp, fake), channel_interval=0.0)
    try:
        await adapter.start(app)
        url = f"http://127.0.0.1:{adapter.port}{EVENTS_PATH}"
        for prefix, count in plan:
            gc.collect()
            got = await slack.hearth_turn(url, fake, responses, count, prefix)
            if got["in_ack"] != count:
                raise RuntimeError(f"{count - got['in_ack']} of {count} commands not answered in their ack")
    finally:
        await adapter.stop()
        await app.close()
        await fake.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if responses.bad:
        raise RuntimeError(f"{len(responses.bad)} bad answers, e.g. {responses.bad[0]}")


async def one_side(side: str, turns: int) -> None:
    """A warm-up, then `turns` turns of `CHUNK` interactions, each after a full collection."""
    if side == "slack":
        await slack_side(turns)
        return
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-instructions-"))
    bad: list[str] = []
    n = (turns + 2) * CHUNK
    try:
        async with (hearth_side(tmp, n, bad) if side == "hearth" else bare_side(n, bad)) as running:
            await drive(running, 2 * CHUNK)
            for _ in range(turns):
                gc.collect()
                await drive(running, CHUNK)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if bad:
        raise RuntimeError(f"{len(bad)} bad answers, e.g. {bad[0]}")


def counted(side: str, turns: int, without: tuple[str, ...] = ()) -> int:
    """Instructions of a whole run of `one_side`, as valgrind counts them (hash seed fixed: same path each run)."""
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-m", "bench.instructions", "--side", side, str(turns),
         *(f"--without={part}" for part in without)],
        cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"}, capture_output=True, text=True)
    found = _REFS.search(proc.stderr)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"valgrind run of the {side} side failed:\n{proc.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_interaction(side: str, without: tuple[str, ...] = ()) -> float:
    return (counted(side, MANY, without) - counted(side, FEW, without)) / ((MANY - FEW) * CHUNK)


def main() -> None:
    without = tuple(a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--without="))
    args = [a for a in sys.argv[1:] if not a.startswith("--without=")]
    if args[:1] == ["--side"]:
        take_out(set(without))
        asyncio.run(one_side(args[1], int(args[2])))
        unreached = [part for part in without if not STUBBED[part]]
        if unreached:
            sys.exit(f"never reached, so not taken out: {', '.join(unreached)} (another part taken out skips it?)")
        return
    if args == ["--slack"] and not without:
        print("counting instructions under valgrind (about a minute) …", file=sys.stderr, flush=True)
        print(f"hearth slack {per_interaction('slack'):,.0f} instructions/command")
        return
    if args:
        sys.exit(f"usage: python -m bench.instructions [--without=PART ...] | --slack  (PART: {', '.join(PARTS)})")
    take_out(set(without))  # an unknown part fails here, before a minute of valgrind
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    print("counting instructions under valgrind (about a minute) …", file=sys.stderr, flush=True)
    with ThreadPoolExecutor(2) as pool:
        hearth, bare = pool.map(per_interaction, ["hearth", "bare"], [without, ()])
    label = f"hearth without {', '.join(without)}" if without else "hearth"
    print(f"{label} {hearth:,.0f} instructions/interaction\nbare   {bare:,.0f} instructions/interaction\n"
          f"ratio (bare / hearth) {bare / hearth:.3f}")


if __name__ == "__main__":
    main()
