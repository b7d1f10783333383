/**
 * The one error type the app throws on purpose. Its `kind` decides the HTTP
 * status; its message is written for the person who sees it.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  upstream_error: 502,
  unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override name = "AppError";
  readonly kind: ErrorKind;
  /** The request field at fault, when there is one. */
  readonly param: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    kind: ErrorKind,
    message: string,
    options: { param?: string; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.param = options.param;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
