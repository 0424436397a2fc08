-- A sha512 manifest digest ("sha512:" and 128 hex digits) did not fit: a registry notifying or
-- serving one made the notification or the crawl fail.
ALTER TABLE "tag" ALTER COLUMN "digest" TYPE VARCHAR(200);
