/** Chats and their messages, as the app's own pages use them. */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { createChatInput } from "@/lib/chats/create-chat";
import { forkChatInput } from "@/lib/chats/fork-chat";
import { getChatQuery } from "@/lib/chats/get-chat";
import { regenerateMessageInput, sendMessageInput } from "@/lib/chats/send-message";
import { switchBranchInput } from "@/lib/chats/switch-branch";
import { updateChatInput } from "@/lib/chats/update-chat";
import { apiErrors, idParam, isoDate, json, noContent, ok, session } from "../common";
import { fileView } from "./files";

const tags = ["Chats"];
const messageTags = ["Messages"];

export const chat = z
  .object({
    id: z.uuid(),
    title: z.string(),
    model: z.string().nullable(),
    systemPrompt: z.string().nullable(),
    temperature: z.number().nullable(),
    pinned: z.boolean(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .loose()
  .meta({ id: "Chat" });

const chatSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    pinned: z.boolean(),
    model: z.string().nullable(),
    updatedAt: isoDate,
  })
  .meta({ id: "ChatSummary" });

export const message = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    role: z.enum(["system", "user", "assistant"]),
    content: z.string(),
    reasoning: z.string(),
    status: z.string().meta({ example: "complete" }),
    error: z.string().nullable(),
    model: z.string().nullable(),
    createdAt: isoDate,
    siblings: z.array(z.uuid()).optional().meta({ description: "Ids of the other branches at this point." }),
    files: z.array(fileView).optional(),
  })
  .loose()
  .meta({ id: "Message" });

const chatWithMessages = z
  .object({
    chat,
    messages: z.array(message).meta({ description: "The branch shown, root first." }),
    earlier: z.boolean().meta({ description: "Whether older messages were left out (`?messages=N`)." }),
  })
  .meta({ id: "ChatWithMessages" });

const shareLink = z
  .object({ id: z.uuid(), chatId: z.uuid(), url: z.string(), title: z.string(), createdAt: isoDate })
  .meta({ id: "ShareLink" });

const chatParams = z.object({ chatId: idParam("The chat's id.") });
const messageParams = z.object({
  chatId: idParam("The chat's id."),
  messageId: idParam("The message's id."),
});

const exportQuery = (formats: string[]) =>
  z.object({
    format: z
      .enum(formats)
      .optional()
      .meta({ description: `One of ${formats.join(", ")}; json by default.` }),
  });

const exportAnswer = {
  description: "The export, as a download (`content-disposition: attachment`).",
  content: {
    "application/json": {
      schema: z.object({}).loose().meta({ description: "A Hearth export: chats with full message trees." }),
    },
    "text/csv": { schema: z.string() },
  },
};

const sse = (description: string) => ({ "text/event-stream": { schema: z.string().meta({ description }) } });

export const chatsPaths: ZodOpenApiPathsObject = {
  "/api/chats": {
    get: {
      tags,
      operationId: "listChats",
      summary: "List your chats",
      description: "Pinned first, then most recently updated; page with `nextCursor`.",
      security: session,
      requestParams: {
        query: z.object({
          limit: z.number().int().min(1).max(100).optional().meta({ description: "Chats per page (30)." }),
          cursor: z.string().optional().meta({ description: "`nextCursor` of the previous page." }),
        }),
      },
      responses: {
        "200": ok(
          "A page of chats.",
          z.object({ data: z.array(chatSummary), nextCursor: z.string().nullable() }),
          { data: [], nextCursor: null },
        ),
        ...apiErrors(400),
      },
    },
    post: {
      tags,
      operationId: "createChat",
      summary: "Start a chat",
      security: session,
      requestBody: { required: true, content: json(createChatInput, { model: "llama3.2:3b" }) },
      responses: { "201": ok("The new chat.", chat), ...apiErrors(400, 403, 413) },
    },
  },
  "/api/chats/{chatId}": {
    get: {
      tags,
      operationId: "getChat",
      summary: "Get a chat and its messages",
      security: session,
      requestParams: { path: chatParams, query: getChatQuery },
      responses: { "200": ok("The chat and the branch shown.", chatWithMessages), ...apiErrors(400, 404) },
    },
    patch: {
      tags,
      operationId: "updateChat",
      summary: "Rename, pin or change a chat's settings",
      security: session,
      requestParams: { path: chatParams },
      requestBody: { required: true, content: json(updateChatInput, { title: "Foxes", pinned: true }) },
      responses: { "200": ok("The changed chat.", chat), ...apiErrors(400, 403, 404, 413) },
    },
    delete: {
      tags,
      operationId: "deleteChat",
      summary: "Delete a chat",
      description: "The chat, its messages and its share links.",
      security: session,
      requestParams: { path: chatParams },
      responses: { "204": noContent, ...apiErrors(403, 404) },
    },
  },
  "/api/chats/{chatId}/branch": {
    post: {
      tags,
      operationId: "switchBranch",
      summary: "Show another branch",
      description: "Shows the branch through a message (one of its siblings); the chat remembers it.",
      security: session,
      requestParams: { path: chatParams },
      requestBody: { required: true, content: json(switchBranchInput) },
      responses: {
        "200": ok("The chat and the branch now shown.", chatWithMessages),
        ...apiErrors(400, 403, 404),
      },
    },
  },
  "/api/chats/{chatId}/fork": {
    post: {
      tags,
      operationId: "forkChat",
      summary: "Fork a chat",
      description: "Copies the conversation up to a message into a new chat.",
      security: session,
      requestParams: { path: chatParams },
      requestBody: { required: true, content: json(forkChatInput) },
      responses: { "201": ok("The new chat.", chat), ...apiErrors(400, 403, 404) },
    },
  },
  "/api/chats/{chatId}/messages": {
    post: {
      tags: messageTags,
      operationId: "sendMessage",
      summary: "Send a message",
      description:
        "Stores your message and starts the reply, which runs on the server even if you disconnect: follow it with GET …/messages/{messageId}/stream.",
      security: session,
      requestParams: { path: chatParams },
      requestBody: {
        required: true,
        content: json(sendMessageInput, { content: "Tell me about foxes", model: "llama3.2:3b" }),
      },
      responses: {
        "201": ok(
          "Your message and the reply being written (status `streaming`).",
          z.object({ userMessage: message, assistantMessage: message }),
        ),
        ...apiErrors(400, 403, 404, 413, 429, 503),
      },
    },
  },
  "/api/chats/{chatId}/messages/{messageId}/regenerate": {
    post: {
      tags: messageTags,
      operationId: "regenerateMessage",
      summary: "Regenerate a reply",
      description: "A new answer beside this one (a sibling branch), streaming like any reply.",
      security: session,
      requestParams: { path: messageParams },
      requestBody: { content: json(regenerateMessageInput) },
      responses: {
        "201": ok("The new reply being written.", z.object({ assistantMessage: message })),
        ...apiErrors(400, 403, 404, 429, 503),
      },
    },
  },
  "/api/chats/{chatId}/messages/{messageId}/continue": {
    post: {
      tags: messageTags,
      operationId: "continueMessage",
      summary: "Continue a reply",
      description:
        "The same answer goes on from where it stopped (after Stop, a failed runner or a restart), in the same message rather than a new branch; follow it like any reply.",
      security: session,
      requestParams: { path: messageParams },
      responses: {
        "200": ok("The reply, writing again (status `streaming`).", z.object({ assistantMessage: message })),
        ...apiErrors(400, 403, 404, 409, 503),
      },
    },
  },
  "/api/chats/{chatId}/messages/{messageId}/stop": {
    post: {
      tags: messageTags,
      operationId: "stopMessage",
      summary: "Stop a reply",
      description: "Keeps what was written so far.",
      security: session,
      requestParams: { path: messageParams },
      responses: { "204": noContent, ...apiErrors(403, 404) },
    },
  },
  "/api/chats/{chatId}/messages/{messageId}/stream": {
    get: {
      tags: messageTags,
      operationId: "followMessage",
      summary: "Follow a reply",
      description:
        "Server-Sent Events: `delta` events (`{content, reasoning}`, each with an `id`), then one `done` (`{status, error}`). Reconnect with `Last-Event-ID` (or `?offset=`) to resume where you left off.",
      security: session,
      requestParams: {
        path: messageParams,
        query: z.object({
          offset: z.string().optional().meta({ description: "`reasoning,content` offsets to resume from." }),
        }),
      },
      responses: {
        "200": { description: "The reply's events.", content: sse("`delta` and `done` events.") },
        ...apiErrors(404),
      },
    },
  },
  "/api/chats/{chatId}/export": {
    get: {
      tags,
      operationId: "exportChat",
      summary: "Export a chat",
      security: session,
      requestParams: { path: chatParams, query: exportQuery(["json", "markdown", "csv"]) },
      responses: {
        "200": {
          ...exportAnswer,
          content: { ...exportAnswer.content, "text/markdown": { schema: z.string() } },
        },
        ...apiErrors(400, 404),
      },
    },
  },
  "/api/chats/{chatId}/shares": {
    get: {
      tags: ["Shares"],
      operationId: "listShares",
      summary: "List a chat's share links",
      security: session,
      requestParams: { path: chatParams },
      responses: {
        "200": ok("The chat's live links.", z.object({ data: z.array(shareLink) })),
        ...apiErrors(404),
      },
    },
    post: {
      tags: ["Shares"],
      operationId: "createShare",
      summary: "Share a chat",
      description:
        "A read-only link to a snapshot of the chat as it is now; anyone with the link can read it.",
      security: session,
      requestParams: { path: chatParams },
      responses: { "201": ok("The new link.", shareLink), ...apiErrors(403, 404) },
    },
  },
  "/api/chats/export": {
    get: {
      tags,
      operationId: "exportChats",
      summary: "Export all your chats",
      security: session,
      requestParams: { query: exportQuery(["json", "csv"]) },
      responses: { "200": exportAnswer, ...apiErrors(400) },
    },
  },
  "/api/chats/import": {
    post: {
      tags,
      operationId: "importChats",
      summary: "Import chats",
      description: "A Hearth JSON export, or ChatGPT's `conversations.json` (up to 100 MB).",
      security: session,
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: z.unknown().meta({ description: "A Hearth export or ChatGPT's conversations.json." }),
          },
        },
      },
      responses: {
        "201": ok("How many chats were imported.", z.object({ imported: z.number().int() })),
        ...apiErrors(400, 403, 413),
      },
    },
  },
  "/api/shares/{shareId}": {
    delete: {
      tags: ["Shares"],
      operationId: "revokeShare",
      summary: "Revoke a share link",
      security: session,
      requestParams: { path: z.object({ shareId: idParam("The share's id.") }) },
      responses: { "204": noContent, ...apiErrors(403, 404) },
    },
  },
};
