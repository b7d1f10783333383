import { createHash, randomBytes } from "node:crypto";

/** 24 random bytes (192 bits) in the URL. */
export function newShareToken(): string {
  return randomBytes(24).toString("base64url");
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeShareToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(token);
}
