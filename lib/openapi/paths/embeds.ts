/**
 * Embeds: a chat on someone's own website. The owner manages them under
 * /api/embeds (session cookie); the embedded chat itself talks to
 * /api/embed with the embed's publishable key and an anonymous visitor id.
 */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import {
  createEmbedInput,
  embedConversationDetail,
  embedConversationList,
  embedErrorBody,
  embedList,
  embedMessage,
  embedView,
  updateEmbedInput,
  VISITOR_HEADER,
  visitorConversation,
  visitorId,
  visitorSendInput,
  visitorSendResult,
} from "@/lib/embeds/schemas";
import { apiErrors, embedErrors, idParam, json, noContent, ok, publishable, session } from "../common";

const tags = ["Embeds"];
const visitorTags = ["Embed visitor API"];

const embed = embedView.meta({ id: "Embed" });
const message = embedMessage.meta({ id: "EmbedMessage" });
const errorBody = embedErrorBody.meta({ id: "EmbedError", description: "The visitor API's error shape." });

const embedParams = z.object({ embedId: idParam("The embed's id.") });
const conversationParams = embedParams.extend({ chatId: idParam("The conversation's (chat's) id.") });

const visitorHeaders = z.object({
  [VISITOR_HEADER]: visitorId.meta({
    description:
      "The visitor's random id, made once by the embedding page and kept in its storage: the same id continues the same conversation (for 24 hours).",
    example: "v_3f9a0b1c2d3e4f5a6b7c",
  }),
});
const messageParams = z.object({ messageId: idParam("The assistant message's id, from the send answer.") });

export const embedsPaths: ZodOpenApiPathsObject = {
  "/api/embeds": {
    get: {
      tags,
      operationId: "listEmbeds",
      summary: "List your embeds",
      description: "Each with its publishable key, today's token use and its number of conversations.",
      security: session,
      responses: { "200": ok("Your embeds.", embedList, { data: [] }), ...apiErrors() },
    },
    post: {
      tags,
      operationId: "createEmbed",
      summary: "Create an embed",
      description:
        "A chat for your own website, answering with `model` and your system prompt, from the exact origins listed in `allowedOrigins`. The answer holds its publishable key (`pk_…`), which goes into the site's HTML.",
      security: session,
      requestBody: { required: true, content: json(createEmbedInput) },
      responses: {
        "201": ok("The new embed, with its publishable key.", embed),
        ...apiErrors(400, 403, 404, 413),
      },
    },
  },
  "/api/embeds/{embedId}": {
    get: {
      tags,
      operationId: "getEmbed",
      summary: "Get an embed",
      security: session,
      requestParams: { path: embedParams },
      responses: { "200": ok("The embed.", embed), ...apiErrors(404) },
    },
    patch: {
      tags,
      operationId: "updateEmbed",
      summary: "Change an embed",
      description: "Only the fields sent change.",
      security: session,
      requestParams: { path: embedParams },
      requestBody: { required: true, content: json(updateEmbedInput) },
      responses: { "200": ok("The changed embed.", embed), ...apiErrors(400, 403, 404, 413) },
    },
    delete: {
      tags,
      operationId: "deleteEmbed",
      summary: "Delete an embed",
      description: "Its key stops working at once.",
      security: session,
      requestParams: { path: embedParams },
      responses: { "204": noContent, ...apiErrors(403, 404) },
    },
  },
  "/api/embeds/{embedId}/key": {
    post: {
      tags,
      operationId: "rotateEmbedKey",
      summary: "Issue a new publishable key",
      description:
        "The old key stops working at once (pages still using it show the chat as unavailable); a revoked embed works again with the new key.",
      security: session,
      requestParams: { path: embedParams },
      responses: { "200": ok("The embed with its new key.", embed), ...apiErrors(403, 404) },
    },
    delete: {
      tags,
      operationId: "revokeEmbedKey",
      summary: "Revoke the publishable key",
      description: "The chat is unavailable on every site until a new key is issued.",
      security: session,
      requestParams: { path: embedParams },
      responses: { "200": ok("The embed, its key revoked.", embed), ...apiErrors(403, 404) },
    },
  },
  "/api/embeds/{embedId}/conversations": {
    get: {
      tags,
      operationId: "listEmbedConversations",
      summary: "List an embed's conversations",
      description: "The conversations visitors had through this embed, newest first.",
      security: session,
      requestParams: { path: embedParams },
      responses: {
        "200": ok("The conversations.", embedConversationList),
        ...apiErrors(404),
      },
    },
  },
  "/api/embeds/{embedId}/conversations/{chatId}": {
    get: {
      tags,
      operationId: "getEmbedConversation",
      summary: "Read an embed's conversation",
      security: session,
      requestParams: { path: conversationParams },
      responses: {
        "200": ok("The conversation with its messages.", embedConversationDetail),
        ...apiErrors(404),
      },
    },
  },
  "/api/embed/conversation": {
    get: {
      tags: visitorTags,
      operationId: "getVisitorConversation",
      summary: "The chat's look and the visitor's conversation",
      description:
        "What the embedded chat draws: the embed's name, greeting and colours, and this visitor's messages of the last 24 hours. Called from a page on one of the embed's allowed origins (its `Origin` header), or from Hearth's own /embed/chat page framed by one.",
      security: publishable,
      requestParams: { header: visitorHeaders },
      responses: {
        "200": ok(
          "The embed's public settings and the visitor's messages.",
          visitorConversation.extend({ messages: z.array(message) }),
        ),
        ...embedErrors(errorBody),
      },
    },
  },
  "/api/embed/messages": {
    post: {
      tags: visitorTags,
      operationId: "sendVisitorMessage",
      summary: "Send a visitor's message",
      description:
        "Stores the message and starts the answer, which is generated on the server: follow it with GET /api/embed/messages/{messageId}/stream. Limited per visitor and per address to the embed's requests per minute, and by its daily token budget.",
      security: publishable,
      requestParams: { header: visitorHeaders },
      requestBody: { required: true, content: json(visitorSendInput) },
      responses: {
        "201": ok(
          "The visitor's message and the answer being written (status `streaming`).",
          visitorSendResult.extend({ userMessage: message, assistantMessage: message }),
        ),
        ...embedErrors(errorBody, 409, 413, 429, 503),
      },
    },
  },
  "/api/embed/messages/{messageId}/stream": {
    get: {
      tags: visitorTags,
      operationId: "followVisitorMessage",
      summary: "Follow an answer",
      description:
        "Server-Sent Events: `delta` events (`{content, reasoning}`, each with an `id`), then one `done` (`{status, error}`). Reconnect with `Last-Event-ID` (or `?offset=`) to resume where you left off.",
      security: publishable,
      requestParams: {
        path: messageParams,
        header: visitorHeaders,
        query: z.object({
          offset: z.string().optional().meta({ description: "`reasoning,content` offsets to resume from." }),
        }),
      },
      responses: {
        "200": {
          description: "The answer's events.",
          content: {
            "text/event-stream": { schema: z.string().meta({ description: "`delta` and `done` events." }) },
          },
        },
        ...embedErrors(errorBody, 404),
      },
    },
  },
  "/api/embed/messages/{messageId}/stop": {
    post: {
      tags: visitorTags,
      operationId: "stopVisitorMessage",
      summary: "Stop an answer",
      description: "The answer keeps what was written so far, with status `stopped`.",
      security: publishable,
      requestParams: { path: messageParams, header: visitorHeaders },
      responses: { "204": noContent, ...embedErrors(errorBody, 404) },
    },
  },
};
