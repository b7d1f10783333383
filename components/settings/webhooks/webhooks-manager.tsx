"use client";
import { Plus, Webhook } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { errorMessage } from "@/lib/client/api";
import { deleteWebhook, rotateWebhookSecret, sendTestEvent, updateWebhook } from "@/lib/client/webhooks";
import type { WebhookEndpointView } from "@/lib/webhooks/schemas";
import { WebhookCard, type WebhookActions } from "./webhook-card";
import { WebhookDialog } from "./webhook-dialog";
import { WebhookSecretStep } from "./webhook-secret-step";

/**
 * Settings → Webhooks: the endpoints, adding and editing one (its secret
 * shown once), test events, the delivery log, pausing and deleting.
 */
export function WebhooksManager({
  initialWebhooks,
  isAdmin,
}: {
  initialWebhooks: WebhookEndpointView[];
  isAdmin: boolean;
}) {
  const [webhooks, setWebhooks] = useState(initialWebhooks);
  const [dialog, setDialog] = useState<{ open: boolean; editing: WebhookEndpointView | null }>({
    open: false,
    editing: null,
  });
  const [deleting, setDeleting] = useState<WebhookEndpointView | null>(null);
  const [rotating, setRotating] = useState<WebhookEndpointView | null>(null);
  const [rotatedSecret, setRotatedSecret] = useState<string | null>(null);

  const replace = (saved: WebhookEndpointView) =>
    setWebhooks((current) =>
      current.some((w) => w.id === saved.id)
        ? current.map((w) => (w.id === saved.id ? saved : w))
        : [saved, ...current],
    );

  const actions: WebhookActions = {
    async onSendTest(webhook) {
      try {
        await sendTestEvent(webhook.id);
        toast.success("Test event queued");
        return true;
      } catch (err) {
        toast.error(`Could not send a test event. ${errorMessage(err)}`);
        return false;
      }
    },
    onEdit: (webhook) => setDialog({ open: true, editing: webhook }),
    async onToggle(webhook) {
      try {
        replace(await updateWebhook(webhook.id, { enabled: !webhook.enabled }));
        toast.success(webhook.enabled ? "Webhook paused" : "Webhook enabled");
      } catch (err) {
        toast.error(errorMessage(err));
      }
    },
    onRotate: setRotating,
    onDelete: setDeleting,
  };

  const addButton = (
    <Button onClick={() => setDialog({ open: true, editing: null })}>
      <Plus aria-hidden />
      Add webhook
    </Button>
  );

  return (
    <div className="@container grid gap-10">
      <section aria-labelledby="webhooks-heading" className="grid gap-5">
        <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-4">
          <div className="grid max-w-xl gap-1.5">
            <h2 id="webhooks-heading" className="text-lg font-semibold">
              Webhooks
            </h2>
            <p className="text-sm text-muted-foreground">
              Let other systems hear what happens in Hearth. Each event is a signed JSON POST (the Standard
              Webhooks format), retried for about a day until your endpoint answers with a 2xx.
            </p>
          </div>
          {webhooks.length > 0 ? addButton : null}
        </div>

        {webhooks.length > 0 ? (
          <div className="grid gap-4">
            {webhooks.map((webhook) => (
              <WebhookCard key={webhook.id} webhook={webhook} actions={actions} />
            ))}
          </div>
        ) : (
          <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-12 text-center">
            <div className="flex size-11 items-center justify-center rounded-full bg-muted">
              <Webhook aria-hidden className="size-5 text-muted-foreground" />
            </div>
            <h3 className="mt-4 text-sm font-semibold">No webhooks yet</h3>
            <p className="mt-1 mb-5 max-w-sm text-sm text-muted-foreground">
              Add an endpoint to be told when a chat reply or an API request finishes
              {isAdmin ? ", a model download ends or someone joins" : ""}.
            </p>
            {addButton}
          </div>
        )}
      </section>

      <WebhookDialog
        open={dialog.open}
        editing={dialog.editing}
        isAdmin={isAdmin}
        onOpenChange={(open) => setDialog((d) => ({ ...d, open }))}
        onSaved={replace}
      />

      <ConfirmDialog
        item={deleting}
        title="Delete this webhook?"
        description={(w) => `${w.url} stops receiving events at once, and its delivery log is deleted.`}
        confirmLabel="Delete webhook"
        onConfirm={async (w) => {
          try {
            await deleteWebhook(w.id);
            setWebhooks((current) => current.filter((x) => x.id !== w.id));
            toast.success("Webhook deleted");
          } catch (err) {
            return errorMessage(err);
          }
        }}
        onClose={() => setDeleting(null)}
      />

      <ConfirmDialog
        item={rotating}
        title="Make a new signing secret?"
        description={(w) =>
          `Deliveries to ${w.url} are signed with the new secret from now on; the old one stops verifying. Update your receiver right away.`
        }
        confirmLabel="Make new secret"
        onConfirm={async (w) => {
          try {
            const rotated = await rotateWebhookSecret(w.id);
            setRotatedSecret(rotated.secret);
          } catch (err) {
            return errorMessage(err);
          }
        }}
        onClose={() => setRotating(null)}
      />

      <Dialog open={rotatedSecret !== null} onOpenChange={(open) => !open && setRotatedSecret(null)}>
        <DialogContent onInteractOutside={(event) => event.preventDefault()}>
          {rotatedSecret ? (
            <WebhookSecretStep secret={rotatedSecret} onDone={() => setRotatedSecret(null)} />
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
