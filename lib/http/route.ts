import "server-only";
import { isStatementTimeout, statementTimeoutError } from "@/lib/db/statement-timeout";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { CLIENT_CLOSED_REQUEST, isClientGone } from "./client-gone";
import { requestIdOf } from "./request-id";

type Handler<C> = (req: Request, ctx: C & { requestId: string }) => Promise<Response>;

/**
 * Wraps a route handler: gives the request an id, turns an AppError into its
 * status and a JSON body, and turns anything unexpected into a logged 500 whose
 * body carries only a generic message and the request id.
 */
export function route<C = unknown>(handler: Handler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const requestId = requestIdOf(req);
    let res: Response;
    try {
      res = await handler(req, { ...ctx, requestId });
    } catch (err) {
      if (isClientGone(req, err)) {
        // Nobody is left to read an answer; not an error on our side.
        logger().debug({ requestId, path: new URL(req.url).pathname }, "client went away mid-request");
        res = new Response(null, { status: CLIENT_CLOSED_REQUEST });
      } else {
        res = errorResponse(err, requestId, req);
      }
    }
    res.headers.set("x-request-id", requestId);
    return res;
  };
}

export function errorResponse(err: unknown, requestId: string, req?: Request): Response {
  if (!isAppError(err) && isStatementTimeout(err)) err = statementTimeoutError(undefined, err);
  if (isAppError(err)) {
    return Response.json(
      { error: { code: err.kind, message: err.message, ...(err.param ? { param: err.param } : {}) } },
      { status: err.status, headers: err.headers },
    );
  }
  logger().error(
    { err, requestId, method: req?.method, path: req ? new URL(req.url).pathname : undefined },
    "unexpected error",
  );
  return Response.json(
    {
      error: {
        code: "internal",
        message: `Something went wrong on our side. If it keeps happening, give your administrator this id: ${requestId}`,
        requestId,
      },
    },
    { status: 500 },
  );
}
