"use client";
import { Check, ChevronRight, Copy, RotateCcw, TriangleAlert } from "lucide-react";
import { memo, useEffect, useState } from "react";
import { toast } from "sonner";
import { copyText } from "@/components/settings/copy-text";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils/cn";
import { Markdown } from "./markdown";
import type { ChatMessage } from "./types";
import { useLiveMessage, type Settled } from "./use-live-message";

/** One message of the conversation: the user's as a bubble, an answer as full-width Markdown. */
export const MessageItem = memo(function MessageItem({
  chatId,
  message,
  latest,
  onSettled,
  onRetry,
}: {
  chatId: string | null;
  message: ChatMessage;
  /** The last message of the conversation: its actions stay visible. */
  latest: boolean;
  onSettled: (id: string, settled: Settled) => void;
  onRetry: (assistantId: string) => void;
}) {
  if (message.role === "user") return <UserMessage message={message} />;
  if (message.role !== "assistant" || !chatId) return null;
  return (
    <AssistantMessage
      chatId={chatId}
      message={message}
      latest={latest}
      onSettled={onSettled}
      onRetry={onRetry}
    />
  );
});

function UserMessage({ message }: { message: ChatMessage }) {
  return (
    <article className="group/message flex flex-col items-end gap-1">
      <h2 className="sr-only">You said:</h2>
      <div className="max-w-[85%] rounded-3xl bg-secondary px-4 py-2.5 leading-7 whitespace-pre-wrap break-words md:max-w-[70%] md:px-5">
        {message.content}
      </div>
      <MessageActions visible={false} className="-mr-1.5">
        <CopyButton text={message.content} />
      </MessageActions>
    </article>
  );
}

// A pulsing dot after the last line while the answer is being written.
const CARET =
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:content-[''] [&>:is(ul,ol):last-child>li:last-child]:after:content-[''] " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:ml-1 [&>:is(ul,ol):last-child>li:last-child]:after:ml-1 " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:inline-block [&>:is(ul,ol):last-child>li:last-child]:after:inline-block " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:size-3 [&>:is(ul,ol):last-child>li:last-child]:after:size-3 " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:rounded-full [&>:is(ul,ol):last-child>li:last-child]:after:rounded-full " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:bg-foreground [&>:is(ul,ol):last-child>li:last-child]:after:bg-foreground " +
  "[&>:is(p,h1,h2,h3,h4,blockquote):last-child]:after:animate-pulse [&>:is(ul,ol):last-child>li:last-child]:after:animate-pulse";

function AssistantMessage({
  chatId,
  message,
  latest,
  onSettled,
  onRetry,
}: {
  chatId: string;
  message: ChatMessage;
  latest: boolean;
  onSettled: (id: string, settled: Settled) => void;
  onRetry: (assistantId: string) => void;
}) {
  const { content, reasoning, reconnecting } = useLiveMessage(chatId, message, onSettled);
  const streaming = message.status === "streaming";
  const failed = message.status === "error" || message.status === "interrupted";

  return (
    <article
      className="group/message flex min-w-0 flex-col gap-2"
      data-status={message.status}
      aria-busy={streaming || undefined}
    >
      <h2 className="sr-only">{message.model ?? "Hearth"} said:</h2>
      {reasoning ? <Reasoning text={reasoning} active={streaming && !content} /> : null}
      {content ? (
        <Markdown text={content} className={cn(streaming && CARET)} />
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
          {content ? <CopyButton text={content} /> : null}
          {!failed ? (
            <ActionButton label="Regenerate" onClick={() => onRetry(message.id)}>
              <RotateCcw />
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
        <Markdown text={text} className="text-sm" />
      </div>
    </details>
  );
}

/** The row of small buttons under a message: shown on hover or focus, always on touch screens. */
function MessageActions({
  visible,
  className,
  children,
}: {
  visible: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      className={cn(
        "flex items-center gap-0.5 transition-opacity",
        className,
        !visible &&
          "opacity-0 group-hover/message:opacity-100 focus-within:opacity-100 [@media(hover:none)]:opacity-100",
      )}
    >
      {children}
    </div>
  );
}

function ActionButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          aria-label={label}
          onClick={onClick}
          className="size-8 text-muted-foreground hover:text-foreground"
        >
          {children}
        </Button>
      </TooltipTrigger>
      <TooltipContent side="bottom">{label}</TooltipContent>
    </Tooltip>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <ActionButton
      label={copied ? "Copied" : "Copy message"}
      onClick={async () => {
        if (await copyText(text)) setCopied(true);
        else toast.error("Could not copy. Select the text and copy it by hand.");
      }}
    >
      {copied ? <Check /> : <Copy />}
    </ActionButton>
  );
}
