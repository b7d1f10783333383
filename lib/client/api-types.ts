/**
 * The shapes Hearth's UI API answers with, shared by the server that builds
 * them and the browser that reads them. Types and constants only, with no
 * imports: safe on both sides.
 */

export type MessageRole = "system" | "user" | "assistant";
export type MessageStatus = "streaming" | "complete" | "stopped" | "error" | "interrupted";

/** A file uploaded with POST /api/files, as messages carry it. */
export interface MessageFile {
  id: string;
  name: string;
  kind: "image" | "document";
  mime: string;
  size: number;
}

/**
 * A message of the branch a conversation shows, dated as an ISO string.
 * `siblings` (the versions at this point) comes with a loaded chat only.
 */
export interface ShownMessage {
  id: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  reasoning: string;
  status: MessageStatus;
  error: string | null;
  model: string | null;
  createdAt: string;
  siblings?: string[];
  /** The files attached to a user message. */
  files?: MessageFile[];
}

/** What the chat page hands its view about the chat itself. */
export interface ChatInfo {
  id: string;
  title: string;
  model: string | null;
}

/** POST /api/chats/{id}/messages answers with both new messages. */
export interface SentMessages {
  userMessage: ShownMessage;
  assistantMessage: ShownMessage;
}

/** Marks around the matched words in a search snippet: control characters no text contains. */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

/** One result of GET /api/search. */
export interface SearchHit {
  chatId: string;
  title: string;
  /** The message that matched; null when only the title did. */
  messageId: string | null;
  /** Text around the match, matched words between MATCH_START and MATCH_END. */
  snippet: string;
  updatedAt: string;
}

/** A saved prompt, as GET /api/prompts lists it. */
export interface Prompt {
  id: string;
  name: string;
  body: string;
  /** The {{variables}} its body asks for, in order. */
  variables: string[];
  updatedAt: string;
}

/** A chat's share link, as /api/chats/{id}/shares lists it. */
export interface ShareLink {
  id: string;
  chatId: string;
  url: string;
  title: string;
  createdAt: string;
}
