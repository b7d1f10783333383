import "server-only";
import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { enabledSocialProviders } from "./social-providers";

/** Better Auth's route for GitHub's and Google's return, `/api/auth/callback/github`. */
const OAUTH_CALLBACK_PATH = "/callback/:id";

/**
 * Better Auth's per-request state (`ctx.context`, the one object its hooks of
 * one request share) of callbacks that created an account, already audited as
 * auth.sign_up, and of those that refused a disabled account's session.
 */
const signedUp = new WeakSet<object>();
const refused = new WeakMap<object, { id: string; email: string }>();

interface CallbackContext {
  path?: string;
  params?: Record<string, string | undefined>;
  headers?: Headers;
  context: { newSession?: { user: { id: string; email: string } } | null; returned?: unknown };
}

/** Called from the user create hook: this request's callback signed someone up. */
export function markOAuthSignUp(ctx: { context?: object } | null | undefined): void {
  if (ctx?.context) signedUp.add(ctx.context);
}

/** Called from the session create hook when it refuses a disabled account. */
export function markRefusedAccount(
  ctx: { context?: object } | null | undefined,
  user: { id: string; email: string },
): void {
  if (ctx?.context) refused.set(ctx.context, user);
}

/** The provider a callback came back from, or "unknown" for a path naming none that is configured. */
export function callbackProvider(ctx: { path?: string; params?: Record<string, string | undefined> } | null) {
  if (ctx?.path !== OAUTH_CALLBACK_PATH) return null;
  const id = ctx.params?.id;
  return enabledSocialProviders().find((p) => p === id) ?? "unknown";
}

/**
 * Better Auth's after-hook: audits the end of every OAuth callback. A session
 * made for an existing account is auth.sign_in.success; a callback sent back
 * to the error page (the provider's refusal, a state mismatch, a disabled
 * account, sign-up closed) is auth.sign_in.failure with Better Auth's error
 * code. Both name the provider; neither carries the code, state or a token.
 */
export async function auditOAuthCallback(ctx: CallbackContext): Promise<void> {
  const provider = callbackProvider(ctx);
  if (!provider) return;
  const ip = ctx.headers ? auditIp(ctx.headers) : null;
  const user = ctx.context.newSession?.user;
  if (user) {
    if (signedUp.has(ctx.context)) return;
    await recordAudit({
      actor: { id: user.id, email: user.email },
      action: "auth.sign_in.success",
      target: { type: "user", id: user.id, label: user.email },
      ip,
      details: { provider },
    });
    return;
  }
  const error = callbackError(ctx.context.returned);
  if (!error) return;
  const account = refused.get(ctx.context);
  await recordAudit({
    actor: null,
    action: "auth.sign_in.failure",
    target: { type: "user", id: account?.id ?? null, label: account?.email ?? null },
    ip,
    details: { provider, error },
  });
}

/**
 * The error code of a callback that ended on the error page (`?error=…` in its
 * redirect), or null when it went elsewhere (an account link, say). Only a
 * short code is kept: the provider's free-text description is not.
 */
function callbackError(returned: unknown): string | null {
  const headers = (returned as { headers?: unknown } | null)?.headers;
  if (!headers || typeof headers !== "object") return null;
  const location = new Headers(headers as HeadersInit).get("location");
  if (!location) return null;
  let error: string | null;
  try {
    error = new URL(location, "http://hearth.invalid").searchParams.get("error");
  } catch {
    return null;
  }
  if (error === null) return null;
  return /^[\w.-]{1,64}$/.test(error) ? error : "unknown";
}
