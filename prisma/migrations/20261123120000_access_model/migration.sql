-- CreateEnum
CREATE TYPE "privilege" AS ENUM ('DockerRegistriesManager', 'DockerRegistriesPusher', 'DockerRegistriesPuller');

-- AlterTable
ALTER TABLE "user" ADD COLUMN "privileges" "privilege"[] DEFAULT ARRAY[]::"privilege"[],
ADD COLUMN "primary_group_id" INTEGER;

-- AlterTable
ALTER TABLE "registry" ADD COLUMN "restricted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "anonymous_pull" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "group" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_membership" (
    "user_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,

    CONSTRAINT "group_membership_pkey" PRIMARY KEY ("user_id","group_id")
);

-- CreateTable
CREATE TABLE "app" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_responsible" (
    "app_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,

    CONSTRAINT "app_responsible_pkey" PRIMARY KEY ("app_id","group_id")
);

-- CreateTable
CREATE TABLE "app_publication" (
    "app_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,

    CONSTRAINT "app_publication_pkey" PRIMARY KEY ("app_id","group_id")
);

-- CreateTable
CREATE TABLE "registry_responsible" (
    "registry_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,

    CONSTRAINT "registry_responsible_pkey" PRIMARY KEY ("registry_id","group_id")
);

-- CreateTable
CREATE TABLE "registry_publication" (
    "registry_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,

    CONSTRAINT "registry_publication_pkey" PRIMARY KEY ("registry_id","group_id")
);

-- CreateTable
CREATE TABLE "service" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "app_id" INTEGER NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "robot" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "app_id" INTEGER NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "permissions" JSONB NOT NULL DEFAULT '[]',
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "robot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "personal_access_token" (
    "id" UUID NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "read_only" BOOLEAN NOT NULL DEFAULT false,
    "registries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "personal_access_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rule" (
    "id" SERIAL NOT NULL,
    "position" INTEGER NOT NULL,
    "match" JSONB NOT NULL DEFAULT '{}',
    "actions" TEXT[],
    "comment" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "category" VARCHAR(20) NOT NULL,
    "action" VARCHAR(60) NOT NULL,
    "actor" VARCHAR(300) NOT NULL,
    "actor_kind" VARCHAR(20) NOT NULL,
    "address" VARCHAR(100),
    "user_agent" VARCHAR(500),
    "registry" VARCHAR(255),
    "outcome" VARCHAR(20) NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "clause" TEXT,
    "target" VARCHAR(300),

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "user_primary_group_id_idx" ON "user"("primary_group_id");

-- CreateIndex
CREATE UNIQUE INDEX "group_name_key" ON "group"("name");

-- CreateIndex
CREATE INDEX "group_membership_group_id_idx" ON "group_membership"("group_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_name_key" ON "app"("name");

-- CreateIndex
CREATE INDEX "app_responsible_group_id_idx" ON "app_responsible"("group_id");

-- CreateIndex
CREATE INDEX "app_publication_group_id_idx" ON "app_publication"("group_id");

-- CreateIndex
CREATE INDEX "registry_responsible_group_id_idx" ON "registry_responsible"("group_id");

-- CreateIndex
CREATE INDEX "registry_publication_group_id_idx" ON "registry_publication"("group_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_name_key" ON "service"("name");

-- CreateIndex
CREATE INDEX "service_app_id_idx" ON "service"("app_id");

-- CreateIndex
CREATE UNIQUE INDEX "robot_name_key" ON "robot"("name");

-- CreateIndex
CREATE INDEX "robot_app_id_idx" ON "robot"("app_id");

-- CreateIndex
CREATE UNIQUE INDEX "personal_access_token_token_hash_key" ON "personal_access_token"("token_hash");

-- CreateIndex
CREATE INDEX "personal_access_token_user_id_idx" ON "personal_access_token"("user_id");

-- CreateIndex
CREATE INDEX "rule_position_idx" ON "rule"("position");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_actor_at_idx" ON "audit_event"("actor", "at");

-- CreateIndex
CREATE INDEX "audit_event_registry_at_idx" ON "audit_event"("registry", "at");

-- CreateIndex
CREATE INDEX "audit_event_category_at_idx" ON "audit_event"("category", "at");

-- AddForeignKey
ALTER TABLE "user" ADD CONSTRAINT "user_primary_group_id_fkey" FOREIGN KEY ("primary_group_id") REFERENCES "group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_membership" ADD CONSTRAINT "group_membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_membership" ADD CONSTRAINT "group_membership_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_responsible" ADD CONSTRAINT "app_responsible_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_responsible" ADD CONSTRAINT "app_responsible_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_publication" ADD CONSTRAINT "app_publication_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_publication" ADD CONSTRAINT "app_publication_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registry_responsible" ADD CONSTRAINT "registry_responsible_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registry_responsible" ADD CONSTRAINT "registry_responsible_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registry_publication" ADD CONSTRAINT "registry_publication_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registry_publication" ADD CONSTRAINT "registry_publication_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service" ADD CONSTRAINT "service_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "robot" ADD CONSTRAINT "robot_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "personal_access_token" ADD CONSTRAINT "personal_access_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
