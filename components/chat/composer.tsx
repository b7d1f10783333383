"use client";
import { ArrowUp, Square } from "lucide-react";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils/cn";

/**
 * The message box: grows with its text up to a limit, Enter sends,
 * Shift+Enter breaks the line. `onSend` gets the trimmed text. The box
 * empties at once; if `onSend` resolves false (the send failed) the draft
 * comes back. While an answer streams, the send button is a Stop button.
 */
export function Composer({
  onSend,
  streaming = false,
  onStop,
  busy = false,
}: {
  onSend: (text: string) => boolean | Promise<boolean> | void;
  /** An answer is being written: Enter waits, the button stops it. */
  streaming?: boolean;
  onStop?: () => void;
  /** A send is on its way: the button shows it. */
  busy?: boolean;
}) {
  const [text, setText] = useState("");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const empty = text.trim() === "";

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
    if (empty || streaming || busy) {
      textareaRef.current?.focus();
      return;
    }
    const draft = text.trim();
    const result = onSend(draft);
    if (result === true) setText("");
    else if (result instanceof Promise) {
      setText("");
      void result.then((accepted) => {
        // Give the draft back, unless something new has been typed meanwhile.
        if (!accepted) setText((current) => (current === "" ? draft : current));
      });
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      className={cn(
        "flex w-full items-end gap-2 rounded-[28px] border bg-background p-2.5 pl-5 shadow-sm transition-shadow dark:bg-secondary/60",
        "focus-within:shadow-md focus-within:ring-[3px] focus-within:ring-ring/30",
      )}
    >
      <textarea
        ref={textareaRef}
        rows={1}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
        placeholder="Message Hearth"
        aria-label="Message Hearth"
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
          aria-disabled={empty || busy || undefined}
          className={cn("shrink-0 rounded-full", (empty || busy) && "opacity-40 hover:bg-primary")}
        >
          {busy ? <Spinner className="size-5" /> : <ArrowUp aria-hidden className="size-5" />}
        </Button>
      )}
    </form>
  );
}
