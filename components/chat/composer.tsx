"use client";
import { ArrowUp } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

/**
 * The message box: grows with its text, Enter sends, Shift+Enter breaks the
 * line. `onSend` gets the trimmed text; the draft stays until it is accepted.
 */
export function Composer({ onSend }: { onSend: (text: string) => boolean | void }) {
  const [text, setText] = useState("");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const empty = text.trim() === "";

  // Focus on desktop only: on phones it would throw up the keyboard on arrival.
  useEffect(() => {
    if (window.matchMedia("(min-width: 768px)").matches) textareaRef.current?.focus();
  }, []);

  function send() {
    if (empty) {
      textareaRef.current?.focus();
      return;
    }
    if (onSend(text.trim()) === true) setText("");
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
        className="field-sizing-content max-h-52 min-h-9 flex-1 resize-none self-center bg-transparent py-1.5 text-base leading-6 outline-none placeholder:text-muted-foreground"
      />
      <Button
        type="submit"
        size="icon"
        aria-label="Send message"
        className={cn("shrink-0 rounded-full", empty && "opacity-40 hover:bg-primary")}
      >
        <ArrowUp className="size-5" />
      </Button>
    </form>
  );
}
