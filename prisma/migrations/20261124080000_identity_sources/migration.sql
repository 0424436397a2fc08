-- Several sign-in sources side by side: each account records where it signs in (its local
-- password, the LDAP directory, or OpenID Connect) and its key there; accounts without a local
-- password have none. Group memberships record who keeps them, so a directory's sync replaces its
-- own memberships and never an administrator's.
CREATE TYPE "identity_source" AS ENUM ('local', 'ldap', 'oidc');

ALTER TABLE "user" ALTER COLUMN "password_hash" DROP NOT NULL;
ALTER TABLE "user" ADD COLUMN "source" "identity_source" NOT NULL DEFAULT 'local';
ALTER TABLE "user" ADD COLUMN "external_id" VARCHAR(1024);
ALTER TABLE "user" ADD COLUMN "source_disabled" BOOLEAN NOT NULL DEFAULT false;
CREATE UNIQUE INDEX "user_source_external_id_key" ON "user"("source", "external_id");

ALTER TABLE "group_membership" ADD COLUMN "source" "identity_source" NOT NULL DEFAULT 'local';
