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

-- Insights count a round's answers by visibility and mood without reading the rows.
CREATE INDEX responses_round_mood ON responses (round_id, visibility, mood);
