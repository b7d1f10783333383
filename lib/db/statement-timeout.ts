import { AppError } from "@/lib/errors";

/** PostgreSQL's code for a statement cancelled by `statement_timeout` (or a cancel request). */
const QUERY_CANCELED = "57014";

/** True when `err` (or an error it wraps, as Drizzle does) is a cancelled statement. */
export function isStatementTimeout(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === QUERY_CANCELED) return true;
  }
  return false;
}

/**
 * The error a person sees when the database gave up on their request: the
 * server is healthy, the request was too heavy, so it is a 503 that says so
 * rather than a 500 with a request id.
 */
export function statementTimeoutError(
  message = "The database took too long to answer this request. Please try again in a moment.",
  cause?: unknown,
): AppError {
  return new AppError("unavailable", message, { cause });
}
