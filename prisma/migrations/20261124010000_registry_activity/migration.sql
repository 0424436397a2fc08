-- CreateTable
CREATE TABLE "registry_activity" (
    "registry_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "pushes" INTEGER NOT NULL DEFAULT 0,
    "pulls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "registry_activity_pkey" PRIMARY KEY ("registry_id","day")
);

-- AddForeignKey
ALTER TABLE "registry_activity" ADD CONSTRAINT "registry_activity_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
