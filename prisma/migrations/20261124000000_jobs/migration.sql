-- CreateTable
CREATE TABLE "job" (
    "id" UUID NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "actor" VARCHAR(255) NOT NULL,
    "state" VARCHAR(20) NOT NULL,
    "phase" VARCHAR(100) NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "result" JSONB,
    "error" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "job_created_at_idx" ON "job"("created_at");
