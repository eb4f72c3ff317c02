-- The timezone the platform reports for a member (Slack does), kept apart from
-- the one they chose with `me timezone`, so a change in Slack is followed
-- while their own choice always wins.
ALTER TABLE members ADD COLUMN platform_timezone TEXT;
