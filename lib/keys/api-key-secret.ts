import { createHash, randomBytes } from "node:crypto";

export const KEY_PREFIX = "sk-hearth-";
/**
 * What a key can be limited to. "chat" is text generation in every form:
 * /v1/chat/completions, /v1/responses (and its stored responses) and the
 * legacy /v1/completions, as a person scoping a key to "chat" would expect.
 */
export const API_ENDPOINTS = ["chat", "embeddings", "models"] as const;
export type ApiEndpoint = (typeof API_ENDPOINTS)[number];
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// 43 base62 characters carry 256 bits.
const SECRET_CHARS = 43;
/** How much of a key is kept in clear to recognise it: "sk-hearth-" and 6 more. */
const SHOWN_CHARS = KEY_PREFIX.length + 6;

export interface GeneratedKey {
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): GeneratedKey {
  let body = "";
  while (body.length < SECRET_CHARS) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && body.length < SECRET_CHARS) body += ALPHABET[byte % 62];
    }
  }
  const key = KEY_PREFIX + body;
  return { key, prefix: displayPrefix(key), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function displayPrefix(key: string): string {
  return key.slice(0, SHOWN_CHARS);
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && /^[0-9A-Za-z]+$/.test(value.slice(KEY_PREFIX.length));
}
