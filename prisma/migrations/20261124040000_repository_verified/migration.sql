-- When a crawl last read the repository's tags. Scheduled crawls of a registry whose notifications
-- arrive re-read the least recently verified repositories first (libs/domain crawl-plan.ts).
ALTER TABLE "repository" ADD COLUMN "verified_at" TIMESTAMPTZ(3);
