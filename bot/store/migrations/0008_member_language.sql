-- The language a member chose with `me language` (en, es, de, fr, pt), or NULL
-- to follow what their platform says. Kept beside their region and timezone.
ALTER TABLE members ADD COLUMN language TEXT;
