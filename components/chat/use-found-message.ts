"use client";
import { useEffect, useState, type RefObject } from "react";
import { toastError } from "@/lib/client/api";
import type { ShownMessage } from "@/lib/client/api-types";
import { fetchShownMessages } from "@/lib/client/chat-api";
import type { MessageListHandle } from "./message-list";
import { onScrollTarget, takeScrollTarget } from "./scroll-target";

/**
 * A message a search result asked for: brought on screen (its branch loaded
 * first, through `showBranch`, when another one is shown) and marked for a
 * moment. Returns the id of the message to mark, while it is marked.
 */
export function useFoundMessage({
  chatId,
  messagesRef,
  showBranch,
  listRef,
  letGo,
}: {
  chatId: string | null;
  messagesRef: RefObject<ShownMessage[]>;
  showBranch: (messages: ShownMessage[]) => void;
  listRef: RefObject<MessageListHandle | null>;
  /** Stops following the end of the conversation, which would pull the reader away. */
  letGo: () => void;
}): string | null {
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    if (!chatId) return;
    const take = () => {
      const target = takeScrollTarget(chatId);
      if (!target) return;
      if (messagesRef.current.some((m) => m.id === target.messageId)) {
        setFocusId(target.messageId);
        return;
      }
      fetchShownMessages(chatId).then((shown) => {
        showBranch(shown);
        setFocusId(target.messageId);
      }, toastError);
    };
    take();
    return onScrollTarget(take);
  }, [chatId, messagesRef, showBranch]);

  useEffect(() => {
    if (!focusId) return;
    letGo();
    let frame = 0;
    let tries = 0;
    // The list may still be mounting (hydration): try again on the next frames.
    const scroll = () => {
      if (!listRef.current?.scrollToMessage(focusId) && ++tries < 30) frame = requestAnimationFrame(scroll);
    };
    scroll();
    const timer = setTimeout(() => setFocusId(null), 2500);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [focusId, letGo, listRef]);

  return focusId;
}
