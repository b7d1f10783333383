import "server-only";
import { AppError } from "@/lib/errors";
import { CLIENT_CLOSED_REQUEST } from "@/lib/http/client-gone";
import type { ApiEndpoint } from "@/lib/keys/api-key-secret";
import { verifyApiKey } from "@/lib/keys/verify-api-key";
import { logger } from "@/lib/log/logger";
import type { ApiHandler, ApiReply, ApiRequest } from "./api-call";
import { openAIErrorBody } from "./openai-error";
import { rateLimitHeaders, takeRequest, type RateLimitState } from "./rate-limit";
import { fromWebRequest, toWebResponse } from "./web-transport";

export interface ApiCaller {
  keyId: string;
  userId: string;
  keyPrefix: string;
  role: "ADMIN" | "USER";
  requestId: string;
  /** Models the key may use (null: all). */
  allowedModels: string[] | null;
  /**
   * Checks the key may call this endpoint (and model), then takes this
   * request's point from the key's window. Call once the request is valid.
   */
  admit: (what: { endpoint: ApiEndpoint; model?: string }) => Promise<RateLimitState>;
}

const REASONS = {
  invalid: "Incorrect API key provided. You can create keys in Hearth under Settings → API keys.",
  publishable:
    "This is an embed's publishable key (pk_...): it only works in Hearth's embedded chat. Use a secret API key (sk-hearth-...) here.",
  revoked: "This API key has been revoked.",
  expired: "This API key has expired.",
  disabled: "The account this API key belongs to is disabled.",
  pending: "The account this API key belongs to is waiting for an administrator's approval.",
} as const;

/** Whether the query string carries a key, as some clients send it: refused so it never lands in a URL log. */
function keyInQuery(search: string): boolean {
  if (!search) return false;
  const query = new URLSearchParams(search);
  return query.has("api_key") || query.has("key") || query.has("token");
}

/**
 * The guard for /v1/*, whichever transport carries the request: a hashed
 * Bearer key, OpenAI-shaped errors, rate-limit headers on every answer. Keys
 * in the query string are refused outright.
 */
export function guardApiKey(
  handler: (req: ApiRequest, caller: ApiCaller, params: Record<string, string>) => Promise<ApiReply>,
): ApiHandler {
  return async (req, params) => {
    const { requestId } = req;
    let limitState: RateLimitState | undefined;
    let reply: ApiReply;
    try {
      if (keyInQuery(req.search)) {
        throw new AppError(
          "unauthorized",
          "API keys are accepted only in the Authorization header (Authorization: Bearer sk-hearth-...), never in the URL.",
        );
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header("authorization") ?? "");
      if (!match) {
        throw new AppError(
          "unauthorized",
          "You didn't provide an API key. Send it as Authorization: Bearer sk-hearth-...",
        );
      }
      const check = await verifyApiKey(match[1]!);
      if (!check.ok) {
        // A pending account, or a real key of the wrong kind, is known, just not allowed here: 403, not 401.
        throw new AppError(
          check.reason === "pending" || check.reason === "publishable" ? "forbidden" : "unauthorized",
          REASONS[check.reason],
        );
      }
      const caller: ApiCaller = {
        keyId: check.keyId,
        userId: check.userId,
        keyPrefix: check.prefix,
        role: check.role,
        requestId,
        allowedModels: check.allowedModels,
        admit: async ({ endpoint, model }) => {
          if (check.allowedEndpoints && !check.allowedEndpoints.includes(endpoint)) {
            throw new AppError("forbidden", `This API key may not call the ${endpoint} endpoint.`);
          }
          if (model !== undefined && check.allowedModels && !check.allowedModels.includes(model)) {
            throw new AppError("forbidden", `This API key may not use the model '${model}'.`, {
              param: "model",
            });
          }
          limitState = await takeRequest({ keyId: check.keyId, userId: check.userId, limits: check.limits });
          return limitState;
        },
      };
      reply = await handler(req, caller, params);
      if (limitState) Object.assign(reply.headers, rateLimitHeaders(limitState));
    } catch (err) {
      reply = apiErrorReply(err, req);
    }
    reply.headers["x-request-id"] = requestId;
    return reply;
  };
}

/** Whether an error only means the client went away: nothing to answer, nothing wrong on our side. */
function clientGone(req: ApiRequest, err: unknown): boolean {
  if (req.signal.aborted) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (
    err.name === "AbortError" || code === "ECONNRESET" || code === "ABORT_ERR" || err.message === "aborted"
  );
}

/** The answer to an error on /v1: OpenAI's shape; anything unexpected is logged and named by request id. */
export function apiErrorReply(err: unknown, req: ApiRequest): ApiReply {
  if (err instanceof AppError) {
    return { kind: "json", status: err.status, headers: { ...err.headers }, body: openAIErrorBody(err) };
  }
  if (clientGone(req, err)) {
    logger().debug({ requestId: req.requestId, path: req.pathname }, "client went away before the answer");
    return { kind: "empty", status: CLIENT_CLOSED_REQUEST, headers: {} };
  }
  logger().error({ err, requestId: req.requestId, path: req.pathname }, "unexpected error on /v1");
  return {
    kind: "json",
    status: 500,
    headers: {},
    body: openAIErrorBody(
      new AppError(
        "internal",
        `The server had an error while processing your request. Request id: ${req.requestId}`,
      ),
    ),
  };
}

/**
 * The same guard for a handler written with web Request/Response (a Next.js
 * route handler, or one mounted on the fast path through its web adapter).
 */
export function withApiKey<C>(handler: (req: Request, caller: ApiCaller, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const guarded = guardApiKey(async (_api, caller) => {
      const response = await handler(req, caller, ctx);
      return { kind: "response", status: response.status, headers: {}, response };
    });
    return toWebResponse(await guarded(fromWebRequest(req), {}));
  };
}
