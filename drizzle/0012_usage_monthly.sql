CREATE TABLE "usage_monthly" (
	"grain" "usage_grain" NOT NULL,
	"month" date NOT NULL,
	"source" "usage_source" NOT NULL,
	"model" text,
	"user_id" text,
	"key_prefix" text,
	"requests" integer NOT NULL,
	"errors" integer NOT NULL,
	"prompt_tokens" bigint NOT NULL,
	"completion_tokens" bigint NOT NULL,
	"ttft_hist" integer[] NOT NULL,
	CONSTRAINT "usage_monthly_uniq" UNIQUE NULLS NOT DISTINCT("grain","month","source","model","user_id","key_prefix")
);
--> statement-breakpoint
ALTER TABLE "usage_monthly" ADD CONSTRAINT "usage_monthly_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- The triggers of 0011 now keep usage_monthly too: the same sums per UTC
-- calendar month at the model, user and key grains (the ones a long range
-- groups by; the chart and the CSV export stay per day). Daily rows first,
-- then monthly, each in key order, so two writers lock rows in one order.
CREATE OR REPLACE FUNCTION hearth_usage_daily_add() RETURNS trigger
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

  INSERT INTO usage_monthly AS m
    (grain, month, source, model, user_id, key_prefix, requests, errors, prompt_tokens, completion_tokens, ttft_hist)
  SELECT * FROM (
  SELECT
    CASE GROUPING(model, user_id, key_prefix) WHEN 3 THEN 'model' WHEN 5 THEN 'user' ELSE 'key' END::usage_grain AS grain,
    month, source, model, user_id, key_prefix,
    count(*)::integer AS requests,
    (count(*) FILTER (WHERE status >= 400))::integer AS errors,
    sum(prompt_tokens)::bigint AS prompt_tokens,
    sum(completion_tokens)::bigint AS completion_tokens,
    hearth_ttft_histogram(array_agg(ttft_ms)) AS ttft_hist
  FROM (SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, * FROM inserted) AS e
  GROUP BY GROUPING SETS ((month, source, model), (month, source, user_id), (month, source, user_id, key_prefix))
  HAVING NOT (GROUPING(model, user_id, key_prefix) = 4 AND key_prefix IS NULL)
  ) AS g
  ORDER BY grain, month, source, model, user_id, key_prefix
  ON CONFLICT ON CONSTRAINT usage_monthly_uniq DO UPDATE SET
    requests = m.requests + excluded.requests,
    errors = m.errors + excluded.errors,
    prompt_tokens = m.prompt_tokens + excluded.prompt_tokens,
    completion_tokens = m.completion_tokens + excluded.completion_tokens,
    ttft_hist = hearth_histogram_add(m.ttft_hist, excluded.ttft_hist, 1);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Deleted usage leaves the monthly sums as it leaves the daily ones (0011).
CREATE OR REPLACE FUNCTION hearth_usage_daily_remove() RETURNS trigger
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

  UPDATE usage_monthly AS m SET
    requests = m.requests - g.requests,
    errors = m.errors - g.errors,
    prompt_tokens = m.prompt_tokens - g.prompt_tokens,
    completion_tokens = m.completion_tokens - g.completion_tokens,
    ttft_hist = hearth_histogram_add(m.ttft_hist, g.ttft_hist, -1)
  FROM (
  SELECT
    CASE GROUPING(model, user_id, key_prefix) WHEN 3 THEN 'model' WHEN 5 THEN 'user' ELSE 'key' END::usage_grain AS grain,
    month, source, model, user_id, key_prefix,
    count(*)::integer AS requests,
    (count(*) FILTER (WHERE status >= 400))::integer AS errors,
    sum(prompt_tokens)::bigint AS prompt_tokens,
    sum(completion_tokens)::bigint AS completion_tokens,
    hearth_ttft_histogram(array_agg(ttft_ms)) AS ttft_hist
  FROM (SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, * FROM removed) AS e
  GROUP BY GROUPING SETS ((month, source, model), (month, source, user_id), (month, source, user_id, key_prefix))
  HAVING NOT (GROUPING(model, user_id, key_prefix) = 4 AND key_prefix IS NULL)
  ) AS g
  WHERE m.grain = g.grain AND m.month = g.month AND m.source = g.source
    AND m.model IS NOT DISTINCT FROM g.model
    AND m.user_id IS NOT DISTINCT FROM g.user_id
    AND m.key_prefix IS NOT DISTINCT FROM g.key_prefix;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The usage recorded before this migration.
INSERT INTO usage_monthly
    (grain, month, source, model, user_id, key_prefix, requests, errors, prompt_tokens, completion_tokens, ttft_hist)
  SELECT
    CASE GROUPING(model, user_id, key_prefix) WHEN 3 THEN 'model' WHEN 5 THEN 'user' ELSE 'key' END::usage_grain,
    month, source, model, user_id, key_prefix,
    count(*)::integer,
    (count(*) FILTER (WHERE status >= 400))::integer,
    sum(prompt_tokens)::bigint,
    sum(completion_tokens)::bigint,
    hearth_ttft_histogram(array_agg(ttft_ms))
  FROM (SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, * FROM usage_event) AS e
  GROUP BY GROUPING SETS ((month, source, model), (month, source, user_id), (month, source, user_id, key_prefix))
  HAVING NOT (GROUPING(model, user_id, key_prefix) = 4 AND key_prefix IS NULL);
