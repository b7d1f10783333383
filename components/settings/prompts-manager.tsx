"use client";
import { MessageSquareText, Pencil, Plus, Trash2 } from "lucide-react";
import { useRef, useState } from "react";
import { usePrompts } from "@/components/prompts/use-prompts";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { Prompt } from "@/lib/client/api-types";
import { DeletePromptDialog } from "./delete-prompt-dialog";
import { PromptDialog, type PromptEditing } from "./prompt-dialog";

/** The Prompts page: the library, creating and editing a prompt in a dialog, deleting one. */
export function PromptsManager({ initialPrompts }: { initialPrompts: Prompt[] }) {
  const { prompts, setPrompts } = usePrompts(initialPrompts);
  const [editing, setEditing] = useState<PromptEditing | null>(null);
  const [deleting, setDeleting] = useState<Prompt | null>(null);
  const createButtonRef = useRef<HTMLButtonElement>(null);
  // The dialogs have no Radix trigger, so focus is handed back by hand.
  const openerRef = useRef<HTMLElement | null>(null);
  const rememberOpener = () => {
    openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  };
  const restoreFocus = (event: Event, openerGone = false) => {
    event.preventDefault();
    const opener = openerRef.current;
    openerRef.current = null;
    if (!openerGone && opener?.isConnected) opener.focus();
    else createButtonRef.current?.focus();
  };

  const createButton = (
    <Button
      ref={createButtonRef}
      onClick={() => {
        rememberOpener();
        setEditing({ mode: "create" });
      }}
    >
      <Plus aria-hidden />
      New prompt
    </Button>
  );

  return (
    <div className="grid gap-10">
      <section aria-labelledby="prompts-heading" className="grid gap-5">
        <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-4">
          <div className="grid max-w-xl gap-1.5">
            <h2 id="prompts-heading" className="text-lg font-semibold">
              Prompts
            </h2>
            <p className="text-sm text-muted-foreground">
              Save prompts you use often. Parts written as {"{{variable}}"} are asked for each time you use
              one.
            </p>
          </div>
          {prompts.length > 0 ? createButton : null}
        </div>

        {prompts.length > 0 ? (
          <ul aria-label="Your prompts" className="grid gap-3">
            {prompts.map((prompt) => (
              <li key={prompt.id} className="rounded-xl border p-4">
                <div className="flex items-start justify-between gap-3">
                  <div className="grid min-w-0 gap-1">
                    <h3 className="truncate font-medium" title={prompt.name}>
                      {prompt.name}
                    </h3>
                    <p className="line-clamp-2 text-sm break-words whitespace-pre-line text-muted-foreground">
                      {prompt.body}
                    </p>
                    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                      {prompt.variables.length > 0 ? (
                        <span>
                          Variables:{" "}
                          {prompt.variables.map((name, i) => (
                            <span key={name}>
                              {i > 0 ? ", " : null}
                              <code className="font-mono">{name}</code>
                            </span>
                          ))}
                        </span>
                      ) : null}
                      <span>
                        Updated <LocalTime iso={prompt.updatedAt} relative />
                      </span>
                    </p>
                  </div>
                  <div className="-mt-1.5 -mr-1.5 flex shrink-0">
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Edit prompt ${prompt.name}`}
                      title="Edit prompt"
                      className="text-muted-foreground"
                      onClick={() => {
                        rememberOpener();
                        setEditing({ mode: "edit", prompt });
                      }}
                    >
                      <Pencil />
                    </Button>
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Delete prompt ${prompt.name}`}
                      title="Delete prompt"
                      className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                      onClick={() => {
                        rememberOpener();
                        setDeleting(prompt);
                      }}
                    >
                      <Trash2 />
                    </Button>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-12 text-center">
            <div className="flex size-11 items-center justify-center rounded-full bg-muted">
              <MessageSquareText aria-hidden className="size-5 text-muted-foreground" />
            </div>
            <h3 className="mt-4 text-sm font-semibold">No prompts yet</h3>
            <p className="mt-1 mb-5 max-w-sm text-sm text-muted-foreground">
              Save a prompt once and reuse it in any chat, with blanks you fill in each time.
            </p>
            {createButton}
          </div>
        )}
      </section>

      <PromptDialog
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) =>
          setPrompts((current) => [saved, ...current.filter((prompt) => prompt.id !== saved.id)])
        }
        onCloseAutoFocus={(event) => restoreFocus(event)}
      />
      <DeletePromptDialog
        prompt={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(id) => setPrompts((current) => current.filter((prompt) => prompt.id !== id))}
        onCloseAutoFocus={(deleted, event) => restoreFocus(event, deleted)}
      />
    </div>
  );
}
