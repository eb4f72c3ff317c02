-- Care notes withdrawn because the member they were about erased their data (`me delete`): the note and
-- everything of the member in it go, and its post in the care channel is edited to say only that a care note
-- was there (`bot.store.care.CareRepository.erase_member`), so it doesn't vanish from the moderators unexplained.
-- What stays names nobody: the community, the note's number and when it was withdrawn. `mod care list` counts
-- them, and a press of one of its buttons (on the post, or in a reminder already in a moderator's DMs) is told
-- the note was withdrawn rather than that it can't be found.
CREATE TABLE care_withdrawn (
    community_id    TEXT NOT NULL,
    note_id         INTEGER NOT NULL,
    withdrawn_at    TEXT NOT NULL,
    PRIMARY KEY (community_id, note_id)
);
CREATE INDEX care_withdrawn_by_note ON care_withdrawn (note_id);
CREATE INDEX care_withdrawn_by_time ON care_withdrawn (community_id, withdrawn_at);
