-- Each member's private notes are numbered from 1 for them (`notes list`,
-- `notes delete N`, their export). The number shown used to be the notes
-- table's id, shared by the whole community: a member's first note could be
-- "#2", which told them someone else keeps notes, and roughly how many.
--
-- * notes.number: the note's number for its author, kept for good (deleting
--   #2 leaves #3 as #3). Existing notes are numbered per member in the order
--   they were made (their ids).
-- * note_numbers: the last number each member was given, so a number is never
--   given twice, even after its note is deleted. An erasure forgets it.
ALTER TABLE notes ADD COLUMN number INTEGER NOT NULL DEFAULT 0;

UPDATE notes SET number = (
    SELECT count(*) FROM notes AS earlier
    WHERE earlier.community_id = notes.community_id AND earlier.user_id = notes.user_id AND earlier.id <= notes.id
);

CREATE UNIQUE INDEX notes_number ON notes (community_id, user_id, number);

CREATE TABLE note_numbers (
    community_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    last_number   INTEGER NOT NULL,
    PRIMARY KEY (community_id, user_id)
);

INSERT INTO note_numbers (community_id, user_id, last_number)
    SELECT community_id, user_id, max(number) FROM notes GROUP BY community_id, user_id;
