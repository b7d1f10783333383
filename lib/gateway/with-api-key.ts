import "server-only";
import { AppError } from "@/lib/errors";
import { CLIENT_CLOSED_REQUEST, isClientGone } from "@/lib/http/client-gone";
import { requestIdOf } from "@/lib/http/request-id";
import type { ApiEndpoint } from "@/lib/keys/api-key-secret";
import { verifyApiKey } from "@/lib/keys/verify-api-key";
import { logger } from "@/lib/log/logger";
import { openAIErrorBody, openAIErrorResponse } from "./openai-error";
import { rateLimitHeaders, takeRequest, type RateLimitState } from "./rate-limit";

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
  revoked: "This API key has been revoked.",
  expired: "This API key has expired.",
  disabled: "The account this API key belongs to is disabled.",
  pending: "The account this API key belongs to is waiting for an administrator's approval.",
} as const;

/**
 * The guard for /v1/*: a hashed Bearer key, OpenAI-shaped errors, rate-limit
 * headers on every answer. Keys in the query string are refused outright.
 */
export function withApiKey<C>(handler: (req: Request, caller: ApiCaller, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const requestId = requestIdOf(req);
    let limitState: RateLimitState | undefined;
    try {
      const url = new URL(req.url);
      if (url.searchParams.has("api_key") || url.searchParams.has("key") || url.searchParams.has("token")) {
        throw new AppError(
          "unauthorized",
          "API keys are accepted only in the Authorization header (Authorization: Bearer sk-hearth-...), never in the URL.",
        );
      }
      const header = req.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) {
        throw new AppError(
          "unauthorized",
          "You didn't provide an API key. Send it as Authorization: Bearer sk-hearth-...",
        );
      }
      const check = await verifyApiKey(match[1]!);
      if (!check.ok) {
        // A pending account is known and signed in, just not allowed yet: 403, not 401.
        throw new AppError(check.reason === "pending" ? "forbidden" : "unauthorized", REASONS[check.reason]);
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
      const res = await handler(req, caller, ctx);
      if (limitState)
        for (const [k, v] of Object.entries(rateLimitHeaders(limitState))) res.headers.set(k, v);
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      const known = openAIErrorResponse(err, requestId);
      if (known) return known;
      if (isClientGone(req, err)) {
        logger().debug({ requestId, path: new URL(req.url).pathname }, "client went away before the answer");
        return new Response(null, { status: CLIENT_CLOSED_REQUEST, headers: { "x-request-id": requestId } });
      }
      logger().error({ err, requestId, path: new URL(req.url).pathname }, "unexpected error on /v1");
      return Response.json(
        openAIErrorBody(
          new AppError(
            "internal",
            `The server had an error while processing your request. Request id: ${requestId}`,
          ),
        ),
        { status: 500, headers: { "x-request-id": requestId } },
      );
    }
  };
}
