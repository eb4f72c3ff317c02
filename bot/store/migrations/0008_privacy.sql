-- A member's own data rights are not moderator business: erasures are no longer
-- written to the moderators' audit log, and the ones written before (with counts
-- of what the member had) are taken out of it.
DELETE FROM audit_log WHERE action = 'member.erased';
