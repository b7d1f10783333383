import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { schema, withStatementTimeout, type Transaction } from "@/lib/db/client";
import { getMessagePath } from "./get-message-path";
import { getOwnedChat } from "./get-owned-chat";

export const EXPORT_FORMAT = "hearth-chats";

export interface ExportedMessage {
  id: string;
  parentId: string | null;
  role: "system" | "user" | "assistant";
  content: string;
  reasoning: string;
  status: string;
  model: string | null;
  createdAt: string;
}

export interface ExportedChat {
  id: string;
  title: string;
  model: string | null;
  systemPrompt: string | null;
  temperature: number | null;
  pinned: boolean;
  currentLeafId: string | null;
  createdAt: string;
  updatedAt: string;
  messages: ExportedMessage[];
}

/**
 * A person asked for the whole history, which can be a million messages: its
 * reads may run this long rather than the pool's few seconds.
 */
const EXPORT_STATEMENT_TIMEOUT_MS = 5 * 60_000;

/** Every message of the chats (the whole tree), for the JSON and CSV exports. */
export async function exportChats(input: { userId: string; chatId?: string }): Promise<ExportedChat[]> {
  if (input.chatId) await getOwnedChat({ userId: input.userId, chatId: input.chatId });
  return withStatementTimeout(EXPORT_STATEMENT_TIMEOUT_MS, (tx) => readChats(tx, input));
}

async function readChats(
  tx: Transaction,
  input: { userId: string; chatId?: string },
): Promise<ExportedChat[]> {
  const c = schema.chat;
  const chats = await tx
    .select()
    .from(c)
    .where(
      // Embed visitors' conversations are not the owner's own chats.
      and(eq(c.userId, input.userId), isNull(c.embedId), input.chatId ? eq(c.id, input.chatId) : undefined),
    )
    .orderBy(desc(c.updatedAt));
  if (chats.length === 0) return [];
  const m = schema.message;
  const messages = await tx
    .select({
      id: m.id,
      chatId: m.chatId,
      parentId: m.parentId,
      role: m.role,
      content: m.content,
      reasoning: m.reasoning,
      status: m.status,
      model: m.model,
      createdAt: m.createdAt,
    })
    .from(m)
    .where(input.chatId ? eq(m.chatId, input.chatId) : eq(m.userId, input.userId))
    .orderBy(asc(m.createdAt), asc(m.id));
  const byChat = new Map<string, ExportedMessage[]>();
  for (const { chatId, createdAt, ...rest } of messages) {
    const list = byChat.get(chatId) ?? [];
    list.push({ ...rest, createdAt: createdAt.toISOString() });
    byChat.set(chatId, list);
  }
  return chats.map((x) => ({
    id: x.id,
    title: x.title,
    model: x.model,
    systemPrompt: x.systemPrompt,
    temperature: x.temperature,
    pinned: x.pinned,
    currentLeafId: x.currentLeafId,
    createdAt: x.createdAt.toISOString(),
    updatedAt: x.updatedAt.toISOString(),
    messages: byChat.get(x.id) ?? [],
  }));
}

export function toJsonExport(chats: ExportedChat[]): string {
  return JSON.stringify(
    { format: EXPORT_FORMAT, version: 1, exportedAt: new Date().toISOString(), chats },
    null,
    2,
  );
}

/** The branch shown, as a readable Markdown document. */
export async function toMarkdownExport(input: { userId: string; chatId: string }): Promise<string> {
  const chat = await getOwnedChat(input);
  const path = chat.currentLeafId
    ? await getMessagePath({ chatId: chat.id, leafId: chat.currentLeafId })
    : [];
  const parts = [`# ${chat.title}`, ""];
  if (chat.systemPrompt) parts.push(`> System prompt: ${chat.systemPrompt.replace(/\n/g, "\n> ")}`, "");
  for (const msg of path) {
    const who =
      msg.role === "user"
        ? "You"
        : msg.role === "assistant"
          ? `Assistant${msg.model ? ` (${msg.model})` : ""}`
          : "System";
    parts.push(`## ${who}`, "", msg.content, "");
  }
  return parts.join("\n");
}

const CSV_COLUMNS = [
  "chat_id",
  "chat_title",
  "message_id",
  "parent_id",
  "role",
  "created_at",
  "model",
  "status",
  "content",
];

/** One row per message. Cells a spreadsheet would run as a formula are defused with a leading quote. */
export function toCsvExport(chats: ExportedChat[]): string {
  const cell = (v: string | null) => {
    let s = v ?? "";
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(",")];
  for (const chat of chats) {
    for (const msg of chat.messages) {
      lines.push(
        [
          chat.id,
          chat.title,
          msg.id,
          msg.parentId,
          msg.role,
          msg.createdAt,
          msg.model,
          msg.status,
          msg.content,
        ]
          .map(cell)
          .join(","),
      );
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
