import "server-only";
import { requireAdmin, requireUser, type CurrentUser } from "@/lib/auth/session";
import { refuseCrossSite, type BodyType } from "./cross-site";
import { route } from "./route";

type Params = Record<string, string>;

export type SessionHandler<P extends Params> = (
  req: Request,
  ctx: { user: CurrentUser; params: P; requestId: string },
) => Promise<Response>;

export interface GuardOptions {
  /** The type a state-changing request's body must have (JSON unless said otherwise). */
  body?: BodyType;
}

/**
 * Makes a guard for cookie-authenticated routes from the check that finds the
 * caller: `route()` (request id, error mapping), then the cross-site check,
 * then the session, then the handler with the user and its resolved params.
 * `withUser` is one; an admin guard is `sessionGuard(requireAdmin)`.
 */
export function sessionGuard(authorize: (req: Request) => Promise<CurrentUser>) {
  return function guard<P extends Params = Record<string, never>>(
    handler: SessionHandler<P>,
    options: GuardOptions = {},
  ) {
    return route<{ params: Promise<P> }>(async (req, ctx) => {
      refuseCrossSite(req, options.body ?? "application/json");
      const user = await authorize(req);
      const params = ((await ctx.params) ?? {}) as P;
      return handler(req, { user, params, requestId: ctx.requestId });
    });
  };
}

/** The guard for the UI's APIs: a signed-in, enabled user, on a request from our own origin. */
export const withUser = sessionGuard(requireUser);

/**
 * The guard for /api/admin: the same checks, then ADMIN only (401 signed out,
 * 403 for a USER) before the handler or the body is touched.
 */
export const withAdmin = sessionGuard(requireAdmin);
