"use client";
import { useRef } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/auth/form-parts";
import { useFormRequest } from "@/components/settings/use-form-request";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { updateModelSetting, type InstalledModelView } from "@/lib/client/admin-models";

/** The name users see in their picker instead of the model's id; empty goes back to the id. */
export function DisplayNameDialog({
  model,
  onClose,
  onSaved,
}: {
  model: InstalledModelView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  return (
    <Dialog open={model !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        {model ? (
          <DisplayNameForm
            model={model}
            onSaved={() => {
              onClose();
              onSaved();
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function DisplayNameForm({ model, onSaved }: { model: InstalledModelView; onSaved: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const { error, invalid, pending, send } = useFormRequest({ displayName: inputRef });
  return (
    <DialogForm
      title="Display name"
      description={`What users see in their model picker for ${model.id}.`}
      error={error}
      pending={pending}
      submitLabel="Save"
      onSubmit={(event) => {
        event.preventDefault();
        const displayName = String(new FormData(event.currentTarget).get("displayName") ?? "").trim();
        void send(
          () => updateModelSetting({ model: model.id, displayName: displayName || null }),
          () => {
            toast.success(
              displayName ? `${model.id} is shown as ${displayName}.` : `${model.id} shows its own name.`,
            );
            onSaved();
          },
        );
      }}
    >
      <FormField
        ref={inputRef}
        id="display-name"
        name="displayName"
        label="Display name"
        defaultValue={model.displayName ?? ""}
        placeholder={model.id}
        maxLength={80}
        autoComplete="off"
        invalid={invalid === "displayName"}
        hint="Leave empty to show the model's own name."
      />
    </DialogForm>
  );
}
