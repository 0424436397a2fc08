-- CreateIndex
CREATE INDEX "user_name_trgm_idx" ON "user" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "group_name_trgm_idx" ON "group" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "app_name_trgm_idx" ON "app" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "tag_name_trgm_idx" ON "tag" USING GIN ("name" gin_trgm_ops);
