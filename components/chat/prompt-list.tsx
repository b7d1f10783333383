"use client";
import Link from "next/link";
import { useEffect } from "react";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils/cn";
import type { PromptPickerList } from "./use-prompt-picker";

/**
 * The "/" list above the composer: the matching prompts, the highlighted one
 * followed by the message box's aria-activedescendant. It never takes the
 * focus, so typing goes on in the box; a click chooses.
 */
export function PromptList({ list }: { list: PromptPickerList }) {
  const { id, matches, active, optionId, status, error, empty, onChoose, onHover } = list;

  // Arrow keys move past the visible part of a long list: keep the highlight in view.
  const activeId = matches.length ? optionId(active) : null;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  return (
    <div
      className="absolute inset-x-0 bottom-full z-30 mb-2 overflow-hidden rounded-2xl border bg-popover text-popover-foreground shadow-lg"
      // Keep the focus (and the caret) in the message box.
      onMouseDown={(event) => event.preventDefault()}
    >
      <p className="px-4 pt-3 pb-1 text-xs font-medium text-muted-foreground">Prompts</p>
      <ul
        role="listbox"
        id={id}
        aria-label="Prompts"
        className={cn("max-h-64 overflow-y-auto px-1.5", matches.length && "pb-1.5")}
      >
        {matches.map((prompt, index) => (
          <li
            key={prompt.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            onMouseMove={() => index !== active && onHover(index)}
            onClick={() => onChoose(prompt)}
            className={cn(
              "grid cursor-pointer gap-0.5 rounded-xl px-2.5 py-2 text-sm",
              index === active && "bg-accent text-accent-foreground",
            )}
          >
            <span className="truncate font-medium">{prompt.name}</span>
            <span className="truncate text-xs text-muted-foreground">{prompt.body}</span>
          </li>
        ))}
      </ul>
      {matches.length === 0 ? (
        <div role="status" className="px-4 pt-1 pb-3 text-sm text-muted-foreground">
          {status === "loading" ? (
            <span className="flex items-center gap-2">
              <Spinner /> Loading prompts…
            </span>
          ) : error && empty ? (
            error
          ) : empty ? (
            <>
              No prompts yet.{" "}
              <Link
                href="/settings/prompts"
                className="font-medium text-foreground underline underline-offset-4"
              >
                Create one in Settings → Prompts
              </Link>
            </>
          ) : (
            "No prompts match"
          )}
        </div>
      ) : null}
    </div>
  );
}
