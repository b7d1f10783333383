"use client";
import { useRef } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/auth/form-parts";
import { useFormRequest } from "@/components/settings/use-form-request";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { updateUser } from "@/lib/client/admin-users";
import { USER_LIMITS, type AdminUserRow } from "@/lib/shared/admin-users";

type LimitField = keyof typeof USER_LIMITS;

/** "" -> null (the instance's default); otherwise a whole number in range, or a sentence why not. */
function parseLimit(field: LimitField, text: string): number | null | string {
  const trimmed = text.trim().replace(/[,_ ]/g, "");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  const { min, max } = USER_LIMITS[field];
  if (!Number.isInteger(value) || value < min || value > max) {
    return `Enter a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}, or leave it empty.`;
  }
  return value;
}

/** Per-user limits; empty means the server's defaults. */
export function LimitsDialog({
  user,
  onClose,
  onSaved,
}: {
  user: AdminUserRow | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  return (
    <Dialog open={user !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        {user ? (
          <LimitsForm
            user={user}
            onSaved={() => {
              toast.success(`Limits saved for ${user.email}`);
              onClose();
              onSaved();
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function LimitsForm({ user, onSaved }: { user: AdminUserRow; onSaved: () => void }) {
  const requestsRef = useRef<HTMLInputElement>(null);
  const tokensRef = useRef<HTMLInputElement>(null);
  const { error, invalid, pending, fail, send } = useFormRequest({
    requestsPerMinute: requestsRef,
    tokensPerDay: tokensRef,
  });

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const requestsPerMinute = parseLimit("requestsPerMinute", String(data.get("requestsPerMinute") ?? ""));
    if (typeof requestsPerMinute === "string") return fail("requestsPerMinute", requestsPerMinute);
    const tokensPerDay = parseLimit("tokensPerDay", String(data.get("tokensPerDay") ?? ""));
    if (typeof tokensPerDay === "string") return fail("tokensPerDay", tokensPerDay);
    await send(() => updateUser(user.id, { requestsPerMinute, tokensPerDay }), onSaved);
  }

  return (
    <DialogForm
      title="Usage limits"
      description={
        <>
          For <span className="font-medium text-foreground">{user.email}</span>, across the chat and their API
          keys. Leave a field empty to use the server&apos;s default.
        </>
      }
      error={error}
      pending={pending}
      submitLabel="Save limits"
      onSubmit={onSubmit}
    >
      <FormField
        ref={requestsRef}
        id="limit-requests"
        name="requestsPerMinute"
        label="Requests per minute"
        inputMode="numeric"
        autoComplete="off"
        placeholder="Default"
        defaultValue={user.requestsPerMinute ?? ""}
        autoFocus
        invalid={invalid === "requestsPerMinute"}
      />
      <FormField
        ref={tokensRef}
        id="limit-tokens"
        name="tokensPerDay"
        label="Tokens per day"
        inputMode="numeric"
        autoComplete="off"
        placeholder="Default"
        defaultValue={user.tokensPerDay ?? ""}
        hint="Prompt and completion tokens together, per day (UTC)."
        invalid={invalid === "tokensPerDay"}
      />
    </DialogForm>
  );
}
