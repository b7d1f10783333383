import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { db, schema, type Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { takeChatRequest } from "@/lib/gateway/rate-limit";
import { resolveModel } from "@/lib/runners/registry";
import { checkAttachable } from "@/lib/files/attachments";
import { modelCapabilities } from "@/lib/models/model-capabilities";
import { getSettings } from "@/lib/settings/settings";
import { generateTitle, DEFAULT_TITLE } from "./generate-title";
import { startGeneration, type GenerationInput } from "./generation/run-generation";
import { conversationContext } from "./conversation-context";
import { getOwnedChat, getOwnedMessage, type Chat } from "./get-owned-chat";
import { instanceId } from "./instance-id";
import { messageView } from "./message-view";
import { hasNoNul, storableText } from "@/lib/validation/storable-text";

/** The body of POST …/messages/{messageId}/regenerate (optional: another model). */
export const regenerateMessageInput = z.object({ model: z.string().min(1).max(200).nullish() });

export const sendMessageInput = z.object({
  content: storableText().trim().min(1, "write a message first").max(500_000, "at most 500,000 characters"),
  /** Reply under this message (an edit is a new message under the edited one's parent); by default, after the branch last shown. */
  parentId: z.uuid().nullish(),
  model: storableText().min(1).max(200).nullish(),
  /** Uploaded files (POST /api/files) to send with this message. */
  fileIds: z.array(z.uuid()).max(10, "at most 10 files per message").nullish(),
});

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
const m = schema.message;

/**
 * Stores the user's message and an empty `streaming` answer in one
 * transaction, then starts generating in this process. The answer goes on
 * whether or not anyone is watching.
 */
export async function sendMessage(
  input: { userId: string; chatId: string } & z.infer<typeof sendMessageInput>,
) {
  const chat = await getOwnedChat(input);
  const model = modelFor(chat, input.model);
  // Before anything is stored: a disabled or unknown-runner model leaves no half-sent message.
  const target = await resolveModel(model);
  // The user's own limits cover chat as well as their API keys.
  await takeChatRequest(input.userId);
  const parentId = input.parentId === undefined ? chat.currentLeafId : input.parentId;
  const fileIds = input.fileIds ?? [];
  if (fileIds.length) await checkAttachable({ userId: input.userId, fileIds, model });

  const { userMessage, assistantMessage } = await db().transaction(async (tx) => {
    if (parentId) {
      const [parent] = await tx
        .select({ id: m.id })
        .from(m)
        .where(and(eq(m.id, parentId), eq(m.chatId, chat.id)));
      if (!parent) throw new AppError("not_found", "No such message to reply to.", { param: "parentId" });
    }
    const [userMessage] = await tx
      .insert(m)
      .values({
        chatId: chat.id,
        userId: chat.userId,
        parentId: parentId ?? null,
        role: "user",
        content: input.content,
      })
      .returning();
    if (fileIds.length) {
      const attached = await tx
        .update(schema.file)
        .set({ messageId: userMessage!.id })
        .where(
          and(
            inArray(schema.file.id, fileIds),
            eq(schema.file.userId, input.userId),
            isNull(schema.file.messageId),
          ),
        )
        .returning({ id: schema.file.id });
      if (attached.length !== new Set(fileIds).size) {
        throw new AppError("not_found", "One of the files does not exist or was already sent.", {
          param: "fileIds",
        });
      }
    }
    const assistantMessage = await insertReply(tx, { chat, parentId: userMessage!.id, model });
    return { userMessage: userMessage!, assistantMessage };
  });

  await beginGeneration({
    chat,
    userId: input.userId,
    userMessageId: userMessage.id,
    assistantMessageId: assistantMessage.id,
    model,
    target,
  });
  return { userMessage: messageView(userMessage), assistantMessage: messageView(assistantMessage) };
}

/** Regenerate: a new answer to the same user message, beside the old one (a sibling branch). */
export async function regenerateMessage(input: {
  userId: string;
  chatId: string;
  messageId: string;
  model?: string | null;
}) {
  const chat = await getOwnedChat(input);
  const old = await getOwnedMessage(input);
  if (old.role !== "assistant" || !old.parentId) {
    throw new AppError("bad_request", "Only an answer can be regenerated.", { param: "messageId" });
  }
  const model = modelFor(chat, input.model ?? old.model);
  const target = await resolveModel(model);
  await takeChatRequest(input.userId);
  const userMessageId = old.parentId;
  const assistantMessage = await db().transaction((tx) =>
    insertReply(tx, { chat, parentId: userMessageId, model }),
  );
  await beginGeneration({
    chat,
    userId: input.userId,
    userMessageId,
    assistantMessageId: assistantMessage.id,
    model,
    target,
  });
  return { assistantMessage: messageView(assistantMessage) };
}

function modelFor(chat: Chat, requested: string | null | undefined): string {
  const model = requested ?? chat.model;
  if (!model) throw new AppError("bad_request", "model: choose a model for this chat", { param: "model" });
  // The regenerate route's own schema lets any string through; the row cannot hold a NUL.
  if (!hasNoNul(model)) {
    throw new AppError("bad_request", "model: must not contain NUL characters (U+0000)", { param: "model" });
  }
  return model;
}

/** The empty, streaming answer row, owned by this process, and the chat now shows its branch. */
export async function insertReply(tx: Tx, input: { chat: Chat; parentId: string; model: string }) {
  const [row] = await tx
    .insert(m)
    .values({
      chatId: input.chat.id,
      userId: input.chat.userId,
      parentId: input.parentId,
      role: "assistant",
      status: "streaming",
      model: input.model,
      owner: instanceId(),
    })
    .returning();
  await tx
    .update(schema.chat)
    .set({ currentLeafId: row!.id, model: input.model, updatedAt: new Date() })
    .where(eq(schema.chat.id, input.chat.id));
  return row!;
}

/** The conversation up to the user's message becomes the runner's context. */
export async function beginGeneration(input: {
  chat: Chat;
  userId: string;
  userMessageId: string;
  assistantMessageId: string;
  model: string;
  target: Awaited<ReturnType<typeof resolveModel>>;
  usage?: GenerationInput["usage"];
}) {
  const { path, messages } = await conversationContext({ chat: input.chat, leafId: input.userMessageId });
  const { runner, model } = input.target;
  // A model that can think shows its reasoning, as in ChatGPT's reasoning models.
  const think = (await modelCapabilities(input.model))?.includes("thinking") ?? false;
  const question = path.at(-1)?.content ?? "";
  const firstExchange = path.length === 1 && input.chat.title === DEFAULT_TITLE;
  const { titleGeneration, titleModel } = firstExchange
    ? await getSettings()
    : { titleGeneration: false, titleModel: "" };
  startGeneration({
    messageId: input.assistantMessageId,
    chatId: input.chat.id,
    userId: input.userId,
    runner,
    usage: input.usage,
    request: {
      model,
      messages,
      ...(input.chat.temperature !== null ? { temperature: input.chat.temperature } : {}),
      ...(think ? { think: true } : {}),
    },
    onComplete:
      firstExchange && titleGeneration
        ? (answer) =>
            void generateTitle({ chatId: input.chat.id, runner, model, titleModel, question, answer })
        : undefined,
  });
}
