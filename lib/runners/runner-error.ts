import { AppError, type ErrorKind } from "@/lib/errors";

/**
 * Why a runner failed, as the gateway reports it: the model is unknown (404),
 * the request was refused upstream (400), the upstream broke (502), cannot be
 * reached (503) or took too long (504).
 */
export class RunnerError extends AppError {
  static override readonly brand: string = "RunnerError";
  override name = "RunnerError";
  constructor(
    kind: Extract<
      ErrorKind,
      "not_found" | "bad_request" | "upstream_error" | "unavailable" | "upstream_timeout"
    >,
    message: string,
    options: { cause?: unknown; param?: string } = {},
  ) {
    super(kind, message, options);
  }
}

/** Maps an upstream HTTP status and message to the error the client sees. */
export function errorFromUpstream(
  runner: string,
  status: number,
  message: string,
  options: { cause?: unknown } = {},
): RunnerError {
  if (status === 404)
    return new RunnerError("not_found", message || "The model does not exist.", {
      ...options,
      param: "model",
    });
  if (status === 400 || status === 422) return new RunnerError("bad_request", message, options);
  return new RunnerError(
    "upstream_error",
    `${runner} failed (HTTP ${status})${message ? `: ${message}` : ""}`,
    options,
  );
}

/** Maps a fetch failure (no HTTP answer at all) to 503 or 504. */
export function errorFromFetch(
  runner: string,
  err: unknown,
  timedOut: "connect" | "first-byte" | null,
): RunnerError {
  if (timedOut === "connect")
    return new RunnerError("upstream_timeout", `${runner} did not accept the connection in time.`, {
      cause: err,
    });
  if (timedOut === "first-byte")
    return new RunnerError("upstream_timeout", `${runner} did not start answering in time.`, { cause: err });
  return new RunnerError("unavailable", `${runner} cannot be reached.`, { cause: err });
}
