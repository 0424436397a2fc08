-- A password change or reset ends the account's console sessions and docker identity (refresh)
-- tokens, whichever way it is written (the API, a configuration file, an import, a move between
-- sign-in sources): a thief holding one of them loses it with the old password. Personal access
-- tokens are kept. Upgrading a hash to argon2id after a sign-in is no change: that statement sets
-- portcullis.password_upgrade for its transaction.
CREATE FUNCTION "portcullis_password_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."password_hash" IS DISTINCT FROM OLD."password_hash"
     AND coalesce(current_setting('portcullis.password_upgrade', true), '') <> 'on' THEN
    UPDATE "session" SET "revoked_at" = CURRENT_TIMESTAMP WHERE "user_id" = NEW."id" AND "revoked_at" IS NULL;
    UPDATE "refresh_token" SET "revoked_at" = CURRENT_TIMESTAMP WHERE "user_id" = NEW."id" AND "revoked_at" IS NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "password_changed" AFTER UPDATE OF "password_hash" ON "user"
  FOR EACH ROW EXECUTE FUNCTION "portcullis_password_changed"();
