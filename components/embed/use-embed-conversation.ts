import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/client/api";
import {
  fetchVisitorConversation,
  followVisitorReply,
  sendVisitorMessage,
  stopVisitorReply,
  type EmbedAuth,
} from "@/lib/client/embed-api";
import type { EmbedMessage } from "@/lib/embeds/schemas";
import { visitorId } from "./visitor-id";

export type EmbedChatState = "loading" | "ready" | "unavailable";

/**
 * The visitor's conversation: loaded from the server (so a reload mid-answer
 * shows what was written and follows the rest), sent, followed and stopped.
 * A broken stream resumes from the text already shown.
 */
export function useEmbedConversation(publishableKey: string) {
  // Set once mounted: the visitor id lives in the browser's storage.
  const auth = useRef<EmbedAuth | null>(null);
  const [messages, setMessages] = useState<EmbedMessage[]>([]);
  const [state, setState] = useState<EmbedChatState>("loading");
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const following = useRef(new Map<string, AbortController>());

  const patch = useCallback((id: string, change: Partial<EmbedMessage>) => {
    setMessages((list) => list.map((m) => (m.id === id ? { ...m, ...change } : m)));
  }, []);

  const follow = useCallback(
    (a: EmbedAuth, message: EmbedMessage) => {
      if (following.current.has(message.id)) return;
      const controller = new AbortController();
      following.current.set(message.id, controller);
      let text = message.content;
      const run = async (failures: number): Promise<void> => {
        try {
          await followVisitorReply(
            a,
            message.id,
            text,
            {
              onText: (content) => {
                text = content;
                patch(message.id, { content });
              },
              onDone: (status, error) => patch(message.id, { status, error }),
            },
            controller.signal,
          );
          following.current.delete(message.id);
        } catch (err) {
          if (controller.signal.aborted) return;
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
            following.current.delete(message.id);
            patch(message.id, { status: "error", error: err.message });
            return;
          }
          await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** failures)));
          if (!controller.signal.aborted) return run(failures + 1);
        }
      };
      void run(0);
    },
    [patch],
  );

  useEffect(() => {
    const a = { key: publishableKey, visitor: visitorId() };
    const live = following.current;
    auth.current = a;
    fetchVisitorConversation(a)
      .then((conversation) => {
        setMessages(conversation.messages);
        setState("ready");
        for (const m of conversation.messages) if (m.status === "streaming") follow(a, m);
      })
      .catch((err: unknown) => {
        setState("unavailable");
        setNotice(err instanceof ApiError ? err.message : null);
      });
    return () => {
      for (const controller of live.values()) controller.abort();
      live.clear();
    };
  }, [publishableKey, follow]);

  const send = useCallback(
    async (content: string): Promise<boolean> => {
      const a = auth.current;
      if (!a) return false;
      setSending(true);
      setNotice(null);
      try {
        const sent = await sendVisitorMessage(a, content);
        setMessages((list) => [...list, sent.userMessage, sent.assistantMessage]);
        follow(a, sent.assistantMessage);
        return true;
      } catch (err) {
        const message = err instanceof ApiError ? err.message : "Something went wrong. Please try again.";
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) setState("unavailable");
        setNotice(message);
        return false;
      } finally {
        setSending(false);
      }
    },
    [follow],
  );

  const stop = useCallback(async (messageId: string) => {
    if (auth.current) await stopVisitorReply(auth.current, messageId).catch(() => {});
  }, []);

  const streaming = messages.find((m) => m.role === "assistant" && m.status === "streaming") ?? null;
  return { state, messages, notice, sending, streaming, send, stop };
}
