-- Every app process keeps the API keys it has verified in memory (lib/keys/verified-key-cache.ts)
-- and listens on this channel to forget one the moment its row or its owner's changes, whoever
-- writes it: the app, an admin's SQL by hand, another replica. Payloads are ids, never secrets:
-- "key:<api_key.id>", "user:<user.id>", or "all".
CREATE FUNCTION hearth_notify_key_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- last_used_at is written once a minute per key in use and changes nothing a key check decides.
  IF TG_OP = 'DELETE'
     OR (to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at') THEN
    PERFORM pg_notify('hearth_key_cache', 'key:' || OLD.id::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Any change to the owner but their activity stamps: disabled, pending, role, limits, deletion,
-- and whatever a later column adds.
CREATE FUNCTION hearth_notify_key_owner_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     OR (to_jsonb(OLD) - ARRAY['last_active_at', 'updated_at'])
        IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['last_active_at', 'updated_at']) THEN
    PERFORM pg_notify('hearth_key_cache', 'user:' || OLD.id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION hearth_notify_key_cache_flush() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hearth_key_cache', 'all');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER api_key_key_cache AFTER UPDATE OR DELETE ON "api_key"
  FOR EACH ROW EXECUTE FUNCTION hearth_notify_key_change();
--> statement-breakpoint
CREATE TRIGGER api_key_key_cache_flush AFTER TRUNCATE ON "api_key"
  FOR EACH STATEMENT EXECUTE FUNCTION hearth_notify_key_cache_flush();
--> statement-breakpoint
CREATE TRIGGER user_key_cache AFTER UPDATE OR DELETE ON "user"
  FOR EACH ROW EXECUTE FUNCTION hearth_notify_key_owner_change();
--> statement-breakpoint
CREATE TRIGGER user_key_cache_flush AFTER TRUNCATE ON "user"
  FOR EACH STATEMENT EXECUTE FUNCTION hearth_notify_key_cache_flush();
