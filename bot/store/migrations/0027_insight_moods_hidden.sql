-- Why a settled week's moods didn't show beside answers that did (`bot.insights.anonymity.moods_hidden`):
-- 'anonymous' (some round's anonymous moods could give an answer away) or 'few_shared' (fewer than the floor
-- shared a mood). NULL: they showed, nothing did, or the week was settled before this was kept (not known).
-- Kept with the week, as its numbers are: a later view says the reason that applied when it was first shown.
-- (0027, not 0026: another branch of this session adds 0026_withdrawn_care_notes.)
ALTER TABLE insight_cells ADD COLUMN moods_hidden TEXT;
