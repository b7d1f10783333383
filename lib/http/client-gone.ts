/**
 * Whether an error only means the client went away (closed the connection
 * mid-body, or cancelled): nothing to answer and nothing wrong on our side.
 */
export function isClientGone(req: Request, err: unknown): boolean {
  if (req.signal.aborted) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (
    err.name === "AbortError" || code === "ECONNRESET" || code === "ABORT_ERR" || err.message === "aborted"
  );
}

/** Nginx's "client closed request": never seen by the client, but honest in the access log. */
export const CLIENT_CLOSED_REQUEST = 499;
