-- Search filters by user inside the GIN index: each message carries its chat's owner.
-- The old index goes first so the backfill does not maintain it row by row.
DROP INDEX "message_search_idx";--> statement-breakpoint
ALTER TABLE "message" ADD COLUMN "user_id" text;--> statement-breakpoint
UPDATE "message" m SET "user_id" = c."user_id" FROM "chat" c WHERE c."id" = m."chat_id";--> statement-breakpoint
ALTER TABLE "message" ALTER COLUMN "user_id" SET NOT NULL;--> statement-breakpoint
-- A message's owner is its chat's owner, whatever the insert says (raw SQL included).
CREATE FUNCTION "message_user_from_chat"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."user_id" := (SELECT "user_id" FROM "chat" WHERE "id" = NEW."chat_id");
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "message_user_from_chat" BEFORE INSERT OR UPDATE OF "chat_id", "user_id" ON "message"
  FOR EACH ROW EXECUTE FUNCTION "message_user_from_chat"();--> statement-breakpoint
-- btree_gin lets a GIN index hold the text user_id beside the words (a trusted extension: a database owner may create it).
CREATE EXTENSION IF NOT EXISTS "btree_gin";--> statement-breakpoint
CREATE INDEX "message_user_search_idx" ON "message" USING gin ("user_id","search");
