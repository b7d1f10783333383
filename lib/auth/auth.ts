import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { eq } from "drizzle-orm";
import { config } from "@/lib/config";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rules";
import { db, schema } from "@/lib/db/client";
import { trustedOrigins } from "@/lib/http/trusted-origins";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { logger } from "@/lib/log/logger";
import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { recordEvent } from "@/lib/events/record-event";
import { SIGN_UP_CLOSED_MESSAGE, signUpTerms } from "./sign-up-policy";
import {
  auditOAuthCallback,
  callbackProvider,
  markOAuthSignUp,
  markRefusedAccount,
} from "./audit-oauth-callback";

function createAuth() {
  const c = config();
  const socialProviders: Parameters<typeof betterAuth>[0]["socialProviders"] = {};
  if (c.oauth.github) socialProviders.github = { ...c.oauth.github };
  if (c.oauth.google) socialProviders.google = { ...c.oauth.google };

  return betterAuth({
    appName: "Hearth",
    baseURL: c.appUrl,
    basePath: "/api/auth",
    secret: c.authSecret,
    telemetry: { enabled: false },
    database: drizzleAdapter(db(), {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      autoSignIn: true,
    },
    socialProviders,
    user: {
      additionalFields: {
        // Set by the database (first user) and by administrators, never by sign-up input.
        role: { type: "string", input: false, defaultValue: "USER" },
        disabled: { type: "boolean", input: false, defaultValue: false },
        // Set by the sign-up policy (databaseHooks below) and cleared by an administrator.
        pending: { type: "boolean", input: false, defaultValue: false },
        // Read by the session guard, so that it writes at most once a minute (lib/users/touch-last-active.ts).
        lastActiveAt: { type: "date", input: false, required: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // Throttling is ours (lib/auth/throttle.ts, applied in handle-auth-request.ts), shared through PostgreSQL.
    rateLimit: { enabled: false },
    // Requests from the page's own origin are same-origin whatever host name the
    // household uses to reach the server (LAN IP, hostname, APP_URL); any other
    // Origin is still refused.
    trustedOrigins: (request) => trustedOrigins(request?.headers),
    advanced: {
      // Better Auth skips the Origin check under NODE_ENV=test; Hearth checks always.
      disableOriginCheck: false,
      useSecureCookies: c.appUrl.startsWith("https:"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // The address recorded on sessions is the one our server worked out (lib/server), not X-Forwarded-For.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    databaseHooks: {
      user: {
        create: {
          // Every way of signing up (email, GitHub, Google) passes here; accounts an admin makes do not.
          before: async (user) => {
            const terms = await signUpTerms();
            if (!terms.open) {
              throw new APIError("FORBIDDEN", { code: "SIGN_UP_CLOSED", message: SIGN_UP_CLOSED_MESSAGE });
            }
            // The database still makes the very first account ADMIN (drizzle/0001).
            return { data: { ...user, role: terms.role, pending: terms.pending } };
          },
          after: async (user, ctx) => {
            const provider = callbackProvider(ctx);
            if (provider) markOAuthSignUp(ctx);
            await recordAudit({
              actor: { id: user.id, email: user.email },
              action: "auth.sign_up",
              target: { type: "user", id: user.id, label: user.email },
              ip: ctx?.headers ? auditIp(ctx.headers) : null,
              details: { role: user.role, pending: user.pending === true, ...(provider && { provider }) },
            });
            // Admins' webhooks hear of it; the user row is committed by now.
            await recordEvent("user.created", {
              userId: user.id,
              email: user.email,
              name: user.name,
              role: user.role,
              pending: user.pending === true,
            });
          },
        },
      },
      session: {
        create: {
          before: async (session, ctx) => {
            const [row] = await db()
              .select({ disabled: schema.user.disabled, email: schema.user.email })
              .from(schema.user)
              .where(eq(schema.user.id, session.userId));
            if (!row || row.disabled) {
              if (row) markRefusedAccount(ctx, { id: session.userId, email: row.email });
              throw new APIError("FORBIDDEN", {
                code: "ACCOUNT_DISABLED",
                message: "This account has been disabled. Ask your administrator.",
              });
            }
          },
        },
      },
    },
    // OAuth sign-ins and failed callbacks are audited here; password sign-ins in handle-auth-request.ts.
    hooks: { after: createAuthMiddleware(auditOAuthCallback) },
    // A refused request (bad JSON, a wrong password, a disabled account) is the caller's
    // mistake, not ours: debug. Only a server-side failure is logged as an error.
    onAPIError: {
      onError: (err) => {
        // better-call's APIError (what the router throws) is not better-auth's class: read its status.
        const code = (err as { statusCode?: unknown } | null)?.statusCode;
        const status = typeof code === "number" ? code : 500;
        if (status < 500) logger().debug({ source: "better-auth", status }, (err as Error).message);
        else logger().error({ source: "better-auth", err }, "Better Auth failed");
      },
    },
    logger: {
      level: "warn",
      log: (level, message) => {
        const log = logger();
        if (level === "error") log.error({ source: "better-auth" }, message);
        else if (level === "warn") log.warn({ source: "better-auth" }, message);
        else log.debug({ source: "better-auth" }, message);
      },
    },
  });
}

type Auth = ReturnType<typeof createAuth>;
const holder = globalThis as unknown as { __hearthAuth?: Auth };

/** The Better Auth instance, created on first use (never at build time). */
export function auth(): Auth {
  holder.__hearthAuth ??= createAuth();
  return holder.__hearthAuth;
}
