-- Access generation: one counter that every committed change to what token decisions read
-- (identities, memberships, apps, registries' policy, rules) increases, in the same transaction as
-- the change, with a NOTIFY delivered at commit. Replicas compare it with the generation their
-- caches were built from, so no change is ever missed, whoever made it (API, job, psql).
CREATE TABLE "access_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "generation" BIGINT NOT NULL DEFAULT 1,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_state_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "access_state_one_row" CHECK ("id" = 1)
);
INSERT INTO "access_state" ("id") VALUES (1);

CREATE FUNCTION "portcullis_access_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "access_state" SET "generation" = "generation" + 1, "changed_at" = CURRENT_TIMESTAMP WHERE "id" = 1;
  PERFORM pg_notify('portcullis_access', '');
  RETURN NULL;
END $$;

-- For UPDATE: bumps only when a column other than those named in the trigger's arguments changed
-- (last use, discovery state and updatedAt do not change a decision). Each row's JSON includes its
-- key, so a row whose relevant columns changed is missing from the old rows.
CREATE FUNCTION "portcullis_access_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT to_jsonb(n) - TG_ARGV FROM "new_rows" n
    EXCEPT
    SELECT to_jsonb(o) - TG_ARGV FROM "old_rows" o
  ) THEN
    UPDATE "access_state" SET "generation" = "generation" + 1, "changed_at" = CURRENT_TIMESTAMP WHERE "id" = 1;
    PERFORM pg_notify('portcullis_access', '');
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  spec record;
BEGIN
  FOR spec IN SELECT * FROM (VALUES
    ('user', ARRAY['updated_at']),
    ('group', ARRAY[]::text[]),
    ('group_membership', ARRAY[]::text[]),
    ('app', ARRAY[]::text[]),
    ('app_responsible', ARRAY[]::text[]),
    ('app_publication', ARRAY[]::text[]),
    ('registry', ARRAY['updated_at', 'notification_key_version', 'discovery_state', 'last_discovery_at',
                       'last_discovery_ms', 'last_discovery_error', 'discovery_failures', 'next_discovery_at']),
    ('registry_responsible', ARRAY[]::text[]),
    ('registry_publication', ARRAY[]::text[]),
    ('service', ARRAY['updated_at', 'last_used_at']),
    ('robot', ARRAY['updated_at', 'last_used_at']),
    ('personal_access_token', ARRAY['last_used_at']),
    ('rule', ARRAY['updated_at'])
  ) AS s(tbl, ignored) LOOP
    EXECUTE format(
      'CREATE TRIGGER "access_changed" AFTER INSERT OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION "portcullis_access_changed"()', spec.tbl);
    EXECUTE format(
      'CREATE TRIGGER "access_updated" AFTER UPDATE ON %I REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "portcullis_access_updated"(%s)',
      spec.tbl,
      coalesce((SELECT string_agg(quote_literal(c), ', ') FROM unnest(spec.ignored) c), ''));
  END LOOP;
END $$;

-- Token signing keys shared by every replica (generated ones; TOKEN_KEY_FILE keys stay in files).
-- The newest unretired key signs; every key not yet past "publish_until" is published.
CREATE TABLE "signing_key" (
    "kid" VARCHAR(64) NOT NULL,
    "algorithm" VARCHAR(10) NOT NULL,
    "private_key_pem" TEXT NOT NULL,
    "certificate_pem" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),
    "publish_until" TIMESTAMPTZ(3),

    CONSTRAINT "signing_key_pkey" PRIMARY KEY ("kid")
);
