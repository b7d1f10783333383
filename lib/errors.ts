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

/** Where an error carries the brands of its classes (see AppError[Symbol.hasInstance]). */
const BRANDS = Symbol.for("hearth.errorBrands");

export class AppError extends Error {
  /** Each subclass names itself here, so that instanceof holds across bundled copies. */
  static readonly brand: string = "AppError";

  /**
   * The compiled server and Next's bundles each hold a copy of this class, and
   * share objects (runners, on globalThis) that throw it: instanceof compares
   * brands, so an error from either copy is recognised by both.
   */
  static override [Symbol.hasInstance]<T>(
    this: abstract new (...args: never[]) => T,
    value: unknown,
  ): value is T {
    const brands = (value as { [BRANDS]?: unknown } | null)?.[BRANDS];
    if (!Array.isArray(brands)) return Function.prototype[Symbol.hasInstance].call(this, value);
    return brands.includes((this as unknown as typeof AppError).brand);
  }

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
    const brands: string[] = [];
    for (
      let c = new.target as unknown as typeof AppError | null;
      c && "brand" in c;
      c = Object.getPrototypeOf(c)
    )
      if (Object.hasOwn(c, "brand")) brands.push(c.brand);
    Object.defineProperty(this, BRANDS, { value: brands });
  }

  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
