import { randomUUID } from "node:crypto";

/** The caller's own request id when it is well formed (so their logs and ours line up), else a new one. */
export function requestIdOf(req: Request): string {
  return requestIdFrom(req.headers.get("x-request-id") ?? undefined);
}

/** The same, from the header's value as a plain Node server sees it. */
export function requestIdFrom(given: string | string[] | undefined): string {
  return typeof given === "string" && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}
