/** The signed-in user: who they are, which models they may pick, searching their chats. */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { resetPasswordInput } from "@/lib/users/reset-password";
import { apiErrors, isoDate, json, noContent, ok, publicErrors, session } from "../common";

const me = z
  .object({
    id: z.string(),
    email: z.email(),
    name: z.string(),
    role: z.enum(["ADMIN", "USER"]),
    createdAt: isoDate,
  })
  .meta({ id: "Me" });

const chatModel = z
  .object({
    id: z.string().meta({ example: "llama3.2:3b" }),
    name: z.string().meta({ description: "The admin's display name, or the id." }),
    capabilities: z.array(z.string()).meta({ example: ["completion", "tools"] }),
  })
  .loose()
  .meta({ id: "ChatModel" });

const searchHit = z
  .object({
    chatId: z.uuid(),
    title: z.string(),
    messageId: z.uuid().nullable(),
    snippet: z.string(),
    updatedAt: isoDate,
  })
  .loose()
  .meta({ id: "SearchHit" });

export const accountPaths: ZodOpenApiPathsObject = {
  "/api/me": {
    get: {
      tags: ["Account"],
      operationId: "getMe",
      summary: "Who am I",
      security: session,
      responses: {
        "200": ok("The signed-in user.", me, {
          id: "u_1",
          email: "ada@example.com",
          name: "Ada",
          role: "ADMIN",
          createdAt: "2026-11-30T18:00:00.000Z",
        }),
        ...apiErrors(),
      },
    },
  },
  "/api/models": {
    get: {
      tags: ["Account"],
      operationId: "listChatModels",
      summary: "Models you can chat with",
      description: 'The models the admin enabled, and the one new chats start with (`""` for none).',
      security: session,
      responses: {
        "200": ok("The models.", z.object({ data: z.array(chatModel), defaultModel: z.string() }), {
          data: [{ id: "llama3.2:3b", name: "llama3.2:3b", capabilities: ["completion", "tools"] }],
          defaultModel: "",
        }),
        ...apiErrors(),
      },
    },
  },
  "/api/search": {
    get: {
      tags: ["Chats"],
      operationId: "searchChats",
      summary: "Search your chats",
      description: "Chats whose title or messages match, best first, with a snippet.",
      security: session,
      requestParams: {
        query: z.object({ q: z.string().max(200).meta({ description: "Words to find.", example: "fox" }) }),
      },
      responses: { "200": ok("The matches.", z.object({ data: z.array(searchHit) })), ...apiErrors(503) },
    },
  },
  "/api/password-reset": {
    post: {
      tags: ["Account"],
      operationId: "resetPassword",
      summary: "Set a new password with a reset link",
      description:
        "The token of a one-time link an admin created (POST /api/admin/users/{userId}/reset-link). No session needed: the token is the credential.",
      security: [],
      requestBody: { required: true, content: json(resetPasswordInput) },
      responses: { "204": noContent, ...publicErrors(400, 403, 404, 413, 429) },
    },
  },
};
