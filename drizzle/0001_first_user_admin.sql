-- The first account becomes ADMIN. Decided in the database, under a
-- transaction-scoped advisory lock, so two sign-ups racing on an empty table
-- cannot both see "no users yet": the second waits for the first to commit.
CREATE FUNCTION hearth_first_user_is_admin() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('hearth:first-user-admin'));
  IF NOT EXISTS (SELECT 1 FROM "user") THEN
    NEW.role := 'ADMIN';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER user_first_is_admin
BEFORE INSERT ON "user"
FOR EACH ROW EXECUTE FUNCTION hearth_first_user_is_admin();
