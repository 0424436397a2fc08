-- Two-factor sign-in for local console accounts: a TOTP secret (pending until confirmed), the last
-- time step that signed in (a code counts once, on every replica), one-use recovery codes (hashed),
-- and the run-time settings an administrator changes (whether two-factor sign-in is required).
ALTER TABLE "user" ADD COLUMN "totp_secret" VARCHAR(64);
ALTER TABLE "user" ADD COLUMN "totp_enabled_at" TIMESTAMPTZ(3);
ALTER TABLE "user" ADD COLUMN "totp_last_step" BIGINT;

CREATE TABLE "recovery_code" (
  "id" SERIAL NOT NULL,
  "user_id" INTEGER NOT NULL,
  "code_hash" CHAR(64) NOT NULL,
  "used_at" TIMESTAMPTZ(3),
  CONSTRAINT "recovery_code_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "recovery_code_user_id_code_hash_key" ON "recovery_code"("user_id", "code_hash");
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_user_id_fkey" FOREIGN KEY ("user_id")
  REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "instance_setting" (
  "name" VARCHAR(100) NOT NULL,
  "value" JSONB NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "instance_setting_pkey" PRIMARY KEY ("name")
);

-- A pending secret and the last step that signed in do not change what a login may do; turning
-- two-factor sign-in on does (a docker password stops working), so totp_enabled_at still counts.
DROP TRIGGER "access_updated" ON "user";
CREATE TRIGGER "access_updated" AFTER UPDATE ON "user" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "portcullis_access_updated"('updated_at', 'totp_secret', 'totp_last_step');
