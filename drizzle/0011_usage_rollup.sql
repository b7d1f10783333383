CREATE TYPE "public"."usage_grain" AS ENUM('day', 'model', 'user', 'key', 'all');--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"grain" "usage_grain" NOT NULL,
	"day" date NOT NULL,
	"source" "usage_source" NOT NULL,
	"model" text,
	"user_id" text,
	"key_prefix" text,
	"requests" integer NOT NULL,
	"errors" integer NOT NULL,
	"prompt_tokens" bigint NOT NULL,
	"completion_tokens" bigint NOT NULL,
	"ttft_hist" integer[] NOT NULL,
	CONSTRAINT "usage_daily_uniq" UNIQUE NULLS NOT DISTINCT("grain","day","source","model","user_id","key_prefix")
);
--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Time to first token, counted per bucket of these edges (ms); the same list is
-- TTFT_BUCKET_EDGES_MS in lib/usage/ttft-histogram.ts. 41 buckets: width_bucket
-- returns 0 below the first edge and 40 at or above the last.
CREATE FUNCTION hearth_ttft_histogram(ms integer[]) RETURNS integer[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(coalesce(c.n, 0)::integer ORDER BY i)
  FROM generate_series(0, 40) AS i
  LEFT JOIN (
    SELECT width_bucket(v, ARRAY[50,100,150,200,250,300,350,400,450,500,600,700,800,900,1000,1200,1400,1600,1800,2000,2500,3000,3500,4000,5000,6000,7000,8000,10000,12000,15000,20000,25000,30000,45000,60000,90000,120000,180000,300000]) AS b, count(*) AS n
    FROM unnest(ms) AS v
    WHERE v IS NOT NULL
    GROUP BY 1
  ) AS c ON c.b = i
$$;
--> statement-breakpoint
-- a + k·b, element by element.
CREATE FUNCTION hearth_histogram_add(a integer[], b integer[], k integer) RETURNS integer[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(x + k * y ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
$$;
--> statement-breakpoint
-- One upsert per INSERT statement on usage_event (the app writes batches), at
-- every grain, in key order so that two writers lock rollup rows in one order.
CREATE FUNCTION hearth_usage_daily_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO usage_daily AS d
    (grain, day, source, model, user_id, key_prefix, requests, errors, prompt_tokens, completion_tokens, ttft_hist)
  SELECT * FROM (
  SELECT
    CASE GROUPING(model, user_id, key_prefix)
      WHEN 7 THEN 'day' WHEN 3 THEN 'model' WHEN 5 THEN 'user' WHEN 4 THEN 'key' ELSE 'all'
    END::usage_grain AS grain,
    day, source, model, user_id, key_prefix,
    count(*)::integer AS requests,
    (count(*) FILTER (WHERE status >= 400))::integer AS errors,
    sum(prompt_tokens)::bigint AS prompt_tokens,
    sum(completion_tokens)::bigint AS completion_tokens,
    hearth_ttft_histogram(array_agg(ttft_ms)) AS ttft_hist
  FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, * FROM inserted) AS e
  GROUP BY GROUPING SETS (
    (day, source), (day, source, model), (day, source, user_id),
    (day, source, user_id, key_prefix), (day, source, model, user_id, key_prefix)
  )
  -- Chat has no key: the key grain keeps API rows only.
  HAVING NOT (GROUPING(model, user_id, key_prefix) = 4 AND key_prefix IS NULL)
  ) AS g
  ORDER BY grain, day, source, model, user_id, key_prefix
  ON CONFLICT ON CONSTRAINT usage_daily_uniq DO UPDATE SET
    requests = d.requests + excluded.requests,
    errors = d.errors + excluded.errors,
    prompt_tokens = d.prompt_tokens + excluded.prompt_tokens,
    completion_tokens = d.completion_tokens + excluded.completion_tokens,
    ttft_hist = hearth_histogram_add(d.ttft_hist, excluded.ttft_hist, 1);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Deleted usage (a deleted account's, say) leaves the sums too. The rows of the
-- user's own grains go with the account (the foreign key); the day and model
-- sums are lowered here. A row lowered to nothing stays, at zero.
CREATE FUNCTION hearth_usage_daily_remove() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE usage_daily AS d SET
    requests = d.requests - g.requests,
    errors = d.errors - g.errors,
    prompt_tokens = d.prompt_tokens - g.prompt_tokens,
    completion_tokens = d.completion_tokens - g.completion_tokens,
    ttft_hist = hearth_histogram_add(d.ttft_hist, g.ttft_hist, -1)
  FROM (
  SELECT
    CASE GROUPING(model, user_id, key_prefix)
      WHEN 7 THEN 'day' WHEN 3 THEN 'model' WHEN 5 THEN 'user' WHEN 4 THEN 'key' ELSE 'all'
    END::usage_grain AS grain,
    day, source, model, user_id, key_prefix,
    count(*)::integer AS requests,
    (count(*) FILTER (WHERE status >= 400))::integer AS errors,
    sum(prompt_tokens)::bigint AS prompt_tokens,
    sum(completion_tokens)::bigint AS completion_tokens,
    hearth_ttft_histogram(array_agg(ttft_ms)) AS ttft_hist
  FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, * FROM removed) AS e
  GROUP BY GROUPING SETS (
    (day, source), (day, source, model), (day, source, user_id),
    (day, source, user_id, key_prefix), (day, source, model, user_id, key_prefix)
  )
  -- Chat has no key: the key grain keeps API rows only.
  HAVING NOT (GROUPING(model, user_id, key_prefix) = 4 AND key_prefix IS NULL)
  ) AS g
  WHERE d.grain = g.grain AND d.day = g.day AND d.source = g.source
    AND d.model IS NOT DISTINCT FROM g.model
    AND d.user_id IS NOT DISTINCT FROM g.user_id
    AND d.key_prefix IS NOT DISTINCT FROM g.key_prefix;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER usage_event_rollup_add
AFTER INSERT ON usage_event
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION hearth_usage_daily_add();
--> statement-breakpoint
CREATE TRIGGER usage_event_rollup_remove
AFTER DELETE ON usage_event
REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION hearth_usage_daily_remove();
--> statement-breakpoint
-- The usage recorded before this migration.
INSERT INTO usage_daily AS d
    (grain, day, source, model, user_id, key_prefix, requests, errors, prompt_tokens, completion_tokens, ttft_hist)
  SELECT * FROM (
  SELECT
    CASE GROUPING(model, user_id, key_prefix)
      WHEN 7 THEN 'day' WHEN 3 THEN 'model' WHEN 5 THEN 'user' WHEN 4 THEN 'key' ELSE 'all'
    END::usage_grain AS grain,
    day, source, model, user_id, key_prefix,
    count(*)::integer AS requests,
    (count(*) FILTER (WHERE status >= 400))::integer AS errors,
    sum(prompt_tokens)::bigint AS prompt_tokens,
    sum(completion_tokens)::bigint AS completion_tokens,
    hearth_ttft_histogram(array_agg(ttft_ms)) AS ttft_hist
  FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, * FROM usage_event) AS e
  GROUP BY GROUPING SETS (
    (day, source), (day, source, model), (day, source, user_id),
    (day, source, user_id, key_prefix), (day, source, model, user_id, key_prefix)
  )
  -- Chat has no key: the key grain keeps API rows only.
  HAVING NOT (GROUPING(model, user_id, key_prefix) = 4 AND key_prefix IS NULL)
  ) AS g
  ORDER BY grain, day, source, model, user_id, key_prefix
  ON CONFLICT ON CONSTRAINT usage_daily_uniq DO UPDATE SET
    requests = d.requests + excluded.requests,
    errors = d.errors + excluded.errors,
    prompt_tokens = d.prompt_tokens + excluded.prompt_tokens,
    completion_tokens = d.completion_tokens + excluded.completion_tokens,
    ttft_hist = hearth_histogram_add(d.ttft_hist, excluded.ttft_hist, 1);
