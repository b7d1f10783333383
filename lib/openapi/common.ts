/**
 * The pieces every path file shares: the two error shapes, the rate-limit
 * headers, the two ways to authenticate, and helpers that turn a zod schema
 * into a documented JSON body or response.
 */
import { z } from "zod";
import type { ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from "zod-openapi";

export const API_KEY = "apiKey";
export const SESSION = "session";
export const PUBLISHABLE_KEY = "publishableKey";

/** Sign-in for the management API: the session cookie the app sets; for /v1: an API key. */
export const securitySchemes = {
  [API_KEY]: {
    type: "http",
    scheme: "bearer",
    description:
      "An API key from Settings → API keys (`sk-hearth-…`), sent as `Authorization: Bearer <key>`. Used by the OpenAI-compatible `/v1` endpoints.",
  },
  [SESSION]: {
    type: "apiKey",
    in: "cookie",
    name: "better-auth.session_token",
    description:
      "The session cookie the app sets when you sign in (`__Secure-better-auth.session_token` over HTTPS). Used by the management API under `/api`; requests that change something must also come from the app's own origin. In this page there is nothing to paste: signed in, your browser sends the cookie itself.",
  },
  [PUBLISHABLE_KEY]: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "pk_…",
    description:
      "An embed's publishable key (`pk_…`, from Settings → Embeds), sent as `Authorization: Bearer <key>`. Public by design: it goes into a site's HTML and opens only the visitor API under `/api/embed` of its one embed, from the origins the embed allows. Each call also sends the visitor's random id in `x-hearth-visitor`.",
  },
} as const;

export const bearer = [{ [API_KEY]: [] }];
export const session = [{ [SESSION]: [] }];
export const publishable = [{ [PUBLISHABLE_KEY]: [] }];

/** OpenAI's error body, as `/v1` answers every error: what every OpenAI SDK turns into its exceptions. */
export const openAIError = z
  .object({
    error: z.object({
      message: z.string().meta({ description: "What went wrong, written for a person." }),
      type: z.string().meta({ example: "invalid_request_error" }),
      param: z.string().nullable().meta({ description: "The request field at fault, if one is." }),
      code: z.string().nullable().meta({ example: "model_not_found" }),
    }),
  })
  .meta({ id: "OpenAIError", description: "OpenAI's error shape." });

/** The management API's error body (lib/http/route.ts). */
export const appError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "The kind of error.", example: "not_found" }),
      message: z.string().meta({ description: "What went wrong, written for a person." }),
      param: z.string().optional().meta({ description: "The field at fault, when one is." }),
      requestId: z.string().optional().meta({ description: "On a 500: the id to give your administrator." }),
    }),
  })
  .meta({ id: "Error", description: "The management API's error shape." });

const header = (description: string, example: string) => z.string().meta({ description, example });

/** Sent with every /v1 answer that passed the key check. */
export const rateLimitHeaders = z.object({
  "x-ratelimit-limit-requests": header("Requests allowed per minute for this key's user.", "60"),
  "x-ratelimit-remaining-requests": header("Requests left in the current minute.", "59"),
  "x-ratelimit-reset-requests": header("When the minute's budget is full again.", "1s"),
});

const retryHeaders = z.object({
  "retry-after": header("Seconds to wait before trying again.", "12"),
  "retry-after-ms": header("The same wait in milliseconds.", "11250"),
});

const V1_ERRORS: Record<number, string> = {
  400: "The request is malformed or a field is invalid; `param` names it.",
  401: "No API key, or one that is unknown, revoked or expired.",
  403: "The key may not use this endpoint or model, or its user is disabled.",
  404: "No such model (`model_not_found`) or object (`not_found`).",
  413: "The body is larger than this endpoint takes.",
  429: "Too many requests this minute, or the day's token budget is spent. Wait `retry-after` seconds.",
  500: "Something failed inside Hearth.",
  502: "The model's runner answered with an error.",
  503: "No runner can serve the model right now.",
  504: "The runner took too long to answer.",
};

const API_ERRORS: Record<number, string> = {
  400: "The request is malformed or a field is invalid; `param` names it.",
  401: "Not signed in.",
  403: "Signed in, but not allowed (an admin route, or a request from another site).",
  404: "No such object, or it belongs to someone else.",
  409: "The change conflicts with the current state.",
  413: "The body is larger than this endpoint takes.",
  415: "The body is not of the content type this endpoint takes.",
  429: "Too many requests; wait `retry-after` seconds.",
  500: "Something failed inside Hearth; `requestId` identifies it in the server log.",
  502: "A runner answered with an error.",
  503: "A runner or the database is unavailable.",
};

/** The visitor API's errors (/api/embed, lib/embeds/with-embed-visitor.ts): the same shape, other causes. */
const EMBED_ERRORS: Record<number, string> = {
  400: "No valid visitor id in `x-hearth-visitor`, or a field of the body is invalid; `param` names it.",
  401: "No publishable key, or one that is not valid (unknown, or replaced by a new key).",
  403: "This site's origin is not one the embed allows, or the chat is unavailable: its key was revoked or its owner's account is disabled or awaiting approval.",
  404: "No such message in this visitor's conversation.",
  409: "The previous answer is still being written; wait for it or stop it.",
  413: "The body is larger than this endpoint takes.",
  429: "The visitor (or their address) is sending too fast, or the embed has spent its daily token budget; wait `retry-after` seconds.",
  500: "Something failed inside Hearth; `requestId` identifies it in the server log.",
  503: "The embed's model cannot be served right now.",
};

function errorResponses(
  table: Record<number, string>,
  schema: z.ZodType,
  statuses: number[],
): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  for (const status of statuses) {
    const response: ZodOpenApiResponseObject = {
      description: table[status] ?? "An error.",
      content: { "application/json": { schema } },
    };
    if (status === 429) response.headers = retryHeaders;
    out[String(status) as `${1 | 2 | 3 | 4 | 5}${string}`] = response;
  }
  return out;
}

/** The errors a /v1 endpoint answers, in OpenAI's shape; 401, 429 and 500 always. */
export const v1Errors = (...statuses: number[]) =>
  errorResponses(V1_ERRORS, openAIError, [...new Set([400, 401, 403, 429, 500, ...statuses])].sort());

/** The errors a signed-in /api endpoint answers; 401 and 500 always. */
export const apiErrors = (...statuses: number[]) =>
  errorResponses(API_ERRORS, appError, [...new Set([401, 500, ...statuses])].sort());

/** The errors of the visitor API behind a publishable key; 400, 401, 403 and 500 always. */
export function embedErrors(schema: z.ZodType, ...statuses: number[]): ZodOpenApiResponsesObject {
  const out = errorResponses(EMBED_ERRORS, schema, [...new Set([400, 401, 403, 500, ...statuses])].sort());
  // The visitor API sends retry-after only.
  if (out["429"]) out["429"] = { ...out["429"], headers: retryHeaders.pick({ "retry-after": true }) };
  return out;
}

/** The errors of an endpoint anyone may call. */
export const publicErrors = (...statuses: number[]) =>
  errorResponses(API_ERRORS, appError, [...new Set([500, ...statuses])].sort());

/** A JSON body or answer: the schema, and an example the tests send (bodies) or check (answers). */
export function json<T extends z.ZodType>(schema: T, example?: z.input<T> | z.output<T>) {
  return { "application/json": example === undefined ? { schema } : { schema, example } };
}

/** A JSON success answer. */
export function ok<T extends z.ZodType>(description: string, schema: T, example?: z.output<T>) {
  return { description, content: json(schema, example) } satisfies ZodOpenApiResponseObject;
}

export const noContent = { description: "Done; no body." } satisfies ZodOpenApiResponseObject;

/** A path parameter holding an id. */
export const idParam = (description: string, example?: string) =>
  z.string().meta({ description, ...(example ? { example } : {}) });

export const isoDate = z.string().meta({ format: "date-time", example: "2026-11-30T18:00:00.000Z" });
