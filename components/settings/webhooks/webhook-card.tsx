"use client";
import {
  ChevronDown,
  KeyRound,
  MoreHorizontal,
  Pause,
  Pencil,
  Play,
  Send,
  Trash2,
  TriangleAlert,
} from "lucide-react";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { LocalTime } from "@/components/ui/local-time";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/shared/webhook-events";
import type { WebhookEndpointView } from "@/lib/webhooks/schemas";
import { cn } from "@/lib/utils/cn";
import { DeliveryLog } from "./delivery-log";

export interface WebhookActions {
  onSendTest: (webhook: WebhookEndpointView) => Promise<boolean>;
  onEdit: (webhook: WebhookEndpointView) => void;
  onToggle: (webhook: WebhookEndpointView) => void;
  onRotate: (webhook: WebhookEndpointView) => void;
  onDelete: (webhook: WebhookEndpointView) => void;
}

/** One endpoint: where it points, what it hears, its state, and its delivery log on demand. */
export function WebhookCard({ webhook, actions }: { webhook: WebhookEndpointView; actions: WebhookActions }) {
  const [showLog, setShowLog] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const [testing, setTesting] = useState(false);
  const logId = useId();
  const disabledByHearth = !webhook.enabled && webhook.disabledReason !== "Paused by you.";

  async function sendTest() {
    setTesting(true);
    if (await actions.onSendTest(webhook)) {
      setShowLog(true);
      setRefreshKey((k) => k + 1);
    }
    setTesting(false);
  }

  return (
    <article
      aria-label={webhook.url}
      data-testid="webhook-card"
      className="overflow-hidden rounded-xl border bg-card shadow-xs"
    >
      <div className="grid gap-3 p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="grid min-w-0 gap-1">
            <p className="truncate font-mono text-sm font-medium" title={webhook.url}>
              {webhook.url}
            </p>
            <p className="text-xs text-muted-foreground">
              {webhook.description ? `${webhook.description} · ` : ""}Added{" "}
              <LocalTime iso={webhook.createdAt} />
              {webhook.includeContent ? " · includes message text" : ""}
            </p>
          </div>
          <div className="flex items-center gap-2">
            <StateBadge webhook={webhook} />
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="icon" aria-label={`More actions for ${webhook.url}`}>
                  <MoreHorizontal aria-hidden />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem onSelect={() => actions.onEdit(webhook)}>
                  <Pencil aria-hidden /> Edit
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => actions.onToggle(webhook)}>
                  {webhook.enabled ? <Pause aria-hidden /> : <Play aria-hidden />}
                  {webhook.enabled ? "Pause" : "Enable"}
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => actions.onRotate(webhook)}>
                  <KeyRound aria-hidden /> New signing secret
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem variant="destructive" onSelect={() => actions.onDelete(webhook)}>
                  <Trash2 aria-hidden /> Delete
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        </div>

        <ul className="flex flex-wrap gap-1.5" aria-label="Events">
          {webhook.events.map((type) => (
            <li key={type}>
              <Badge
                variant="secondary"
                className="font-mono"
                title={WEBHOOK_EVENTS[type as WebhookEventType]?.label}
              >
                {type}
              </Badge>
            </li>
          ))}
        </ul>

        {disabledByHearth ? (
          <p
            role="status"
            className="flex items-start gap-2 rounded-lg border border-red-500/30 bg-red-500/10 px-3 py-2.5 text-sm text-red-800 dark:text-red-300"
          >
            <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>{webhook.disabledReason} Fix the receiver, then enable the webhook again.</span>
          </p>
        ) : webhook.enabled && webhook.failingSince ? (
          <p className="text-xs text-amber-700 dark:text-amber-300">
            Deliveries have been failing since <LocalTime iso={webhook.failingSince} />. After 3 days of
            failures the webhook is disabled.
          </p>
        ) : null}

        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={!webhook.enabled || testing}
            onClick={() => void sendTest()}
          >
            <Send aria-hidden />
            Send test event
          </Button>
          <Button
            variant="ghost"
            size="sm"
            aria-expanded={showLog}
            aria-controls={logId}
            onClick={() => setShowLog((v) => !v)}
          >
            <ChevronDown aria-hidden className={cn("transition-transform", showLog && "rotate-180")} />
            {showLog ? "Hide deliveries" : "Show deliveries"}
          </Button>
        </div>
      </div>
      {showLog ? (
        <div id={logId} className="border-t">
          <DeliveryLog webhookId={webhook.id} enabled={webhook.enabled} refreshKey={refreshKey} />
        </div>
      ) : null}
    </article>
  );
}

function StateBadge({ webhook }: { webhook: WebhookEndpointView }) {
  if (!webhook.enabled)
    return (
      <Badge variant="outline" className="border-red-600/30 text-red-700 dark:text-red-300">
        {webhook.disabledReason === "Paused by you." ? "Paused" : "Disabled"}
      </Badge>
    );
  if (webhook.failingSince)
    return (
      <Badge variant="outline" className="border-amber-600/30 text-amber-700 dark:text-amber-300">
        Failing
      </Badge>
    );
  return (
    <Badge variant="outline" className="border-emerald-600/30 text-emerald-700 dark:text-emerald-300">
      Active
    </Badge>
  );
}
