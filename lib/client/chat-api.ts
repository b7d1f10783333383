import type { ChatSummary } from "@/lib/chats/list-chats";
import { api } from "./api";
import type { ChatInfo, MessageFile, SearchHit, SentMessages, ShownMessage } from "./api-types";

/** The chat calls the browser makes, named for what they do; each throws an ApiError on failure. */

const chatPath = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}`;
const messagePath = (chatId: string, messageId: string) =>
  `${chatPath(chatId)}/messages/${encodeURIComponent(messageId)}`;

/** Only what a conversation renders: system messages are never shown. */
const shown = (messages: ShownMessage[]) => messages.filter((m) => m.role !== "system");

/**
 * The messages of the branch a chat shows, root first, as the conversation
 * renders them; with `last`, only that many at its end.
 */
export async function fetchShownMessages(chatId: string, last?: number): Promise<ShownMessage[]> {
  const query = last === undefined ? "" : `?messages=${last}`;
  const { messages } = await api<{ messages: ShownMessage[] }>(`${chatPath(chatId)}${query}`);
  return shown(messages);
}

export function createChat(model: string): Promise<ChatInfo> {
  return api<ChatInfo>("/api/chats", { method: "POST", body: { model } });
}

export function deleteChat(chatId: string): Promise<void> {
  return api(chatPath(chatId), { method: "DELETE" });
}

/** Sends a question after `parentId`; the server starts writing the answer at once. */
export function sendMessage(input: {
  chatId: string;
  content: string;
  parentId: string | null;
  model: string;
  files: MessageFile[];
}): Promise<SentMessages> {
  const { chatId, content, parentId, model, files } = input;
  return api<SentMessages>(`${chatPath(chatId)}/messages`, {
    method: "POST",
    body: { content, parentId, model, ...(files.length ? { fileIds: files.map((f) => f.id) } : {}) },
  });
}

export function stopAnswer(chatId: string, messageId: string): Promise<void> {
  return api(`${messagePath(chatId, messageId)}/stop`, { method: "POST" });
}

/** A new answer beside an old one; without a model, the old answer's. */
export async function regenerateAnswer(
  chatId: string,
  answerId: string,
  model: string | null,
): Promise<ShownMessage> {
  const { assistantMessage } = await api<{ assistantMessage: ShownMessage }>(
    `${messagePath(chatId, answerId)}/regenerate`,
    { method: "POST", body: model ? { model } : {} },
  );
  return assistantMessage;
}

/** The same answer goes on from where it stopped (after a restart cut it, or Stop). */
export async function continueAnswer(chatId: string, answerId: string): Promise<ShownMessage> {
  const { assistantMessage } = await api<{ assistantMessage: ShownMessage }>(
    `${messagePath(chatId, answerId)}/continue`,
    { method: "POST" },
  );
  return assistantMessage;
}

/** Makes the branch through `messageId` the one the chat shows, and returns it. */
export async function switchBranch(chatId: string, messageId: string): Promise<ShownMessage[]> {
  const { messages } = await api<{ messages: ShownMessage[] }>(`${chatPath(chatId)}/branch`, {
    method: "POST",
    body: { messageId },
  });
  return shown(messages);
}

/** A new chat with the conversation up to `messageId`. */
export function forkChat(chatId: string, messageId: string): Promise<ChatSummary> {
  return api<ChatSummary>(`${chatPath(chatId)}/fork`, { method: "POST", body: { messageId } });
}

/** Uploads a file to go with the next message. */
export function uploadFile(file: File): Promise<MessageFile> {
  const body = new FormData();
  body.append("file", file);
  return api<MessageFile>("/api/files", { method: "POST", body });
}

export async function searchChats(q: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const { data } = await api<{ data: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}`, { signal });
  return data;
}
