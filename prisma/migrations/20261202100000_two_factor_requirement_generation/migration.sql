-- Requiring two-factor sign-in changes what a login may do (a password alone stops working for
-- docker, sessions and tokens of accounts without it are held to enrolment): like every such
-- change it advances the access generation, so every replica's caches retire their entries at once.
CREATE TRIGGER "access_changed" AFTER INSERT OR UPDATE ON "instance_setting"
  FOR EACH ROW WHEN (NEW."name" = 'two-factor-required')
  EXECUTE FUNCTION "portcullis_access_changed"();
