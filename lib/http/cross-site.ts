import "server-only";
import { AppError } from "@/lib/errors";
import { normalOrigin, trustedOrigins } from "./trusted-origins";

/** What a state-changing request's body must be sent as, when it has one. */
export type BodyType = "application/json" | "multipart/form-data";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses a state-changing request another site made the browser send with
 * the user's cookie: its Origin must be one of ours (or, when a browser sends
 * none, Sec-Fetch-Site must say same-origin), and a body must have the type
 * the route reads. A cross-site form can only send text/plain, urlencoded or
 * multipart bodies, so requiring JSON also shuts the door on old browsers.
 * Reads headers only: nothing of the body is read before this passes.
 */
export function refuseCrossSite(req: Request, bodyType: BodyType): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const origin = req.headers.get("origin");
  const sameOrigin =
    origin === null
      ? req.headers.get("sec-fetch-site") === "same-origin"
      : trustedOrigins(req.headers).includes(normalOrigin(origin) ?? "");
  if (!sameOrigin) {
    throw new AppError(
      "forbidden",
      "This request came from another site, so it was refused. Use Hearth's own pages, or an API key on /v1.",
    );
  }
  if (hasBody(req) && mediaType(req) !== bodyType) {
    throw new AppError("unsupported_media_type", `Send the request body as ${bodyType}.`);
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  return (
    req.headers.has("content-type") ||
    req.headers.has("transfer-encoding") ||
    (length !== null && length.trim() !== "0")
  );
}

function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}
