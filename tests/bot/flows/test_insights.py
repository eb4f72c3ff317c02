"""Insights on the core, end to end: real rounds and answers, the weeks they show (and hide), the chart and its
text, the CSV, the "what we changed" note and the weekly digest."""

from __future__ import annotations

import csv
import io
import sys
from datetime import datetime, timedelta, timezone

import pytest
from PIL import Image

from bot.insights import charts
from bot.scheduling.runner import RoundScheduler
from tests.bot.scheduling.test_runner import make_schedule
from tests.conftest import COMMUNITY, actor, press, run, text

UTC = timezone.utc
MIA = actor("mia", moderator=True)
PEOPLE = ("ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal")  # (invited shows: 3 or more stay out)


async def a_round(app, clock, at: datetime, answers: dict[str, tuple[str, str]]) -> None:
    """Open the round due at `at`, answer it (name: (mood, visibility)), and close it."""
    clock.set(at)
    await RoundScheduler(app).run_pending()
    for name, (mood, visibility) in answers.items():
        await run(app, actor(name), "checkin answer", schedule="mornings", mood=mood, visibility=visibility,
                  words="")
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    await app.outbox.drain_all()


async def two_weeks(app, clock) -> None:
    await make_schedule(app)
    for name in PEOPLE:
        await run(app, actor(name), "checkin join", schedule="mornings")
    week1 = {"ann": ("4", "shared"), "bob": ("2", "shared"), "cy": ("3", "shared"), "dee": ("1", "private")}
    await a_round(app, clock, datetime(2026, 1, 5, 9, 0, tzinfo=UTC), week1)
    await a_round(app, clock, datetime(2026, 1, 12, 9, 0, tzinfo=UTC), {"ann": ("5", "shared"),
                                                                         "bob": ("4", "shared")})
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))


async def test_insights_show_each_week_with_a_chart_and_the_same_numbers_as_text(app, clock):
    await two_weeks(app, clock)
    [reply] = await run(app, MIA, "mod insights show", weeks="4")
    said = reply.plain()
    assert "5 Jan · invited 8 · answered 4 · moods 1:0 2:1 3:1 4:1 5:0 · avg 3.0" in said  # dee's 1 is private
    assert "12 Jan · invited 8 · too few to show" in said  # two people: nothing more
    assert "22 Dec 2025 · no check-in" in said  # (a week of last year says so)
    assert "their moods stay out of every number" in said and "fewer than 3 people answered" in said
    # 12 Jan's answers can't be added in (the total less 5 Jan's would tell them): the sum says what it counts
    assert "4 answers from 8 invitations, counting only the weeks whose answers show; average mood 3.0 " \
           "(no earlier 4 weeks to compare)" in said
    assert "bob" not in said.lower() and "dee" not in said.lower()  # nobody named, answered or not
    png = reply.attachment
    assert png is not None and png.mime == "image/png" and png.filename.endswith(".png")
    image = Image.open(io.BytesIO(png.content))
    image.load()
    assert image.format == "PNG" and image.size == charts.SIZE


async def test_a_rounds_lone_anonymous_mood_is_in_no_number(app, clock):
    """Ann's 4 and Cy's 3 are posted by name: "moods 2:1 3:1 4:1" would say Bob's anonymous mood was 2."""
    await make_schedule(app)
    for name in PEOPLE:
        await run(app, actor(name), "checkin join", schedule="mornings")
    await a_round(app, clock, datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
                  {"ann": ("4", "shared"), "bob": ("2", "anonymous"), "cy": ("3", "shared"), "dee": ("5", "shared")})
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))
    said = text(await run(app, MIA, "mod insights show"))
    assert "5 Jan · invited 8 · answered 4" in said  # (its answers count; its moods don't)
    assert "2:1" not in said and "avg" not in said.split("5 Jan · ", 1)[1].split("\n", 1)[0]


async def test_a_check_in_of_too_few_stays_out_of_all_and_shows_as_too_few(app, clock):
    await two_weeks(app, clock)
    clock.set(datetime(2026, 1, 6, 17, 0, tzinfo=UTC))  # (eve joins before its round opens, as time runs)
    await make_schedule(app, name="evenings", when="daily 18:00")
    await run(app, actor("eve"), "checkin join", schedule="evenings")
    clock.set(datetime(2026, 1, 6, 18, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await run(app, actor("eve"), "checkin answer", schedule="evenings", mood="1", visibility="shared", words="")
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))
    every = text(await run(app, MIA, "mod insights show"))
    # eve's 1 is not in, nor is her invitation: "all" shows invited over the same rounds as answered
    assert "5 Jan · invited 8 · answered 4 · moods 1:0 2:1 3:1 4:1 5:0 · avg 3.0" in every
    alone = text(await run(app, MIA, "mod insights show", schedule="evenings"))
    assert "5 Jan · invited 1 · too few to show" in alone


async def eve_alone_in_evenings(app, clock) -> None:
    """Two weeks of mornings (`two_weeks`), and eve alone in evenings in the first: too few to show on its own."""
    await two_weeks(app, clock)
    clock.set(datetime(2026, 1, 6, 17, 0, tzinfo=UTC))
    await make_schedule(app, name="evenings", when="daily 18:00")
    await run(app, actor("eve"), "checkin join", schedule="evenings")
    clock.set(datetime(2026, 1, 6, 18, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    await run(app, actor("eve"), "checkin answer", schedule="evenings", mood="1", visibility="shared", words="")
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))


async def test_all_check_ins_says_it_leaves_a_check_in_out_in_its_text_chart_and_file(app, clock, monkeypatch):
    """(trial4 #19) "All check-ins … 4 answers" without eve's 1 is right for her privacy, but untrue as a headline
    unless it says so: in the words, the week's row, the chart's title and the CSV."""
    drawn = []
    monkeypatch.setattr(charts, "png", lambda spec: drawn.append(spec) or None)
    await eve_alone_in_evenings(app, clock)
    every = text(await run(app, MIA, "mod insights show"))
    assert "These numbers leave out 1 check-in with too few people" in every
    assert "5 Jan · invited 8 · answered 4 · moods 1:0 2:1 3:1 4:1 5:0 · avg 3.0 · 1 check-in with too few people " \
           "left out" in every
    assert "12 Jan · invited 8 · too few to show\n" in every + "\n"  # (nothing left out of a week that shows nothing)
    assert drawn[-1].title.endswith("(1 check-in with too few people left out)")
    [export] = await run(app, MIA, "mod insights export")
    assert "These numbers leave out 1 check-in" in export.plain()
    rows = list(csv.DictReader(io.StringIO(export.attachment.content.decode())))
    assert [(r["week_start"], r["checkins_left_out"]) for r in rows[-2:]] == [("2026-01-05", "1"), ("2026-01-12", "")]
    # Each check-in's own view leaves nothing out, and says nothing of it
    for name in ("mornings", "evenings"):
        assert "left out" not in text(await run(app, MIA, "mod insights show", schedule=name))
    # Read back once settled, the same
    assert "leave out 1 check-in" in text(await run(app, MIA, "mod insights show"))


async def test_a_check_in_too_few_alone_but_enough_with_another_is_not_said_left_out(app, clock):
    """Two small check-ins that together are the floor: "all" adds them in as one group, so nothing is left out."""
    await two_weeks(app, clock)
    clock.set(datetime(2026, 1, 6, 17, 0, tzinfo=UTC))
    await make_schedule(app, name="evenings", when="daily 18:00")
    await make_schedule(app, name="nights", when="daily 22:00")
    for name, checkin in (("eve", "evenings"), ("fay", "evenings"), ("gus", "nights")):
        await run(app, actor(name), "checkin join", schedule=checkin)
    for at, checkin, who in ((18, "evenings", ("eve", "fay")), (22, "nights", ("gus",))):
        clock.set(datetime(2026, 1, 6, at, 0, tzinfo=UTC))
        await RoundScheduler(app).run_pending()
        for name in who:
            await run(app, actor(name), "checkin answer", schedule=checkin, mood="3", visibility="shared", words="")
        clock.advance(timedelta(hours=3))
        await RoundScheduler(app).sweep()
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))
    every = text(await run(app, MIA, "mod insights show"))
    assert "5 Jan · " in every and "answered 7" in every and "left out" not in every


async def test_a_week_nobody_answered_says_so_as_its_round_post_did_and_the_headline_counts_it(app, clock):
    """Its round's post already said "Nobody checked in this time": "too few to show" would not be true, and
    0 answered tells nobody anything new."""
    await make_schedule(app)
    for name in PEOPLE:
        await run(app, actor(name), "checkin join", schedule="mornings")
    await a_round(app, clock, datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
                  {"ann": ("4", "shared"), "bob": ("2", "shared"), "cy": ("3", "shared")})
    await a_round(app, clock, datetime(2026, 1, 12, 9, 0, tzinfo=UTC), {})
    assert any("Nobody checked in this time" in d.message.plain() for d in app.sent if d.kind == "edit")
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=UTC))
    said = text(await run(app, MIA, "mod insights show"))
    assert "5 Jan · invited 8 · answered 3 · moods 1:0 2:1 3:1 4:1 5:0 · avg 3.0" in said
    assert "12 Jan · invited 8 · no answers" in said
    assert "3 answers from 16 invitations; average mood 3.0" in said  # every week with a round counted: no "only"
    alone = text(await run(app, MIA, "mod insights show", schedule="mornings"))
    assert "12 Jan · invited 8 · no answers" in alone
    [reply] = await run(app, MIA, "mod insights export")
    rows = list(csv.DictReader(io.StringIO(reply.attachment.content.decode())))
    assert (rows[-1]["week_start"], rows[-1]["status"], rows[-1]["invited"], rows[-1]["answered"],
            rows[-1]["mood_1"], rows[-1]["average_mood"]) == ("2026-01-12", "shown", "8", "0", "", "")


async def test_the_export_is_the_same_numbers_as_csv(app, clock):
    await two_weeks(app, clock)
    [reply] = await run(app, MIA, "mod insights export", weeks="12")
    assert reply.attachment is not None and reply.attachment.mime == "text/csv"
    rows = list(csv.DictReader(io.StringIO(reply.attachment.content.decode())))
    assert len(rows) == 12
    first, second = rows[-2], rows[-1]
    assert (first["week_start"], first["status"], first["invited"], first["answered"]) == ("2026-01-05", "shown",
                                                                                          "8", "4")
    assert [first[f"mood_{i}"] for i in range(1, 6)] == ["0", "1", "1", "1", "0"] and first["average_mood"] == "3.00"
    assert (second["status"], second["answered"], second["mood_4"]) == ("too few to show", "", "")


async def test_with_no_rounds_at_all_insights_say_so_rather_than_too_few(app, clock):
    await make_schedule(app)
    [reply] = await run(app, MIA, "mod insights show")
    assert "No check-in rounds in these 4 weeks" in reply.plain()
    assert "too few answers" not in reply.plain()


async def test_with_no_check_ins_at_all_insights_say_there_are_none_yet_not_when_this_week_shows(app, clock):
    """No schedule at all: no week will show on Monday either, so the empty state says there are no check-ins yet
    (and who can add one), never "this week's check-ins show from Monday"."""
    said = text(await run(app, MIA, "mod insights show"))
    assert "There are no check-ins here yet. A moderator can create one." in said
    assert "show from Monday" not in said and "too few answers" not in said


async def test_right_after_a_first_round_insights_say_when_its_week_shows_and_not_before(app, clock):
    """Insights count whole weeks: this week's round isn't in them yet, and the empty state says when it is."""
    await make_schedule(app)
    for name in PEOPLE:
        await run(app, actor(name), "checkin join", schedule="mornings")
    await a_round(app, clock, datetime(2026, 1, 7, 9, 0, tzinfo=UTC),  # a Wednesday
                  {name: ("3", "shared") for name in PEOPLE[:4]})
    said = text(await run(app, MIA, "mod insights show"))
    assert "No check-in rounds in these 4 weeks" in said
    assert "whole weeks only: this week's check-ins show from Monday, 12 Jan." in said
    assert "7 Jan" not in said and "answered 4" not in said  # no part of a week that hasn't ended
    clock.set(datetime(2026, 1, 12, 0, 1, tzinfo=UTC))
    said = text(await run(app, MIA, "mod insights show"))
    assert "5 Jan · invited 8 · answered 4 · moods 1:0 2:0 3:4 4:0 5:0 · avg 3.0" in said
    assert "whole weeks only" not in said


@pytest.mark.parametrize("language", ["fr", "de", "pt"])
async def test_a_short_date_ending_the_sentence_has_one_full_stop(app, clock, language):
    """French, German and Portuguese short months end in a full stop ("janv."): the sentence adds no second one."""
    await make_schedule(app)
    for name in PEOPLE:
        await run(app, actor(name), "checkin join", schedule="mornings")
    await a_round(app, clock, datetime(2026, 1, 7, 9, 0, tzinfo=UTC), {name: ("3", "shared") for name in PEOPLE[:4]})
    await run(app, MIA, "me language", language=language)
    said = text(await run(app, MIA, "mod insights show"))
    short_january = {"fr": "janv.", "de": "Jan.", "pt": "jan."}[language]
    assert f"12{'.' if language == 'de' else ''} {'de ' if language == 'pt' else ''}{short_january}" in said
    assert ".." not in said.replace("...", "")


async def test_when_fewer_than_the_floor_stay_out_invited_does_not_show(app, clock):
    """"Invited 4, answered 4, all said 2" would be every member's mood: invited shows only when at least the floor
    of people didn't answer, in the week, in "all", and in the period's totals."""
    await make_schedule(app)
    for name in PEOPLE[:4]:
        await run(app, actor(name), "checkin join", schedule="mornings")
    await a_round(app, clock, datetime(2026, 1, 5, 9, 0, tzinfo=UTC), {name: ("2", "shared") for name in PEOPLE[:4]})
    await make_schedule(app, name="evenings", when="mondays 18:00")
    for name in PEOPLE:
        await run(app, actor(name), "checkin join", schedule="evenings")
    clock.set(datetime(2026, 1, 5, 18, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    for name in PEOPLE[:5]:  # three of eight stay out
        await run(app, actor(name), "checkin answer", schedule="evenings", mood="4", visibility="shared", words="")
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    clock.set(datetime(2026, 1, 13, 10, 0, tzinfo=UTC))
    mornings = text(await run(app, MIA, "mod insights show", schedule="mornings"))
    assert "5 Jan · answered 4 · moods 1:0 2:4 3:0 4:0 5:0" in mornings and "?" not in mornings
    assert "4 answers;" in mornings and "invitations" not in mornings.split("\n")[1]
    assert "invitations show beside them only if at least 3 people didn't answer" in mornings
    evenings = text(await run(app, MIA, "mod insights show", schedule="evenings"))
    assert "5 Jan · invited 8 · answered 5" in evenings and "5 answers from 8 invitations" in evenings
    every = text(await run(app, MIA, "mod insights show"))  # 12 invited, 9 answered: but mornings' part can't show
    assert "5 Jan · answered 9" in every
    [reply] = await run(app, MIA, "mod insights export", schedule="mornings")
    rows = list(csv.DictReader(io.StringIO(reply.attachment.content.decode())))
    assert (rows[-1]["week_start"], rows[-1]["invited"], rows[-1]["answered"]) == ("2026-01-05", "", "4")


async def test_only_moderators_see_insights(app, clock):
    await two_weeks(app, clock)
    for command in ("mod insights show", "mod insights export"):
        [reply] = await run(app, actor("ann"), command)
        assert reply.attachment is None and "moderator" in reply.plain().lower()


async def test_without_matplotlib_the_numbers_come_alone_and_say_why(app, clock, monkeypatch):
    await two_weeks(app, clock)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    [reply] = await run(app, MIA, "mod insights show")
    assert reply.attachment is None
    assert "answered 4" in reply.plain() and "hearth[insights]" in reply.plain()


async def test_a_what_we_changed_note_shows_once_on_the_next_round(app, clock):
    await two_weeks(app, clock)
    said = text(await run(app, MIA, "mod schedule note", name="mornings", text="We moved the call to Thursdays."))
    assert said == ("Saved. The next round of mornings opens with this note, shown on that post only: “We moved the "
                    "call to Thursdays.”"), said  # (the note last: "…opens with: “note” It shows…" had no stop)
    before = len(app.sent)
    for day in (21, 22):
        clock.set(datetime(2026, 1, day, 9, 0, tzinfo=UTC))
        await RoundScheduler(app).run_pending()
        await app.outbox.drain_all()
        clock.advance(timedelta(hours=3))
        await RoundScheduler(app).sweep()
        await app.outbox.drain_all()
    posts = [d.message.plain() for d in app.sent[before:] if d.kind == "post"]
    assert len(posts) == 2
    assert "What we changed: We moved the call to Thursdays." in posts[0]
    assert "What we changed" not in posts[1]


async def test_the_weekly_digest_is_opt_in_and_goes_once_on_its_day_and_time(app, clock):
    await two_weeks(app, clock)  # Tue 20 Jan 10:00 UTC
    await RoundScheduler(app).run_job("insights.digest")
    await app.outbox.drain_all()
    assert not [d for d in app.sent if "digest" in d.message.plain()]  # nobody asked for one
    for key, value in (("digest_channel", "general"), ("digest_day", "tuesday"), ("digest_time", "11:30"),
                       ("default_timezone", "Europe/Berlin")):
        assert "Saved" in text(await run(app, MIA, "mod settings", key=key, value=value))
    await RoundScheduler(app).run_job("insights.digest")  # 11:00 in Berlin: not yet
    await app.outbox.drain_all()
    assert not [d for d in app.sent if "digest" in d.message.plain()]
    clock.advance(timedelta(minutes=40))
    for _ in range(2):  # (a job may run twice)
        await RoundScheduler(app).run_job("insights.digest")
        await app.outbox.drain_all()
    digests = [d for d in app.sent if "digest" in d.message.plain()]
    assert len(digests) == 1 and digests[0].channel == "console:general"
    assert "5 Jan · invited 8 · answered 4" in digests[0].message.plain()
    chart = digests[0].message.attachment  # kept with the post in the outbox, and sent with it
    assert chart is not None and chart.mime == "image/png" and chart.filename == "digest-2026-01-20.png"
    image = Image.open(io.BytesIO(chart.content))
    assert image.format == "PNG" and image.size == charts.SIZE


async def test_a_bad_digest_time_is_refused(app):
    said = text(await run(app, MIA, "mod settings", key="digest_time", value="25:00"))
    assert "like 09:00" in said


async def test_me_history_has_a_chart_of_my_own_moods_only(app, clock):
    await two_weeks(app, clock)
    [reply] = await run(app, actor("ann"), "me history")
    assert reply.visibility == "actor" and reply.attachment is not None
    image = Image.open(io.BytesIO(reply.attachment.content))
    assert image.format == "PNG" and image.size == charts.SIZE
    assert "avg 4.0" in reply.plain() and "avg 5.0" in reply.plain()


async def test_a_typed_note_for_a_check_in_that_isnt_there_comes_back_with_the_refusal(app):
    from tests.conftest import typed

    [refusal] = await typed(app, MIA, "mod schedule note nosuch We moved the call to Thursdays, it's calmer.")
    assert refusal.error and "What you typed, so you can use it again" in refusal.plain()
    assert refusal.plain().endswith("We moved the call to Thursdays, it's calmer.")


async def test_members_who_join_while_a_round_is_open_or_answer_unjoined_count_as_invited(app, clock):
    """Invited is everyone the round reached: the members at its opening, those who joined while it was open (they
    were sent its prompt), and anyone who answered it from the channel without joining. Never fewer than answered."""
    await make_schedule(app)
    for name in PEOPLE[:4]:
        await run(app, actor(name), "checkin join", schedule="mornings")
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    await RoundScheduler(app).run_pending()
    clock.advance(timedelta(minutes=5))
    for name in PEOPLE[4:6]:  # they join while it is open: its prompt comes to them too
        await run(app, actor(name), "checkin join", schedule="mornings")
    for name in ("ann", "eve", "fay", "gus"):  # gus never joined: he answers from the channel's post
        await run(app, actor(name), "checkin answer", schedule="mornings", mood="3", visibility="shared", words="")
    clock.advance(timedelta(hours=3))
    await RoundScheduler(app).sweep()
    rnd = await app.store.rounds.latest((await app.store.schedules.find(COMMUNITY, "mornings")).id)
    row = await app.store.db.fetchone("SELECT invited FROM rounds WHERE id = ?", rnd.id)
    assert row["invited"] == 4 + 2 + 1  # (not 4, which gus and the two who joined would leave short)
    clock.set(datetime(2026, 1, 13, 10, 0, tzinfo=UTC))
    shown = text(await run(app, MIA, "mod insights show", schedule="mornings"))
    assert "5 Jan · invited 7 · answered 4" in shown


async def hidden_moods_week(app, clock, answers: dict[str, tuple[str, str]]) -> None:
    await make_schedule(app)
    for name in PEOPLE:
        await run(app, actor(name), "checkin join", schedule="mornings")
    await a_round(app, clock, datetime(2026, 1, 5, 9, 0, tzinfo=UTC), answers)
    clock.set(datetime(2026, 1, 13, 10, 0, tzinfo=UTC))


@pytest.mark.parametrize("answers, reason, not_said", [
    # trial16 §5: four answered (two shared, two anonymous, moods that would tell them): not "too few".
    ({"ann": ("4", "shared"), "bob": ("2", "shared"), "cy": ("1", "anonymous"), "dee": ("5", "anonymous")},
     "moods hidden: they could give away an anonymous answer", "fewer than 3 people shared"),
    # four answered, two kept theirs private: too few shared a mood (and no anonymous answer to speak of).
    ({"ann": ("4", "shared"), "bob": ("2", "shared"), "cy": ("1", "private"), "dee": ("5", "private")},
     "moods hidden: fewer than 3 people shared one", "anonymous answer"),
])
async def test_hidden_moods_say_the_reason_that_applied_in_the_table_the_file_and_every_later_view(
        app, clock, answers, reason, not_said):
    await hidden_moods_week(app, clock, answers)
    for _view in range(2):  # the first view settles the week; the second reads it back as it was shown
        said = text(await run(app, MIA, "mod insights show"))
        assert f"5 Jan · invited 8 · answered 4 · {reason}\n" in said + "\n", said
        assert "too few to show" not in said and not_said not in said and "?" not in said
        assert "fewer than 3 people answered" not in said  # (no week shows "too few to show": not explained)
        [export] = await run(app, MIA, "mod insights export")
        assert "Empty cells are weeks with fewer than" not in export.plain() and "moods_hidden" in export.plain()
        [row] = [r for r in csv.DictReader(io.StringIO(export.attachment.content.decode()))
                 if r["week_start"] == "2026-01-05"]
        assert (row["status"], row["answered"], row["mood_1"], row["moods_hidden"]) == ("shown", "4", "", reason)


async def test_invitations_that_may_not_show_are_left_out_never_marked_with_a_question_mark(app, clock):
    """trial16 §5: "invited ?" was never explained. Four of five answered: fewer than three stayed out."""
    await make_schedule(app)
    for name in PEOPLE[:5]:
        await run(app, actor(name), "checkin join", schedule="mornings")
    await a_round(app, clock, datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
                  {name: (str(i + 1), "shared") for i, name in enumerate(PEOPLE[:4])})
    clock.set(datetime(2026, 1, 13, 10, 0, tzinfo=UTC))
    said = text(await run(app, MIA, "mod insights show"))
    assert "5 Jan · answered 4 · moods 1:1 2:1 3:1 4:1 5:0 · avg 2.5" in said and "invited ?" not in said
    assert "invitations show beside them only if at least 3 people didn't answer" in said


async def test_a_week_too_few_answered_is_explained_only_when_one_shows(app, clock):
    await two_weeks(app, clock)
    said = text(await run(app, MIA, "mod insights show"))
    assert "12 Jan · invited 8 · too few to show" in said
    assert "A week where fewer than 3 people answered shows “too few to show”." in said


async def test_a_week_settled_before_its_reason_was_kept_says_moods_not_shown_and_what_that_can_mean(app, clock):
    await hidden_moods_week(app, clock, {"ann": ("4", "shared"), "bob": ("2", "shared"), "cy": ("1", "anonymous"),
                                         "dee": ("5", "anonymous")})
    await run(app, MIA, "mod insights show")  # (settles the week)
    await app.store.db.execute("UPDATE insight_cells SET moods_hidden = NULL")  # (as migration 0027 left older ones)
    said = text(await run(app, MIA, "mod insights show"))
    assert "5 Jan · invited 8 · answered 4 · moods not shown\n" in said
    assert "“moods not shown”: fewer than 3 people shared a mood that week, or their moods could give away an " \
           "anonymous answer." in said


async def test_a_note_with_a_mention_gets_the_second_look_a_prompt_gets(app):
    """Trial 20 D3: `mod prompt add … @everyone?` asked first; `mod schedule note evening @here please come` was
    saved at once, though members see it as typed too."""
    await make_schedule(app)
    (schedule,) = await app.store.schedules.list_all(MIA.community_id)
    [ask] = await run(app, MIA, "mod schedule note", name=schedule.name, text="circle @here please come")
    assert "It holds “@here”, which members see as plain words" in ask.plain() and "Saved" not in ask.plain()
    assert (await app.store.insights.notes_of([schedule.id])).get(schedule.id) is None
    yes = [b for b in ask.buttons if b.action == "confirm"][0]
    assert "Saved" in text(await press(app, MIA, yes.action, yes.args))
    assert (await app.store.insights.notes_of([schedule.id]))[schedule.id].text == "circle @here please come"
