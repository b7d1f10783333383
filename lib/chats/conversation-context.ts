import "server-only";
import { loadAttachments, withDocuments } from "@/lib/files/attachments";
import type { ChatMessage } from "@/lib/runners/types";
import { getMessagePath } from "./get-message-path";
import type { Chat } from "./get-owned-chat";

/**
 * What the runner is sent for a reply under `leafId`: the chat's system
 * prompt, then the branch from its root to `leafId`, documents and images
 * included. Also returns the branch, whose length and last message callers need.
 */
export async function conversationContext(input: { chat: Chat; leafId: string }) {
  const path = await getMessagePath({ chatId: input.chat.id, leafId: input.leafId });
  const attachments = await loadAttachments(path.map((p) => p.id));
  const messages: ChatMessage[] = [];
  if (input.chat.systemPrompt) messages.push({ role: "system", content: input.chat.systemPrompt });
  for (const p of path) {
    // An answer that failed before saying anything adds nothing to the context.
    if (p.role === "assistant" && !p.content) continue;
    const files = attachments.get(p.id);
    const message: ChatMessage = {
      role: p.role,
      content: files ? withDocuments(p.content, files.documents) : p.content,
    };
    if (files?.images.length) message.images = files.images;
    messages.push(message);
  }
  return { path, messages };
}
