import type { PathMessage } from "@/lib/chats/get-message-path";

/**
 * A message as the browser holds it: the API's shape, with the date as an ISO
 * string. `siblings` (the branches at this point) comes with a loaded chat only.
 */
export type ChatMessage = Omit<PathMessage, "createdAt" | "siblings"> & {
  createdAt: string;
  siblings?: string[];
  /** The files attached to a user message. */
  files?: ChatFile[];
};

/** A file uploaded with POST /api/files, as messages carry it. */
export interface ChatFile {
  id: string;
  name: string;
  kind: "image" | "document";
  mime: string;
  size: number;
}

export type MessageStatus = ChatMessage["status"];

/** What the chat page hands its view about the chat itself. */
export interface ChatInfo {
  id: string;
  title: string;
  model: string | null;
}

/** POST /api/chats/{id}/messages answers with both new messages. */
export interface SentMessages {
  userMessage: ChatMessage;
  assistantMessage: ChatMessage;
}
