"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Prompt } from "@/lib/client/api-types";
import { fillPrompt, promptVariables } from "./fill-prompt";

/**
 * "Fill in the prompt": asks for each {{variable}} of `prompt` (open while it
 * is set) and hands back the filled text. A prompt without variables needs no dialog:
 * callers can use `fillPrompt(prompt.body, {})` directly.
 */
export function PromptVariablesDialog({
  prompt,
  onClose,
  onFilled,
}: {
  prompt: (Pick<Prompt, "name" | "body"> & { variables?: string[] }) | null;
  onClose: () => void;
  onFilled: (text: string) => void;
}) {
  return (
    <Dialog open={prompt !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        {prompt ? (
          <VariablesForm
            prompt={prompt}
            onFilled={(text) => {
              onFilled(text);
              onClose();
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function VariablesForm({
  prompt,
  onFilled,
}: {
  prompt: Pick<Prompt, "name" | "body"> & { variables?: string[] };
  onFilled: (text: string) => void;
}) {
  const variables = prompt.variables ?? promptVariables(prompt.body);
  const [values, setValues] = useState<Record<string, string>>({});
  const baseId = useId();

  return (
    <form
      className="grid gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        onFilled(fillPrompt(prompt.body, values));
      }}
    >
      <DialogHeader>
        <DialogTitle>Fill in the prompt</DialogTitle>
        <DialogDescription>
          <span className="font-medium text-foreground">{prompt.name}</span> has parts to fill in.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-4">
        {variables.map((name, i) => (
          <div key={name} className="grid gap-2">
            <Label htmlFor={`${baseId}-${i}`}>{name}</Label>
            <Input
              id={`${baseId}-${i}`}
              autoFocus={i === 0}
              value={values[name] ?? ""}
              onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
            />
          </div>
        ))}
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button type="submit">Use prompt</Button>
      </DialogFooter>
    </form>
  );
}
