"use client";
import { ChevronRight, GitBranch, RotateCcw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ShownMessage } from "@/lib/client/api-types";
import { cn } from "@/lib/utils/cn";
import { Markdown } from "./markdown";
import { ActionButton, BranchArrows, CopyButton, MessageActions } from "./message-actions";
import { PENDING_PREFIX, useLiveMessage, type Settled } from "./use-live-message";

// A pulsing dot after the last line while the answer is being written.
const CARET =
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:content-[''] [&>:is(ul,ol):last-child>li:last-child]:after:content-[''] " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:ml-1 [&>:is(ul,ol):last-child>li:last-child]:after:ml-1 " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:inline-block [&>:is(ul,ol):last-child>li:last-child]:after:inline-block " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:size-3 [&>:is(ul,ol):last-child>li:last-child]:after:size-3 " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:rounded-full [&>:is(ul,ol):last-child>li:last-child]:after:rounded-full " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:bg-foreground [&>:is(ul,ol):last-child>li:last-child]:after:bg-foreground " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:animate-pulse [&>:is(ul,ol):last-child>li:last-child]:after:animate-pulse";

/** An answer: its thinking folded away, its Markdown (with a caret while it streams), and what went wrong. */
export function AssistantMessage({
  chatId,
  message,
  latest,
  onSettled,
  onRetry,
  onSwitchBranch,
  onFork,
  blocked,
}: {
  chatId: string;
  message: ShownMessage;
  latest: boolean;
  onSettled: (id: string, settled: Settled) => void;
  onRetry: (assistantId: string) => void;
  onSwitchBranch: (messageId: string) => void;
  onFork: (messageId: string) => void;
  blocked: boolean;
}) {
  const { content, reasoning, reconnecting } = useLiveMessage(chatId, message, onSettled);
  const streaming = message.status === "streaming";
  const failed = message.status === "error" || message.status === "interrupted";

  return (
    <article
      id={`message-${message.id}`}
      className="group/message flex min-w-0 scroll-mt-16 flex-col gap-2"
      data-status={message.status}
      aria-busy={streaming || undefined}
    >
      <h2 className="sr-only">{message.model ?? "Hearth"} said:</h2>
      {reasoning ? <Reasoning text={reasoning} active={streaming && !content} /> : null}
      {content ? (
        <Markdown text={content} className={cn(streaming && CARET)} final={!streaming} />
      ) : streaming && !reasoning ? (
        <span className="flex h-7 items-center">
          <span className="size-3 animate-pulse rounded-full bg-foreground" />
          <span className="sr-only">Writing an answer…</span>
        </span>
      ) : null}

      {streaming && reconnecting ? (
        <p className="text-xs text-muted-foreground" role="status">
          Connection lost. Reconnecting…
        </p>
      ) : null}
      {message.status === "stopped" ? <p className="text-xs text-muted-foreground">Stopped</p> : null}
      {failed ? (
        <FailureNote
          title={message.status === "error" ? "The answer failed" : "Interrupted"}
          detail={
            message.status === "error"
              ? (message.error ?? "Something went wrong while writing the answer.")
              : "The server stopped before the answer was finished."
          }
          onRetry={() => onRetry(message.id)}
        />
      ) : null}

      {!streaming ? (
        <MessageActions visible={latest} className="-ml-1.5">
          <BranchArrows message={message} onSwitch={onSwitchBranch} disabled={blocked} />
          {content ? <CopyButton text={content} /> : null}
          {!failed ? (
            <ActionButton label="Regenerate" onClick={() => onRetry(message.id)} disabled={blocked}>
              <RotateCcw />
            </ActionButton>
          ) : null}
          {!message.id.startsWith(PENDING_PREFIX) ? (
            <ActionButton label="Branch off from here" onClick={() => onFork(message.id)}>
              <GitBranch />
            </ActionButton>
          ) : null}
        </MessageActions>
      ) : null}
    </article>
  );
}

function FailureNote({ title, detail, onRetry }: { title: string; detail: string; onRetry: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border border-destructive/30 bg-destructive/5 px-4 py-3 text-sm dark:bg-destructive/10">
      <TriangleAlert aria-hidden className="size-4 shrink-0 text-destructive" />
      <div className="grid min-w-0 flex-1 gap-0.5">
        <p className="font-medium text-destructive">{title}</p>
        <p className="break-words text-muted-foreground">{detail}</p>
      </div>
      <Button variant="outline" size="sm" onClick={onRetry}>
        <RotateCcw aria-hidden />
        Retry
      </Button>
    </div>
  );
}

/** The thinking a reasoning model did before answering, folded away unless opened. */
function Reasoning({ text, active }: { text: string; active: boolean }) {
  return (
    <details className="group/reasoning">
      <summary
        className={cn(
          "inline-flex cursor-pointer list-none items-center gap-1 rounded-md py-0.5 text-sm font-medium text-muted-foreground outline-none select-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60 [&::-webkit-details-marker]:hidden",
          active && "animate-pulse",
        )}
      >
        {active ? "Thinking…" : "Thinking"}
        <ChevronRight aria-hidden className="size-4 transition-transform group-open/reasoning:rotate-90" />
      </summary>
      <div className="mt-2 mb-1 border-l-2 pl-4 text-muted-foreground">
        <Markdown text={text} className="text-sm" final={!active} />
      </div>
    </details>
  );
}
