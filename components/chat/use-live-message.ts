import { useEffect, useEffectEvent, useRef, useState } from "react";
import { ApiError } from "@/lib/client/api";
import type { MessageStatus, ShownMessage } from "@/lib/client/api-types";
import { fetchShownMessages } from "@/lib/client/chat-api";

/** Ids of messages shown before the server has answered the send: nothing to follow yet. */
export const PENDING_PREFIX = "pending:";

/** A reply's text so far: the answer and the thinking before it. */
interface ReplyText {
  content: string;
  reasoning: string;
}

/** How a reply ended: its final text and status. */
export interface Settled extends ReplyText {
  status: MessageStatus;
  error: string | null;
}

/**
 * The text already received per reply still streaming, kept across mounts: a
 * view shown again (switching chats and back, or the new-chat screen handing
 * over to the chat page) starts from here when the server's copy is behind.
 * Both are beginnings of the same text, so the longer one wins.
 */
const received = new Map<string, ReplyText>();

function longer(a: string, b: string): string {
  return b.length > a.length ? b : a;
}

/**
 * Puts a delta that ends at offset `end` onto `current`. Text already there is
 * not added twice; null means something before the delta was missed.
 */
function splice(current: string, piece: string | undefined, end: number | undefined): string | null {
  if (!piece) return current;
  if (end === undefined || !Number.isFinite(end)) return current + piece;
  if (end <= current.length) return current;
  const start = end - piece.length;
  if (start > current.length) return null;
  return current.slice(0, start) + piece;
}

/**
 * Follows a streaming reply over SSE from what is already shown, and hands
 * the final text and status to `onSettled` once. Deltas are batched into one
 * render per frame, and only this message re-renders. Closing (unmounting)
 * only stops following: the server generates on.
 */
export function useLiveMessage(
  chatId: string,
  message: ShownMessage,
  onSettled: (id: string, settled: Settled) => void,
): ReplyText & { reconnecting: boolean } {
  const following =
    message.role === "assistant" && message.status === "streaming" && !message.id.startsWith(PENDING_PREFIX);
  const [text, setText] = useState<ReplyText>(() => {
    const before = received.get(message.id);
    return {
      content: longer(message.content, before?.content ?? ""),
      reasoning: longer(message.reasoning, before?.reasoning ?? ""),
    };
  });
  // What has arrived, ahead of what is rendered.
  const arrived = useRef(text);
  const [reconnecting, setReconnecting] = useState(false);
  // Bumped to open the stream again from what has arrived.
  const [attempt, setAttempt] = useState(0);
  const settle = useEffectEvent((settled: Settled) => onSettled(message.id, settled));

  useEffect(() => {
    if (!following) return;
    const id = message.id;
    let frame = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;

    const render = () => {
      frame = 0;
      received.set(id, arrived.current);
      setText(arrived.current);
    };
    const finish = (settled: Settled) => {
      closed = true;
      source.close();
      cancelAnimationFrame(frame);
      received.delete(id);
      arrived.current = { content: settled.content, reasoning: settled.reasoning };
      setText(arrived.current);
      setReconnecting(false);
      settle(settled);
    };

    const from = `${arrived.current.reasoning.length},${arrived.current.content.length}`;
    const source = new EventSource(
      `/api/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(id)}/stream?offset=${from}`,
    );
    source.addEventListener("open", () => setReconnecting(false));
    source.addEventListener("delta", (event) => {
      const delta = JSON.parse(event.data) as { content?: string; reasoning?: string };
      // The event id is where this delta ends: "reasoning,content".
      const [reasoningEnd, contentEnd] = event.lastEventId.split(",").map(Number);
      const reasoning = splice(arrived.current.reasoning, delta.reasoning, reasoningEnd);
      const content = splice(arrived.current.content, delta.content, contentEnd);
      if (reasoning === null || content === null) {
        source.close();
        setAttempt((n) => n + 1);
        return;
      }
      arrived.current = { content, reasoning };
      frame ||= requestAnimationFrame(render);
    });
    source.addEventListener("done", (event) => {
      const done = JSON.parse((event as MessageEvent<string>).data) as {
        status: MessageStatus;
        error: string | null;
      };
      finish({ ...arrived.current, status: done.status, error: done.error });
    });
    source.addEventListener("error", () => {
      setReconnecting(true);
      // CONNECTING: the browser reconnects by itself, resuming with Last-Event-ID.
      // CLOSED: the server answered with an error; ask the chat what became of the reply.
      if (source.readyState === EventSource.CLOSED) retry = setTimeout(() => void recover(0), 1000);
    });

    async function recover(failures: number) {
      try {
        // A reply still being written ends the branch shown: the last two messages are enough.
        const messages = await fetchShownMessages(chatId, 2);
        if (closed) return;
        const found = messages.find((m) => m.id === id);
        if (!found) {
          finish({
            ...arrived.current,
            status: "error",
            error: "This answer is no longer part of the chat.",
          });
        } else if (found.status !== "streaming") {
          finish({ ...found });
        } else {
          arrived.current = {
            content: longer(arrived.current.content, found.content),
            reasoning: longer(arrived.current.reasoning, found.reasoning),
          };
          render();
          setAttempt((n) => n + 1);
        }
      } catch (err) {
        if (closed) return;
        if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
          finish({ ...arrived.current, status: "error", error: err.message });
          return;
        }
        retry = setTimeout(() => void recover(failures + 1), Math.min(15_000, 1000 * 2 ** failures));
      }
    }

    return () => {
      closed = true;
      source.close();
      cancelAnimationFrame(frame);
      clearTimeout(retry);
    };
  }, [chatId, message.id, following, attempt]);

  if (!following) return { content: message.content, reasoning: message.reasoning, reconnecting: false };
  return { ...text, reconnecting };
}
