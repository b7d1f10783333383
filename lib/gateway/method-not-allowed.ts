import { randomUUID } from "node:crypto";
import type { OpenAIErrorBody } from "./openai-error";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (req: Request) => Promise<Response>;

/**
 * Handlers for the methods a /v1 route does not support. Next.js would answer
 * them with an empty 405; OpenAI's SDKs expect their error body, and a client
 * author wants to be told which method to use (the Allow header says it too).
 * OPTIONS answers 204 with the same Allow, as Next.js would on its own.
 */
export function methodNotAllowed(allowed: Method[]) {
  // Next.js answers HEAD with the GET handler when there is one.
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: Handler = async (req) => {
    const body: OpenAIErrorBody = {
      error: {
        message: `${req.method} is not supported on ${new URL(req.url).pathname}; use ${allowed.join(" or ")}.`,
        type: "invalid_request_error",
        param: null,
        code: "method_not_allowed",
      },
    };
    return Response.json(body, { status: 405, headers: { allow, "x-request-id": randomUUID() } });
  };
  const options: Handler = async () => new Response(null, { status: 204, headers: { allow } });
  // Each route exports the ones it does not implement itself.
  return {
    GET: refuse,
    HEAD: refuse,
    POST: refuse,
    PUT: refuse,
    PATCH: refuse,
    DELETE: refuse,
    OPTIONS: options,
  };
}
