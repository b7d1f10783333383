"use client";
import { useId, useState } from "react";
import { fillPrompt, usePrompts } from "@/components/prompts";
import type { Prompt } from "@/lib/client/api-types";
import { matchPrompts, slashQuery } from "./slash-query";

/**
 * The "/" prompt picker's state: typing "/" at the start of an empty message
 * opens the user's prompts, filtered by what follows. Keys go through
 * `onKeyDown` first; a chosen prompt with {{variables}} waits in `filling`
 * for the variables dialog, then `onInsert` gets the finished text.
 */
export function usePromptPicker({ text, onInsert }: { text: string; onInsert: (text: string) => void }) {
  // Starts empty and loads each time a "/" is typed, so a prompt just made in Settings is there.
  const library = usePrompts([]);
  const [requested, setRequested] = useState(false);
  const [active, setActive] = useState(0);
  // Esc hides the list for the text it was pressed on; typing on brings it back.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [filling, setFilling] = useState<Prompt | null>(null);
  const listId = useId();

  const query = slashQuery(text, library.prompts);
  const matches = query === null ? [] : matchPrompts(library.prompts, query);
  const open = query !== null && text !== dismissed && filling === null;
  const activeIndex = Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;
  // Until the first answer arrives there is nothing to say "no prompts" about.
  const loading = !requested || (library.status === "loading" && library.prompts.length === 0);

  /** Call with each new text: a fresh "/" reloads the library, and the highlight starts at the top. */
  function onTextChange(next: string) {
    setActive(0);
    if (slashQuery(next, library.prompts) !== null && (query === null || !requested)) {
      setRequested(true);
      void library.reload();
    }
  }

  function choose(prompt: Prompt) {
    if (prompt.variables.length > 0) setFilling(prompt);
    else onInsert(fillPrompt(prompt.body, {}));
  }

  /** Handles the list's keys; true when the key was the list's (the caller then does nothing else). */
  function onKeyDown(event: React.KeyboardEvent): boolean {
    if (!open || event.nativeEvent.isComposing) return false;
    if (event.key === "Escape") {
      // Handled here, so the chat's Esc (stop the answer) leaves it alone.
      event.preventDefault();
      setDismissed(text);
      return true;
    }
    const count = matches.length;
    if (count === 0) {
      // The list is still loading: Enter waits for it rather than sending the bare "/query".
      if (loading && event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        return true;
      }
      return false;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setActive((activeIndex + (event.key === "ArrowDown" ? 1 : count - 1)) % count);
      return true;
    }
    if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
      event.preventDefault();
      choose(matches[activeIndex]!);
      return true;
    }
    return false;
  }

  return {
    open,
    onTextChange,
    onKeyDown,
    /**
     * For the message box: it keeps the focus, and the list's highlight is announced through it
     * (a textbox with a popup, the shape Chromium's accessibility tests use for autocomplete).
     */
    inputProps: {
      // A textarea is a textbox, which may not carry aria-expanded: the list
      // is announced by aria-controls (while open) and the active option.
      "aria-haspopup": "listbox" as const,
      "aria-autocomplete": "list" as const,
      "aria-controls": open ? listId : undefined,
      "aria-activedescendant": open && matches.length > 0 ? optionId(activeIndex) : undefined,
    },
    list: {
      id: listId,
      matches,
      active: activeIndex,
      optionId,
      status: loading ? "loading" : library.status,
      error: library.status === "error" ? library.message : null,
      empty: library.prompts.length === 0,
      onChoose: choose,
      onHover: setActive,
    },
    dialog: {
      prompt: filling,
      onClose: () => {
        // Cancelled: the "/query" stays, without the list over it.
        setDismissed(text);
        setFilling(null);
      },
      onFilled: onInsert,
    },
  };
}

export type PromptPickerList = ReturnType<typeof usePromptPicker>["list"];
