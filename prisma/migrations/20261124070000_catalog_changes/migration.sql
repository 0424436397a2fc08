-- What docker search's in-memory catalog index (apps/api/src/search/catalog-index.ts) reads to
-- stay current: the transaction that last changed a repository's searchable fields, and which
-- repositories were removed by which transaction. Triggers keep both, whoever writes
-- (notifications, crawls, the API, a cascade). Transaction ids (pg_current_xact_id, 64 bits, never
-- wrapping), as bigint: a reader that remembers the oldest transaction its snapshot did not see
-- (pg_snapshot_xmin) and reads from there next time misses no commit, however late it comes.
ALTER TABLE "repository" ADD COLUMN "changed_xid" BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX "repository_changed_xid_idx" ON "repository" ("changed_xid");

CREATE FUNCTION "repository_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_xid := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;

CREATE TRIGGER "repository_changed" BEFORE UPDATE ON "repository" FOR EACH ROW
  WHEN ((OLD.name, OLD.description, OLD.star_count, OLD.official, OLD.automated, OLD.registry_id)
        IS DISTINCT FROM (NEW.name, NEW.description, NEW.star_count, NEW.official, NEW.automated, NEW.registry_id))
  EXECUTE FUNCTION "repository_changed"();

CREATE TABLE "repository_removal" (
  "id" BIGSERIAL PRIMARY KEY,
  "repository_id" INTEGER NOT NULL,
  "removed_xid" BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  "removed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "repository_removal_removed_xid_idx" ON "repository_removal" ("removed_xid");
CREATE INDEX "repository_removal_removed_at_idx" ON "repository_removal" ("removed_at");

CREATE FUNCTION "repository_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "repository_removal" ("repository_id") VALUES (OLD.id);
  RETURN OLD;
END $$;

CREATE TRIGGER "repository_removed" AFTER DELETE ON "repository" FOR EACH ROW
  EXECUTE FUNCTION "repository_removed"();
