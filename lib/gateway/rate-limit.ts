import "server-only";
import { eq } from "drizzle-orm";
import { RateLimiterRes } from "rate-limiter-flexible";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { postgresLimiter } from "@/lib/rate-limit/postgres-limiter";
import { getSettings } from "@/lib/settings/settings";

/**
 * Request windows and daily token quotas, counted in PostgreSQL so that every
 * app process shares one count.
 *
 * How per-key and per-user limits combine:
 * - The instance defaults (settings: rateLimitRequests per rateLimitWindowMs,
 *   rateLimitTokensPerDay) apply to each API key on its own, as before.
 * - A user's own limit (user.requestsPerMinute, user.tokensPerDay, set by an
 *   admin) replaces the default for that dimension, and is counted once per
 *   user across all their keys and their chat together.
 * - Chat has no request window or quota unless the user has a limit of their own.
 * Tokens are always counted per user, so a quota set mid-day sees the day's use.
 */
const DAY_SECONDS = 24 * 60 * 60;
const USER_WINDOW_MS = 60_000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetMs: number;
}

export interface UserLimits {
  requestsPerMinute: number | null;
  tokensPerDay: number | null;
}

/** OpenAI's duration format for reset headers: "1s", "6m0s", "1h2m3s". */
export function formatReset(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "x-ratelimit-limit-requests": String(state.limit),
    "x-ratelimit-remaining-requests": String(state.remaining),
    "x-ratelimit-reset-requests": formatReset(state.resetMs),
  };
}

// The quota's own points are never consumed (only penalised and read), so one limiter serves every quota.
const tokenCounter = () => postgresLimiter("v1:tokens", { points: 1, duration: DAY_SECONDS });
const keyTokens = (keyId: string) => keyId;
const userTokens = (userId: string) => `user:${userId}`;

/** Read on every request, never cached: an admin's change applies to the very next one. */
async function userLimits(userId: string): Promise<UserLimits> {
  const u = schema.user;
  const [row] = await db()
    .select({ requestsPerMinute: u.requestsPerMinute, tokensPerDay: u.tokensPerDay })
    .from(u)
    .where(eq(u.id, userId));
  return row ?? { requestsPerMinute: null, tokensPerDay: null };
}

async function refuseSpentQuota(counterKey: string, limit: number, message: string): Promise<void> {
  const used = await tokenCounter().get(counterKey);
  if (!used || used.consumedPoints < limit) return;
  throw new AppError("rate_limited", message, {
    headers: {
      "retry-after": String(Math.ceil(used.msBeforeNext / 1000)),
      "retry-after-ms": String(used.msBeforeNext),
      // Retrying within seconds will not help: the quota resets daily.
      "x-should-retry": "false",
    },
  });
}

const userQuotaSpent = (limit: number) =>
  `You have used your ${limit} tokens for today. Your limit resets within 24 hours; an administrator can raise it.`;

async function consumeWindow(
  name: string,
  key: string,
  limit: number,
  windowMs: number,
): Promise<RateLimitState> {
  const limiter = postgresLimiter(name, { points: limit, duration: Math.ceil(windowMs / 1000) });
  try {
    const res = await limiter.consume(key, 1);
    return { limit, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const state = { limit, remaining: 0, resetMs: err.msBeforeNext };
    throw new AppError(
      "rate_limited",
      `Rate limit reached: ${limit} requests per ${formatReset(windowMs)}. Try again in ${formatReset(err.msBeforeNext)}.`,
      {
        headers: {
          ...rateLimitHeaders(state),
          "retry-after": String(Math.max(1, Math.ceil(err.msBeforeNext / 1000))),
          "retry-after-ms": String(err.msBeforeNext),
        },
      },
    );
  }
}

/** Takes one /v1 request from the user's window (if they have a limit) or the key's, or throws a 429 that says when to retry. */
export async function takeRequest(input: {
  keyId: string;
  userId: string;
  /** The owner's limits when the caller already has them (the key check reads them): no second query. */
  limits?: UserLimits;
}): Promise<RateLimitState> {
  const [settings, limits] = await Promise.all([getSettings(), input.limits ?? userLimits(input.userId)]);
  if (limits.tokensPerDay !== null) {
    await refuseSpentQuota(
      userTokens(input.userId),
      limits.tokensPerDay,
      userQuotaSpent(limits.tokensPerDay),
    );
  } else if (settings.rateLimitTokensPerDay > 0) {
    await refuseSpentQuota(
      keyTokens(input.keyId),
      settings.rateLimitTokensPerDay,
      `This key has used its ${settings.rateLimitTokensPerDay} tokens for today.`,
    );
  }
  if (limits.requestsPerMinute !== null) {
    return consumeWindow("user:requests", input.userId, limits.requestsPerMinute, USER_WINDOW_MS);
  }
  return consumeWindow("v1:requests", input.keyId, settings.rateLimitRequests, settings.rateLimitWindowMs);
}

/** Checks a chat message against the user's own limits (chat has none otherwise). */
export async function takeChatRequest(userId: string): Promise<void> {
  const limits = await userLimits(userId);
  if (limits.tokensPerDay !== null) {
    await refuseSpentQuota(userTokens(userId), limits.tokensPerDay, userQuotaSpent(limits.tokensPerDay));
  }
  if (limits.requestsPerMinute !== null) {
    await consumeWindow("user:requests", userId, limits.requestsPerMinute, USER_WINDOW_MS);
  }
}

/** Counts a finished request's tokens against the user's day and, when the default quota is on, the key's. */
export async function addTokens(input: { keyId?: string; userId: string; tokens: number }): Promise<void> {
  if (input.tokens <= 0) return;
  const counter = tokenCounter();
  const writes = [counter.penalty(userTokens(input.userId), input.tokens)];
  if (input.keyId && (await getSettings()).rateLimitTokensPerDay > 0) {
    writes.push(counter.penalty(keyTokens(input.keyId), input.tokens));
  }
  await Promise.all(writes).catch(() => {});
}
