-- What each access generation changed, so that replicas drop only the cached logins and policy
-- that a change touches (a new group, a rule or one user's membership no longer empties every
-- cache). One row per generation: the kind of subject and the ids of the subjects touched, written
-- by the same triggers in the same transaction; "all" when a change concerns everyone (TRUNCATE,
-- the two-factor requirement). The last 10,000 generations are kept: a replica further behind
-- than that drops everything, as before.
CREATE TABLE "access_change" (
    "generation" BIGINT NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "ids" INTEGER[],
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_change_pkey" PRIMARY KEY ("generation")
);

CREATE FUNCTION "portcullis_access_record"(kind TEXT, ids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  next_generation BIGINT;
BEGIN
  UPDATE "access_state" SET "generation" = "generation" + 1, "changed_at" = CURRENT_TIMESTAMP WHERE "id" = 1
    RETURNING "generation" INTO next_generation;
  INSERT INTO "access_change" ("generation", "kind", "ids") VALUES (next_generation, kind, ids);
  DELETE FROM "access_change" WHERE "generation" <= next_generation - 10000;
  PERFORM pg_notify('portcullis_access', '');
END $$;

-- Concerns everyone: TRUNCATE, and the instance settings that change what every login may do.
CREATE OR REPLACE FUNCTION "portcullis_access_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "portcullis_access_record"('all', '{}');
  RETURN NULL;
END $$;

-- Rows inserted or deleted. TG_ARGV: the kind of subject, and the column holding its id.
CREATE FUNCTION "portcullis_access_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched INTEGER[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT (to_jsonb(n) ->> TG_ARGV[1])::INTEGER) INTO touched FROM "new_rows" n;
  ELSE
    SELECT array_agg(DISTINCT (to_jsonb(o) ->> TG_ARGV[1])::INTEGER) INTO touched FROM "old_rows" o;
  END IF;
  IF touched IS NOT NULL THEN
    PERFORM "portcullis_access_record"(TG_ARGV[0], touched);
  END IF;
  RETURN NULL;
END $$;

-- TG_ARGV: the kind, the id column, then the columns whose change does not change a decision
-- (last use, discovery state, updatedAt). A row counts when its other columns changed, on either
-- side (a moved foreign key touches the old subject and the new one).
CREATE OR REPLACE FUNCTION "portcullis_access_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ignored TEXT[] := TG_ARGV[2:];
  touched INTEGER[];
BEGIN
  SELECT array_agg(DISTINCT (row ->> TG_ARGV[1])::INTEGER) INTO touched FROM (
    (SELECT to_jsonb(n) - ignored AS row FROM "new_rows" n EXCEPT SELECT to_jsonb(o) - ignored FROM "old_rows" o)
    UNION
    (SELECT to_jsonb(o) - ignored FROM "old_rows" o EXCEPT SELECT to_jsonb(n) - ignored FROM "new_rows" n)
  ) changed;
  IF touched IS NOT NULL THEN
    PERFORM "portcullis_access_record"(TG_ARGV[0], touched);
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  spec record;
BEGIN
  FOR spec IN SELECT * FROM (VALUES
    ('user', 'user', 'id', ARRAY['updated_at', 'totp_secret', 'totp_last_step']),
    ('group', 'group', 'id', ARRAY[]::text[]),
    ('group_membership', 'user', 'user_id', ARRAY[]::text[]),
    ('app', 'app', 'id', ARRAY[]::text[]),
    ('app_responsible', 'app', 'app_id', ARRAY[]::text[]),
    ('app_publication', 'app', 'app_id', ARRAY[]::text[]),
    ('registry', 'registry', 'id', ARRAY['updated_at', 'notification_key_version', 'discovery_state',
                       'last_discovery_at', 'last_discovery_ms', 'last_discovery_error', 'discovery_failures',
                       'next_discovery_at']),
    ('registry_responsible', 'registry', 'registry_id', ARRAY[]::text[]),
    ('registry_publication', 'registry', 'registry_id', ARRAY[]::text[]),
    ('service', 'service', 'id', ARRAY['updated_at', 'last_used_at']),
    ('robot', 'robot', 'id', ARRAY['updated_at', 'last_used_at']),
    ('personal_access_token', 'user', 'user_id', ARRAY['last_used_at']),
    ('rule', 'rule', 'id', ARRAY['updated_at'])
  ) AS s(tbl, kind, id_column, ignored) LOOP
    EXECUTE format('DROP TRIGGER "access_changed" ON %I', spec.tbl);
    EXECUTE format('DROP TRIGGER "access_updated" ON %I', spec.tbl);
    EXECUTE format(
      'CREATE TRIGGER "access_inserted" AFTER INSERT ON %I REFERENCING NEW TABLE AS "new_rows" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "portcullis_access_rows"(%L, %L)', spec.tbl, spec.kind, spec.id_column);
    EXECUTE format(
      'CREATE TRIGGER "access_deleted" AFTER DELETE ON %I REFERENCING OLD TABLE AS "old_rows" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "portcullis_access_rows"(%L, %L)', spec.tbl, spec.kind, spec.id_column);
    EXECUTE format(
      'CREATE TRIGGER "access_updated" AFTER UPDATE ON %I REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "portcullis_access_updated"(%s)',
      spec.tbl,
      (SELECT string_agg(quote_literal(a), ', ') FROM unnest(ARRAY[spec.kind, spec.id_column] || spec.ignored) a));
    EXECUTE format(
      'CREATE TRIGGER "access_truncated" AFTER TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION "portcullis_access_changed"()', spec.tbl);
  END LOOP;
END $$;
