-- Anonymous posts an erasure takes down that have no batch left to hide in (their round closed, or closed with
-- too few removals to go together) wait here, pooled across the community: they come down all together once at
-- least the community's floor of erasures wait, at a time of the clock's own (`bot.store.rounds.next_tick`), or
-- when retention clears their round for everyone. `pool` is a random mark of one erasure, never who made it: it
-- only tells how many different erasures wait.
ALTER TABLE held_posts ADD COLUMN pool TEXT;
