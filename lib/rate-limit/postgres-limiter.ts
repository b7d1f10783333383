import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "@/lib/db/client";

/**
 * Counters kept in PostgreSQL (the rate_limit table), so that every app
 * process shares one count. Points are taken atomically (one upsert), which
 * keeps a limit exact under concurrency. One limiter per key prefix and
 * limit, kept across hot reloads and route bundles.
 */
const holder = globalThis as unknown as { __hearthPgLimiters?: Map<string, RateLimiterPostgres> };

export function postgresLimiter(
  keyPrefix: string,
  limit: { points: number; duration: number },
): RateLimiterPostgres {
  holder.__hearthPgLimiters ??= new Map();
  // Limits an admin changes at run time get a limiter of their own over the same counters.
  const id = `${keyPrefix}|${limit.points}|${limit.duration}`;
  let limiter = holder.__hearthPgLimiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix,
      ...limit,
    });
    holder.__hearthPgLimiters.set(id, limiter);
  }
  return limiter;
}

/** Takes `points` for `key`: 0 when allowed, else the seconds until it would be. */
export async function takePoints(limiter: RateLimiterPostgres, key: string, points = 1): Promise<number> {
  try {
    await limiter.consume(key, points);
    return 0;
  } catch (err) {
    if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw err;
  }
}
