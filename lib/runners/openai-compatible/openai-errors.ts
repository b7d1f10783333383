import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { errorFromUpstream, RunnerError } from "../runner-error";

/**
 * Maps what the openai client throws to the error the gateway reports. The
 * caller's own abort is handled before this: it is not an upstream failure.
 */
export function errorFromOpenAI(runner: string, err: unknown): RunnerError {
  if (err instanceof RunnerError) return err;
  if (err instanceof APIConnectionTimeoutError) {
    return new RunnerError("upstream_timeout", `${runner} did not start answering in time.`, { cause: err });
  }
  if (err instanceof APIConnectionError) {
    return new RunnerError("unavailable", `${runner} cannot be reached.`, { cause: err });
  }
  if (err instanceof APIError) {
    const status = err.status;
    // OpenAI's 401 message quotes part of the key: neither it nor the error is passed on.
    if (status === 401 || status === 403) {
      return new RunnerError(
        "upstream_error",
        `${runner} refused the API key of this connection (HTTP ${status}). An admin needs to update it.`,
      );
    }
    const message = upstreamMessage(err);
    // No status: the server sent `data: {"error": ...}` in the middle of a stream.
    if (status === undefined) {
      return new RunnerError(
        "upstream_error",
        `${runner} failed mid-answer${message ? `: ${message}` : "."}`,
        {
          cause: err,
        },
      );
    }
    return errorFromUpstream(runner, status, message, { cause: err });
  }
  return new RunnerError(
    "upstream_error",
    `${runner} closed the connection before the answer was complete.`,
    {
      cause: err,
    },
  );
}

/** The server's own message, without the status prefix the client adds. */
function upstreamMessage(err: APIError): string {
  const body: unknown = err.error;
  if (typeof body === "string") return body;
  if (body && typeof body === "object" && "message" in body && typeof body.message === "string") {
    return body.message;
  }
  return err.status !== undefined ? err.message.replace(new RegExp(`^${err.status}\\s*`), "") : err.message;
}
