-- A registry's endpoint (url, insecure) is where Portcullis sends the tokens it signs for itself
-- (discovery, tag deletion). An endpoint a non-admin chose is not trusted with them until an admin
-- approves it. Registries declared before this rule keep their endpoints approved ("upgrade").
ALTER TABLE "registry" ADD COLUMN "endpoint_approved_at" TIMESTAMPTZ(3);
ALTER TABLE "registry" ADD COLUMN "endpoint_approved_by" VARCHAR(300);
UPDATE "registry" SET "endpoint_approved_at" = CURRENT_TIMESTAMP, "endpoint_approved_by" = 'upgrade';
