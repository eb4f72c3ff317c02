"""APScheduler, rebuilt from the store: schedules fire rounds; rounds remind and close; jobs run on time.

What a fire, a reminder or a closing does, and which periodic jobs run, is
handed in (`bot.scheduling.jobs`, declared on the features' routers): this
module imports no flow or engine. The store is the source of truth. At start
the jobs are built from it and missed fires within the grace period are
caught up once; when a moderator changes a schedule the jobs are synced
again. Every job does idempotent work (a round's key is its schedule and
fire time), so a late, doubled or coalesced run is harmless.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Iterable
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from apscheduler.util import undefined

from bot.models import Round, Schedule
from bot.scheduling.cron import parse_cron
from bot.scheduling.jobs import Job, RoundSteps
from bot.scheduling.trigger import HearthTrigger, fires_between

if TYPE_CHECKING:
    from bot.app import Hearth

log = logging.getLogger(__name__)

#: How far back a start looks for missed fires to report (not to open).
LOOKBACK = timedelta(days=1)
#: A job running this close after its fire time still counts as that fire.
FIRE_SLACK = timedelta(seconds=1)
#: Rounds opened in one transaction when many schedules fire together.
ROUND_BATCH = 50
#: The ids of the jobs that fire schedules: this, then the timezone and the cron line.
FIRES = "fires:"


class _StoppedForShutdown(logging.Filter):
    """APScheduler logs a job that shutdown cancelled as an error, with a traceback: tell it as what it is.

    Only shutdown cancels our jobs. Each does its work in transactions and
    is idempotent, and the next start catches up (fires within the grace
    period, due reminders and closings, the purge), so nothing is lost.
    A quick try-out often quits while the first purge still runs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None and issubclass(record.exc_info[0],
                                                                              asyncio.CancelledError):
            record.msg, record.levelno, record.levelname = ("Job %s stopped for shutdown; it runs again at the "
                                                            "next start", logging.INFO, "INFO")
            record.exc_info = record.exc_text = None
            if isinstance(record.args, tuple):  # the job's id, not its repr with trigger and next run
                record.args = tuple(getattr(a, "id", a) for a in record.args)
            return logging.getLogger(record.name).isEnabledFor(logging.INFO)  # (it passed as an error)
        return True


logging.getLogger("apscheduler.executors.default").addFilter(_StoppedForShutdown())


class RoundScheduler:
    """Runs the round steps and jobs it is given; by default those of `app.registry` (its composed routers)."""

    def __init__(self, app: "Hearth", sweep_seconds: float = 15.0, jobs: "Iterable[Job] | None" = None,
                 steps: RoundSteps | None = None) -> None:
        self.app = app
        self.jobs = {j.name: j for j in (app.registry.jobs.values() if jobs is None else jobs)}
        found = steps or app.registry.round_steps
        if found is None:
            raise ValueError("no router declares what a schedule's firing does (`Router.round_steps`)")
        self.steps = found
        self.grace = timedelta(minutes=app.config["checkins.catch_up_grace_minutes"])
        self.sweep_seconds = sweep_seconds
        self._pending: list[tuple[int, asyncio.Future[None]]] = []
        self._collector: asyncio.Task[None] | None = None
        #: When each job last ran by `run_due_jobs`, on the app's clock (which may jump ahead of real time).
        self._ran_at: dict[str, datetime] = {}
        # Explicit: APScheduler's default misfire grace of 1 s would silently drop a late run.
        self.aps = AsyncIOScheduler(
            timezone=timezone.utc,
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": max(1, int(self.grace.total_seconds()))},
        )

    async def start(self) -> None:
        """Catch up, build the jobs, and start ticking."""
        await self.catch_up()
        await self.sync()
        self.aps.add_job(self.sweep, IntervalTrigger(seconds=self.sweep_seconds), id="sweep", replace_existing=True)
        for job in self.jobs.values():
            first = undefined if job.first is None else datetime.now(timezone.utc) + job.first
            self.aps.add_job(self.run_job, IntervalTrigger(seconds=job.every.total_seconds()), args=[job.name],
                             id=job.name, replace_existing=True, next_run_time=first)
        self.aps.start()
        log.info("scheduler started with %d schedule job(s)", len(self.schedule_jobs()))

    def shutdown(self) -> None:
        if self.aps.running:
            self.aps.shutdown(wait=False)

    def schedule_jobs(self) -> list:
        return [j for j in self.aps.get_jobs() if j.id.startswith(FIRES)]

    async def sync(self) -> None:
        """Make the jobs match the store: one per cron line and timezone in use, plus due round steps.

        Schedules that fire at the same moments share one job: when a thousand
        fire at 09:00, APScheduler then makes a few runs, not a thousand (its
        pass over them held the loop for 40 ms, and a thousand tasks queued
        behind it for as long again: bench/README.md, "stall").
        """
        groups: dict[tuple[str, str], list[int]] = {}
        for s in await self.app.store.schedules.list_all():
            if s.paused_until != "forever":
                groups.setdefault((parse_cron(s.cron).normalized(), s.timezone), []).append(s.id)
        wanted = {f"{FIRES}{tz} {cron}": (cron, tz, ids) for (cron, tz), ids in groups.items()}
        for job in self.schedule_jobs():
            if job.id not in wanted:
                job.remove()
        for job_id, (cron, tz, ids) in wanted.items():
            self.aps.add_job(self.fire_all, HearthTrigger(cron, ZoneInfo(tz)), args=[ids], id=job_id,
                             replace_existing=True, name=f"{len(ids)} schedule(s) at {cron} ({tz})")
        self._plan_steps(await self.app.store.rounds.list_open())

    async def fire_all(self, schedule_ids: list[int]) -> None:
        """Schedules' job ran: open their rounds for the fire time just passed.

        Schedules that fire together (a thousand at 09:00, in one job or in
        several that APScheduler starts together) are opened together,
        ROUND_BATCH to a transaction: opening them one by one, each its own
        dozen queries, took seconds to reach the last (bench/README.md,
        "scheduler"). Returns once their rounds are open, or skipped.
        """
        loop = asyncio.get_running_loop()
        waiting = [loop.create_future() for _ in schedule_ids]
        self._pending += zip(schedule_ids, waiting)
        if self._collector is None:
            self._collector = asyncio.create_task(self._open_pending(), name="open-rounds")
        await asyncio.gather(*waiting)

    async def _open_pending(self) -> None:
        await asyncio.sleep(0)  # every job started in this pass adds itself first
        batch, self._pending, self._collector = self._pending, [], None
        try:
            for start in range(0, len(batch), ROUND_BATCH):
                chunk = batch[start:start + ROUND_BATCH]
                await self._open_fired([sid for sid, _ in chunk])
                for _, done in chunk:
                    if not done.done():
                        done.set_result(None)
        finally:
            for _, done in batch:
                if not done.done():
                    done.set_result(None)

    async def _open_fired(self, schedule_ids: list[int]) -> None:
        try:
            schedules = await self.app.store.schedules.get_many(schedule_ids)
        except Exception:
            log.exception("could not read %d schedule(s) that fired", len(schedule_ids))
            return
        now = self.app.now()
        due: list[tuple[Schedule, datetime]] = []
        for schedule_id in dict.fromkeys(schedule_ids):
            schedule = schedules.get(schedule_id)
            if schedule is None:
                continue
            # (cheap for a thousand: schedules firing together share a few crons, and fire times are cached)
            fires = [f for f in fires_between(schedule.cron, ZoneInfo(schedule.timezone), now - self.grace,
                                              now + FIRE_SLACK) if schedule.counts(f)]
            if not fires:
                log.warning("schedule %s ran with no fire time within the grace period", schedule_id)
                continue
            due.append((schedule, fires[-1]))
            self.app.metrics.set("scheduler_lag_seconds", max(0.0, (now - fires[-1]).total_seconds()))
        try:
            opened = await self.steps.open(self.app, due)
        except Exception:
            log.exception("could not open %d rounds together; opening them one by one", len(due))
            opened = [await self._open(schedule, at, plan=False) for schedule, at in due]
        self._plan_steps(opened)

    async def _open(self, schedule: Schedule, at: datetime, plan: bool = True) -> "Round | None":
        try:
            (rnd,) = await self.steps.open(self.app, [(schedule, at)])
        except Exception:
            log.exception("could not open the round of schedule %s at %s", schedule.id, at)
            return None
        if plan:
            self._plan_steps([rnd])
        return rnd

    def _plan_steps(self, opened: "Iterable[Round | None]") -> None:
        """Date jobs so reminders and closing happen on time, not at the next sweep."""
        # One job per moment, not per round: rounds opened together remind and close together,
        # and one sweep serves them all (a job per round was a fifth of opening 1,000 at once).
        moments = {when for rnd in opened if rnd is not None for when in (rnd.remind_at, rnd.closes_at) if when}
        for when in sorted(moments):
            job_id = f"steps:{when.isoformat()}"
            if self.aps.get_job(job_id) is not None:
                continue
            run_at = max(when, datetime.now(timezone.utc))
            self.aps.add_job(self.sweep, DateTrigger(run_at), id=job_id, replace_existing=True)

    async def sweep(self) -> dict[str, int]:
        """Reminders and closings that are due (safe to run any time)."""
        try:
            return await self.steps.due(self.app)
        except Exception:
            log.exception("sweep failed; will try again")
            return {}

    async def run_job(self, name: str) -> Any:
        """Run one of the jobs now (as its trigger does); a failure is logged, and it runs again next time."""
        try:
            return await self.jobs[name].callback(self.app)
        except Exception:
            log.exception("job %s failed; it runs again at its next time", name)
            return None

    async def catch_up(self) -> int:
        """Open each schedule's latest missed fire within the grace period, once.

        Older missed fires are skipped with a log line; nobody wants
        yesterday's check-in at start-up. Only fires the schedule counts are
        missed (`Schedule.counts`): one before it was created, its time last
        changed or its pause lifted was never a round of it.
        """
        now = self.app.now()
        opened = 0
        for s in await self.app.store.schedules.list_all():
            tz = ZoneInfo(s.timezone)
            latest = await self.app.store.rounds.latest(s.id)
            start = max(now - LOOKBACK, latest.scheduled_at + timedelta(seconds=1) if latest else now - LOOKBACK)
            missed = [f for f in fires_between(s.cron, tz, start, now) if s.counts(f)]  # (never one before it was)
            recent = [f for f in missed if f > now - self.grace]
            for f in missed:
                if f not in recent:
                    log.info("skipped the %s fire of schedule %s: more than %s ago", f.isoformat(), s.id, self.grace)
            if recent:
                opened += await self._open(s, recent[-1]) is not None
        await self.sweep()
        return opened

    async def run_due_jobs(self) -> list[str]:
        """Every job due at the clock's now, as the service runs them on real time: one never run here (unless
        it waits an interval first), one whose interval has passed on the clock, one whose `next_at` has come.
        For a clock that jumps (the terminal's): APScheduler counts real time, so a jump of a day ran none of them
        (a "check on me tomorrow" never came). Returns the names of those run."""
        now = self.app.now()
        ran = []
        for job in self.jobs.values():
            last = self._ran_at.setdefault(job.name, now) if job.first is None else self._ran_at.get(job.name)
            due = last is None or not last <= now < last + job.every
            if not due and job.next_at is not None:  # (once per moment it names: work it left undone waits)
                at = await job.next_at(self.app)
                due = at is not None and last is not None and last < at <= now
            if due:
                self._ran_at[job.name] = now
                await self.run_job(job.name)
                ran.append(job.name)
        return ran

    async def next_job_moment(self) -> datetime | None:
        """The first time a job says it next has work (`Job.next_at`), for a clock that jumps to stop at."""
        moments = [at for job in self.jobs.values() if job.next_at is not None
                   if (at := await job.next_at(self.app)) is not None]
        return min(moments, default=None)

    async def run_pending(self) -> dict[str, int]:
        """Everything due at the clock's now: for tests and the terminal's clock."""
        opened = await self.catch_up()
        return {"opened": opened}
