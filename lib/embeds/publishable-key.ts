import { createHash, randomBytes } from "node:crypto";
import { PUBLISHABLE_KEY_PREFIX } from "./schemas";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 32 base62 characters: about 190 bits, unguessable even though the key itself is not secret. */
const BODY_CHARS = 32;
const SHOWN_CHARS = PUBLISHABLE_KEY_PREFIX.length + 6;

export function generatePublishableKey(): { key: string; prefix: string; hash: string } {
  let body = "";
  while (body.length < BODY_CHARS) {
    for (const byte of randomBytes(48)) {
      // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && body.length < BODY_CHARS) body += ALPHABET[byte % 62];
    }
  }
  const key = PUBLISHABLE_KEY_PREFIX + body;
  return { key, prefix: key.slice(0, SHOWN_CHARS), hash: hashPublishableKey(key) };
}

export function hashPublishableKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikePublishableKey(value: string): boolean {
  return value.startsWith(PUBLISHABLE_KEY_PREFIX) && /^[0-9A-Za-z]{20,64}$/.test(value.slice(3));
}
