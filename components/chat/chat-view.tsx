"use client";
import { ArrowDown } from "lucide-react";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ChatInfo, ShownMessage } from "@/lib/client/api-types";
import { cn } from "@/lib/utils/cn";
import { Composer } from "./composer";
import { Greeting } from "./greeting";
import { MessageItem } from "./message";
import { MessageList } from "./message-list";
import { useAttachments } from "./use-attachments";
import { useConversation } from "./use-conversation";
import { useFileDrop } from "./use-file-drop";

/**
 * A conversation: the messages, the composer, and everything between them.
 * Its behaviour (sending, streaming, Stop, Retry, branches, following the end)
 * is `useConversation`'s; this lays it out and takes dropped files.
 */
export function ChatView({
  chat,
  initialMessages,
  earlierMessages = false,
  renderId,
}: {
  chat: ChatInfo | null;
  initialMessages: ShownMessage[];
  /** The page brought only the last messages of a long branch: load the ones before them. */
  earlierMessages?: boolean;
  /** A fresh id per server render, to recognise a page the router served from its cache. */
  renderId?: string;
}) {
  const conversation = useConversation({ chat, initialMessages, earlierMessages, renderId });
  const { chatId, messages, focusId } = conversation;
  const { scrollerRef, contentRef, atBottom, scrollToBottom } = conversation.scroll;
  const attachments = useAttachments();
  const drop = useFileDrop(attachments.add);
  const empty = messages.length === 0;
  // The list virtualises against the scrolling element, which appears with the first message.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const attachScroller = useCallback(
    (element: HTMLDivElement | null) => {
      scrollerRef.current = element;
      setScroller(element);
    },
    [scrollerRef],
  );

  return (
    <div
      className={cn(
        "relative flex min-h-0 flex-1 flex-col",
        empty && "mx-auto w-full max-w-3xl px-4 md:justify-center md:pb-[12vh]",
      )}
      // Files dropped anywhere on the conversation go with the next message.
      {...drop.handlers}
    >
      {drop.dragging ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-2 z-20 flex items-center justify-center rounded-3xl border-2 border-dashed border-primary/50 bg-background/80 text-lg font-medium"
        >
          Drop files to attach them
        </div>
      ) : null}
      {empty ? (
        <div className="flex flex-1 items-center justify-center md:flex-none">
          <Greeting />
        </div>
      ) : (
        <div ref={attachScroller} className="min-h-0 flex-1 overflow-y-auto">
          {chat ? <h1 className="sr-only">{chat.title}</h1> : null}
          <div
            ref={contentRef}
            role="log"
            aria-label="Conversation"
            aria-busy={conversation.streaming || undefined}
            className="mx-auto w-full max-w-3xl px-4 md:px-6"
          >
            <MessageList
              messages={messages}
              scroller={scroller}
              handleRef={conversation.listRef}
              onNearStart={conversation.hasEarlier ? conversation.loadEarlier : undefined}
              renderMessage={(message, i) => (
                <div
                  data-focused={message.id === focusId || undefined}
                  className={cn(
                    // A found message glows for a moment; the shadow pads the glow without moving the layout.
                    "rounded-2xl transition-[background-color,box-shadow] duration-700",
                    "data-focused:bg-amber-100/70 data-focused:shadow-[0_0_0_12px_rgb(254_243_199/0.7)]",
                    "dark:data-focused:bg-amber-300/10 dark:data-focused:shadow-[0_0_0_12px_rgb(252_211_77/0.1)]",
                  )}
                >
                  <MessageItem
                    chatId={chatId}
                    message={message}
                    latest={i === messages.length - 1}
                    onSettled={conversation.onSettled}
                    onRetry={conversation.onRetry}
                    onContinue={conversation.onContinue}
                    onSwitchBranch={conversation.onSwitchBranch}
                    onEdit={conversation.onEdit}
                    onFork={conversation.onFork}
                    blocked={conversation.blocked}
                  />
                </div>
              )}
            />
          </div>
        </div>
      )}

      {/* The composer keeps its place in the tree, so the first send does not remount it. */}
      <div
        className={cn(
          "relative",
          empty ? "pb-3 md:mt-8 md:pb-0" : "mx-auto w-full max-w-3xl px-4 pb-3 md:px-6",
        )}
      >
        {!empty && !atBottom ? (
          <Button
            variant="outline"
            size="icon"
            aria-label="Scroll to bottom"
            onClick={() => scrollToBottom()}
            className="absolute -top-12 left-1/2 size-9 -translate-x-1/2 rounded-full bg-background shadow-md dark:bg-secondary"
          >
            <ArrowDown className="size-4" />
          </Button>
        ) : null}
        <Composer
          onSend={(text, files) => conversation.send(text, files)}
          streaming={conversation.streaming}
          onStop={conversation.stop}
          busy={conversation.busy}
          attachments={attachments}
        />
        <p className="mt-2 text-center text-xs text-muted-foreground">
          Answers can be wrong. Check what matters.
        </p>
      </div>
    </div>
  );
}
