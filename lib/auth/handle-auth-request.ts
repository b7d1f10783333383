import "server-only";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { readText } from "@/lib/http/read-json";
import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { auth } from "./auth";
import { SIGN_UP_CLOSED_MESSAGE, signUpTerms } from "./sign-up-policy";
import { accountKey, passwordAccepted, takeAttempt, takePasswordAttempt } from "./throttle";

/** Better Auth's routes that check the password of an account named in the body. */
const SIGN_IN_ROUTES = new Set(["/sign-in/email"]);
/** Better Auth's routes that check the signed-in user's password (delete-user when one is given). */
const SESSION_PASSWORD_ROUTES = new Set(["/verify-password", "/change-password", "/delete-user"]);

/** No auth request needs more: an email, a password of at most 256 characters, a name. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;
/** Longest display name and avatar URL a person may set through Better Auth. */
const MAX_NAME_CHARS = 100;
const MAX_IMAGE_CHARS = 2048;

/** What sign-up answers for a new email and for a taken one alike (only a new account gets a session). */
const SIGNED_UP = {
  status: "ok",
  message: "If this email was new, your account is ready and you are signed in; if not, sign in instead.",
} as const;

/**
 * Every /api/auth/* request goes through here: Better Auth does the work, and
 * this wrapper adds what it lacks. POST bodies must be JSON, so the values
 * throttled here are the values Better Auth acts on; every password check is
 * throttled (lib/auth/throttle.ts); a disabled user's session is refused on
 * every route; sign-up does not reveal which emails have accounts.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const action = new URL(req.url).pathname.replace(/^\/api\/auth/, "");
  // Better Auth also reads form bodies on sign-in and sign-up. Hearth's forms and Better Auth's
  // client send JSON; refusing the rest means no second parser can see a different body. (GitHub
  // and Google call back with GET; a provider that posts a form callback would need an exception.)
  if (req.method === "POST" && !isJson(req)) {
    return problem(415, "UNSUPPORTED_MEDIA_TYPE", "Send this request as application/json.");
  }

  const session = await sessionOf(req);
  if (session?.user.disabled) {
    return problem(403, "ACCOUNT_DISABLED", "This account has been disabled. Ask your administrator.");
  }
  if (req.method !== "POST") return auth().handler(req);

  // The body is read once, within a limit, and the same bytes go to the throttle and to Better Auth.
  const text = await readText(req, MAX_AUTH_BODY_BYTES);
  const body = parseJson(text);
  refuseUnstorable(body);
  const forward = withBody(req, text);

  if (SIGN_IN_ROUTES.has(action)) {
    const email = stringField(body, "email");
    const res = await checkPassword(forward, accountKey(email ?? ""), "Too many sign-in attempts.");
    await auditSignIn(req, res, email);
    return res;
  }
  if (SESSION_PASSWORD_ROUTES.has(action) && session) {
    // The caller holds the account's session: only the per-address limits apply, so guesses spread
    // over many addresses against sign-in cannot stop the owner from changing their password.
    return checkPassword(forward, accountKey(session.user.email), "Too many password attempts.", {
      perAccount: false,
    });
  }
  if (action === "/sign-up/email") return signUp(forward, body);
  return auth().handler(forward);
}

async function checkPassword(
  req: Request,
  account: string,
  what: string,
  options: { perAccount?: boolean } = {},
): Promise<Response> {
  const ip = clientIp(req.headers);
  const wait = await takePasswordAttempt(account, ip, options);
  if (wait) return tooMany(wait, what);
  const res = await auth().handler(req);
  if (res.ok) await passwordAccepted(account, ip);
  return res;
}

/**
 * A taken email gets the same 200 and body as a new one, after hashing the
 * password as a real sign-up does, so that neither the answer nor its timing
 * tells whether the address has an account. Only a new account gets a session.
 */
async function signUp(req: Request, body: unknown): Promise<Response> {
  // Before anything else, and the same for every email: a closed server tells nobody which addresses have accounts.
  if (!(await signUpTerms()).open) return problem(403, "SIGN_UP_CLOSED", SIGN_UP_CLOSED_MESSAGE);
  const wait = await takeAttempt("signUpPerIp", clientIp(req.headers));
  if (wait) return tooMany(wait, "Too many accounts created from this address.");
  const password = stringField(body, "password");
  const res = await auth().handler(req);
  if (res.ok) return signedUp(res.headers.getSetCookie());

  const failure: unknown = await res
    .clone()
    .json()
    .catch(() => null);
  const code = failure && typeof failure === "object" ? (failure as { code?: unknown }).code : undefined;
  if (res.status === 422 && typeof code === "string" && code.startsWith("USER_ALREADY_EXISTS")) {
    await (await auth().$context).password.hash(password ?? "");
    return signedUp([]);
  }
  return res;
}

/**
 * Audits a password sign-in that was checked: success with the account, or
 * failure with the email that was tried (never the password). Attempts the
 * throttle turned away (429) were not checked and are not written, so a flood
 * of guesses cannot flood the log.
 */
async function auditSignIn(req: Request, res: Response, email: string | undefined): Promise<void> {
  if (res.status === 429 || res.status === 415) return;
  const ip = auditIp(req.headers);
  if (res.ok) {
    const body: unknown = await res
      .clone()
      .json()
      .catch(() => null);
    const user = (body as { user?: { id?: unknown; email?: unknown } } | null)?.user;
    if (typeof user?.id === "string" && typeof user.email === "string") {
      await recordAudit({
        actor: { id: user.id, email: user.email },
        action: "auth.sign_in.success",
        target: { type: "user", id: user.id, label: user.email },
        ip,
      });
      return;
    }
  }
  if (res.status >= 500) return;
  await recordAudit({
    actor: null,
    action: "auth.sign_in.failure",
    target: { type: "user", label: (email ?? "").slice(0, 254) || null },
    ip,
    details: { status: res.status },
  });
}

function signedUp(cookies: string[]): Response {
  const headers = new Headers({ "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return Response.json(SIGNED_UP, { status: 200, headers });
}

/** The session these headers carry, disabled or not (Better Auth returns it either way). */
async function sessionOf(req: Request) {
  if (!req.headers.has("cookie")) return null;
  const result = await auth().api.getSession({
    headers: req.headers,
    query: { disableCookieCache: true, disableRefresh: true },
  });
  if (!result) return null;
  return result as typeof result & { user: typeof result.user & { disabled?: boolean } };
}

function isJson(req: Request): boolean {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/** The JSON body, parsed as Better Auth will parse it (the same bytes, JSON.parse), or null. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // Better Auth answers malformed JSON with its own 400.
  }
}

/** The request again, carrying the body already read (Better Auth reads it once more). */
function withBody(req: Request, text: string): Request {
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(req.url, { method: req.method, headers, body: text, signal: req.signal });
}

/**
 * Better Auth stores what it is given: text PostgreSQL cannot hold (NUL) would
 * be a 500, and a name or avatar of any size or scheme would be kept.
 */
function refuseUnstorable(body: unknown): void {
  if (!body || typeof body !== "object") return;
  for (const [field, value] of Object.entries(body)) {
    if (typeof value !== "string") continue;
    if (value.includes("\u0000")) {
      throw new AppError("bad_request", `${field}: must not contain NUL characters.`, { param: field });
    }
  }
  const { name, image } = body as { name?: unknown; image?: unknown };
  if (typeof name === "string" && name.length > MAX_NAME_CHARS) {
    throw new AppError("bad_request", `name: at most ${MAX_NAME_CHARS} characters.`, { param: "name" });
  }
  if (
    typeof image === "string" &&
    image !== "" &&
    (image.length > MAX_IMAGE_CHARS || !/^https?:\/\//i.test(image))
  ) {
    throw new AppError("bad_request", `image: an http(s) address of at most ${MAX_IMAGE_CHARS} characters.`, {
      param: "image",
    });
  }
}

function stringField(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

function problem(status: number, code: string, message: string): Response {
  return Response.json({ code, message }, { status });
}

function tooMany(seconds: number, what: string): Response {
  const minutes = Math.ceil(seconds / 60);
  const when = minutes <= 1 ? "a minute" : `${minutes} minutes`;
  return Response.json(
    { code: "TOO_MANY_ATTEMPTS", message: `${what} Try again in ${when}.` },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}
