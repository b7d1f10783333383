import type { EmbedMessage, VisitorConversation, VisitorSendResult } from "@/lib/embeds/schemas";
import { VISITOR_HEADER } from "@/lib/shared/embeds";
import { ApiError, NETWORK_ERROR } from "./api";

/**
 * The embed page's calls to /api/embed/*: the publishable key and the
 * visitor id in headers, never a cookie (credentials: "omit"), whatever the
 * browser holds for Hearth's own pages.
 */
export interface EmbedAuth {
  key: string;
  visitor: string;
}

function headersFor(auth: EmbedAuth, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${auth.key}`, [VISITOR_HEADER]: auth.visitor, ...extra };
}

async function call(auth: EmbedAuth, path: string, init: { method?: string; body?: unknown } = {}) {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "omit",
      cache: "no-store",
      headers: headersFor(auth, init.body === undefined ? {} : { "content-type": "application/json" }),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, 0);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(body?.error?.message ?? "This chat is unavailable right now.", res.status);
  }
  return res.status === 204 ? undefined : ((await res.json()) as unknown);
}

export async function fetchVisitorConversation(auth: EmbedAuth): Promise<VisitorConversation> {
  return (await call(auth, "/api/embed/conversation")) as VisitorConversation;
}

export async function sendVisitorMessage(auth: EmbedAuth, content: string): Promise<VisitorSendResult> {
  return (await call(auth, "/api/embed/messages", {
    method: "POST",
    body: { content },
  })) as VisitorSendResult;
}

export async function stopVisitorReply(auth: EmbedAuth, messageId: string): Promise<void> {
  await call(auth, `/api/embed/messages/${encodeURIComponent(messageId)}/stop`, { method: "POST" });
}

const NO_REASONING = 999_999_999;

export interface ReplyEvents {
  /** The answer's text so far. */
  onText: (content: string) => void;
  onDone: (status: EmbedMessage["status"], error: string | null) => void;
}

/**
 * Follows an answer's SSE stream with fetch (EventSource cannot send the
 * key), from `from` characters on. Resolves when the answer is done; throws
 * when the connection breaks, so the caller resumes from what it has.
 */
export async function followVisitorReply(
  auth: EmbedAuth,
  messageId: string,
  from: string,
  events: ReplyEvents,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(
    // The embed shows no thinking: start past any, and follow the answer's text only.
    `/api/embed/messages/${encodeURIComponent(messageId)}/stream?offset=${NO_REASONING},${from.length}`,
    { credentials: "omit", cache: "no-store", headers: headersFor(auth), signal },
  );
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(body?.error?.message ?? "This chat is unavailable right now.", res.status);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let content = from;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new ApiError(NETWORK_ERROR, 0);
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      let data = "";
      for (const line of frame.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data += (data ? "\n" : "") + line.slice(5).trimStart();
      }
      if (event === "delta") {
        const delta = JSON.parse(data) as { content?: string };
        if (delta.content) {
          content += delta.content;
          events.onText(content);
        }
      } else if (event === "done") {
        const done = JSON.parse(data) as { status: EmbedMessage["status"]; error: string | null };
        events.onDone(done.status, done.error);
        await reader.cancel().catch(() => {});
        return;
      }
    }
  }
}
