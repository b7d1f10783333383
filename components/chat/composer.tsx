"use client";
import { ArrowUp, FileText, Paperclip, Square, TriangleAlert, X } from "lucide-react";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { PromptVariablesDialog } from "@/components/prompts";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { MessageFile } from "@/lib/client/api-types";
import { cn } from "@/lib/utils/cn";
import { formatSize } from "./file-size";
import { PromptList } from "./prompt-list";
import { ACCEPTED_FILES, type Attachment, type Attachments } from "./use-attachments";
import { usePromptPicker } from "./use-prompt-picker";

/**
 * The message box: grows with its text up to a limit, Enter sends,
 * Shift+Enter breaks the line. `onSend` gets the trimmed text. The box
 * empties at once; if `onSend` resolves false (the send failed) the draft
 * comes back. While an answer streams, the send button is a Stop button.
 * A "/" at the start picks a saved prompt (see usePromptPicker).
 */
export function Composer({
  onSend,
  streaming = false,
  onStop,
  busy = false,
  attachments,
}: {
  onSend: (text: string, files: MessageFile[]) => boolean | Promise<boolean> | void;
  /** Files to send with the message; without it the composer takes text only. */
  attachments?: Attachments;
  /** An answer is being written: Enter waits, the button stops it. */
  streaming?: boolean;
  onStop?: () => void;
  /** A send is on its way: the button shows it. */
  busy?: boolean;
}) {
  const [text, setText] = useState("");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const files = attachments?.ready ?? [];
  const uploading = attachments?.uploading ?? false;
  const empty = text.trim() === "" && files.length === 0;
  // A chosen prompt lands in the box, to be read and edited before it is sent.
  const caretToEnd = useRef(false);
  const picker = usePromptPicker({
    text,
    onInsert: (filled) => {
      caretToEnd.current = true;
      setText(filled);
    },
  });

  useEffect(() => {
    const textarea = textareaRef.current;
    if (!caretToEnd.current || !textarea) return;
    caretToEnd.current = false;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, [text]);

  // Focus on desktop only: on phones it would throw up the keyboard on arrival.
  useEffect(() => {
    if (window.matchMedia("(min-width: 768px)").matches) textareaRef.current?.focus();
  }, []);

  // Browsers without `field-sizing: content` (Firefox) grow the box by hand.
  useLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea || CSS.supports("field-sizing", "content")) return;
    textarea.style.height = "auto";
    textarea.style.height = `${textarea.scrollHeight}px`;
  }, [text]);

  function send() {
    if (empty || streaming || busy || uploading) {
      textareaRef.current?.focus();
      return;
    }
    const draft = text.trim();
    const result = onSend(draft, files);
    if (result === true) {
      setText("");
      attachments?.clear();
    } else if (result instanceof Promise) {
      setText("");
      void result.then((accepted) => {
        // Give the draft back, unless something new has been typed meanwhile.
        if (!accepted) setText((current) => (current === "" ? draft : current));
        else attachments?.clear();
      });
    }
  }

  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
        className={cn(
          "relative flex w-full flex-col rounded-[28px] border bg-background p-2.5 shadow-sm transition-shadow dark:bg-secondary/60",
          "focus-within:shadow-md focus-within:ring-[3px] focus-within:ring-ring/30",
        )}
      >
        {picker.open ? <PromptList list={picker.list} /> : null}
        {attachments?.attachments.length ? (
          <ul aria-label="Attachments" className="flex flex-wrap gap-2 px-1 pt-1 pb-2">
            {attachments.attachments.map((attachment) => (
              <AttachmentChip
                key={attachment.key}
                attachment={attachment}
                onRemove={() => attachments.remove(attachment.key)}
              />
            ))}
          </ul>
        ) : null}
        <div className={cn("flex w-full items-end gap-2", !attachments && "pl-2.5")}>
          {attachments ? (
            <>
              <input
                ref={fileInputRef}
                type="file"
                multiple
                accept={ACCEPTED_FILES}
                className="hidden"
                data-testid="attach-input"
                onChange={(event) => {
                  if (event.target.files) attachments.add(Array.from(event.target.files));
                  event.target.value = "";
                }}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label="Attach files"
                title="Attach files"
                onClick={() => fileInputRef.current?.click()}
                className="shrink-0 rounded-full text-muted-foreground hover:text-foreground"
              >
                <Paperclip aria-hidden className="size-5" />
              </Button>
            </>
          ) : null}
          <textarea
            ref={textareaRef}
            rows={1}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              picker.onTextChange(event.target.value);
            }}
            onPaste={(event) => {
              if (!attachments) return;
              const images = Array.from(event.clipboardData.files).filter((f) => f.type.startsWith("image/"));
              if (images.length === 0) return;
              event.preventDefault();
              attachments.add(images);
            }}
            onKeyDown={(event) => {
              if (picker.onKeyDown(event)) return;
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                send();
              }
            }}
            placeholder="Message Hearth"
            aria-label="Message Hearth"
            {...picker.inputProps}
            className="field-sizing-content max-h-52 min-h-9 flex-1 resize-none self-center overflow-y-auto bg-transparent py-1.5 text-base leading-6 outline-none placeholder:text-muted-foreground"
          />
          {streaming ? (
            <Button
              type="button"
              size="icon"
              aria-label="Stop generating"
              title="Stop generating (Esc)"
              onClick={onStop}
              className="shrink-0 rounded-full"
            >
              <Square aria-hidden className="size-3.5 fill-current" />
            </Button>
          ) : (
            <Button
              type="submit"
              size="icon"
              aria-label="Send message"
              aria-disabled={empty || busy || uploading || undefined}
              title={uploading ? "Wait for the files to upload" : undefined}
              className={cn(
                "shrink-0 rounded-full",
                (empty || busy || uploading) && "opacity-40 hover:bg-primary",
              )}
            >
              {busy ? <Spinner className="size-5" /> : <ArrowUp aria-hidden className="size-5" />}
            </Button>
          )}
        </div>
      </form>
      {/* Outside the form: React passes events up through portals, and its submit would send. */}
      <PromptVariablesDialog {...picker.dialog} />
    </>
  );
}

/** One file in the composer: its preview or icon, name and size, progress or error, and a remove button. */
function AttachmentChip({ attachment, onRemove }: { attachment: Attachment; onRemove: () => void }) {
  const failed = attachment.state === "error";
  return (
    <li
      aria-busy={attachment.state === "uploading" || undefined}
      className={cn(
        "relative flex max-w-64 items-center gap-2 rounded-xl border bg-background py-1.5 pr-8 pl-1.5 text-sm",
        failed && "border-destructive/40 bg-destructive/5",
      )}
    >
      <span className="relative flex size-10 shrink-0 items-center justify-center overflow-hidden rounded-lg bg-secondary">
        {attachment.preview ? (
          // eslint-disable-next-line @next/next/no-img-element -- a local blob preview
          <img src={attachment.preview} alt="" className="size-full object-cover" />
        ) : (
          <FileText aria-hidden className="size-5 text-muted-foreground" />
        )}
        {attachment.state === "uploading" ? (
          <span className="absolute inset-0 flex items-center justify-center bg-background/60">
            <Spinner className="size-5" />
          </span>
        ) : null}
      </span>
      <span className="grid min-w-0">
        <span className="truncate font-medium">{attachment.name}</span>
        {failed ? (
          <span role="alert" className="flex items-start gap-1 text-xs text-destructive">
            <TriangleAlert aria-hidden className="mt-0.5 size-3 shrink-0" />
            <span className="line-clamp-2" title={attachment.error}>
              {attachment.error}
            </span>
          </span>
        ) : (
          <span className="text-xs text-muted-foreground">
            {attachment.state === "uploading" ? "Uploading…" : formatSize(attachment.size)}
          </span>
        )}
      </span>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        aria-label={`Remove ${attachment.name}`}
        onClick={onRemove}
        className="absolute top-1 right-1 size-6 rounded-full text-muted-foreground hover:text-foreground"
      >
        <X aria-hidden className="size-3.5" />
      </Button>
    </li>
  );
}
