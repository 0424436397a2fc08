-- Identical token decisions in the same flush (200 ms) are one event with a count: a CI fleet
-- asking thousands of times a minute writes a few rows a second, not one per token.
ALTER TABLE "audit_event" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;
