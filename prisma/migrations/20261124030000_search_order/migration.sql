-- docker search: substring matches best-starred first are read in this order (the planner walks it
-- for common terms instead of sorting every match); exact and prefix matches by name.
CREATE INDEX "repository_stars_name_idx" ON "repository" ("star_count" DESC, "name");
CREATE INDEX "repository_name_pattern_idx" ON "repository" ("name" text_pattern_ops);
