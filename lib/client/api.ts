import { toast } from "sonner";

/**
 * The browser's one way to call Hearth's UI API (/api/*): one error shape
 * (ApiError, whose message can be shown as it is) and one way to show it
 * (`toastError`). Same-origin only; the session cookie goes with every call.
 */

export const NETWORK_ERROR = "Could not reach Hearth. Check your connection and try again.";

/** A failed call, with the sentence to show, the HTTP status (0: no answer at all) and the field at fault. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    message: string,
    readonly status: number,
    /** The request field the server named, when it named one ("expiresAt"). */
    readonly param?: string,
  ) {
    super(message);
  }
}

export interface ApiInit {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON, or as a multipart upload when it is FormData. */
  body?: unknown;
  /** A JSON document sent as it is, not parsed and encoded again (an export file of up to 100 MB). */
  jsonText?: string;
  signal?: AbortSignal;
  keepalive?: boolean;
  /** What the form calls the server's fields, swapped into its messages ("expiresAt: …" → "Expiration: …"). */
  labels?: Record<string, string>;
}

/**
 * Calls a same-origin UI API and returns its JSON (undefined for 204).
 * Failures throw an ApiError; an aborted call rethrows the abort.
 */
export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      ...encodeBody(init),
      signal: init.signal,
      keepalive: init.keepalive,
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiError(NETWORK_ERROR, 0);
  }
  if (!res.ok) throw await readApiError(res, init.labels);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

function encodeBody({ body, jsonText }: ApiInit): { headers?: HeadersInit; body?: BodyInit } {
  if (jsonText !== undefined) return { headers: { "content-type": "application/json" }, body: jsonText };
  if (body === undefined) return {};
  // The browser sets the multipart boundary itself.
  if (body instanceof FormData) return { body };
  return { headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/**
 * The UI APIs answer failures with `{ error: { code, message, param? } }`.
 * Server messages name the field ("expiresAt: must be in the future");
 * `labels` swaps in what the form calls it.
 */
async function readApiError(res: Response, labels: Record<string, string> = {}): Promise<ApiError> {
  if (res.status === 401) {
    return new ApiError("Your session has ended. Reload the page and sign in again.", 401);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy's error page, say */
  }
  const error = (body as { error?: { message?: unknown; param?: unknown } } | null)?.error;
  const param = typeof error?.param === "string" ? error.param : undefined;
  let message =
    typeof error?.message === "string" && error.message
      ? error.message
      : `Something went wrong (HTTP ${res.status}). Please try again.`;
  const label = param ? labels[param] : undefined;
  if (param && label && message.startsWith(`${param}: `)) {
    message = `${label}: ${message.slice(param.length + 2)}`;
  }
  return new ApiError(message, res.status, param);
}

/** The sentence for any error thrown by `api` (or something unexpected). */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : "Something went wrong. Please try again.";
}

/**
 * Shows a failed call as an error toast, after `context` when given ("Could
 * not delete the chat."): how the UI reports a failure with no form to show it in.
 */
export function toastError(err: unknown, context?: string): void {
  toast.error(context ? `${context} ${errorMessage(err)}` : errorMessage(err));
}
