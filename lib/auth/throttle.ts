import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "@/lib/db/client";

/**
 * Sign-in and sign-up throttling, counted in PostgreSQL so that every app
 * process shares one count. Points are taken before the attempt runs, which
 * keeps the limit exact under concurrency; a successful sign-in gives the
 * account's points back.
 */
export const LIMITS = {
  signInPerIp: { points: 30, duration: 15 * 60 },
  signInPerAccount: { points: 10, duration: 15 * 60 },
  signUpPerIp: { points: 20, duration: 60 * 60 },
} as const;

type LimiterName = keyof typeof LIMITS;
const holder = globalThis as unknown as { __hearthLimiters?: Record<LimiterName, RateLimiterPostgres> };

function limiters(): Record<LimiterName, RateLimiterPostgres> {
  if (holder.__hearthLimiters) return holder.__hearthLimiters;
  const make = (name: LimiterName) =>
    new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: `auth:${name}`,
      ...LIMITS[name],
    });
  holder.__hearthLimiters = {
    signInPerIp: make("signInPerIp"),
    signInPerAccount: make("signInPerAccount"),
    signUpPerIp: make("signUpPerIp"),
  };
  return holder.__hearthLimiters;
}

/** Accounts are keyed by a hash of the address, so the table holds no emails. */
export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** Seconds until another attempt is allowed, or 0 when this one may go ahead. */
export async function takeAttempt(name: LimiterName, key: string): Promise<number> {
  try {
    await limiters()[name].consume(key, 1);
    return 0;
  } catch (err) {
    if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw err;
  }
}

export async function forgetAttempts(name: LimiterName, key: string): Promise<void> {
  await limiters()[name].delete(key);
}
