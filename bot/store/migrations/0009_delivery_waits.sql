-- Delivery that survives a clock being set, and waits out a platform's 429 to the microsecond.
--
-- A process counts as alive while its `beats` keep changing, as the others see
-- it on their own monotonic clocks: comparing wall-clock stamps made a step of
-- the clock (NTP, a laptop resuming) look like a death, and claims were taken
-- over while their holder was still sending them.
ALTER TABLE processes ADD COLUMN beats INTEGER NOT NULL DEFAULT 0;

-- An entry must not be sent before this time (UTC ISO to the microsecond, as
-- bot.clock.utc_iso_fine writes it): set when it waits out a Retry-After.
-- `next_attempt_at` (whole seconds) stays what the claim index sorts on.
ALTER TABLE outbox ADD COLUMN not_before TEXT;

-- A platform said "429, wait": no process calls that method again before
-- `not_before` (UTC ISO to the microsecond). `method` is the platform's own
-- name for the call (chat.postMessage); '' is a sender's calls as a whole.
-- `seconds` is the wait the platform asked for: a wall clock set back never
-- makes anyone wait longer than that.
CREATE TABLE delivery_waits (
    platform    TEXT NOT NULL,
    method      TEXT NOT NULL,
    not_before  TEXT NOT NULL,
    seconds     REAL NOT NULL,
    PRIMARY KEY (platform, method)
);
