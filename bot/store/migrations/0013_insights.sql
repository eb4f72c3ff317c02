-- Insights (issue 21). A round remembers how many people were invited when it
-- opened (NULL for rounds opened before this: nobody counted then), so a week
-- reads "invited" as it was, not as the schedule stands today. A schedule may
-- carry one "what we changed" note, shown once on its next round's post and
-- removed in the transaction that opens that round.
ALTER TABLE rounds ADD COLUMN invited INTEGER;

CREATE TABLE schedule_notes (
    schedule_id   INTEGER PRIMARY KEY REFERENCES schedules(id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    set_by        TEXT NOT NULL,
    set_at        TEXT NOT NULL
);

-- A round's counts, by visibility and mood, written when it closes, as its
-- posted summary is: insights read these (a thousand rows for a year of a big
-- community) instead of counting a million answers each time, and, like the
-- summary, they keep their numbers when a member later deletes their data.
-- Retention removes them with the round's answers. Rounds closed before this
-- are counted here once.
CREATE TABLE round_tallies (
    round_id      INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    visibility    TEXT NOT NULL,
    mood          INTEGER NOT NULL,
    n             INTEGER NOT NULL,
    PRIMARY KEY (round_id, visibility, mood)
);
INSERT INTO round_tallies (round_id, visibility, mood, n)
    SELECT r.round_id, r.visibility, r.mood, COUNT(*) FROM responses r JOIN rounds rd ON rd.id = r.round_id
    WHERE rd.closed_at IS NOT NULL GROUP BY r.round_id, r.visibility, r.mood;
