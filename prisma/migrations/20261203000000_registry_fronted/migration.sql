-- A registry declared as fronted runs behind the nginx Portcullis provisions (its own API on
-- loopback only): its catalog is answered by Portcullis, filtered by pull, so every identity may
-- be given `registry:catalog:*` for it. Registries keep today's rule until declared so.
ALTER TABLE "registry" ADD COLUMN "fronted" BOOLEAN NOT NULL DEFAULT false;
