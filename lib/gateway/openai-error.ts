import { isAppError, type AppError } from "@/lib/errors";

/** OpenAI's error body: what every SDK parses into its exception classes. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  403: "permission_error",
  404: "invalid_request_error",
  413: "invalid_request_error",
  429: "rate_limit_error",
};

const CODE_BY_KIND: Partial<Record<AppError["kind"], string>> = {
  unauthorized: "invalid_api_key",
  not_found: "model_not_found",
  payload_too_large: "request_too_large",
  rate_limited: "rate_limit_exceeded",
  upstream_timeout: "timeout",
};

function codeOf(err: AppError): string | null {
  // Only a missing model is "model_not_found"; a missing response (or anything else) is plain "not_found".
  if (err.kind === "not_found" && err.param !== "model") return "not_found";
  return CODE_BY_KIND[err.kind] ?? null;
}

export function openAIErrorBody(err: AppError, code?: string): OpenAIErrorBody {
  return {
    error: {
      message: err.message,
      type: TYPE_BY_STATUS[err.status] ?? "server_error",
      param: err.param ?? null,
      code: code ?? codeOf(err),
    },
  };
}

/** The response for an error on /v1: OpenAI's shape, the AppError's status and headers. */
export function openAIErrorResponse(err: unknown, requestId: string): Response | null {
  if (!isAppError(err)) return null;
  return Response.json(openAIErrorBody(err), {
    status: err.status,
    headers: { ...err.headers, "x-request-id": requestId },
  });
}
