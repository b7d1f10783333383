import "server-only";
import { randomUUID } from "node:crypto";
import { isStatementTimeout, statementTimeoutError } from "@/lib/db/statement-timeout";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";

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
      res = errorResponse(err, requestId, req);
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

function requestIdOf(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}
