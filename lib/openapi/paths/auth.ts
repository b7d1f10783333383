/**
 * Sign-in, served by Better Auth under /api/auth/*. Only the four calls a
 * script needs to get (and drop) a session cookie are listed; Better Auth
 * validates these bodies itself, so their schemas here are documentation only.
 */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, publicErrors, session } from "../common";

const tags = ["Sign-in (Better Auth)"];

const user = z
  .object({ id: z.string(), email: z.string(), name: z.string() })
  .loose()
  .meta({ id: "AuthUser" });

const signedIn = {
  description: "Signed in: the answer sets the session cookie.",
  headers: z.object({
    "set-cookie": z.string().meta({ description: "`better-auth.session_token=…; HttpOnly`" }),
  }),
  content: json(z.object({ token: z.string().nullable().optional(), user }).loose()),
};

export const authPaths: ZodOpenApiPathsObject = {
  "/api/auth/sign-up/email": {
    post: {
      tags,
      operationId: "signUp",
      summary: "Create an account",
      description:
        "Whether anyone may sign up is the admin's choice (open, closed, or approval). The first account becomes the admin.",
      security: [],
      requestBody: {
        required: true,
        content: json(z.object({ name: z.string(), email: z.email(), password: z.string().min(8) }), {
          name: "Ada",
          email: "ada@example.com",
          password: "a long enough passphrase",
        }),
      },
      responses: {
        "200": {
          description:
            "The same answer whether or not the email was new, so sign-up cannot tell who has an account. A new account is signed in (the session cookie is set) unless it awaits the admin's approval.",
          content: json(z.object({ status: z.literal("ok"), message: z.string() })),
        },
        ...publicErrors(400, 403, 422, 429),
      },
    },
  },
  "/api/auth/sign-in/email": {
    post: {
      tags,
      operationId: "signIn",
      summary: "Sign in",
      security: [],
      requestBody: {
        required: true,
        content: json(
          z.object({ email: z.email(), password: z.string(), rememberMe: z.boolean().optional() }),
          {
            email: "ada@example.com",
            password: "a long enough passphrase",
          },
        ),
      },
      responses: { "200": signedIn, ...publicErrors(401, 403, 429) },
    },
  },
  "/api/auth/sign-out": {
    post: {
      tags,
      operationId: "signOut",
      summary: "Sign out",
      security: session,
      responses: {
        "200": {
          description: "Signed out; the cookie is cleared.",
          content: json(z.object({ success: z.boolean() })),
        },
      },
    },
  },
  "/api/auth/get-session": {
    get: {
      tags,
      operationId: "getSession",
      summary: "The current session",
      security: session,
      responses: {
        "200": {
          description: "The session and its user, or `null` when signed out.",
          content: json(
            z
              .object({ session: z.object({}).loose(), user })
              .loose()
              .nullable(),
          ),
        },
      },
    },
  },
};
