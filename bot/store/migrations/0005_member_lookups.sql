-- Lookups by member that scanned whole tables once a community grew
-- (bench/README.md, "scale"): a member's check-ins (`checkin status`,
-- `checkin list`, data export and erasure) were a scan of every participant.
CREATE INDEX participants_user ON participants (user_id, schedule_id);
