"use client";
import { useRef, useState } from "react";
import { FormField } from "@/components/auth/form-parts";
import { Badge } from "@/components/ui/badge";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { createWebhook, updateWebhook } from "@/lib/client/webhooks";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/shared/webhook-events";
import type { WebhookEndpointView } from "@/lib/webhooks/schemas";
import { useFormRequest } from "../use-form-request";
import { WebhookSecretStep } from "./webhook-secret-step";

/**
 * Adds an endpoint (then shows its signing secret, once) or edits one:
 * URL, description, events and whether payloads carry message text.
 */
export function WebhookDialog({
  open,
  editing,
  isAdmin,
  onOpenChange,
  onSaved,
}: {
  open: boolean;
  /** The endpoint to edit; null to add one. */
  editing: WebhookEndpointView | null;
  isAdmin: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (webhook: WebhookEndpointView) => void;
}) {
  const [secret, setSecret] = useState<string | null>(null);

  function changeOpen(next: boolean) {
    // Forget the secret as soon as the dialog closes.
    if (!next) setSecret(null);
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent
        className="sm:max-w-lg"
        // A stray click beside the dialog must not throw away a secret that cannot be shown again.
        onInteractOutside={(event) => {
          if (secret) event.preventDefault();
        }}
      >
        {secret ? (
          <WebhookSecretStep secret={secret} onDone={() => changeOpen(false)} />
        ) : (
          <WebhookForm
            key={editing?.id ?? "new"}
            editing={editing}
            isAdmin={isAdmin}
            onSaved={(saved, newSecret) => {
              onSaved(saved);
              if (newSecret) setSecret(newSecret);
              else changeOpen(false);
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function WebhookForm({
  editing,
  isAdmin,
  onSaved,
}: {
  editing: WebhookEndpointView | null;
  isAdmin: boolean;
  onSaved: (webhook: WebhookEndpointView, secret?: string) => void;
}) {
  const urlRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLInputElement>(null);
  const eventsRef = useRef<HTMLFieldSetElement>(null);
  const { error, invalid, pending, fail, send } = useFormRequest({
    url: urlRef,
    description: descriptionRef,
    events: eventsRef,
  });
  const [events, setEvents] = useState<Set<string>>(
    () => new Set(editing?.events ?? ["chat.message.completed"]),
  );
  const [includeContent, setIncludeContent] = useState(editing?.includeContent ?? false);
  const offered = WEBHOOK_EVENT_TYPES.filter((type) => isAdmin || !WEBHOOK_EVENTS[type].adminOnly);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const url = String(data.get("url") ?? "").trim();
    if (!url) return fail("url", "Enter the URL Hearth should send events to.");
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
      return fail("url", "Enter a full http:// or https:// URL, such as https://example.com/hooks/hearth.");
    if (events.size === 0) return fail("events", "Choose at least one event.");
    const body = {
      url,
      description: String(data.get("description") ?? "").trim(),
      events: [...events] as WebhookEventType[],
      includeContent,
    };
    if (editing)
      await send(
        () => updateWebhook(editing.id, body),
        (saved) => onSaved(saved),
      );
    else
      await send(
        () => createWebhook(body),
        ({ secret, ...saved }) => onSaved(saved, secret),
      );
  }

  function toggle(type: string, on: boolean) {
    setEvents((current) => {
      const next = new Set(current);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });
  }

  return (
    <DialogForm
      title={editing ? "Edit webhook" : "Add webhook"}
      description="Hearth POSTs a signed JSON event to this URL when something you choose happens."
      error={error}
      pending={pending}
      submitLabel={editing ? "Save" : "Add webhook"}
      onSubmit={onSubmit}
    >
      <FormField
        ref={urlRef}
        id="webhook-url"
        name="url"
        label="Endpoint URL"
        type="url"
        placeholder="https://example.com/hooks/hearth"
        autoComplete="off"
        spellCheck={false}
        defaultValue={editing?.url}
        maxLength={2000}
        required
        autoFocus
        invalid={invalid === "url"}
      />
      <FormField
        ref={descriptionRef}
        id="webhook-description"
        name="description"
        label="Description"
        placeholder="Optional, e.g. usage dashboard"
        autoComplete="off"
        defaultValue={editing?.description}
        maxLength={500}
        invalid={invalid === "description"}
      />
      <fieldset
        ref={eventsRef}
        tabIndex={-1}
        aria-invalid={invalid === "events" || undefined}
        className="grid gap-2 outline-none"
      >
        <legend className="mb-2 text-sm font-medium">Events</legend>
        {offered.map((type) => (
          <label
            key={type}
            className="flex cursor-pointer items-start gap-2.5 rounded-lg border px-3 py-2 text-sm has-checked:border-foreground/30 has-checked:bg-muted/40"
          >
            <input
              type="checkbox"
              checked={events.has(type)}
              onChange={(e) => toggle(type, e.target.checked)}
              className="mt-0.5 size-4 accent-foreground"
            />
            <span className="grid gap-0.5">
              <span className="flex flex-wrap items-center gap-2 font-medium">
                <code className="font-mono text-[13px]">{type}</code>
                {WEBHOOK_EVENTS[type].adminOnly ? <Badge variant="outline">Admin</Badge> : null}
              </span>
              <span className="text-xs text-muted-foreground">{WEBHOOK_EVENTS[type].description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="flex cursor-pointer items-start gap-2.5 text-sm">
        <input
          type="checkbox"
          checked={includeContent}
          onChange={(e) => setIncludeContent(e.target.checked)}
          className="mt-0.5 size-4 accent-foreground"
        />
        <span className="grid gap-0.5">
          <span className="font-medium">Include message text</span>
          <span className="text-xs text-muted-foreground">
            Off: events carry ids, model and token counts only. On: chat replies include their text.
          </span>
        </span>
      </label>
    </DialogForm>
  );
}
