/** What the UI APIs answer on failure: `{ error: { code, message, param? } }`. */
export interface ApiFailure {
  message: string;
  /** The request field at fault, when the server named one. */
  param: string | undefined;
}

export const NETWORK_ERROR = "Could not reach Hearth. Check your connection and try again.";

/**
 * The sentence to show for a failed request. Server messages name the field
 * ("expiresAt: must be in the future"); `labels` swaps in what the form calls it.
 */
export async function readApiFailure(
  res: Response,
  labels: Record<string, string> = {},
): Promise<ApiFailure> {
  if (res.status === 401) {
    return { message: "Your session has ended. Reload the page and sign in again.", param: undefined };
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
  return { message, param };
}
