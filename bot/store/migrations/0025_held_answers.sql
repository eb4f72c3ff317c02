-- An answer whose words sounded heavy and were held back from the post the member chose (shared or anonymous):
-- saved private until they choose, with a button, to post them or keep them private (`bot.flows.checkins._hold`).
-- What they chose is kept here (NULL: not held), so their own copy of their data says the answer is held and what
-- they chose, not plain "private". Any later change of the answer, or their choice, clears it.
ALTER TABLE responses ADD COLUMN held_for TEXT;
