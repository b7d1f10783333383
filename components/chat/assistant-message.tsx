"use client";
import { ChevronRight, CirclePause, GitBranch, Play, RotateCcw, TriangleAlert } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
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
  onContinue,
  onSwitchBranch,
  onFork,
  blocked,
}: {
  chatId: string;
  message: ShownMessage;
  latest: boolean;
  onSettled: (id: string, settled: Settled) => void;
  onRetry: (assistantId: string) => void;
  onContinue: (assistantId: string) => Promise<void>;
  onSwitchBranch: (messageId: string) => void;
  onFork: (messageId: string) => void;
  blocked: boolean;
}) {
  const { content, reasoning, reconnecting } = useLiveMessage(chatId, message, onSettled);
  const streaming = message.status === "streaming";
  // The last answer, cut before its end, can go on in place (as ChatGPT's "Continue generating").
  const continuable =
    latest &&
    !blocked &&
    !message.id.startsWith(PENDING_PREFIX) &&
    (message.status === "interrupted" || (message.status !== "complete" && !streaming && !!content));
  const continueButton = continuable ? <ContinueButton onContinue={() => onContinue(message.id)} /> : null;

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
      {message.status === "stopped" ? (
        <div className="flex items-center gap-3 text-xs text-muted-foreground">
          <span>Stopped</span>
          {continueButton}
        </div>
      ) : null}
      {message.status === "interrupted" ? (
        <InterruptedNote continueButton={continueButton} />
      ) : message.status === "error" ? (
        <FailureNote
          title="The answer failed"
          detail={message.error ?? "Something went wrong while writing the answer."}
          onRetry={() => onRetry(message.id)}
          extra={continueButton}
        />
      ) : null}

      {!streaming ? (
        <MessageActions visible={latest} className="-ml-1.5">
          <BranchArrows message={message} onSwitch={onSwitchBranch} disabled={blocked} />
          {content ? <CopyButton text={content} /> : null}
          {message.status !== "error" ? (
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

/**
 * A reply a restart cut: not the user's fault nor the model's, so a quiet note,
 * with Continue to finish the same answer (Regenerate is in the actions below).
 */
function InterruptedNote({ continueButton }: { continueButton: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border bg-muted/40 px-4 py-3 text-sm">
      <CirclePause aria-hidden className="size-4 shrink-0 text-muted-foreground" />
      <div className="grid min-w-0 flex-1 gap-0.5">
        <p className="font-medium">Interrupted</p>
        <p className="break-words text-muted-foreground">
          The server restarted before this answer was finished.
        </p>
      </div>
      {continueButton}
    </div>
  );
}

function ContinueButton({ onContinue }: { onContinue: () => Promise<void> }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={() => {
        setPending(true);
        void onContinue().finally(() => setPending(false));
      }}
    >
      {pending ? <Spinner /> : <Play aria-hidden />}
      Continue
    </Button>
  );
}

function FailureNote({
  title,
  detail,
  onRetry,
  extra,
}: {
  title: string;
  detail: string;
  onRetry: () => void;
  extra?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border border-destructive/30 bg-destructive/5 px-4 py-3 text-sm dark:bg-destructive/10">
      <TriangleAlert aria-hidden className="size-4 shrink-0 text-destructive" />
      <div className="grid min-w-0 flex-1 gap-0.5">
        <p className="font-medium text-destructive">{title}</p>
        <p className="break-words text-muted-foreground">{detail}</p>
      </div>
      <div className="flex gap-2">
        {extra}
        <Button variant="outline" size="sm" onClick={onRetry}>
          <RotateCcw aria-hidden />
          Retry
        </Button>
      </div>
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
