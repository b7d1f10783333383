import "server-only";
import { clientIp } from "@/lib/http/client-ip";
import { auth } from "./auth";
import { accountKey, forgetAttempts, takeAttempt } from "./throttle";

/**
 * Every /api/auth/* request goes through here: Better Auth does the work,
 * with sign-in throttled per IP and per account and sign-up per IP.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const action = new URL(req.url).pathname.replace(/^\/api\/auth/, "");
  if (req.method === "POST" && action === "/sign-in/email") return signIn(req);
  if (req.method === "POST" && action === "/sign-up/email") {
    const wait = await takeAttempt("signUpPerIp", clientIp(req.headers));
    if (wait) return tooMany(wait, "Too many accounts created from this address.");
  }
  return auth().handler(req);
}

async function signIn(req: Request): Promise<Response> {
  const body: unknown = await req
    .clone()
    .json()
    .catch(() => null);
  const email =
    body && typeof body === "object" && typeof (body as { email?: unknown }).email === "string"
      ? (body as { email: string }).email
      : "";
  const account = accountKey(email);
  const [ipWait, accountWait] = await Promise.all([
    takeAttempt("signInPerIp", clientIp(req.headers)),
    takeAttempt("signInPerAccount", account),
  ]);
  const wait = Math.max(ipWait, accountWait);
  if (wait) return tooMany(wait, "Too many sign-in attempts.");

  const res = await auth().handler(req);
  if (res.ok) await forgetAttempts("signInPerAccount", account);
  return res;
}

function tooMany(seconds: number, what: string): Response {
  const minutes = Math.ceil(seconds / 60);
  const when = minutes <= 1 ? "a minute" : `${minutes} minutes`;
  return Response.json(
    { code: "TOO_MANY_ATTEMPTS", message: `${what} Try again in ${when}.` },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}
