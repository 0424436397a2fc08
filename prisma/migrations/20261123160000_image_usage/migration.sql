-- CreateTable
CREATE TABLE "image_usage" (
    "id" SERIAL NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "reporter" VARCHAR(255) NOT NULL,
    "reference" VARCHAR(512) NOT NULL,
    "digest" VARCHAR(100),
    "image_id" VARCHAR(100),
    "reported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reported_by" VARCHAR(300) NOT NULL,

    CONSTRAINT "image_usage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "image_usage_digest_idx" ON "image_usage"("digest");

-- CreateIndex
CREATE INDEX "image_usage_image_id_idx" ON "image_usage"("image_id");

-- CreateIndex
CREATE INDEX "image_usage_kind_reporter_idx" ON "image_usage"("kind", "reporter");
