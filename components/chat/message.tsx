"use client";
import {
  Check,
  ChevronLeft,
  ChevronRight,
  Copy,
  FileText,
  GitBranch,
  Pencil,
  RotateCcw,
  TriangleAlert,
} from "lucide-react";
import { memo, useEffect, useRef, useState } from "react";
import { useCopyFeedback } from "@/components/hooks/use-copy-feedback";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils/cn";
import { Markdown } from "./markdown";
import { formatSize } from "./file-size";
import type { ChatFile, ChatMessage } from "./types";
import { PENDING_PREFIX, useLiveMessage, type Settled } from "./use-live-message";

/** One message of the conversation: the user's as a bubble, an answer as full-width Markdown. */
export const MessageItem = memo(function MessageItem({
  chatId,
  message,
  latest,
  onSettled,
  onRetry,
  onSwitchBranch,
  onEdit,
  onFork,
  blocked,
}: {
  chatId: string | null;
  message: ChatMessage;
  /** The last message of the conversation: its actions stay visible. */
  latest: boolean;
  onSettled: (id: string, settled: Settled) => void;
  onRetry: (assistantId: string) => void;
  onSwitchBranch: (messageId: string) => void;
  onEdit: (message: ChatMessage, content: string) => Promise<boolean>;
  onFork: (messageId: string) => void;
  /** A send or an answer is under way: editing and switching wait. */
  blocked: boolean;
}) {
  if (message.role === "user") {
    return (
      <UserMessage message={message} onEdit={onEdit} onSwitchBranch={onSwitchBranch} blocked={blocked} />
    );
  }
  if (message.role !== "assistant" || !chatId) return null;
  return (
    <AssistantMessage
      chatId={chatId}
      message={message}
      latest={latest}
      onSettled={onSettled}
      onRetry={onRetry}
      onSwitchBranch={onSwitchBranch}
      onFork={onFork}
      blocked={blocked}
    />
  );
});

function UserMessage({
  message,
  onEdit,
  onSwitchBranch,
  blocked,
}: {
  message: ChatMessage;
  onEdit: (message: ChatMessage, content: string) => Promise<boolean>;
  onSwitchBranch: (messageId: string) => void;
  blocked: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const pending = message.id.startsWith(PENDING_PREFIX);
  const files = message.files ?? [];

  return (
    <article
      id={`message-${message.id}`}
      className="group/message flex scroll-mt-16 flex-col items-end gap-1"
    >
      <h2 className="sr-only">You said:</h2>
      {files.length ? <MessageFiles files={files} /> : null}
      {editing ? (
        <EditBox
          initial={message.content}
          onCancel={() => setEditing(false)}
          onSend={async (text) => {
            setEditing(false);
            const sent = await onEdit(message, text);
            if (!sent) setEditing(true);
          }}
        />
      ) : message.content ? (
        <div className="max-w-[85%] rounded-3xl bg-secondary px-4 py-2.5 leading-7 whitespace-pre-wrap break-words md:max-w-[70%] md:px-5">
          {message.content}
        </div>
      ) : null}
      {!editing ? (
        <MessageActions visible={false} className="-mr-1.5">
          <BranchArrows message={message} onSwitch={onSwitchBranch} disabled={blocked} />
          <CopyButton text={message.content} />
          {!pending ? (
            <ActionButton label="Edit message" onClick={() => setEditing(true)} disabled={blocked}>
              <Pencil />
            </ActionButton>
          ) : null}
        </MessageActions>
      ) : null}
    </article>
  );
}

/** A user message being rewritten: Enter or Send posts it as a new version, Esc cancels. */
function EditBox({
  initial,
  onCancel,
  onSend,
}: {
  initial: string;
  onCancel: () => void;
  onSend: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const textarea = ref.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, []);
  const empty = text.trim() === "";

  return (
    <form
      className="w-full rounded-3xl bg-secondary p-3 md:max-w-[85%]"
      onSubmit={(event) => {
        event.preventDefault();
        if (!empty) onSend(text.trim());
      }}
    >
      <textarea
        ref={ref}
        value={text}
        aria-label="Edit message"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            if (!empty) onSend(text.trim());
          }
        }}
        className="field-sizing-content max-h-80 min-h-16 w-full resize-none bg-transparent px-2 py-1 text-base leading-7 outline-none"
      />
      <div className="mt-2 flex justify-end gap-2">
        <Button type="button" variant="outline" size="sm" className="rounded-full" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" className="rounded-full" disabled={empty}>
          Send
        </Button>
      </div>
    </form>
  );
}

/** `< 2/3 >`: which version of this message is shown, and the way to the others. */
function BranchArrows({
  message,
  onSwitch,
  disabled,
}: {
  message: ChatMessage;
  onSwitch: (messageId: string) => void;
  disabled: boolean;
}) {
  const siblings = message.siblings ?? [];
  const index = siblings.indexOf(message.id);
  if (siblings.length < 2 || index < 0) return null;
  const go = (to: number) => {
    const id = siblings[to];
    if (id) onSwitch(id);
  };
  return (
    <div className="flex items-center text-sm text-muted-foreground tabular-nums">
      <Button
        variant="ghost"
        size="icon"
        aria-label="Previous version"
        disabled={disabled || index === 0}
        onClick={() => go(index - 1)}
        className="size-8 hover:text-foreground"
      >
        <ChevronLeft />
      </Button>
      <span>
        {index + 1}/{siblings.length}
      </span>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Next version"
        disabled={disabled || index === siblings.length - 1}
        onClick={() => go(index + 1)}
        className="size-8 hover:text-foreground"
      >
        <ChevronRight />
      </Button>
    </div>
  );
}

/** The files sent with a message: images as thumbnails, other files as chips that download them. */
function MessageFiles({ files }: { files: ChatFile[] }) {
  return (
    <ul aria-label="Attached files" className="flex max-w-[85%] flex-wrap justify-end gap-2 md:max-w-[70%]">
      {files.map((file) => {
        const href = `/api/files/${encodeURIComponent(file.id)}`;
        return (
          <li key={file.id}>
            {file.kind === "image" ? (
              <a
                href={href}
                target="_blank"
                rel="noreferrer"
                className="block rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60"
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- a private file behind the session, not an optimisable asset */}
                <img
                  src={href}
                  alt={file.name}
                  className="size-32 rounded-xl border object-cover md:size-40"
                />
              </a>
            ) : (
              <a
                href={href}
                download={file.name}
                className="flex max-w-64 items-center gap-2 rounded-xl border bg-background px-3 py-2 text-sm outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/60"
              >
                <FileText aria-hidden className="size-5 shrink-0 text-muted-foreground" />
                <span className="grid min-w-0">
                  <span className="truncate font-medium">{file.name}</span>
                  <span className="text-xs text-muted-foreground">{formatSize(file.size)}</span>
                </span>
              </a>
            )}
          </li>
        );
      })}
    </ul>
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
  onSwitchBranch,
  onFork,
  blocked,
}: {
  chatId: string;
  message: ChatMessage;
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
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
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
          disabled={disabled}
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
  const { copied, copy } = useCopyFeedback("Could not copy. Select the text and copy it by hand.");

  return (
    <ActionButton label={copied ? "Copied" : "Copy message"} onClick={() => void copy(text)}>
      {copied ? <Check /> : <Copy />}
    </ActionButton>
  );
}
