-- Lookups by member that scanned whole tables once a community grew
-- (bench/README.md, "scale"): a member's check-ins (`checkin status`,
-- `checkin list`, data export and erasure) were a scan of every participant.
CREATE INDEX participants_user ON participants (user_id, schedule_id);

-- The daily retention purge looked for expired answers and reflections by
-- scanning all of them; with a million answers that held the database for
-- most of a second, and every member waited (bench/README.md, "scale").
CREATE INDEX responses_created ON responses (created_at);
CREATE INDEX reflections_given ON reflections (community_id, given_at);

-- Deleting an answer (purge, erasure) sets its outbox rows' response_id to
-- NULL (a foreign key), and deleting a round cascades to its outbox rows:
-- without these, each deleted row scanned the whole outbox.
CREATE INDEX outbox_response ON outbox (response_id);
CREATE INDEX outbox_round ON outbox (round_id);
