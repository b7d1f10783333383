CREATE TYPE "public"."embed_theme" AS ENUM('light', 'dark', 'auto');--> statement-breakpoint
ALTER TYPE "public"."usage_source" ADD VALUE 'embed';--> statement-breakpoint
CREATE TABLE "embed" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"allowed_origins" text[] NOT NULL,
	"model" text NOT NULL,
	"system_prompt" text,
	"greeting" text,
	"theme" "embed_theme" DEFAULT 'auto' NOT NULL,
	"accent_color" text DEFAULT '#e8590c' NOT NULL,
	"visitor_requests_per_minute" integer DEFAULT 10 NOT NULL,
	"daily_token_budget" integer,
	"key_hash" text NOT NULL,
	"key_sealed" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "embed_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "chat" ADD COLUMN "embed_id" uuid;--> statement-breakpoint
ALTER TABLE "chat" ADD COLUMN "visitor_hash" text;--> statement-breakpoint
ALTER TABLE "embed" ADD CONSTRAINT "embed_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "embed_user_idx" ON "embed" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "chat" ADD CONSTRAINT "chat_embed_id_embed_id_fk" FOREIGN KEY ("embed_id") REFERENCES "public"."embed"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_embed_visitor_idx" ON "chat" USING btree ("embed_id","visitor_hash","created_at" DESC NULLS LAST) WHERE "chat"."embed_id" IS NOT NULL;