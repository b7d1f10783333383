import "server-only";
import { clientIp } from "@/lib/http/client-ip";
import { auth } from "./auth";
import { accountKey, passwordAccepted, takeAttempt, takePasswordAttempt } from "./throttle";

/** Better Auth's routes that check the password of an account named in the body. */
const SIGN_IN_ROUTES = new Set(["/sign-in/email"]);
/** Better Auth's routes that check the signed-in user's password (delete-user when one is given). */
const SESSION_PASSWORD_ROUTES = new Set(["/verify-password", "/change-password", "/delete-user"]);

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

  if (SIGN_IN_ROUTES.has(action)) {
    const email = stringField(await bodyOf(req), "email");
    return checkPassword(req, accountKey(email ?? ""), "Too many sign-in attempts.");
  }
  if (SESSION_PASSWORD_ROUTES.has(action) && session) {
    return checkPassword(req, accountKey(session.user.email), "Too many password attempts.");
  }
  if (action === "/sign-up/email") return signUp(req);
  return auth().handler(req);
}

async function checkPassword(req: Request, account: string, what: string): Promise<Response> {
  const ip = clientIp(req.headers);
  const wait = await takePasswordAttempt(account, ip);
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
async function signUp(req: Request): Promise<Response> {
  const wait = await takeAttempt("signUpPerIp", clientIp(req.headers));
  if (wait) return tooMany(wait, "Too many accounts created from this address.");
  const password = stringField(await bodyOf(req), "password");
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
async function bodyOf(req: Request): Promise<unknown> {
  return req
    .clone()
    .json()
    .catch(() => null);
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
