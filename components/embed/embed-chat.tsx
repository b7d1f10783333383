"use client";
import { ArrowUp, Square } from "lucide-react";
import { useEffect, useRef, useState, type CSSProperties } from "react";
import { Markdown } from "@/components/chat/markdown";
import type { EmbedPublicConfig } from "@/lib/embeds/schemas";
import { cn } from "@/lib/utils/cn";
import { ChatUnavailable } from "./chat-unavailable";
import { useEmbedConversation } from "./use-embed-conversation";
import { useHostFrame } from "./use-host-frame";

/** Black or white, whichever reads better on the accent colour. */
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.179 ? "#000000" : "#ffffff";
}

/**
 * The chat inside a site's frame: the embed's greeting, the visitor's
 * conversation (answers as Markdown with code, streaming), a composer with
 * Stop. Its list scrolls inside the frame and never hands the scroll on to
 * the host page.
 */
export function EmbedChat({ publishableKey, config }: { publishableKey: string; config: EmbedPublicConfig }) {
  const { state, messages, notice, sending, streaming, send, stop } = useEmbedConversation(publishableKey);
  const [draft, setDraft] = useState("");
  const list = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const input = useRef<HTMLTextAreaElement>(null);
  useHostFrame(input);
  const lastText = messages.at(-1)?.content.length ?? 0;

  useEffect(() => {
    const el = list.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, lastText]);

  if (state === "unavailable") return <ChatUnavailable name={config.name} detail={notice} />;

  const accent = config.accentColor;
  const style = { "--embed-accent": accent, "--embed-on-accent": textOn(accent) } as CSSProperties;
  const submit = async () => {
    const content = draft.trim();
    if (!content || sending || streaming) return;
    if (await send(content)) setDraft("");
  };

  return (
    <div className="flex h-dvh flex-col bg-background text-foreground" style={style}>
      {/* Room on the right for the widget's close button on phones. */}
      <header className="flex h-12 shrink-0 items-center gap-2 border-b pr-12 pl-4">
        <span aria-hidden className="size-2.5 rounded-full bg-(--embed-accent)" />
        <h1 className="truncate text-sm font-semibold">{config.name}</h1>
      </header>
      <div
        ref={list}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-4 py-4"
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
        // Links in answers open beside the site, never inside this small frame.
        onClickCapture={(e) => {
          const link = (e.target as HTMLElement).closest("a[href]");
          link?.setAttribute("target", "_blank");
          link?.setAttribute("rel", "noopener noreferrer");
        }}
      >
        <ol className="space-y-5" aria-label="Conversation" aria-busy={state === "loading"}>
          {config.greeting ? (
            <li>
              <Markdown text={config.greeting} className="text-sm" final />
            </li>
          ) : null}
          {messages.map((m) =>
            m.role === "user" ? (
              <li key={m.id} className="flex justify-end">
                <div className="max-w-[85%] rounded-2xl bg-(--embed-accent) px-3.5 py-2 text-sm whitespace-pre-wrap text-(--embed-on-accent)">
                  {m.content}
                </div>
              </li>
            ) : (
              <li key={m.id} data-status={m.status} aria-busy={m.status === "streaming" || undefined}>
                {m.content ? (
                  <Markdown text={m.content} className="text-sm" final={m.status !== "streaming"} />
                ) : m.status === "streaming" ? (
                  <span className="flex h-6 items-center">
                    <span className="size-2.5 animate-pulse rounded-full bg-foreground" />
                    <span className="sr-only">Writing an answer…</span>
                  </span>
                ) : null}
                {m.status === "stopped" ? (
                  <p className="mt-1 text-xs text-muted-foreground">Stopped</p>
                ) : null}
                {m.status === "error" || m.status === "interrupted" ? (
                  <p className="mt-1 text-xs text-destructive">
                    {m.error ?? "The answer could not be finished. Please try again."}
                  </p>
                ) : null}
              </li>
            ),
          )}
        </ol>
      </div>
      {notice ? (
        <p role="alert" className="px-4 pb-1 text-xs text-destructive">
          {notice}
        </p>
      ) : null}
      <form
        className="flex shrink-0 items-end gap-2 border-t p-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="embed-message" className="sr-only">
          Message
        </label>
        <textarea
          id="embed-message"
          ref={input}
          value={draft}
          rows={1}
          maxLength={8000}
          placeholder="Write a message…"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
          className="field-sizing-content max-h-32 min-h-10 flex-1 resize-none rounded-xl border border-input bg-background px-3 py-2 text-base outline-none placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 sm:text-sm dark:bg-input/20"
        />
        {streaming ? (
          <button
            type="button"
            onClick={() => void stop(streaming.id)}
            className="flex size-10 shrink-0 items-center justify-center rounded-full border bg-background outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <Square className="size-4 fill-current" aria-hidden />
            <span className="sr-only">Stop</span>
          </button>
        ) : (
          <button
            type="submit"
            disabled={sending || !draft.trim() || state !== "ready"}
            className={cn(
              "flex size-10 shrink-0 items-center justify-center rounded-full bg-(--embed-accent) text-(--embed-on-accent) outline-none",
              "focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50",
            )}
          >
            <ArrowUp className="size-5" aria-hidden />
            <span className="sr-only">Send</span>
          </button>
        )}
      </form>
    </div>
  );
}
