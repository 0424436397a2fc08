-- Trigram indexes for search
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "registry" ADD COLUMN "notification_key_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "discovery_state" VARCHAR(20) NOT NULL DEFAULT 'unknown',
ADD COLUMN "last_discovery_at" TIMESTAMPTZ(3),
ADD COLUMN "last_discovery_ms" INTEGER,
ADD COLUMN "last_discovery_error" VARCHAR(2000),
ADD COLUMN "discovery_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "next_discovery_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "repository" (
    "id" SERIAL NOT NULL,
    "registry_id" INTEGER NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "official" BOOLEAN NOT NULL DEFAULT false,
    "automated" BOOLEAN NOT NULL DEFAULT false,
    "star_count" INTEGER NOT NULL DEFAULT 0,
    "pull_count" INTEGER NOT NULL DEFAULT 0,
    "last_pulled_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "repository_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tag" (
    "id" SERIAL NOT NULL,
    "repository_id" INTEGER NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "digest" VARCHAR(100) NOT NULL,
    "media_type" VARCHAR(255) NOT NULL,
    "size" BIGINT NOT NULL DEFAULT 0,
    "created" TIMESTAMPTZ(3),
    "platforms" JSONB NOT NULL DEFAULT '[]',
    "layers" JSONB NOT NULL DEFAULT '[]',
    "history" JSONB NOT NULL DEFAULT '[]',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "star" (
    "user_id" INTEGER NOT NULL,
    "repository_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "star_pkey" PRIMARY KEY ("user_id","repository_id")
);

-- CreateTable
CREATE TABLE "notification_receipt" (
    "registry_id" INTEGER NOT NULL,
    "event_id" VARCHAR(100) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_receipt_pkey" PRIMARY KEY ("registry_id","event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "repository_registry_id_name_key" ON "repository"("registry_id", "name");

-- CreateIndex
CREATE INDEX "repository_name_trgm_idx" ON "repository" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "tag_repository_id_name_key" ON "tag"("repository_id", "name");

-- CreateIndex
CREATE INDEX "tag_digest_idx" ON "tag"("digest");

-- CreateIndex
CREATE INDEX "star_repository_id_idx" ON "star"("repository_id");

-- CreateIndex
CREATE INDEX "notification_receipt_received_at_idx" ON "notification_receipt"("received_at");

-- AddForeignKey
ALTER TABLE "repository" ADD CONSTRAINT "repository_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tag" ADD CONSTRAINT "tag_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "star" ADD CONSTRAINT "star_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "star" ADD CONSTRAINT "star_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_receipt" ADD CONSTRAINT "notification_receipt_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
