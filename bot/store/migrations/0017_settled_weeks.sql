-- Insights' weeks, settled (issue 21, anonymity over time). When a finished
-- week first shows, what the anonymity rule let show of it (each check-in's
-- cell, and the week over all check-ins) is kept here, and every later view
-- reads it back as it was: deleting a schedule, retention, a member's
-- erasure, a new floor or timezone never change a week already shown, so no
-- view taken later can be subtracted from one taken earlier.
--
-- * insight_weeks: one row per settled week (its Monday in the community's
--   time, and its start and end in UTC). Retention removes a week's cells
--   whole once its end is older than the community keeps answers, and marks
--   it purged: it is never settled again from what is left.
-- * insight_cells: schedule_id 0 is "all check-ins" (schedule ids start at
--   1). NULL answered or moods: too few to show. No foreign key to
--   schedules: a deleted schedule's weeks stay as they were shown.
-- * rounds.settled_week: the week a round was counted in, so a round is
--   counted once even if the community's timezone moves a week's bounds.
CREATE TABLE insight_weeks (
    community_id  TEXT NOT NULL,
    week          TEXT NOT NULL,
    starts_at     TEXT NOT NULL,
    ends_at       TEXT NOT NULL,
    settled_at    TEXT NOT NULL,
    purged        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, week)
);

CREATE TABLE insight_cells (
    community_id  TEXT NOT NULL,
    week          TEXT NOT NULL,
    schedule_id   INTEGER NOT NULL,
    rounds        INTEGER NOT NULL,
    invited       INTEGER,
    answered      INTEGER,
    mood_1        INTEGER,
    mood_2        INTEGER,
    mood_3        INTEGER,
    mood_4        INTEGER,
    mood_5        INTEGER,
    PRIMARY KEY (community_id, week, schedule_id)
);

ALTER TABLE rounds ADD COLUMN settled_week TEXT;
