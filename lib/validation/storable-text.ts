import { z } from "zod";

/** Whether PostgreSQL can store the string: its text type refuses U+0000. */
export const hasNoNul = (s: string) => !s.includes("\u0000");

/**
 * A string that can be stored in a text column. Refused up front, a NUL is a
 * 400 naming the field; let through, it fails the insert and the request 500s.
 */
export function storableText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(hasNoNul, "must not contain NUL characters (U+0000)");
}
