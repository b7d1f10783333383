ALTER TABLE "message" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', content)) STORED;--> statement-breakpoint
CREATE INDEX "chat_title_search_idx" ON "chat" USING gin (to_tsvector('simple', "title"));--> statement-breakpoint
CREATE INDEX "message_search_idx" ON "message" USING gin ("search");