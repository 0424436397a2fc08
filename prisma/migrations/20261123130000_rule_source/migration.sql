-- AlterTable
ALTER TABLE "rule" ADD COLUMN "source" VARCHAR(20) NOT NULL DEFAULT 'api';
