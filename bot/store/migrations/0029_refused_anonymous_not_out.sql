-- An anonymous answer whose post was refused for good before 0029's release (the first refused-post code): marked
-- `unposted` but left `anon_out` 1 with no post, so a later change of its words would be taken for an edit of a
-- post that isn't there, and going private would try to take it down. Not out, as `mark_refused` leaves one now.
UPDATE responses SET anon_out = 0 WHERE visibility = 'anonymous' AND unposted = 1 AND anon_out = 1 AND anon_ref IS NULL;
