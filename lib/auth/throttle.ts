import "server-only";
import { createHash } from "node:crypto";
import { postgresLimiter, takePoints } from "@/lib/rate-limit/postgres-limiter";

/**
 * Throttling of every password check (sign-in, verify-password,
 * change-password, delete-user) and of sign-up, counted in PostgreSQL so that
 * every app process shares one count. Points are taken before the attempt
 * runs, which keeps the limits exact under concurrency.
 *
 * An account is locked per address (account and address together, tight), so
 * an attacker hammering it locks out only themselves; a slower limit per
 * account catches guessing spread over many addresses, and does not apply to
 * an address the account has already signed in from, so even that attack
 * cannot lock the owner out of their usual devices.
 */
export const LIMITS = {
  passwordPerIp: { points: 30, duration: 15 * 60 },
  passwordPerAccountAndIp: { points: 10, duration: 15 * 60 },
  passwordPerAccount: { points: 100, duration: 60 * 60 },
  /** A successful check marks the account-and-address pair as the owner's for 30 days. */
  knownAddress: { points: 1, duration: 30 * 24 * 60 * 60 },
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

/**
 * Takes one password attempt for `account` from `ip`: 0 when it may go
 * ahead, else the seconds until it may.
 */
export async function takePasswordAttempt(
  account: string,
  ip: string,
  /** perAccount: false for checks by the account's own session (verify-password, change-password). */
  options: { perAccount?: boolean } = {},
): Promise<number> {
  const pair = `${account}:${ip}`;
  const known = options.perAccount === false || (await limiter("knownAddress").get(pair)) !== null;
  const waits = await Promise.all([
    takeAttempt("passwordPerIp", ip),
    takeAttempt("passwordPerAccountAndIp", pair),
    known ? 0 : takeAttempt("passwordPerAccount", account),
  ]);
  return Math.max(...waits);
}

/** After a right password: this address's failures are forgotten and it counts as the owner's. */
export async function passwordAccepted(account: string, ip: string): Promise<void> {
  const pair = `${account}:${ip}`;
  await Promise.all([
    limiter("passwordPerAccountAndIp").delete(pair),
    limiter("knownAddress").set(pair, 1, LIMITS.knownAddress.duration),
  ]);
}
