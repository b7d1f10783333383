"use client";
import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { type ReactNode, type RefObject, useEffect, useImperativeHandle } from "react";
import { useMounted } from "@/components/hooks/use-mounted";
import type { ShownMessage } from "@/lib/client/api-types";

/** Messages rendered before the list can measure anything: the server's HTML and the first client render. */
const TAIL = 12;
/** Space between messages, and around the list, in px (Tailwind's gap-6, pt-4, pb-10). */
const GAP = 24;
const PADDING_START = 16;
const PADDING_END = 40;
/** Rendered this close to the first message, the reader is heading for it: time to load earlier ones. */
const NEAR_START = 10;

/**
 * A first guess at a message's height, before it has been on screen: about a
 * line of 28 px per 90 characters, plus the row of actions. Close guesses
 * keep the scrollbar steady; each message is measured once it is shown.
 */
function estimateHeight(message: ShownMessage): number {
  const lines = Math.ceil(message.content.length / 90) + (message.content.match(/\n/g)?.length ?? 0) / 2;
  const files = message.files?.length ? 72 : 0;
  return Math.max(52, Math.round(lines * 28) + 40 + files);
}

export interface MessageListHandle {
  /** Brings a message on screen (rendering it first if it is far away); false if it is not in the list. */
  scrollToMessage: (id: string) => boolean;
}

/**
 * The conversation's messages, rendered only where the reader is looking: a
 * chat of thousands of messages costs what the dozen on screen cost. Heights
 * are measured as messages appear (and again as a streaming answer grows), so
 * the scrollbar and the stick-to-bottom follow real sizes. Before hydration (and
 * until the scrolling element exists) it renders the last few messages in
 * plain flow, which is what the reader sees first; the same elements, keyed
 * alike, then become the virtual list's, so they are not built twice.
 */
export function MessageList({
  messages,
  scroller,
  handleRef,
  renderMessage,
  onNearStart,
}: {
  messages: ShownMessage[];
  /** The element that scrolls: state rather than a ref, as it is created with the list. */
  scroller: HTMLDivElement | null;
  handleRef?: RefObject<MessageListHandle | null>;
  renderMessage: (message: ShownMessage, index: number) => ReactNode;
  /** Called when the reader comes near the first message shown (to load earlier ones). */
  onNearStart?: () => void;
}) {
  const virtual = useMounted() && scroller !== null;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement> = useVirtualizer({
    enabled: virtual,
    count: messages.length,
    getScrollElement: () => scroller,
    estimateSize: (index) => estimateHeight(messages[index]!),
    getItemKey: (index) => messages[index]!.id,
    // A few messages either side (a screen or two of text), so a quick scroll finds text already there.
    overscan: 3,
    gap: GAP,
    paddingStart: PADDING_START,
    paddingEnd: PADDING_END,
    // A message brought on screen (a search hit) starts a little below the top, where reading starts.
    scrollPaddingStart: PADDING_START,
    // Start at the end, where a conversation is read from, and keep the
    // message being read in place when earlier ones arrive above it.
    // (An offset past the end would render nothing while the list is too short to scroll.)
    initialOffset: () => {
      const total = messages.reduce((sum, m) => sum + estimateHeight(m) + GAP, PADDING_START + PADDING_END);
      return Math.max(0, total - (scroller?.clientHeight ?? 800));
    },
    anchorTo: "end",
  });

  useImperativeHandle(
    handleRef,
    () => ({
      scrollToMessage(id) {
        const index = messages.findIndex((m) => m.id === id);
        if (!virtual || index === -1) return false;
        virtualizer.scrollToIndex(index, { align: "start" });
        return true;
      },
    }),
    [messages, virtualizer, virtual],
  );

  const items = virtual
    ? virtualizer.getVirtualItems()
    : messages.slice(-TAIL).map((m, i) => ({
        key: m.id,
        index: messages.length - Math.min(TAIL, messages.length) + i,
        start: 0,
      }));
  const firstShown = virtual ? items[0]?.index : undefined;
  useEffect(() => {
    if (firstShown !== undefined && firstShown <= NEAR_START) onNearStart?.();
  }, [firstShown, onNearStart]);

  return (
    <div
      className={virtual ? "relative w-full" : "flex flex-col gap-6 pt-4 pb-10"}
      style={virtual ? { height: virtualizer.getTotalSize() } : undefined}
    >
      {items.map((item) => (
        <div
          key={item.key}
          ref={virtual ? virtualizer.measureElement : undefined}
          data-index={virtual ? item.index : undefined}
          className={virtual ? "absolute top-0 left-0 w-full" : undefined}
          style={virtual ? { transform: `translateY(${item.start}px)` } : undefined}
        >
          {renderMessage(messages[item.index]!, item.index)}
        </div>
      ))}
    </div>
  );
}
