import { randomUUID } from "node:crypto";

/** The caller's own request id when it is well formed (so their logs and ours line up), else a new one. */
export function requestIdOf(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}
