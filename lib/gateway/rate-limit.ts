import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { postgresLimiter } from "@/lib/rate-limit/postgres-limiter";

/**
 * Per-key request window and daily token quota, counted in PostgreSQL so that
 * every app process shares one count.
 */
function limiters() {
  const { rateLimit } = config();
  return {
    requests: postgresLimiter("v1:requests", {
      points: rateLimit.requests,
      duration: Math.ceil(rateLimit.windowMs / 1000),
    }),
    tokens: postgresLimiter("v1:tokens", {
      points: Math.max(1, rateLimit.tokensPerDay),
      duration: 24 * 60 * 60,
    }),
  };
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetMs: number;
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

/** Takes one request from the key's window, or throws a 429 that says when to retry. */
export async function takeRequest(keyId: string): Promise<RateLimitState> {
  const { rateLimit } = config();
  const limit = rateLimit.requests;
  const l = limiters();
  if (rateLimit.tokensPerDay > 0) {
    const used = await l.tokens.get(keyId);
    if (used && used.consumedPoints >= rateLimit.tokensPerDay) {
      throw new AppError(
        "rate_limited",
        `This key has used its ${rateLimit.tokensPerDay} tokens for today.`,
        {
          headers: {
            "retry-after": String(Math.ceil(used.msBeforeNext / 1000)),
            "retry-after-ms": String(used.msBeforeNext),
            // Retrying within seconds will not help: the quota resets daily.
            "x-should-retry": "false",
          },
        },
      );
    }
  }
  try {
    const res = await l.requests.consume(keyId, 1);
    return { limit, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const state = { limit, remaining: 0, resetMs: err.msBeforeNext };
    throw new AppError(
      "rate_limited",
      `Rate limit reached: ${limit} requests per ${formatReset(rateLimit.windowMs)}. Try again in ${formatReset(err.msBeforeNext)}.`,
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

/** Counts a finished request's tokens against the key's daily quota (when one is set). */
export async function addTokens(keyId: string, tokens: number): Promise<void> {
  if (config().rateLimit.tokensPerDay <= 0 || tokens <= 0) return;
  await limiters()
    .tokens.penalty(keyId, tokens)
    .catch(() => {});
}
