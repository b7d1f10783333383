import "server-only";
import { createHash } from "node:crypto";
import { postgresLimiter, takePoints } from "@/lib/rate-limit/postgres-limiter";

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

const limiter = (name: LimiterName) => postgresLimiter(`auth:${name}`, LIMITS[name]);

/** Accounts are keyed by a hash of the address, so the table holds no emails. */
export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** Seconds until another attempt is allowed, or 0 when this one may go ahead. */
export async function takeAttempt(name: LimiterName, key: string): Promise<number> {
  return takePoints(limiter(name), key);
}

export async function forgetAttempts(name: LimiterName, key: string): Promise<void> {
  await limiter(name).delete(key);
}
