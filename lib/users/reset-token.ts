import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** A new link's secret: 256 random bits, URL-safe. Only its hash is stored. */
export function newResetToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether a string could be one of our tokens at all (checked before any query). */
export function looksLikeResetToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
